import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;

describe('rate limits', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, {
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      RATE_LIMIT_PER_MINUTE: '5',
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('limits logins per address, with a plain Retry-After', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push(
        (await stack.http().post('/api/v1/auth/login').send({ username: 'x', password: 'y' }))
          .status,
      );
    }
    const limited = await stack
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'x', password: 'y' })
      .expect(429);

    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[3]).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('limits each principal', async () => {
    const statuses: number[] = [];
    for (let request = 0; request < 7; request += 1) {
      statuses.push(
        (
          await stack
            .http()
            .get('/api/v1/teams')
            .set({ authorization: `Bearer ${token}` })
        ).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
