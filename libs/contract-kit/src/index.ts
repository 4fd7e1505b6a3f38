export * from './domain-error';
export * from './error-catalog';
export * from './rpc-contract';
export * from './shared-errors';
export * from './page';
export * from './tasks-contract';
export * from './money';
export * from './contact-query';
