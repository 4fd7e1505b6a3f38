import { randomUUID } from 'node:crypto';

import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
/** A stopped clock at the start of a one-minute window: no test straddles two of them. */
const WINDOW_START = new Date('2026-11-30T15:59:00.000Z');

const login = (stack: Stack, path = '/api/v1/auth/login', from?: string, username = 'x') => {
  const call = stack.http().post(path);
  if (from) void call.set({ 'x-forwarded-for': from });
  return call.send({ username, password: 'y' });
};

describe('rate limits', () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, {
      LOGIN_RATE_LIMIT_PER_MINUTE: '4',
      RATE_LIMIT_PER_MINUTE: '5',
    });
    stack.setClock(WINDOW_START);
    // One sign-in (a role without MFA), so three of the four login attempts remain.
    ({ token } = await stack.userWithToken(['manager']));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('limits logins per address, with a plain Retry-After, whatever X-Forwarded-For claims', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      // No TRUST_PROXY: a client naming a new address each time is still the same address.
      const response = await login(stack, undefined, `203.0.113.${attempt + 1}`);
      statuses.push(response.status);
    }
    const limited = await login(stack, undefined, '203.0.113.99').expect(429);

    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('limits each principal', async () => {
    const statuses: number[] = [];
    for (let request = 0; request < 7; request += 1) {
      const response = await stack
        .http()
        .get('/api/v1/teams')
        .set({ authorization: `Bearer ${token}` });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it('counts afresh in the next window, with Retry-After up to its start', async () => {
    const teams = () =>
      stack
        .http()
        .get('/api/v1/teams')
        .set({ authorization: `Bearer ${token}` });
    stack.setClock(new Date(WINDOW_START.getTime() + 60_000 + 45_000));
    for (let request = 0; request < 5; request += 1) await teams().expect(200);
    const limited = await teams().expect(429);
    expect(limited.headers['retry-after']).toBe('15');

    stack.moveClock(15_000);
    await teams().expect(200);
  });

  it('limits public certificate verification per address as hard as sign-ins', async () => {
    stack.setClock(new Date(WINDOW_START.getTime() + 5 * 60_000));
    const statuses: number[] = [];
    for (let request = 0; request < 5; request += 1) {
      const response = await stack.http().get(`/api/v1/certificates/TC-${'7'.repeat(20)}/verify`);
      statuses.push(response.status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429]);
  });
});

describe('sign-in limits behind a trusted proxy', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, {
      TRUST_PROXY: '127.0.0.1/32, ::1/128',
      LOGIN_RATE_LIMIT_PER_MINUTE: '4',
      LOGIN_USERNAME_RATE_LIMIT_PER_MINUTE: '3',
    });
    stack.setClock(WINDOW_START);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('counts a sign-in by the route it reaches, however its path is spelled', async () => {
    const spellings = [
      '/api/v1/auth/%6Cogin',
      '/api/v1/auth/logi%6E',
      '/api/v1/auth/%6c%6f%67%69%6e?x=1',
      '/api/v1/auth/login',
      '/api/v1/auth/%6Cogin',
    ];
    const statuses: number[] = [];
    for (const path of spellings) {
      statuses.push((await login(stack, path, '198.51.100.1', `u-${randomUUID()}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it("believes the trusted proxy's X-Forwarded-For: each client address has its own limit", async () => {
    const first: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      first.push((await login(stack, undefined, '198.51.100.2', `u-${randomUUID()}`)).status);
    }
    expect(first).toEqual([401, 401, 401, 401, 429]);
    await login(stack, undefined, '198.51.100.3', `u-${randomUUID()}`).expect(401);
  });

  it('limits sign-ins of one username beside those of one address', async () => {
    const username = `target-${randomUUID()}`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const from = `198.51.100.${10 + attempt}`;
      statuses.push((await login(stack, undefined, from, username)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Spelled in capitals, it is the same username.
    await login(stack, undefined, '198.51.100.20', username.toUpperCase()).expect(429);
    await login(stack, undefined, '198.51.100.21', `other-${randomUUID()}`).expect(401);
  });
});
