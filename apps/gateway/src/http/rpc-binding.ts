import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';

import type { CallContext, RpcClient, RpcContract, RpcRequestInput } from '@salesops/rpc';

import type { RouteSpec } from './api-route.decorator';
import { idempotencyKeyOf, ifMatchVersionOf } from './request-headers';
import { validated } from './validated';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Where a created resource is read, under the API's prefix, for one that has no `GET <route>/:id`
 * of its own (a follow-up is read in its customer's list): from the reply and the path's params.
 */
export type LocationOf = (
  created: Record<string, unknown>,
  params: Readonly<Record<string, string>>,
) => string;

/** `true`: `Location: <route>/<reply.id>`; or the resource's canonical URL (`LocationOf`). */
export type Located = boolean | LocationOf;

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** What an HTTP request brings to a call, each part validated by the route's schema for it. */
export interface HttpParts<P = { id: string }, Q = undefined, B = undefined> {
  params: P;
  query: Q;
  body: B;
  /** `Idempotency-Key`, read on idempotent routes only. */
  idempotencyKey: string | null;
  /** The version `If-Match` names, read on versioned routes only. */
  expectedVersion: number | null;
}

/** The HTTP side of a binding: where it is served and what the document says of it. */
export interface HttpSide<P extends Schema, Q extends Schema, B extends Schema> {
  method: HttpMethod;
  path: string;
  summary: string;
  status?: number;
  params: P;
  query: Q;
  body: B;
  /** What the reply is documented and audited as; the contract's reply unless given. */
  response?: z.ZodType;
  idempotent?: boolean;
  versioned?: boolean;
  /** Answers `Location` for a route that creates a resource. */
  located?: Located;
}

/** One HTTP route served by one RPC contract, ready for the registrar (rpc-controller.ts). */
export interface RpcBinding {
  method: HttpMethod;
  path: string;
  located: Located;
  /** The route's spec but its tag, which the controller gives; its permission is the contract's. */
  spec: Omit<RouteSpec, 'tag'>;
  send(rpc: RpcClient, request: FastifyRequest, context: CallContext): Promise<unknown>;
}

function part<S extends Schema>(
  schema: S,
  value: unknown,
  where: 'params' | 'query' | 'body',
): Out<S> {
  return (schema ? validated(schema, value, where) : undefined) as Out<S>;
}

/**
 * Binds an HTTP route to a contract: the request is validated part by part (path, query, body,
 * then the `If-Match` and `Idempotency-Key` headers where the route takes them) and made into the
 * contract's request by `request`. The route's permission is the contract's.
 */
export function bind<C extends RpcContract, P extends Schema, Q extends Schema, B extends Schema>(
  contract: C,
  http: HttpSide<P, Q, B>,
  request: (parts: HttpParts<Out<P>, Out<Q>, Out<B>>) => RpcRequestInput<C>,
): RpcBinding {
  if (http.params && !http.path.includes(':id')) {
    throw new Error(`${contract.subject}: a route with path parameters needs :id in its path`);
  }
  return {
    method: http.method,
    path: http.path,
    located: http.located ?? false,
    spec: {
      summary: http.summary,
      permission: contract.permission,
      status: http.status,
      params: http.params,
      query: http.query,
      body: http.body,
      response: http.response ?? contract.reply,
      idempotent: http.idempotent,
      versioned: http.versioned,
    },
    send: (rpc, raw, context) => {
      const parts = {
        params: part(http.params, raw.params, 'params'),
        query: part(http.query, raw.query, 'query'),
        body: part(http.body, raw.body ?? {}, 'body'),
        expectedVersion: http.versioned ? ifMatchVersionOf(raw) : null,
        idempotencyKey: http.idempotent ? idempotencyKeyOf(raw) : null,
      };
      return rpc.call(contract, request(parts), context);
    },
  };
}
