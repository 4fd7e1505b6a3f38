// What other services may import of training: its events.
export * from './training.events';
