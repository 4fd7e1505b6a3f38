import jwt from 'jsonwebtoken';
import { createSecretKey } from 'node:crypto';

import { TEST_JWT_SECRET } from '@salesops/testing';

import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const key = createSecretKey(Buffer.from(TEST_JWT_SECRET));
const claims = {
  sub: '00000000-0000-4000-8000-000000000001',
  mid: null,
  tid: null,
  roles: ['director'],
};
const valid = {
  algorithm: 'HS256',
  issuer: 'salesops',
  audience: 'salesops-api',
  expiresIn: 60,
} as const;

describe('gateway authentication', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const status = async (token: string) =>
    (
      await stack
        .http()
        .get('/api/v1/teams')
        .set({ authorization: `Bearer ${token}` })
    ).status;

  it('accepts a token with the pinned algorithm, issuer and audience', async () => {
    expect(await status(jwt.sign(claims, key, valid))).toBe(200);
  });

  it.each([
    ['another audience', jwt.sign(claims, key, { ...valid, audience: 'someone-else' })],
    ['another issuer', jwt.sign(claims, key, { ...valid, issuer: 'evil' })],
    [
      'an expired token',
      jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, key, {
        algorithm: 'HS256',
        issuer: 'salesops',
        audience: 'salesops-api',
      }),
    ],
    ['another key', jwt.sign(claims, 'another-secret-another-secret-another', valid)],
    [
      'alg none',
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, iss: 'salesops', aud: 'salesops-api' })).toString('base64url')}.`,
    ],
    ['HS512', jwt.sign(claims, key, { ...valid, algorithm: 'HS512' })],
  ])('refuses %s with 401', async (_, token) => {
    expect(await status(token)).toBe(401);
  });

  it('closes every route of the API document that is not marked public', async () => {
    const document = (await stack.http().get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const closed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.security === undefined)
        .map(([method, _]) => ({
          method,
          path: path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000'),
        })),
    );

    expect(closed.length).toBeGreaterThan(5);
    for (const { method, path } of closed) {
      const response = await stack.http()[method as 'get' | 'post' | 'patch'](path).send({});
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    }
  });

  it('exports the operational metrics', async () => {
    await stack
      .http()
      .get('/api/v1/teams')
      .set({ authorization: `Bearer ${jwt.sign(claims, key, valid)}` });
    const gateway = await fetch(`http://127.0.0.1:${stack.gateway.opsPort}/metrics`).then((r) =>
      r.text(),
    );
    const members = await fetch(
      `http://127.0.0.1:${stack.service('members').opsPort}/metrics`,
    ).then((r) => r.text());
    const performance = await fetch(
      `http://127.0.0.1:${stack.service('performance').opsPort}/metrics`,
    ).then((r) => r.text());

    expect(gateway).toMatch(
      /salesops_request_duration_seconds_bucket\{.*route="GET \/api\/v1\/teams"/,
    );
    expect(gateway).toMatch(
      /salesops_rpc_calls_total\{subject="members.team.list.v1",outcome="ok"/,
    );
    expect(members).toMatch(/salesops_requests_total\{route="members.team.list.v1",outcome="ok"/);
    expect(members).toContain('salesops_outbox_lag_events');
    expect(performance).toContain('salesops_dead_letters_total');
    expect(performance).toContain('salesops_consumer_lag_events');
  });
});
