import type { MsgHdrs } from '@nats-io/transport-node';
import type { ExecutionContext } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';

/** A header of the NATS message being handled. */
export function natsHeader(context: ExecutionContext, name: string): string | undefined {
  const headers = context.switchToRpc().getContext<NatsContext>().getHeaders() as
    | MsgHdrs
    | undefined;
  return headers?.get(name) || undefined;
}
