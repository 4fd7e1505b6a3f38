import type { ExecutionContext } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';

import { type Deadline, deadlineFromHeader, RpcHeader } from '@salesops/rpc';

import { natsHeader } from './nats-headers';

const deadlines = new WeakMap<object, Deadline | null>();

/**
 * When the caller of the message being handled gives up, from its `x-salesops-time-left-ms`
 * header, fixed the first time it is asked (as the message enters the handler pipeline).
 */
export function deadlineOf(context: ExecutionContext): Deadline | undefined {
  const message = context.switchToRpc().getContext<NatsContext>();
  let deadline = deadlines.get(message);
  if (deadline === undefined) {
    deadline = deadlineFromHeader(natsHeader(context, RpcHeader.timeLeft)) ?? null;
    deadlines.set(message, deadline);
  }
  return deadline ?? undefined;
}
