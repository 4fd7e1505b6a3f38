import type { MsgHdrs } from '@nats-io/transport-node';
import type { ExecutionContext } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';

import { RpcHeader, spans } from '@salesops/rpc';

/** A header of the NATS message being handled. */
export function natsHeader(context: ExecutionContext, name: string): string | undefined {
  const headers = context.switchToRpc().getContext<NatsContext>().getHeaders() as
    | MsgHdrs
    | undefined;
  return headers?.get(name) || undefined;
}

const served = new WeakMap<object, string | undefined>();

/**
 * The trace context a handled message is served in: its `traceparent` header (the caller's span),
 * or, when spans are exported, a span of its own in that trace, the same for the whole handling.
 */
export function servedTraceparent(context: ExecutionContext): string | undefined {
  const message = context.switchToRpc().getContext<NatsContext>();
  if (!spans.enabled) return natsHeader(context, RpcHeader.traceparent);
  if (!served.has(message)) {
    served.set(message, spans.childOf(natsHeader(context, RpcHeader.traceparent)));
  }
  return served.get(message);
}
