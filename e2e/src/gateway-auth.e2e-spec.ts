import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import jwt from 'jsonwebtoken';
import { execFile } from 'node:child_process';
import { createHmac, createSecretKey, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
  TEST_JWT_SECRET,
  TEST_MFA_KEYS,
  TEST_USERNAME_HASH_KEY,
  testDatabaseUrl,
  waitFor,
} from '@salesops/testing';
import { totpCode, totpStep } from '@salesops/totp';

import { gatewayFixture } from './support/gateway-fixture';
import { Stack } from './support/stack';
import { testDb } from './support/test-db';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const run = promisify(execFile);
const key = createSecretKey(Buffer.from(TEST_JWT_SECRET));
const valid = {
  algorithm: 'HS256',
  issuer: 'salesops',
  audience: 'salesops-api',
  expiresIn: 60,
} as const;
const unsigned = (claims: object) =>
  `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

describe('gateway authentication and sessions', () => {
  let stack: Stack;
  const gateway = gatewayFixture(() => stack);
  let claims: Record<string, unknown>;
  let realToken: string;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, {
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      LOGIN_USERNAME_RATE_LIMIT_PER_MINUTE: '1000',
    });
    realToken = (await stack.userWithToken()).token;
    const {
      iat: _iat,
      exp: _exp,
      iss: _iss,
      aud: _aud,
      ...rest
    } = jwt.decode(realToken) as Record<string, unknown>;
    claims = rest;
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

  it('accepts a token with the pinned algorithm, issuer and audience of an open session', async () => {
    expect(await status(realToken)).toBe(200);
    expect(await status(jwt.sign(claims, key, valid))).toBe(200);
  });

  it.each<[string, () => string]>([
    ['another audience', () => jwt.sign(claims, key, { ...valid, audience: 'someone-else' })],
    ['another issuer', () => jwt.sign(claims, key, { ...valid, issuer: 'evil' })],
    [
      'an expired token',
      () =>
        jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, key, {
          algorithm: 'HS256',
          issuer: 'salesops',
          audience: 'salesops-api',
        }),
    ],
    ['another key', () => jwt.sign(claims, 'another-secret-another-secret-another', valid)],
    ['alg none', () => unsigned({ ...claims, iss: 'salesops', aud: 'salesops-api' })],
    ['HS512', () => jwt.sign(claims, key, { ...valid, algorithm: 'HS512' })],
    [
      'an unknown session',
      () => jwt.sign({ ...claims, sid: '00000000-0000-4000-8000-000000000009' }, key, valid),
    ],
    ['claims that are not ours', () => jwt.sign({ sub: 'x' }, key, valid)],
  ])('refuses %s with 401', async (_, token) => {
    expect(await status(token())).toBe(401);
  });

  it('rotates refresh tokens, and a reused one ends the whole session', async () => {
    const { username, password } = await stack.user(['sales_rep']);
    const login = await stack
      .http()
      .post('/api/v1/auth/login')
      .send({ username, password })
      .expect(200);
    const first = login.body as { accessToken: string; refreshToken: string };
    const userId = (
      (
        await stack
          .http()
          .get('/api/v1/auth/me')
          .set({ authorization: `Bearer ${first.accessToken}` })
          .expect(200)
      ).body as { userId: string }
    ).userId;

    const refreshed = await stack
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(200);
    const second = refreshed.body as { accessToken: string; refreshToken: string };
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await status(second.accessToken)).toBe(200);

    const reuse = await stack
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(401);
    expect(reuse.body.code).toBe('INVALID_REFRESH_TOKEN');
    expect(await status(second.accessToken)).toBe(401);
    await stack
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: second.refreshToken })
      .expect(401);
    const audit = await stack
      .http()
      .get(`/api/v1/audit-events?subject=${userId}`)
      .set({ authorization: `Bearer ${realToken}` })
      .expect(200);
    expect(
      (audit.body as { items: { action: string }[] }).items.map((item) => item.action),
    ).toContain('auth.refresh.reused');
  });

  it('ends the session at logout', async () => {
    const { token } = await stack.userWithToken();
    await stack
      .http()
      .post('/api/v1/auth/logout')
      .set({ authorization: `Bearer ${token}` })
      .expect(204);
    const after = await stack
      .http()
      .get('/api/v1/auth/me')
      .set({ authorization: `Bearer ${token}` })
      .expect(401);
    expect(after.body.code).toBe('SESSION_ENDED');
  });

  it('tells the caller who they are', async () => {
    const { token } = await stack.userWithToken(['hr']);
    const me = await stack
      .http()
      .get('/api/v1/auth/me')
      .set({ authorization: `Bearer ${token}` })
      .expect(200);
    expect(me.body).toMatchObject({ roles: ['hr'], scope: { kind: 'company' } });
    expect(me.body.permissions).toEqual(expect.arrayContaining(['members:read', 'members:write']));
    expect(me.body.permissions).not.toContain('audit:read');
  });

  /** `subjectVersion`: the member's version after the change the event reports. */
  const publishMembersEvent = async (
    type: string,
    data: Record<string, unknown>,
    subjectVersion = 2,
  ) => {
    const nc = await connect({ servers: natsUrl });
    try {
      const event = {
        id: randomUUID(),
        type,
        version: 1,
        source: 'members',
        time: new Date().toISOString(),
        subject: data['memberId'],
        subjectVersion,
        actor: null,
        requestId: null,
        data,
      };
      await jetstream(nc).publish(`salesops.${type}`, JSON.stringify(event), { msgID: event.id });
    } finally {
      await nc.close();
    }
  };

  it.each([
    [
      'departed',
      'members.member.departed',
      { departedAt: new Date().toISOString(), reasonKind: 'resigned' },
      401,
    ],
    [
      'suspended',
      'members.member.suspended',
      { suspendedAt: new Date().toISOString(), reasonKind: 'investigation' },
      // The right password of a suspended account is told so: 403 ACCOUNT_SUSPENDED.
      403,
    ],
  ])(
    'refuses a %s member on their very next request, and their login',
    async (_, type, facts, refused) => {
      const memberId = randomUUID();
      const { username, password } = await stack.user(['sales_rep'], memberId);
      const accessToken = await stack.login(username, password);
      expect(await status(accessToken)).toBe(200);

      await publishMembersEvent(type, { memberId, teamId: randomUUID(), ...facts });

      await waitFor(async () => (await status(accessToken)) === 401, {
        what: `the ${_} member to be refused`,
      });
      await stack.http().post('/api/v1/auth/login').send({ username, password }).expect(refused);
    },
  );

  it.each([
    ['suspends', 'suspend', { reason: 'Looked into', reasonKind: 'investigation' }],
    ['departs', 'depart', { reason: 'Moved away', reasonKind: 'resigned' }],
  ] as const)(
    'refuses a member the gateway %s on their very next request, not once the event comes',
    async (_, action, body) => {
      const teamId = await gateway.newTeam(realToken, 'Standing');
      const memberId = await gateway.hire(realToken, teamId, { prefix: 'S', name: 'Standing Rep' });
      const colleague = await gateway.hire(realToken, teamId, { prefix: 'S', name: 'Colleague' });
      const { username, password } = await stack.user(['sales_rep'], memberId, teamId);
      const accessToken = await stack.login(username, password);
      expect(await status(accessToken)).toBe(200);
      const actor = action === 'suspend' ? (await stack.userWithToken(['hr'])).token : realToken;

      await gateway
        .post(actor, `/members/${memberId}/${action}`, {
          ...body,
          ...(action === 'depart' ? { handoverTo: colleague } : {}),
        })
        .expect(200);

      // The answer came after the sessions ended: no wait for the members event.
      expect(await status(accessToken)).toBe(401);
    },
  );

  it('lets a reinstated member sign in again', async () => {
    const memberId = randomUUID();
    const teamId = randomUUID();
    const { username, password } = await stack.user(['sales_rep'], memberId);
    await publishMembersEvent('members.member.suspended', {
      memberId,
      teamId,
      suspendedAt: new Date().toISOString(),
      reasonKind: 'investigation',
    });
    await waitFor(
      async () =>
        (await stack.http().post('/api/v1/auth/login').send({ username, password })).status === 403,
      { what: 'the suspension to apply' },
    );
    await publishMembersEvent(
      'members.member.reinstated',
      {
        memberId,
        teamId,
        reinstatedAt: new Date().toISOString(),
      },
      3,
    );
    await waitFor(
      async () =>
        (await stack.http().post('/api/v1/auth/login').send({ username, password })).status === 200,
      { what: 'the reinstatement to apply' },
    );
  });

  it('locks an account after 5 failed logins, even for the right password', async () => {
    const { username, password } = await stack.user();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await stack
        .http()
        .post('/api/v1/auth/login')
        .send({ username, password: 'wrong' })
        .expect(401);
    }
    const locked = await stack
      .http()
      .post('/api/v1/auth/login')
      .send({ username, password })
      .expect(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('evaluates at most 5 of 20 wrong passwords sent at once, then refuses them unchecked', async () => {
    const { username, password } = await stack.user(['sales_rep']);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await stack
          .http()
          .post('/api/v1/auth/login')
          .send({ username, password: `wrong-${randomUUID()}` });
        return response.status;
      }),
    );
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 401 && status !== 423)).toEqual([]);
    await stack.http().post('/api/v1/auth/login').send({ username, password }).expect(423);
  });

  it('records a failed login by a keyed hash of the typed name, unless it names a user', async () => {
    const typed = `Tr0ub4dor&3-${randomUUID()}`;
    await stack
      .http()
      .post('/api/v1/auth/login')
      .send({ username: typed, password: 'x' })
      .expect(401);
    const known = await stack.user(['sales_rep']);
    await stack
      .http()
      .post('/api/v1/auth/login')
      .send({ username: known.username, password: 'wrong' })
      .expect(401);
    const keyed = createHmac('sha256', Buffer.from(TEST_USERNAME_HASH_KEY, 'base64'))
      .update(typed)
      .digest('hex');
    const db = testDb();
    try {
      const failures = async (needle: string) =>
        (
          await db.query<{ details: Record<string, unknown> }>(
            `SELECT details FROM gateway.audit_event
             WHERE action = 'auth.login.failed' AND details::text LIKE $1`,
            [`%${needle}%`],
          )
        ).rows.map((row) => row.details);
      const attempts = async (needle: string) =>
        (
          await db.query(`SELECT 1 FROM gateway.login_attempt WHERE username LIKE $1`, [
            `%${needle}%`,
          ])
        ).rowCount;
      expect(await failures(typed)).toEqual([]);
      expect(await attempts(typed)).toBe(0);
      expect(await failures(keyed)).toEqual([
        expect.objectContaining({ usernameHash: `hmac-sha256:${keyed}` }),
      ]);
      expect(await attempts(keyed)).toBe(1);
      expect(await failures(known.username)).toEqual([
        expect.objectContaining({ username: known.username }),
      ]);
    } finally {
      await db.end();
    }
  });

  describe('multi-factor authentication (TOTP)', () => {
    /** The gateway's clock, stopped at the start of a TOTP step: no code goes stale mid-test. */
    const STEP_START = new Date('2026-11-30T04:00:00.000Z');
    /** The step the gateway is in (the stack moves its clock on when a sign-in needs a new one). */
    const step = () => totpStep(stack.now().getTime());

    beforeAll(() => stack.setClock(STEP_START));
    beforeEach(() => stack.moveClock(30_000));

    const login = async (username: string, password: string) =>
      (await stack.http().post('/api/v1/auth/login').send({ username, password }).expect(200))
        .body as { mfaToken?: string; mfaRequired?: true; mfaEnrolmentRequired?: true };
    const completeMfa = (mfaToken: string | undefined, code: string) =>
      stack.http().post('/api/v1/auth/mfa').send({ mfaToken, code });

    it('makes a director enrol at the first login, then asks for a code that works once', async () => {
      const { username, password } = await stack.user(['director']);
      const first = await login(username, password);
      expect(first).toEqual({ mfaEnrolmentRequired: true, mfaToken: expect.any(String) });
      expect(await status(first.mfaToken as string)).toBe(401);

      const enrolment = await stack
        .http()
        .post('/api/v1/auth/mfa/enrolment')
        .send({ mfaToken: first.mfaToken })
        .expect(200);
      const { secret, otpauthUri } = enrolment.body as { secret: string; otpauthUri: string };
      expect(otpauthUri).toContain(`secret=${secret}`);
      expect((await completeMfa(first.mfaToken, '000000')).body.code).toBe('INVALID_MFA_CODE');
      const enrolledAt = step();
      const signedIn = await completeMfa(first.mfaToken, totpCode(secret, enrolledAt)).expect(200);
      expect(await status((signedIn.body as { accessToken: string }).accessToken)).toBe(200);

      const second = await login(username, password);
      expect(second).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
      const replayed = await completeMfa(second.mfaToken, totpCode(secret, enrolledAt)).expect(401);
      expect(replayed.body.code).toBe('INVALID_MFA_CODE');
      await completeMfa(second.mfaToken, totpCode(secret, enrolledAt + 1)).expect(200);
    });

    it('refuses an access token, or a sign-in step token, in the other place', async () => {
      await completeMfa(realToken, '123456').expect(401);
      const { username, password } = await stack.user(['director']);
      const { mfaToken } = await login(username, password);
      const enrolment = await stack
        .http()
        .post('/api/v1/auth/mfa/enrolment')
        .send({ mfaToken: `${mfaToken as string}x` });
      expect(enrolment.body.code).toBe('INVALID_MFA_TOKEN');
    });

    it('lets any user turn MFA on and off, but not a role that must use it', async () => {
      const rep = await stack.user(['sales_rep']);
      const repToken = await stack.login(rep.username, rep.password);
      const auth = { authorization: `Bearer ${repToken}` };
      const setup = await stack.http().post('/api/v1/auth/mfa/setup').set(auth).expect(200);
      const { secret } = setup.body as { secret: string };
      await stack
        .http()
        .post('/api/v1/auth/mfa/enable')
        .set(auth)
        .send({ code: '000000' })
        .expect(401);
      const enabledAt = step();
      await stack
        .http()
        .post('/api/v1/auth/mfa/enable')
        .set(auth)
        .send({ code: totpCode(secret, enabledAt) })
        .expect(204);
      expect(await login(rep.username, rep.password)).toMatchObject({ mfaRequired: true });
      await stack
        .http()
        .post('/api/v1/auth/mfa/disable')
        .set(auth)
        .send({ code: totpCode(secret, enabledAt + 1) })
        .expect(204);
      expect(await login(rep.username, rep.password)).toMatchObject({
        accessToken: expect.any(String),
      });

      const director = await stack.userWithToken(['director']);
      const refused = await stack
        .http()
        .post('/api/v1/auth/mfa/disable')
        .set({ authorization: `Bearer ${director.token}` })
        .send({ code: '123456' })
        .expect(403);
      expect(refused.body.code).toBe('MFA_REQUIRED');
    });

    it('needs the current code and the password to set up another device once MFA is on', async () => {
      const rep = await stack.user(['sales_rep']);
      const auth = { authorization: `Bearer ${await stack.login(rep.username, rep.password)}` };
      const setup = (body?: object) =>
        stack
          .http()
          .post('/api/v1/auth/mfa/setup')
          .set(auth)
          .send(body ?? {});
      const enable = (code: string) =>
        stack.http().post('/api/v1/auth/mfa/enable').set(auth).send({ code });
      const now = step();
      const { secret } = (await setup().expect(200)).body as { secret: string };
      await enable(totpCode(secret, now - 1)).expect(204);

      // A session alone, as a thief would hold it, cannot swap the second factor.
      const alone = await setup().expect(400);
      expect(alone.body.code).toBe('VALIDATION_FAILED');
      expect((alone.body.errors as { path: string }[]).map((error) => error.path).sort()).toEqual([
        'body.code',
        'body.password',
      ]);
      const wrongPassword = await setup({ password: 'wrong', code: totpCode(secret, now) });
      expect([wrongPassword.status, wrongPassword.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
      const wrongCode = await setup({ password: rep.password, code: '000000' });
      expect([wrongCode.status, wrongCode.body.code]).toEqual([401, 'INVALID_MFA_CODE']);

      const swapped = await setup({ password: rep.password, code: totpCode(secret, now) }).expect(
        200,
      );
      const next = (swapped.body as { secret: string }).secret;
      expect(next).not.toBe(secret);
      await enable(totpCode(next, now - 1)).expect(204);
      const { mfaToken } = await login(rep.username, rep.password);
      await completeMfa(mfaToken, totpCode(secret, now)).expect(401);
      await completeMfa(mfaToken, totpCode(next, now)).expect(200);
    });

    it('refuses to enrol a user who is enrolled already, even with a sign-in step from before', async () => {
      const { username, password } = await stack.user(['director']);
      const { mfaToken } = await login(username, password);
      const enrolment = await stack
        .http()
        .post('/api/v1/auth/mfa/enrolment')
        .send({ mfaToken })
        .expect(200);
      const { secret } = enrolment.body as { secret: string };
      const now = step();
      await completeMfa(mfaToken, totpCode(secret, now - 1)).expect(200);

      const again = await stack.http().post('/api/v1/auth/mfa/enrolment').send({ mfaToken });
      expect([again.status, again.body.code]).toEqual([409, 'MFA_ALREADY_ENROLLED']);
      const replayed = await completeMfa(mfaToken, totpCode(secret, now));
      expect([replayed.status, replayed.body.code]).toEqual([401, 'INVALID_MFA_TOKEN']);
    });

    it('evaluates at most 5 of 20 wrong codes sent at once', async () => {
      const { username, password } = await stack.user(['finance']);
      const { mfaToken } = await login(username, password);
      await stack.http().post('/api/v1/auth/mfa/enrolment').send({ mfaToken }).expect(200);
      const statuses = await Promise.all(
        Array.from({ length: 20 }, async () => (await completeMfa(mfaToken, '000000')).status),
      );
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((status) => status !== 401 && status !== 423)).toEqual([]);
    });

    it('re-encrypts MFA secrets under a new key, and codes still work', async () => {
      const { username, password } = await stack.user(['director']);
      const first = await login(username, password);
      const enrolment = await stack
        .http()
        .post('/api/v1/auth/mfa/enrolment')
        .send({ mfaToken: first.mfaToken })
        .expect(200);
      const { secret } = enrolment.body as { secret: string };
      const enrolledAt = step();
      await completeMfa(first.mfaToken, totpCode(secret, enrolledAt)).expect(200);
      const db = testDb();
      try {
        const stored = async () =>
          (
            await db.query<{ mfaSecret: string }>(
              `SELECT "mfaSecret" FROM gateway."user" WHERE username = $1`,
              [username],
            )
          ).rows[0]?.mfaSecret;
        expect(await stored()).toMatch(/^v2\.test1\./);
        expect(await stored()).not.toContain(secret);

        const { stdout } = await run(
          process.execPath,
          [join(__dirname, '../../apps/gateway/dist/mfa-keys/reencrypt-mfa-secrets.js')],
          {
            env: {
              ...process.env,
              ...TEST_MFA_KEYS,
              MFA_ACTIVE_KEY: 'test2',
              GATEWAY_DATABASE_URL: testDatabaseUrl('gateway'),
            },
          },
        );
        expect(stdout).toMatch(/^re-encrypted [1-9]\d* MFA secrets/);
        expect(await stored()).toMatch(/^v2\.test2\./);
        const again = await login(username, password);
        await completeMfa(again.mfaToken, totpCode(secret, enrolledAt + 1)).expect(200);
      } finally {
        await db.end();
      }
    });

    it('counts wrong codes towards the lockout', async () => {
      const { username, password } = await stack.user(['finance']);
      const { mfaToken } = await login(username, password);
      await stack.http().post('/api/v1/auth/mfa/enrolment').send({ mfaToken }).expect(200);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await completeMfa(mfaToken, '000000').expect(401);
      }
      const locked = await stack.http().post('/api/v1/auth/login').send({ username, password });
      expect(locked.status).toBe(423);
    });
  });

  it('refuses a route the role may not use with 403', async () => {
    const { token } = await stack.userWithToken(['trainer']);
    const response = await stack
      .http()
      .post('/api/v1/members')
      .set({ authorization: `Bearer ${token}` })
      .send({})
      .expect(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });

  it('closes every route of the API document that is not marked public', async () => {
    const document = (await stack.http().get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const closed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.security === undefined)
        .map(([method]) => ({
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
      .set({ authorization: `Bearer ${realToken}` });
    const metricsOf = (port: number) =>
      fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
    const gateway = await metricsOf(stack.gateway.opsPort);
    const members = await metricsOf(stack.service('members').opsPort);
    const performance = await metricsOf(stack.service('performance').opsPort);

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
