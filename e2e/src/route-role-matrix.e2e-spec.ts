import { Stack } from './support/stack';
import {
  KNOWN_DEVIATIONS,
  ROUTE_EXPECTATIONS,
  SPEC_ROLES,
  type SpecRole,
} from './support/route-role-expectations';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const SOME_ID = '00000000-0000-4000-8000-000000000000';

interface Operation {
  security?: unknown[];
  requestBody?: { content: Record<string, unknown> };
}
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
interface Route {
  method: Method;
  /** `METHOD /path/{param}`, the key of the expectation table. */
  key: string;
  url: string;
  /** The media type of a route that takes no JSON (the customers import's CSV). */
  textBody?: string;
}

/**
 * What the access check made of a call. Past it, the call may still fail on the made-up id or
 * the empty body (400, 404, 409, 412, 422): it was let through. A 5xx, a 401 or anything else is
 * never read as an answer: it fails the matrix.
 */
function verdict(status: number): 'allowed' | 'forbidden' | `unexpected ${number}` {
  if (status === 403) return 'forbidden';
  if ((status >= 200 && status < 300) || [400, 404, 409, 412, 422].includes(status)) {
    return 'allowed';
  }
  return `unexpected ${status}`;
}

/**
 * Every closed route of the API document, called by every role and by an API key, against the
 * hand-written table of route-role-expectations.ts (from the spec, not from the policy library).
 */
describe('route × role matrix', () => {
  let stack: Stack;
  let routes: Route[];
  const tokens = new Map<SpecRole, string>();
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
          method: method as Method,
          key: `${method.toUpperCase()} ${path}`,
          url: path.replace(/\{\w+\}/g, SOME_ID),
          textBody: Object.keys(operation.requestBody?.content ?? {}).find(
            (type) => type !== 'application/json',
          ),
        })),
    );
    for (const role of SPEC_ROLES) tokens.set(role, (await stack.userWithToken([role])).token);
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

  it('has an expectation, written from the spec, for every closed route and no other', () => {
    expect(routes.length).toBeGreaterThan(8);
    const documented = new Set(routes.map((route) => route.key));
    expect([...documented].filter((key) => !(key in ROUTE_EXPECTATIONS))).toEqual([]);
    expect(Object.keys(ROUTE_EXPECTATIONS).filter((key) => !documented.has(key))).toEqual([]);
  });

  /** An empty JSON body, or for a text route a file with an unknown header: refused past the check. */
  const call = async (route: Route, headers: Record<string, string>) => {
    const request = stack.http()[route.method](route.url).set(headers);
    const { status } = await (route.textBody
      ? request.set('content-type', route.textBody).send('no such column\n')
      : request.send({}));
    return verdict(status);
  };

  it.each(SPEC_ROLES)('lets %s through exactly where the spec does', async (role) => {
    const differences: unknown[] = [];
    for (const route of routes) {
      // Logout would end the session the rest of the matrix uses.
      if (route.key.endsWith('/auth/logout')) continue;
      const expectation = ROUTE_EXPECTATIONS[route.key];
      if (!expectation) continue;
      const deviation = KNOWN_DEVIATIONS.find((d) => d.route === route.key && d.role === role);
      const spec = expectation.roles.includes(role) ? 'allowed' : 'forbidden';
      const expected = deviation?.code ?? spec;
      const got = await call(route, { authorization: `Bearer ${tokens.get(role)}` });
      if (got !== expected) differences.push({ route: route.key, role, expected, got });
    }
    expect(differences).toEqual([]);
  });

  it('lets an API key with read scopes through only to the reads the spec gives them', async () => {
    const differences: unknown[] = [];
    for (const route of routes) {
      const expectation = ROUTE_EXPECTATIONS[route.key];
      if (!expectation) continue;
      const expected = expectation.readKey ? 'allowed' : 'forbidden';
      const got = await call(route, { 'x-api-key': apiKey });
      if (got !== expected) differences.push({ route: route.key, expected, got });
    }
    expect(differences).toEqual([]);
  });

  it('counts no 5xx, 401 or other surprise as an answer', () => {
    expect([200, 201, 204, 400, 404, 409, 412, 422].map(verdict)).toEqual(Array(8).fill('allowed'));
    expect([403].map(verdict)).toEqual(['forbidden']);
    expect([401, 429, 500, 502, 503, 504].map(verdict)).toEqual([
      'unexpected 401',
      'unexpected 429',
      'unexpected 500',
      'unexpected 502',
      'unexpected 503',
      'unexpected 504',
    ]);
  });
});
