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
  return connect(options).then((nc) => {
    coalesceWrites(nc);
    return nc;
  });
}

/** The part of nats.js's (internal) protocol handler that queues and writes messages. */
interface ProtocolHandler {
  outbound: {
    length(): number;
    size(): number;
    fill(data: Uint8Array, ...more: Uint8Array[]): void;
  };
  pendingLimit: number;
  sendCommand(cmd: string | Uint8Array, ...payloads: Uint8Array[]): void;
  flushPending(): void;
}

const encoder = new TextEncoder();

/**
 * nats.js writes its queued messages on the microtask after the first one is queued: a service
 * under load answers each request after its own database reply, so each answer was its own write
 * (a syscall here, a read in nats-server). Queued until the event loop has handled the I/O at hand
 * (setImmediate), the messages of one turn go out in one write, in the same order; a full buffer
 * is still written at once. Left as it is if the handler is not the one this was written for.
 */
export function coalesceWrites(nc: NatsConnection): void {
  const protocol = (nc as unknown as { protocol?: Partial<ProtocolHandler> }).protocol;
  if (
    typeof protocol?.sendCommand !== 'function' ||
    typeof protocol.flushPending !== 'function' ||
    typeof protocol.outbound?.fill !== 'function' ||
    typeof protocol.pendingLimit !== 'number'
  ) {
    return;
  }
  const handler = protocol as ProtocolHandler;
  const flush = () => handler.flushPending();
  handler.sendCommand = (cmd, ...payloads) => {
    const queued = handler.outbound.length();
    handler.outbound.fill(typeof cmd === 'string' ? encoder.encode(cmd) : cmd, ...payloads);
    if (queued === 0) setImmediate(flush);
    else if (handler.outbound.size() >= handler.pendingLimit) handler.flushPending();
  };
}
