import { connect, type NatsConnection } from '@nats-io/transport-node';

/**
 * The client defaults give up after ten reconnect attempts, after which a subscriber never comes
 * back: reconnect forever and notice a dead link within seconds.
 */
export const resilientNatsOptions = {
  maxReconnectAttempts: -1,
  reconnectTimeWait: 500,
  waitOnFirstConnect: true,
  pingInterval: 5000,
  maxPingOut: 2,
  // Async stack traces cost an Error with a stack on every request (~10% of the gateway's CPU).
  noAsyncTraces: true,
} as const;

export function connectNats(servers: string, name: string): Promise<NatsConnection> {
  return connect({ servers, name, ...resilientNatsOptions });
}
