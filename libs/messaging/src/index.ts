export * from './event-consumer';
export * from './bus-subjects';
// Kept here too: services read envelopes through the messaging runtime.
export * from '@salesops/events';
export * from './outbox';
export * from './outbox-relay';
export * from './sql-runner';
export * from './streams';
export * from './outbox-relay.host';
export * from './event-consumer.host';
export * from './bus-permissions';
export * from './subject-version';
export * from './retention';
export * from './retention.host';
export * from './until-bus-answers';
