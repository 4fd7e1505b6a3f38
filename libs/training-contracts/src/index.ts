export * from './training.rpc';
