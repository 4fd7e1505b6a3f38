export * from './cursor';
export * from './idempotency';
export * from './pg-adapter';
export * from './sql-runner';
export * from './versioning';
export * from './field-cipher';
export * from './database-failure';
