// What other services may import of customers: its events.
export * from './customers.events';
