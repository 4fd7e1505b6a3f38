import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;

/** What a newcomer meets first, through the gateway. */
describe("a newcomer's first hour", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, { RATE_LIMIT_PER_MINUTE: '100000' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('leads from / to the documentation', async () => {
    const root = await stack.http().get('/').expect(302);
    expect(root.headers['location']).toBe('/docs');
  });

  it('lists the entry points at /api/v1, without a token', async () => {
    const index = await stack.http().get('/api/v1').expect(200);
    const body = index.body as {
      docs: string;
      openapi: string;
      signIn: string;
      entryPoints: { path: string; summary: string; tag: string }[];
    };

    expect(body).toMatchObject({ docs: '/docs', openapi: '/docs/openapi.json' });
    expect(body.signIn).toContain('/api/v1/auth/login');
    const paths = body.entryPoints.map((entry) => entry.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/teams', '/api/v1/members', '/api/v1/me/tasks']),
    );
    expect(paths.some((path) => path.includes('{'))).toBe(false);
    expect(body.entryPoints.find((entry) => entry.path === '/api/v1/teams')?.tag).toBe('teams');
  });

  it('tells a suspended user who gives the right password that the account is suspended', async () => {
    const { username, password } = await stack.user(['sales_rep']);
    await stack.sql(`UPDATE gateway."user" SET active = false WHERE username = $1`, [username]);
    const login = (secret: string) =>
      stack.http().post('/api/v1/auth/login').send({ username, password: secret });

    expect((await login(password).expect(403)).body.code).toBe('ACCOUNT_SUSPENDED');
    expect((await login(`${password}-wrong`).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
  });
});
