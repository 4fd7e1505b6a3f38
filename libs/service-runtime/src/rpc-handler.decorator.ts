import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

import { randomUUID } from 'node:crypto';

import {
  type CallContext,
  DomainError,
  type IdentityClaims,
  type RpcContract,
  RpcHeader,
  validationError,
} from '@salesops/rpc';

import { deadlineOf } from './call-deadline';
import { identityOf, identityTokenOf } from './identity.guard';
import { natsHeader, servedTraceparent } from './nats-headers';
import { contractOf, RPC_CONTRACT } from './rpc-contract.metadata';

/** Serves a contract's subject; its request is validated by @RpcPayload, its reply on the way out. */
export function RpcHandler(contract: RpcContract): MethodDecorator {
  return applyDecorators(MessagePattern(contract.subject), SetMetadata(RPC_CONTRACT, contract));
}

/** The request, parsed with the handler's contract: a bad one is VALIDATION_FAILED. */
export const RpcPayload = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const contract = contractOf(context);
  if (!contract) throw new Error('@RpcPayload needs @RpcHandler on the same method');
  const parsed = contract.request.safeParse(context.switchToRpc().getData());
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
});

/** The identity the gateway vouched for, verified by the IdentityGuard. */
export const RpcIdentity = createParamDecorator(
  (_: unknown, context: ExecutionContext): IdentityClaims => {
    const identity = identityOf(context);
    if (!identity) throw new DomainError('UNAUTHENTICATED', 'The message carries no identity');
    return identity;
  },
);

/**
 * What a handler needs to call other services on the caller's behalf: the request id, the
 * caller's identity as signed, which the contract's `onward` services accept too, and when the
 * caller gives up, which bounds every onward call.
 */
export const RpcCallContext = createParamDecorator(
  (_: unknown, context: ExecutionContext): CallContext => {
    const identity = identityOf(context);
    const identityToken = identityTokenOf(context);
    if (!identity || !identityToken) {
      throw new DomainError('UNAUTHENTICATED', 'The message carries no identity');
    }
    const deadline = deadlineOf(context);
    return {
      requestId: natsHeader(context, RpcHeader.requestId) ?? randomUUID(),
      traceparent: servedTraceparent(context),
      identity,
      identityToken,
      ...(deadline === undefined ? {} : { deadline }),
    };
  },
);
