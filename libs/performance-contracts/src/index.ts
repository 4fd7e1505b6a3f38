export * from './performance.rpc';
export * from './performance.errors';
export * from './performance.events';
