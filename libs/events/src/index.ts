export * from './event-contract';
export * from './event-envelope';
