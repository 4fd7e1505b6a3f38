import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { z } from 'zod';

import { ROLE_PERMISSIONS, type Role } from '@salesops/policy';

import { type RouteSpec, routeRegistry } from '../http/api-route.decorator';
import { problemCatalog } from '../http/problem-catalog';

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'all', 'options', 'head'] as const;

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(problemCatalog) },
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

const TAGS: Record<string, string> = {
  auth: 'Sign-in, sessions and the second factor',
  'api-keys': 'Keys for the teams that integrate through the gateway',
  audit: 'The tamper-evident trail of every change and clear read of contact data',
  operations: 'Liveness and readiness',
  teams: 'The team tree and its settings',
  members: 'Members: hiring, probation, transfers, suspension and departure',
  recruitment: 'Candidates from application to hiring',
  records: 'Commendations and sanctions',
  promotions: 'Promotions with assessment, approval and public notice',
  leave: 'Leave requests',
  meetings: 'Team meetings',
  customers: 'Customers (CRM): leads, stages, owners, follow-ups and the weekly lead quota',
  orders:
    'Orders: products with a floor price, orders with supervisor review, fulfilment and their timeline',
  training:
    'Training: courses, sessions with capacity, exams with make-up and retraining, certificates',
  users: 'Accounts for people: activation, granted roles, disabling and resets',
  performance:
    'Performance: KPI schemes and monthly targets, scorecards with the facts behind every KPI, live rankings',
  me: "The caller's own to-do list, gathered from every service",
  webhooks:
    "Signed webhooks for departments: the events in the subscriber's scope, filtered by its field policy (events: /docs/asyncapi.json)",
  events: 'The server-sent event stream of the same envelopes, resumable with Last-Event-ID',
};

const SIGN_IN = `Sign in with \`POST /api/v1/auth/login\` and send the \`accessToken\` as
\`Authorization: Bearer <token>\` (or an integration's key as \`X-API-Key\`). Where the answer is
\`{ mfaRequired, mfaToken }\`, complete it with \`POST /api/v1/auth/mfa { mfaToken, code }\` and the
code of the authenticator app; \`{ mfaEnrolmentRequired, mfaToken }\` asks a role that must use a
second factor to enrol first (\`POST /api/v1/auth/mfa/enrolment\`). Errors are
\`application/problem+json\` with a stable \`code\`. Each operation names the permission it needs.`;

function rolesWith(permission: string): Role[] {
  return (Object.entries(ROLE_PERMISSIONS) as [Role, readonly string[]][])
    .filter(([, permissions]) => permissions.includes(permission))
    .map(([role]) => role);
}

/** What the caller needs, in words: the docs page shows it on every operation. */
function accessOf(spec: RouteSpec): string {
  if (spec.public) return 'Public: no token needed.';
  if (spec.permission === 'authenticated') return 'Any signed-in user or API key.';
  if (spec.permission === 'session') return 'A signed-in user (not an API key).';
  const roles = rolesWith(spec.permission ?? '');
  return `Permission \`${spec.permission}\`${roles.length ? ` (${roles.join(', ')})` : ''}.`;
}

function operationIdOf(controller: object, handler: string): string {
  const name = (controller as { name: string }).name.replace(/Controller$/, '');
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}${handler.charAt(0).toUpperCase()}${handler.slice(1)}`;
}

/** The OpenAPI document, built from the same zod schemas that validate each route. */
export function buildOpenApiDocument(prefix: string, excluded: string[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  const tags = new Set<string>();
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
    const operationId = operationIdOf(controller, handler);
    if (operationIds.has(operationId)) throw new Error(`two routes are ${operationId}`);
    operationIds.add(operationId);
    tags.add(spec.tag);
    paths[openApiPath] ??= {};
    paths[openApiPath][verb] = {
      operationId,
      summary: spec.summary,
      description: `${spec.summary}. ${accessOf(spec)}`,
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
      ...(spec.textBody
        ? {
            requestBody: {
              required: true,
              content: { [spec.textBody]: { schema: { type: 'string' } } },
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
    info: {
      title: 'SalesOps API',
      version: '1.0.0',
      description: SIGN_IN,
      contact: { name: 'SalesOps platform team', url: 'https://salesops.example.com/support' },
    },
    tags: [...tags].sort().map((name) => {
      const description = TAGS[name];
      if (!description) throw new Error(`the tag ${name} needs a description in TAGS`);
      return { name, description };
    }),
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
