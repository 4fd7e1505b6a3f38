import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  HttpCode,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';

import { memberSchema } from '@salesops/members-contracts';

import { bearsContact } from '../audit/contact-bearing';
import { MemberStandingInterceptor } from '../auth/member-standing.interceptor';
import { ContactReadInterceptor } from '../audit/contact-read.interceptor';
import { ROUTE_SPEC, type RouteSpec } from './route-spec';
import { validated } from './validated';

export { ROUTE_SPEC, type RouteSpec, routeSpecOf } from './route-spec';

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
    // A route whose reply can show a contact-bearing record has its clear contact reads audited;
    // Nest's interceptor pipeline costs every other route a tenth of its CPU for nothing.
    ...(spec.response && bearsContact(spec.response)
      ? [UseInterceptors(ContactReadInterceptor)]
      : []),
    // A change answering with a member ends their sessions before the answer leaves.
    ...(spec.response === memberSchema ? [UseInterceptors(MemberStandingInterceptor)] : []),
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
