import { readFileSync } from 'node:fs';

import {
  connect,
  type ConnectionOptions,
  credsAuthenticator,
  type NatsConnection,
} from '@nats-io/transport-node';

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

/** How a process reaches NATS: the server, and where it has them, its user and TLS files. */
export interface NatsAccess {
  servers: string;
  user?: string;
  pass?: string;
  /** A NATS credentials file (user JWT and NKey seed), instead of user and password. */
  credsFile?: string;
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
}

/** Replies to `service`'s requests come to an inbox only its NATS user may subscribe to. */
export function inboxPrefixOf(service: string): string {
  return `_INBOX_${service}`;
}

/**
 * Connects as `service` (its reply inbox, and the user the server's permissions name) under
 * the connection name `name`.
 */
export function connectNats(
  access: NatsAccess | string,
  name: string,
  service?: string,
): Promise<NatsConnection> {
  const { servers, user, pass, credsFile, tls } =
    typeof access === 'string' ? { servers: access } : access;
  const options: ConnectionOptions = { servers, name, ...resilientNatsOptions };
  if (service) options.inboxPrefix = inboxPrefixOf(service);
  if (user !== undefined) Object.assign(options, { user, pass });
  if (credsFile) options.authenticator = credsAuthenticator(readFileSync(credsFile));
  if (tls) options.tls = tls;
  return connect(options);
}
