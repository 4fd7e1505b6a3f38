export * from './orders.rpc';
export * from './orders.errors';
export * from './orders.events';
export * from './money';
