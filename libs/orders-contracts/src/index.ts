export * from './orders.rpc';
export * from './orders.errors';
export * from './orders.events';
export * from './money';
export * from './product.schemas';
export * from './product.rpc';
export * from './order.schemas';
export * from './order.rpc';
