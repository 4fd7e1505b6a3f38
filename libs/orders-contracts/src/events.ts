// What other services may import of orders: its events.
export * from './orders.events';
