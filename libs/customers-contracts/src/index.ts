export * from './customers.rpc';
export * from './customer.rpc';
export * from './customer.schemas';
export * from './customer-import.schemas';
export * from './follow-up.schemas';
export * from './lead-quota.schemas';
export * from './customers.errors';
export * from './customers.events';
