import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { z } from 'zod';

import { errorCatalog } from '@salesops/rpc';

import { routeRegistry } from '../http/api-route.decorator';

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'all', 'options', 'head'] as const;

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(errorCatalog) },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
    requestId: { type: 'string' },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, 'input') as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: property,
  }));
}

/** The OpenAPI document, built from the same zod schemas that validate each route. */
export function buildOpenApiDocument(prefix: string, excluded: string[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { controller, handler, spec } of routeRegistry) {
    const method = (controller as Record<string, unknown>)['prototype'] as Record<string, object>;
    const target = method[handler];
    if (!target) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const own = String(Reflect.getMetadata(PATH_METADATA, target) ?? '');
    const verb = METHODS[Number(Reflect.getMetadata(METHOD_METADATA, target) ?? 0)] ?? 'get';
    const joined = [base, own].filter((part) => part && part !== '/').join('/');
    const path = excluded.includes(joined)
      ? `/${joined}`
      : `/${prefix}/${joined}`.replace(/\/$/, '');
    const openApiPath = path.replace(/:(\w+)/g, '{$1}');
    const status = String(spec.status ?? 200);
    const headers = [
      ...(spec.idempotent
        ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }]
        : []),
      ...(spec.versioned
        ? [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }]
        : []),
    ];
    paths[openApiPath] ??= {};
    paths[openApiPath][verb] = {
      summary: spec.summary,
      ...(spec.permission ? { 'x-permission': spec.permission } : {}),
      tags: [spec.tag],
      ...(spec.public ? { security: [] } : {}),
      parameters: [
        ...parametersOf(spec.params, 'path'),
        ...parametersOf(spec.query, 'query'),
        ...headers,
      ],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [status]: {
          description: 'Success',
          ...(spec.response
            ? { content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } }
            : {}),
        },
        default: {
          description: 'An error (RFC 9457)',
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
          },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'SalesOps API', version: '1.0.0' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { apiKey: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
}
