import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;

describe('rate limits', () => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    // Hour-long windows, so no test straddles the start of a new one.
    stack = await Stack.start(natsUrl, {
      LOGIN_RATE_LIMIT_PER_MINUTE: '4',
      RATE_LIMIT_PER_MINUTE: '5',
      RATE_LIMIT_WINDOW_SECONDS: '3600',
    });
    // One sign-in (a role without MFA), so three of the four login attempts remain.
    ({ token } = await stack.userWithToken(['manager']));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('limits logins per address, with a plain Retry-After', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await stack
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'x', password: 'y' });
      statuses.push(response.status);
    }
    const limited = await stack
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'x', password: 'y' })
      .expect(429);

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
});
