import { z } from 'zod';

import type { RpcContract, RpcRequestInput } from '@salesops/rpc';

import { idParams } from './id-params';
import { bind, type HttpParts, type Located, type RpcBinding } from './rpc-binding';

/** What every binding says of itself; the rest comes from its shape and its contract. */
interface Described {
  summary: string;
  /** Relative to the controller's path. */
  path?: string;
  status?: number;
  response?: z.ZodType;
}

type IdParams = typeof idParams;
type Id = z.output<IdParams>;
type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * A custom mapping from the validated parts of a request to the contract's request, checked
 * against it. A literal in it needs `as const` (TypeScript widens it while inferring the contract).
 */
type Mapped<C extends RpcContract, P, Q, B> = {
  request: (parts: HttpParts<P, Q, B>) => NoInfer<RpcRequestInput<C>>;
};

/** The schema of a field of a contract's request: where a body goes, validated as it will be. */
function fieldOf(contract: RpcContract, field: string): z.ZodType | undefined {
  const request = contract.request;
  if (!(request instanceof z.ZodObject)) return undefined;
  const schema: unknown = (request.shape as Record<string, unknown>)[field];
  return schema instanceof z.ZodType ? schema : undefined;
}

function requiredFieldOf(contract: RpcContract, field: string): z.ZodType {
  const schema = fieldOf(contract, field);
  if (!schema) throw new Error(`${contract.subject} takes no ${field} for the body to fill`);
  return schema;
}

/** A named field must exist; the default `input` may be absent (a command without a body). */
function bodyFieldOf(contract: RpcContract, field: string, named: boolean): z.ZodType | undefined {
  return named ? requiredFieldOf(contract, field) : fieldOf(contract, field);
}

/**
 * `GET …/:id`: the contract takes `{ id }`, and the query its other fields if it has any (a
 * single read's `contact`).
 */
function get(
  contract: RpcContract<z.ZodType<unknown, Id>>,
  spec: Described & { path?: `${string}:id${string}` },
): RpcBinding {
  const http = { ...spec, method: 'GET', path: spec.path ?? ':id' } as const;
  const request = contract.request;
  const query =
    request instanceof z.ZodObject && Object.keys(request.shape).some((field) => field !== 'id')
      ? request.omit({ id: true })
      : undefined;
  return bind(
    contract,
    { ...http, params: idParams, query, body: undefined },
    ({ params, query: given }) => ({ ...(given as object | undefined), ...params }),
  );
}

/** `GET …`: the contract's request is the query (a page: `limit`, `cursor`); or mapped. */
function list<C extends RpcContract, Q extends z.ZodType, P extends Schema = undefined>(
  contract: C,
  spec: Described & { params?: P; query: Q } & Mapped<C, Out<P>, z.output<Q>, undefined>,
): RpcBinding;
function list(contract: RpcContract, spec: Described): RpcBinding;
function list(
  contract: RpcContract,
  spec: Described & { params?: IdParams; query?: z.ZodType } & Partial<
      Mapped<RpcContract, Id | undefined, unknown, undefined>
    >,
): RpcBinding {
  const { params, query, request, ...described } = spec;
  return bind(
    contract,
    {
      ...described,
      method: 'GET',
      path: spec.path ?? '',
      params,
      query: query ?? contract.request,
      body: undefined,
    },
    request ?? (({ query: given }) => given),
  );
}

/**
 * `POST …` (201, `Idempotency-Key`): the body is the contract's `input`, the request
 * `{ idempotencyKey, input }`; `located` answers the new resource's `Location`.
 */
function create(
  contract: RpcContract<z.ZodType<unknown, { idempotencyKey: string | null; input: unknown }>>,
  spec: Described & { located?: Located },
): RpcBinding {
  return bind(
    contract,
    {
      status: 201,
      ...spec,
      method: 'POST',
      path: spec.path ?? '',
      params: undefined,
      query: undefined,
      body: requiredFieldOf(contract, 'input'),
      idempotent: true,
    },
    ({ idempotencyKey, body }) => ({ idempotencyKey, input: body }),
  );
}

interface OnOne extends Described {
  path: `${string}:id${string}`;
  method?: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Takes `Idempotency-Key`: a retry with the same key and body is answered, not redone. */
  idempotent?: boolean;
  /** A route that creates (201) says where the new resource is read. */
  located?: Located;
}

/** A route on one resource, `…/:id…`, POST unless it says otherwise. */
function onOne(
  contract: RpcContract,
  described: OnOne,
  body: z.ZodType | undefined,
  versioned: boolean,
  request: (parts: HttpParts<Id, undefined, unknown>) => unknown,
): RpcBinding {
  const http = {
    ...described,
    method: described.method ?? 'POST',
    versioned,
    idempotent: described.idempotent === true,
  };
  return bind(contract, { ...http, params: idParams, query: undefined, body }, request);
}

/**
 * A change to one versioned resource (`If-Match`, and the `ETag` of the result): the request is
 * `{ id, expectedVersion }`, the body in the contract's `input` (or the field `bodyIn` names;
 * none when the contract takes neither), the `fixed` fields, which the body never fills, and
 * `idempotencyKey` on an `idempotent` route; or mapped.
 */
function command<C extends RpcContract, B extends Schema = undefined>(
  contract: C,
  spec: OnOne & { body?: B } & Mapped<C, Id, undefined, Out<B>>,
): RpcBinding;
function command<
  C extends RpcContract<z.ZodType<unknown, { id: string; expectedVersion: number | null }>>,
>(contract: C, spec: OnOne & { bodyIn?: string; fixed?: Partial<RpcRequestInput<C>> }): RpcBinding;
function command(
  contract: RpcContract,
  spec: OnOne & { bodyIn?: string; body?: z.ZodType; fixed?: object } & Partial<
      Mapped<RpcContract, Id, undefined, unknown>
    >,
): RpcBinding {
  const { bodyIn, body, fixed = {}, request, ...described } = spec;
  const field = bodyIn ?? 'input';
  const taken = !request && !(field in fixed);
  const schema = request
    ? body
    : taken
      ? bodyFieldOf(contract, field, bodyIn !== undefined)
      : undefined;
  return onOne(
    contract,
    described,
    schema,
    true,
    request ??
      (({ params, expectedVersion, idempotencyKey, body: given }) => ({
        id: params.id,
        expectedVersion,
        ...(schema ? { [field]: given } : {}),
        ...(described.idempotent ? { idempotencyKey } : {}),
        ...fixed,
      })),
  );
}

/** `POST …/:id/…` on a resource without a version: the request is `{ id, input }`; or mapped. */
function action<C extends RpcContract, B extends Schema = undefined>(
  contract: C,
  spec: OnOne & { body?: B } & Mapped<C, Id, undefined, Out<B>>,
): RpcBinding;
function action(
  contract: RpcContract<z.ZodType<unknown, { id: string; input: unknown }>>,
  spec: OnOne,
): RpcBinding;
function action(
  contract: RpcContract,
  spec: OnOne & { body?: z.ZodType } & Partial<Mapped<RpcContract, Id, undefined, unknown>>,
): RpcBinding {
  const { body, request, ...described } = spec;
  const schema = request ? body : requiredFieldOf(contract, 'input');
  return onOne(
    contract,
    described,
    schema,
    false,
    request ?? (({ params, body: given }) => ({ id: params.id, input: given })),
  );
}

/** One helper per shape of route; each binds an HTTP route to an RPC contract in a few lines. */
export const route = { get, list, create, command, action };
