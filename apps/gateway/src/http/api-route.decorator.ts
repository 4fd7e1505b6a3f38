import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  HttpCode,
  SetMetadata,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';

import type { Permission } from '@salesops/policy';

import { validated } from './validated';

export const ROUTE_SPEC = Symbol('route-spec');

/** Everything about a route that validation and the OpenAPI document need, written once. */
export interface RouteSpec {
  summary: string;
  tag: string;
  status?: number;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The media type of a body that is not JSON, taken as text (the customers import's CSV). */
  textBody?: string;
  response?: z.ZodType;
  /** Open to callers without a token. Every other route needs one, and a permission. */
  public?: boolean;
  /**
   * What the caller must be allowed: `authenticated` for one's own profile, `session` for what
   * only a signed-in user has (their session, their second factor), never an API key.
   */
  permission?: Permission | 'authenticated' | 'session' | null;
  idempotent?: boolean;
  versioned?: boolean;
  /** Where a password, code or token is tried: limited harder per address. */
  signIn?: boolean;
}

export interface RegisteredRoute {
  controller: object;
  handler: string;
  spec: RouteSpec;
}

/** Read by the OpenAPI builder. */
export const routeRegistry: RegisteredRoute[] = [];

export function ApiRoute(spec: RouteSpec): MethodDecorator {
  const register: MethodDecorator = (target, key) => {
    routeRegistry.push({ controller: target.constructor, handler: String(key), spec });
  };
  return applyDecorators(
    SetMetadata(ROUTE_SPEC, spec),
    HttpCode(spec.status ?? 200),
    RouteConfig({ signIn: spec.signIn === true }),
    register,
  );
}

/**
 * Whether a request reached a sign-in route, judged by the route the router matched (never by the
 * URL as written: `/auth/%6Cogin` is the login route too). Known before any hook runs.
 */
export function isSignInRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { signIn?: boolean } | undefined)?.signIn === true;
}

export function routeSpecOf(context: ExecutionContext): RouteSpec | undefined {
  return Reflect.getMetadata(ROUTE_SPEC, context.getHandler()) as RouteSpec | undefined;
}

function specOf(context: ExecutionContext): RouteSpec {
  const spec = Reflect.getMetadata(ROUTE_SPEC, context.getHandler()) as RouteSpec | undefined;
  if (!spec) throw new Error('a validated parameter needs @ApiRoute on its method');
  return spec;
}

function parseWith(
  schema: z.ZodType | undefined,
  value: unknown,
  where: 'params' | 'query' | 'body',
) {
  if (!schema) throw new Error(`@ApiRoute declares no ${where} schema`);
  return validated(schema, value, where);
}

export const ValidBody = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseWith(
    specOf(context).body,
    context.switchToHttp().getRequest<FastifyRequest>().body ?? {},
    'body',
  ),
);

export const ValidQuery = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseWith(
    specOf(context).query,
    context.switchToHttp().getRequest<FastifyRequest>().query,
    'query',
  ),
);

export const ValidParams = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseWith(
    specOf(context).params,
    context.switchToHttp().getRequest<FastifyRequest>().params,
    'params',
  ),
);
