export * from './performance.rpc';
export * from './performance.errors';
export * from './performance.events';
export * from './kpi.schemas';
