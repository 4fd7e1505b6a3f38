import {
  Controller,
  Delete,
  Get,
  Inject,
  Patch,
  Post,
  Put,
  Req,
  Res,
  type Type,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { type IdentityClaims, RpcClient } from '@salesops/rpc';

import { API_PREFIX } from './api-paths';
import { ApiRoute } from './api-route.decorator';
import { callContextOf } from './call-context.decorator';
import type { HttpMethod, RpcBinding } from './rpc-binding';

const MAPPINGS: Record<HttpMethod, (path: string) => MethodDecorator> = {
  GET: Get,
  POST: Post,
  PATCH: Patch,
  PUT: Put,
  DELETE: Delete,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function locationOf(
  binding: RpcBinding,
  request: FastifyRequest,
  result: Record<string, unknown>,
): string | null {
  if (typeof binding.located === 'function') {
    return `/${API_PREFIX}/${binding.located(result, request.params as Record<string, string>)}`;
  }
  if (!binding.located || typeof result['id'] !== 'string') return null;
  const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
  return `${route}/${result['id']}`;
}

/**
 * Serves a set of bindings as one Nest controller named `<name>Controller`, one method per
 * binding named by its key: the OpenAPI operation is `<name><Key>`, and the guard, the contact
 * audit and the document read each route's @ApiRoute as they do on a hand-written controller.
 * Every reply that is a versioned resource carries its `ETag`.
 */
export function rpcController(
  name: string,
  options: { path?: string; tag: string },
  bindings: Record<string, RpcBinding>,
): Type<unknown> {
  class Routes {
    constructor(@Inject(RpcClient) readonly rpc: RpcClient) {}
  }
  Object.defineProperty(Routes, 'name', { value: `${name}Controller` });

  for (const [handler, binding] of Object.entries(bindings)) {
    async function serve(
      this: Routes,
      request: FastifyRequest & { user?: IdentityClaims },
      reply: FastifyReply,
    ): Promise<unknown> {
      const result = await binding.send(this.rpc, request, callContextOf(request));
      if (isRecord(result)) {
        const location = locationOf(binding, request, result);
        if (location) void reply.header('location', location);
        if (typeof result['version'] === 'number') {
          void reply.header('etag', `"${result['version']}"`);
        }
      }
      return result;
    }
    const descriptor = { value: serve, writable: true, configurable: true, enumerable: false };
    Object.defineProperty(Routes.prototype, handler, descriptor);
    Req()(Routes.prototype, handler, 0);
    Res({ passthrough: true })(Routes.prototype, handler, 1);
    MAPPINGS[binding.method](binding.path)(Routes.prototype, handler, descriptor);
    ApiRoute({ ...binding.spec, tag: options.tag })(Routes.prototype, handler, descriptor);
  }
  (options.path === undefined ? Controller() : Controller(options.path))(Routes);
  return Routes;
}
