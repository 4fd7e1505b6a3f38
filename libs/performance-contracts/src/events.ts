// What other services may import of performance: its events.
export * from './performance.events';
