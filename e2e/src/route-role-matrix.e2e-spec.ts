import { ROLE_PERMISSIONS, ROLES, type Role } from '@salesops/policy';

import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const SOME_ID = '00000000-0000-4000-8000-000000000000';

interface Operation {
  security?: unknown[];
  'x-permission'?: string;
}

/**
 * Every route of the API document, called by every role and by an API key: a caller whose role
 * lacks the route's permission gets 403, one who has it never does. New routes join by themselves.
 */
describe('route × role matrix', () => {
  let stack: Stack;
  let routes: {
    method: 'get' | 'post' | 'patch' | 'put' | 'delete';
    path: string;
    permission: string | undefined;
  }[];
  const tokens = new Map<Role, string>();
  let apiKey: string;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, { RATE_LIMIT_PER_MINUTE: '100000' });
    const document = (await stack.http().get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.security === undefined)
        .map(([method, operation]) => ({
          method: method as 'get',
          path: path.replace(/\{\w+\}/g, SOME_ID),
          permission: operation['x-permission'],
        })),
    );
    for (const role of ROLES) tokens.set(role, (await stack.userWithToken([role])).token);
    const created = await stack
      .http()
      .post('/api/v1/api-keys')
      .set({ authorization: `Bearer ${tokens.get('admin')}` })
      .send({ name: 'matrix', scopes: ['members:read', 'teams:read'] })
      .expect(201);
    apiKey = (created.body as { key: string }).key;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('names a permission on every closed route', () => {
    expect(routes.length).toBeGreaterThan(8);
    expect(routes.filter((route) => !route.permission)).toEqual([]);
  });

  /** What the access check made of a call: a 400 or 404 behind it still means it was let through. */
  const outcome = async (route: (typeof routes)[number], headers: Record<string, string>) => {
    const { status } = await stack.http()[route.method](route.path).set(headers).send({});
    return status === 403 ? 'forbidden' : status === 401 ? 'unauthenticated' : 'allowed';
  };

  it.each(ROLES)('gives %s exactly the routes its permissions allow', async (role) => {
    const allowed = new Set<string>([...ROLE_PERMISSIONS[role], 'authenticated', 'session']);
    for (const route of routes) {
      // Logout would end the session the rest of the matrix uses.
      if (route.path.endsWith('/auth/logout')) continue;
      const got = await outcome(route, { authorization: `Bearer ${tokens.get(role)}` });
      const expected = allowed.has(route.permission ?? '') ? 'allowed' : 'forbidden';
      expect({ role, ...route, got }).toEqual({ role, ...route, got: expected });
    }
  });

  it('gives an API key exactly its scopes', async () => {
    const allowed = new Set(['members:read', 'teams:read', 'authenticated']);
    for (const route of routes) {
      const got = await outcome(route, { 'x-api-key': apiKey });
      const expected = allowed.has(route.permission ?? '') ? 'allowed' : 'forbidden';
      expect({ ...route, got }).toEqual({ ...route, got: expected });
    }
  });
});
