import type { ExecutionContext } from '@nestjs/common';

import type { RpcContract } from '@salesops/rpc';

export const RPC_CONTRACT = Symbol('rpc-contract');

/** The contract a NATS handler serves, set by @RpcHandler. */
export function contractOf(context: ExecutionContext): RpcContract | undefined {
  return Reflect.getMetadata(RPC_CONTRACT, context.getHandler()) as RpcContract | undefined;
}
