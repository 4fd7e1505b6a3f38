export * from './training.rpc';
export * from './training.errors';
export * from './training.events';
