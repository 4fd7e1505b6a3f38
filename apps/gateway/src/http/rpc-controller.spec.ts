import { Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';

import { defineRpc, type RpcContract, RpcClient } from '@salesops/rpc';
import { LOGGER } from '@salesops/service-runtime';

import { routeRegistry } from './api-route.decorator';
import { ProblemFilter } from './problem.filter';
import { route } from './route-shapes';
import { rpcController } from './rpc-controller';

const widgetSchema = z.object({ id: z.uuid(), name: z.string(), version: z.number().int() });
const inputSchema = z.object({ name: z.string().min(1) }).strict();
const expectedVersion = z.number().int().nullable();

const WidgetRpc = {
  create: defineRpc({
    subject: 'test.widget.create.v1',
    permission: 'teams:write',
    request: z.object({ idempotencyKey: z.string().nullable(), input: inputSchema }).strict(),
    reply: widgetSchema,
  }),
  get: defineRpc({
    subject: 'test.widget.get.v1',
    permission: 'teams:read',
    request: z.object({ id: z.uuid() }).strict(),
    reply: widgetSchema,
  }),
  list: defineRpc({
    subject: 'test.widget.list.v1',
    permission: 'teams:read',
    request: z.object({ limit: z.coerce.number().default(20) }).strict(),
    reply: z.object({ items: z.array(widgetSchema), nextCursor: z.string().nullable() }),
  }),
  update: defineRpc({
    subject: 'test.widget.update.v1',
    permission: 'teams:write',
    request: z.object({ id: z.uuid(), expectedVersion, patch: inputSchema }).strict(),
    reply: widgetSchema,
  }),
  rename: defineRpc({
    subject: 'test.widget.rename.v1',
    permission: 'members:write',
    request: z.object({ id: z.uuid(), expectedVersion, input: inputSchema }).strict(),
    reply: widgetSchema,
  }),
  decide: defineRpc({
    subject: 'test.widget.decide.v1',
    permission: 'members:write',
    request: z
      .object({ id: z.uuid(), expectedVersion, decision: z.enum(['keep', 'drop']) })
      .strict(),
    reply: widgetSchema,
  }),
};

const WidgetsController = rpcController(
  'Widgets',
  { path: 'widgets', tag: 'teams' },
  {
    create: route.create(WidgetRpc.create, { summary: 'Create a widget', located: true }),
    list: route.list(WidgetRpc.list, { summary: 'List widgets' }),
    get: route.get(WidgetRpc.get, { summary: 'Get a widget' }),
    update: route.command(WidgetRpc.update, {
      method: 'PATCH',
      path: ':id',
      summary: 'Change a widget',
      bodyIn: 'patch',
    }),
    rename: route.command(WidgetRpc.rename, { path: ':id/rename', summary: 'Rename a widget' }),
    keep: route.command(WidgetRpc.decide, {
      path: ':id/keep',
      summary: 'Keep a widget',
      fixed: { decision: 'keep' },
    }),
    reset: route.command(WidgetRpc.rename, {
      path: ':id/reset',
      summary: 'Give a widget its first name back',
      fixed: { input: { name: 'first' } },
    }),
    drop: route.command(WidgetRpc.decide, {
      path: ':id/drop',
      summary: 'Drop a widget',
      request: ({ params, expectedVersion }) => ({
        id: params.id,
        expectedVersion,
        decision: 'drop' as const,
      }),
    }),
  },
);

/** Stands in for the bus: answers every call with a widget at version 3, and remembers it. */
class RecordingRpc {
  readonly calls: { subject: string; request: unknown }[] = [];
  readonly widget = { id: randomUUID(), name: 'gear', version: 3 };

  call(contract: RpcContract, request: unknown) {
    this.calls.push({ subject: contract.subject, request: contract.request.parse(request) });
    return Promise.resolve(
      contract.subject.endsWith('.list.v1')
        ? { items: [this.widget], nextCursor: null }
        : this.widget,
    );
  }
}

describe('rpcController', () => {
  let app: NestFastifyApplication;
  let rpc: RecordingRpc;
  const id = randomUUID();

  beforeAll(async () => {
    rpc = new RecordingRpc();
    @Module({
      controllers: [WidgetsController],
      providers: [
        { provide: RpcClient, useValue: rpc },
        { provide: LOGGER, useValue: pino({ level: 'silent' }) },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    })
    class WidgetsModule {}
    app = await NestFactory.create<NestFastifyApplication>(WidgetsModule, new FastifyAdapter(), {
      logger: false,
    });
    app.setGlobalPrefix('api/v1');
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
  });

  beforeEach(() => {
    rpc.calls.length = 0;
  });

  const inject = async (options: {
    method: 'GET' | 'POST' | 'PATCH';
    url: string;
    payload?: object;
    headers?: Record<string, string>;
  }) => {
    const http = request(app.getHttpServer());
    const call = (
      options.method === 'GET'
        ? http.get(options.url)
        : options.method === 'POST'
          ? http.post(options.url)
          : http.patch(options.url)
    ).set(options.headers ?? {});
    const reply = await (options.payload ? call.send(options.payload) : call);
    return { statusCode: reply.status, headers: reply.headers, json: () => reply.body as unknown };
  };

  it('creates with the body as the contract input and the Idempotency-Key, answering 201 with Location and ETag', async () => {
    const reply = await inject({
      method: 'POST',
      url: '/api/v1/widgets',
      payload: { name: 'gear' },
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.headers['location']).toBe(`/api/v1/widgets/${rpc.widget.id}`);
    expect(reply.headers['etag']).toBe('"3"');
    expect(rpc.calls).toEqual([
      {
        subject: 'test.widget.create.v1',
        request: { idempotencyKey: 'k-1', input: { name: 'gear' } },
      },
    ]);
  });

  it('gets by id and lists with the query as the request', async () => {
    const got = await inject({ method: 'GET', url: `/api/v1/widgets/${id}` });
    expect(got.statusCode).toBe(200);
    expect(got.headers['etag']).toBe('"3"');
    const listed = await inject({ method: 'GET', url: '/api/v1/widgets?limit=5' });
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['etag']).toBeUndefined();
    expect(rpc.calls).toEqual([
      { subject: 'test.widget.get.v1', request: { id } },
      { subject: 'test.widget.list.v1', request: { limit: 5 } },
    ]);
  });

  it('sends If-Match as the expected version, the body where the binding says, and fixed fields as fixed', async () => {
    await inject({
      method: 'PATCH',
      url: `/api/v1/widgets/${id}`,
      payload: { name: 'cog' },
      headers: { 'if-match': 'W/"2"' },
    });
    await inject({ method: 'POST', url: `/api/v1/widgets/${id}/rename`, payload: { name: 'cog' } });
    await inject({
      method: 'POST',
      url: `/api/v1/widgets/${id}/drop`,
      headers: { 'if-match': '4' },
    });
    await inject({
      method: 'POST',
      url: `/api/v1/widgets/${id}/keep`,
      payload: { decision: 'drop' },
    });
    await inject({ method: 'POST', url: `/api/v1/widgets/${id}/reset`, payload: { name: 'x' } });
    expect(rpc.calls.map((call) => call.request)).toEqual([
      { id, expectedVersion: 2, patch: { name: 'cog' } },
      { id, expectedVersion: null, input: { name: 'cog' } },
      { id, expectedVersion: 4, decision: 'drop' },
      { id, expectedVersion: null, decision: 'keep' },
      { id, expectedVersion: null, input: { name: 'first' } },
    ]);
  });

  it('refuses an invalid id, body or If-Match with a 400 naming where, without calling', async () => {
    const badId = await inject({ method: 'GET', url: '/api/v1/widgets/not-a-uuid' });
    const badBody = await inject({
      method: 'POST',
      url: `/api/v1/widgets/${id}/rename`,
      payload: { name: '' },
    });
    const badVersion = await inject({
      method: 'POST',
      url: `/api/v1/widgets/${id}/drop`,
      headers: { 'if-match': 'soon' },
    });
    expect([badId, badBody, badVersion].map((reply) => reply.statusCode)).toEqual([400, 400, 400]);
    expect(badId.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'params.id' }],
    });
    expect(badBody.json()).toMatchObject({ errors: [{ path: 'body.name' }] });
    expect(badVersion.json()).toMatchObject({ errors: [{ path: 'headers.if-match' }] });
    expect(rpc.calls).toEqual([]);
  });

  it('registers each route under <name>Controller and its key, with the contract’s permission and schemas', () => {
    const routes = routeRegistry.filter(
      (entry) => (entry.controller as { name: string }).name === 'WidgetsController',
    );
    expect(routes.map((entry) => [entry.handler, entry.spec.permission])).toEqual([
      ['create', 'teams:write'],
      ['list', 'teams:read'],
      ['get', 'teams:read'],
      ['update', 'teams:write'],
      ['rename', 'members:write'],
      ['keep', 'members:write'],
      ['reset', 'members:write'],
      ['drop', 'members:write'],
    ]);
    expect(routes.find((entry) => entry.handler === 'reset')?.spec.body).toBeUndefined();
    const update = routes.find((entry) => entry.handler === 'update')?.spec;
    expect(update).toMatchObject({ versioned: true, body: inputSchema, response: widgetSchema });
    expect(routes.find((entry) => entry.handler === 'create')?.spec).toMatchObject({
      status: 201,
      idempotent: true,
    });
  });

  it('refuses at declaration a body the contract has no field for', () => {
    expect(() =>
      route.command(WidgetRpc.rename, { path: ':id', summary: 'x', bodyIn: 'patch' }),
    ).toThrow(/takes no patch/);
  });
});
