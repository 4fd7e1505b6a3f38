import type { MsgHdrs } from '@nats-io/transport-node';
import type { ExecutionContext } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';

import { type Caller, callerSchema } from '@salesops/rpc';

/** A header of the NATS message being handled. */
export function natsHeader(context: ExecutionContext, name: string): string | undefined {
  const headers = context.switchToRpc().getContext<NatsContext>().getHeaders() as
    | MsgHdrs
    | undefined;
  return headers?.get(name) || undefined;
}

/** The caller carried by a message, or undefined when it has none or a malformed one. */
export function callerFromHeader(raw: string | undefined): Caller | undefined {
  if (!raw) return undefined;
  try {
    const parsed = callerSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
