import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

import {
  type Caller,
  DomainError,
  type RpcContract,
  RpcHeader,
  validationError,
} from '@salesops/rpc';

import { callerFromHeader, natsHeader } from './nats-headers';

export const RPC_CONTRACT = Symbol('rpc-contract');

/** Serves a contract's subject; its request is validated by @RpcPayload, its reply on the way out. */
export function RpcHandler(contract: RpcContract): MethodDecorator {
  return applyDecorators(MessagePattern(contract.subject), SetMetadata(RPC_CONTRACT, contract));
}

export function contractOf(context: ExecutionContext): RpcContract | undefined {
  return Reflect.getMetadata(RPC_CONTRACT, context.getHandler()) as RpcContract | undefined;
}

/** The request, parsed with the handler's contract: a bad one is VALIDATION_FAILED. */
export const RpcPayload = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const contract = contractOf(context);
  if (!contract) throw new Error('@RpcPayload needs @RpcHandler on the same method');
  const parsed = contract.request.safeParse(context.switchToRpc().getData());
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
});

/** The caller the gateway vouched for. */
export const RpcCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = callerFromHeader(natsHeader(context, RpcHeader.caller));
  if (!caller) throw new DomainError('UNAUTHENTICATED', 'The message carries no caller');
  return caller;
});
