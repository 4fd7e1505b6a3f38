import { z } from 'zod';

import type { Permission } from '@salesops/policy';

/** A request/reply subject with the schemas both sides validate against. */
export interface RpcContract<Req extends z.ZodType = z.ZodType, Rep extends z.ZodType = z.ZodType> {
  readonly subject: string;
  readonly request: Req;
  readonly reply: Rep;
  /** How long a caller waits before giving up with SERVICE_TIMEOUT. */
  readonly timeoutMs: number;
  /** What the caller must be allowed; null only for `anonymous` subjects. */
  readonly permission: Permission | null;
  /** Served without a gateway-signed identity (health pings only). */
  readonly anonymous: boolean;
  /**
   * The services its handler calls on the caller's behalf: the caller's identity is signed for
   * them too, and the handler forwards it (delegation limited to what the contract declares).
   */
  readonly onward: readonly string[];
  /**
   * The services that may call it in their own name, for work no caller waits for (a sweep undoing
   * a departure cut short), with an identity signed by the services' key. No one else may.
   */
  readonly background: readonly string[];
}

/** What a caller sends. */
export type RpcRequestInput<C extends RpcContract> = z.input<C['request']>;
/** What a handler receives, once parsed. */
export type RpcRequest<C extends RpcContract> = z.output<C['request']>;
export type RpcReply<C extends RpcContract> = z.output<C['reply']>;

export const DEFAULT_RPC_TIMEOUT_MS = 5000;
const SUBJECT_FORMAT = /^[a-z]+\.[a-z-]+\.[a-z-]+\.v\d+$/;

export function defineRpc<Req extends z.ZodType, Rep extends z.ZodType>(
  contract: {
    subject: string;
    request: Req;
    reply: Rep;
    timeoutMs?: number;
    onward?: readonly string[];
    background?: readonly string[];
  } & ({ permission: Permission; anonymous?: false } | { permission?: null; anonymous: true }),
): RpcContract<Req, Rep> {
  if (!SUBJECT_FORMAT.test(contract.subject)) {
    throw new Error(`RPC subject ${contract.subject} must read <service>.<entity>.<verb>.v<n>`);
  }
  return {
    timeoutMs: DEFAULT_RPC_TIMEOUT_MS,
    ...contract,
    permission: contract.permission ?? null,
    anonymous: contract.anonymous ?? false,
    onward: contract.onward ?? [],
    background: contract.background ?? [],
  };
}

/** The service that serves a subject. */
export function serviceOf(contract: RpcContract): string {
  return contract.subject.slice(0, contract.subject.indexOf('.'));
}

/** Who an identity for a call is signed for: the service, and those it calls on the caller's behalf. */
export function audienceOf(contract: RpcContract): string | string[] {
  return contract.onward.length === 0
    ? serviceOf(contract)
    : [serviceOf(contract), ...contract.onward];
}

const pingReplySchema = z.object({ service: z.string(), ready: z.boolean() });

/** Every service answers its ping, so the gateway's readiness can include it. */
export function pingContractOf(service: string) {
  return defineRpc({
    subject: `${service}.system.ping.v1`,
    request: z.object({}).strict(),
    reply: pingReplySchema,
    timeoutMs: 1000,
    anonymous: true,
  });
}
