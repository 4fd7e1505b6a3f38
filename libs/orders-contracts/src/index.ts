export * from './orders.rpc';
export * from './orders.errors';
export * from './orders.events';

export * from './product.schemas';
export * from './product.rpc';
export * from './order.schemas';
export * from './order.rpc';
export * from './sales-contract.schemas';
export * from './sales-contract.rpc';
