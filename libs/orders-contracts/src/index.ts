export * from './orders.rpc';
