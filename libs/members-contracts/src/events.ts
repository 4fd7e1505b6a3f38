// What other services may import of members: its events and the vocabulary their data use.
export * from './members.events';
export * from './organisation';
