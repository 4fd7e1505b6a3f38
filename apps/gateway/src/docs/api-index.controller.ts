import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';

import { API_PREFIX, UNPREFIXED } from '../http/api-paths';
import { ApiRoute } from '../http/api-route.decorator';
import { buildOpenApiDocument } from './openapi';

const apiIndexSchema = z.object({
  name: z.string(),
  docs: z.string(),
  openapi: z.string(),
  signIn: z.string(),
  /** Every route to read from without an id: where to start. */
  entryPoints: z.array(z.object({ path: z.string(), summary: z.string(), tag: z.string() })),
});
type ApiIndex = z.infer<typeof apiIndexSchema>;

interface Operation {
  summary: string;
  tags: string[];
}

/** `GET /api/v1`: what a newcomer can open first, from the same data as the OpenAPI document. */
@Controller()
export class ApiIndexController {
  private index?: ApiIndex;

  @Get()
  @ApiRoute({
    summary: 'List the entry points of the API, its documentation and how to sign in',
    tag: 'operations',
    public: true,
    response: apiIndexSchema,
  })
  list(): ApiIndex {
    this.index ??= buildIndex();
    return this.index;
  }
}

function buildIndex(): ApiIndex {
  const document = buildOpenApiDocument(API_PREFIX, UNPREFIXED) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const self = `/${API_PREFIX}`;
  const entryPoints = Object.entries(document.paths)
    .filter(([path, operations]) => operations['get'] && !path.includes('{') && path !== self)
    .map(([path, operations]) => {
      const get = operations['get'] as Operation;
      return { path, summary: get.summary, tag: get.tags[0] ?? '' };
    });
  return {
    name: 'SalesOps API',
    docs: '/docs',
    openapi: '/docs/openapi.json',
    signIn: `POST /${API_PREFIX}/auth/login { username, password }, then POST /${API_PREFIX}/auth/mfa { mfaToken, code } where asked; send the accessToken as Authorization: Bearer <token>`,
    entryPoints,
  };
}
