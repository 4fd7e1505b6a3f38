import { type ExecutionContext, SetMetadata } from '@nestjs/common';

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

/** What one parameter of a handler is given, from the message being handled. */
export type RpcParam = (context: ExecutionContext) => unknown;

const RPC_PARAMS = Symbol('rpc-params');

/** Serves a contract's subject; its request is validated by @RpcPayload, its reply on the way out. */
export function RpcHandler(contract: RpcContract): MethodDecorator {
  return SetMetadata(RPC_CONTRACT, contract);
}

function rpcParam(resolve: RpcParam): () => ParameterDecorator {
  return () => (target, key, index) => {
    if (key === undefined) throw new Error('an RPC parameter belongs to a handler method');
    const params = [...((Reflect.getMetadata(RPC_PARAMS, target, key) as RpcParam[]) ?? [])];
    params[index] = resolve;
    Reflect.defineMetadata(RPC_PARAMS, params, target, key);
  };
}

/** The resolvers of a handler's parameters; every parameter must have one. */
export function rpcParamsOf(prototype: object, key: string, arity: number): RpcParam[] {
  const params = (Reflect.getMetadata(RPC_PARAMS, prototype, key) as RpcParam[]) ?? [];
  const resolvers: RpcParam[] = [];
  for (let index = 0; index < Math.max(arity, params.length); index += 1) {
    const param = params[index];
    if (!param) {
      throw new Error(
        `parameter ${index} of ${key} has no @RpcPayload, @RpcIdentity or @RpcCallContext`,
      );
    }
    resolvers.push(param);
  }
  return resolvers;
}

/** The request, parsed with the handler's contract: a bad one is VALIDATION_FAILED. */
export const RpcPayload = rpcParam((context: ExecutionContext): unknown => {
  const contract = contractOf(context);
  if (!contract) throw new Error('@RpcPayload needs @RpcHandler on the same method');
  const parsed = contract.request.safeParse(context.switchToRpc().getData());
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
});

/** The identity the gateway vouched for, verified by the IdentityGuard. */
export const RpcIdentity = rpcParam((context: ExecutionContext): IdentityClaims => {
  const identity = identityOf(context);
  if (!identity) throw new DomainError('UNAUTHENTICATED', 'The message carries no identity');
  return identity;
});

/**
 * What a handler needs to call other services on the caller's behalf: the request id, the
 * caller's identity as signed, which the contract's `onward` services accept too, and when the
 * caller gives up, which bounds every onward call.
 */
export const RpcCallContext = rpcParam((context: ExecutionContext): CallContext => {
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
});
