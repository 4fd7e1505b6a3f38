export * from './event-consumer';
export * from './event-envelope';
export * from './outbox';
export * from './outbox-relay';
export * from './sql-runner';
export * from './streams';
export * from './outbox-relay.host';
export * from './event-consumer.host';
