import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const MINUTE_MS = 60_000;
const START = new Date('2026-11-30T15:50:00.000Z');

/**
 * security.md: 5 failed logins in 15 minutes lock the account for 15 minutes. The gateway's clock
 * is stopped and moved by the test, so the windows are exact and nothing sleeps.
 */
describe('the lockout window', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, {
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      LOGIN_USERNAME_RATE_LIMIT_PER_MINUTE: '1000',
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  beforeEach(() => stack.setClock(START));

  const login = (username: string, password: string) =>
    stack.http().post('/api/v1/auth/login').send({ username, password });
  /** A user without a second factor, so the right password signs in at once. */
  const newUser = () => stack.user(['sales_rep']);
  const fail = async (username: string, times: number) => {
    for (let attempt = 0; attempt < times; attempt += 1) {
      await login(username, 'wrong').expect(401);
    }
  };

  it('does not lock after 4 failures: the right password still signs in', async () => {
    const { username, password } = await newUser();
    await fail(username, 4);
    await login(username, password).expect(200);
  });

  it('locks at the 5th failure, even for the right password, for 15 minutes', async () => {
    const { username, password } = await newUser();
    await fail(username, 5);

    const locked = await login(username, password).expect(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.headers['retry-after']).toBe('900');

    stack.moveClock(15 * MINUTE_MS - 1000);
    const still = await login(username, password).expect(423);
    expect(still.headers['retry-after']).toBe('1');

    stack.moveClock(1000);
    await login(username, password).expect(200);
  });

  it('counts failures in a 15-minute window: older ones no longer count', async () => {
    const { username, password } = await newUser();
    await fail(username, 4);
    stack.moveClock(15 * MINUTE_MS + 1000);
    await fail(username, 1);
    await login(username, password).expect(200);
  });

  it('counts a 5th failure within the window, however late in it', async () => {
    const { username, password } = await newUser();
    await fail(username, 4);
    stack.moveClock(15 * MINUTE_MS - 1000);
    await fail(username, 1);
    await login(username, password).expect(423);
  });
});
