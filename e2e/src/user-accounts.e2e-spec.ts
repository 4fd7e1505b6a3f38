import { createHash, randomUUID } from 'node:crypto';

import { FIELD_RULES } from '@salesops/policy';
import { ServiceProcess, waitFor } from '@salesops/testing';

import { Stack } from './support/stack';
import { testDb } from './support/test-db';

const natsUrl = process.env['TEST_NATS_URL'] as string;

interface UserView {
  id: string;
  username: string;
  memberId: string | null;
  teamId: string | null;
  roles: string[];
  grants: string[];
  status: string;
  activationExpiresAt: string | null;
}
type CreatedUser = UserView & { activationToken: string };

const STRONG = () => `plum-harbour-${randomUUID().slice(0, 8)}`;

/** Accounts for people: created for a member, activated once by its owner, managed by admin and HR. */
describe('user accounts', () => {
  let stack: Stack;
  const db = testDb();
  let director: string;
  let admin: string;
  let hr: string;
  let teamId: string;
  const secrets: string[] = [];

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  const hire = async (position = 'sales_rep') => {
    const track = ['team_leader', 'manager', 'director'].includes(position)
      ? 'management'
      : 'professional';
    const level = track === 'management' ? position : 'sales_rep';
    const created = await stack
      .http()
      .post('/api/v1/members')
      .set(as(director))
      .send({
        employeeNo: `U-${randomUUID().slice(0, 8)}`,
        name: 'Qian Hui',
        teamId,
        position: track === 'management' ? position : 'sales_rep',
        track,
        level,
      })
      .expect(201);
    return created.body as { id: string; teamId: string };
  };

  const createAccount = (token: string, memberId: string, username = `u.${randomUUID()}`) =>
    stack.http().post('/api/v1/users').set(as(token)).send({ memberId, username });

  const account = async (position = 'sales_rep') => {
    const member = await hire(position);
    const created = (await createAccount(admin, member.id).expect(201)).body as CreatedUser;
    secrets.push(created.activationToken);
    return { member, user: created };
  };

  const activate = (activationToken: string, password: string) =>
    stack.http().post('/api/v1/auth/activate').send({ activationToken, password });

  const login = (username: string, password: string) =>
    stack.http().post('/api/v1/auth/login').send({ username, password });

  /** A member with an activated account, signed in. */
  const signedIn = async (position = 'sales_rep') => {
    const { member, user } = await account(position);
    const password = STRONG();
    secrets.push(password);
    await activate(user.activationToken, password).expect(204);
    const token = (await login(user.username, password).expect(200)).body.accessToken as string;
    return { member, user, password, token };
  };

  const getUser = async (id: string, token = admin) =>
    (await stack.http().get(`/api/v1/users/${id}`).set(as(token)).expect(200)).body as UserView;

  const refusedSoon = (token: string) =>
    waitFor(
      async () =>
        (await stack.http().get('/api/v1/auth/me').set(as(token))).status === 401 || undefined,
      { what: 'the session to end' },
    );

  const auditActions = async (subject: string) =>
    (
      await db.query<{ action: string; details: Record<string, unknown> }>(
        `SELECT action, details FROM gateway.audit_event WHERE subject = $1 ORDER BY seq`,
        [subject],
      )
    ).rows;

  beforeAll(async () => {
    stack = await Stack.start(
      natsUrl,
      { LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_USERNAME_RATE_LIMIT_PER_MINUTE: '1000' },
      { LOG_LEVEL: 'debug' },
    );
    director = (await stack.userWithToken(['director'])).token;
    admin = (await stack.userWithToken(['admin'])).token;
    hr = (await stack.userWithToken(['hr'])).token;
    teamId = (
      (
        await stack
          .http()
          .post('/api/v1/teams')
          .set(as(director))
          .send({ name: `Accounts ${randomUUID()}`, kind: 'online_sales' })
          .expect(201)
      ).body as { id: string }
    ).id;
  });

  afterAll(async () => {
    await stack?.stop();
    await db.end();
  });

  it('gives a member hired through the API an account that signs in with the role of their position', async () => {
    const member = await hire('team_leader');
    const username = `lead.${randomUUID().slice(0, 8)}`;
    const created = await createAccount(admin, member.id, username).expect(201);
    const user = created.body as CreatedUser;
    expect(user).toMatchObject({
      username,
      memberId: member.id,
      teamId,
      roles: ['team_leader'],
      grants: [],
      status: 'pending',
      activationToken: expect.stringMatching(/^[\w-]{40,}$/),
    });
    expect(created.headers['location']).toBe(`/api/v1/users/${user.id}`);
    await login(username, 'anything at all').expect(401);

    const password = STRONG();
    await activate(user.activationToken, password).expect(204);
    const reused = await activate(user.activationToken, STRONG()).expect(401);
    expect(reused.body.code).toBe('INVALID_ACTIVATION_TOKEN');

    const token = (await login(username, password).expect(200)).body.accessToken as string;
    const me = await stack.http().get('/api/v1/auth/me').set(as(token)).expect(200);
    expect(me.body).toMatchObject({ memberId: member.id, teamId, roles: ['team_leader'] });
    expect(await getUser(user.id)).toMatchObject({ status: 'active', activationExpiresAt: null });
  });

  it('refuses a weak password with field errors, and the token still works after', async () => {
    const { user } = await account();
    for (const weak of ['Short-1', user.username, user.username.toUpperCase(), 'password1234']) {
      const refused = await activate(user.activationToken, weak).expect(400);
      expect({ weak, code: refused.body.code, paths: refused.body.errors }).toEqual({
        weak,
        code: 'VALIDATION_FAILED',
        paths: [{ path: 'body.password', message: expect.any(String) }],
      });
    }
    await login(user.username, 'password1234').expect(401);
    await activate(user.activationToken, STRONG()).expect(204);
  });

  it('expires an activation token 72 hours after it is made', async () => {
    const early = await account();
    const late = await account();
    const hoursLeft = (
      await db.query<{ hours: number }>(
        `SELECT extract(epoch FROM "activationExpiresAt" - now()) / 3600 AS hours
         FROM gateway."user" WHERE id = $1`,
        [early.user.id],
      )
    ).rows[0]?.hours;
    expect(Number(hoursLeft)).toBeGreaterThan(71.9);
    expect(Number(hoursLeft)).toBeLessThanOrEqual(72);

    const age = (id: string, interval: string) =>
      stack.sql(
        `UPDATE gateway."user" SET "activationExpiresAt" = "activationExpiresAt" - $2::interval
         WHERE id = $1`,
        [id, interval],
      );
    await age(early.user.id, '71 hours 59 minutes');
    await age(late.user.id, '72 hours');
    await activate(early.user.activationToken, STRONG()).expect(204);
    const expired = await activate(late.user.activationToken, STRONG()).expect(401);
    expect(expired.body.code).toBe('INVALID_ACTIVATION_TOKEN');
  });

  it('keeps only a hash of the token, and never answers with a hash or an unclassified field', async () => {
    const { user } = await account();
    const stored = (
      await db.query<Record<string, unknown>>(`SELECT * FROM gateway."user" WHERE id = $1`, [
        user.id,
      ])
    ).rows[0] as Record<string, unknown>;
    expect(stored['activationTokenHash']).toBe(
      createHash('sha256').update(user.activationToken).digest('hex'),
    );
    expect(JSON.stringify(stored)).not.toContain(user.activationToken);

    const rules: Record<string, { class: string }> = FIELD_RULES.user;
    const shown = [
      await getUser(user.id),
      ...((await stack.http().get('/api/v1/users?limit=100').set(as(admin)).expect(200)).body
        .items as UserView[]),
    ];
    for (const view of shown) {
      const fields = Object.keys(view);
      expect(fields.filter((field) => !(field in rules))).toEqual([]);
      expect(fields.filter((field) => rules[field]?.class === 'secret')).toEqual([]);
      expect(fields).not.toContain('activationToken');
    }
  });

  it('disables a user: their sessions end and they cannot sign in again', async () => {
    const { user, password, token } = await signedIn();
    const disabled = await stack
      .http()
      .post(`/api/v1/users/${user.id}/disable`)
      .set(as(admin))
      .expect(200);
    expect(disabled.body).toMatchObject({ status: 'disabled' });
    await refusedSoon(token);
    await login(user.username, password).expect(401);
    const reset = await stack.http().post(`/api/v1/users/${user.id}/reset`).set(as(admin));
    expect([reset.status, reset.body.code]).toEqual([409, 'USER_DISABLED']);
  });

  it('disables a user on every gateway instance at once', async () => {
    // A second instance that, without the broadcast, would trust what it read of a session for 10 min.
    const other = await ServiceProcess.start('gateway', {
      natsUrl,
      env: { CREDENTIAL_RECHECK_MS: '600000' },
    });
    try {
      const { user, token } = await signedIn();
      const onOther = async () =>
        (await fetch(`${other.baseUrl}/api/v1/auth/me`, { headers: as(token) })).status;
      expect(await onOther()).toBe(200);

      await stack.http().post(`/api/v1/users/${user.id}/disable`).set(as(admin)).expect(200);

      await waitFor(async () => (await onOther()) === 401 || undefined, {
        timeoutMs: 30_000,
        what: 'the other instance to refuse the disabled user',
      });
    } finally {
      await other.stop();
    }
  });

  it('resets a user: a new token; the old password and every session end', async () => {
    const { user, password, token } = await signedIn();
    const reset = await stack
      .http()
      .post(`/api/v1/users/${user.id}/reset`)
      .set(as(admin))
      .expect(200);
    const { activationToken } = reset.body as CreatedUser;
    secrets.push(activationToken);
    expect(reset.body).toMatchObject({ status: 'pending' });
    await refusedSoon(token);
    await login(user.username, password).expect(401);
    const next = STRONG();
    await activate(activationToken, next).expect(204);
    await login(user.username, next).expect(200);
  });

  it("disables the user of a member who departs, and ends the member's sessions", async () => {
    const { member, user, password, token } = await signedIn();
    const colleague = await hire();
    await stack
      .http()
      .post(`/api/v1/members/${member.id}/depart`)
      .set(as(director))
      .send({ reason: 'resigned', handoverTo: colleague.id })
      .expect(200);
    await refusedSoon(token);
    await waitFor(async () => (await getUser(user.id)).status === 'disabled', {
      what: 'the departed member’s user to be disabled',
    });
    await login(user.username, password).expect(401);
    expect((await auditActions(user.id)).map((entry) => entry.action)).toContain('user.disabled');
  });

  it('grants roles by an administrator only, never to themself, and audits it', async () => {
    const { user, password, token } = await signedIn();
    const grant = (by: string, id: string, grants: string[]) =>
      stack.http().patch(`/api/v1/users/${id}`).set(as(by)).send({ grants });

    const byHr = await grant(hr, user.id, ['trainer']);
    expect([byHr.status, byHr.body.code]).toEqual([403, 'ABOVE_OWN_AUTHORITY']);
    const adminId = (await stack.http().get('/api/v1/auth/me').set(as(admin)).expect(200)).body
      .userId as string;
    const toSelf = await grant(admin, adminId, ['hr']);
    expect([toSelf.status, toSelf.body.code]).toEqual([403, 'SELF_DECISION']);
    await grant(admin, user.id, ['director']).expect(400);

    const granted = await grant(admin, user.id, ['trainer']).expect(200);
    expect(granted.body).toMatchObject({ roles: ['sales_rep', 'trainer'], grants: ['trainer'] });
    await refusedSoon(token);
    const again = (await login(user.username, password).expect(200)).body.accessToken as string;
    const me = await stack.http().get('/api/v1/auth/me').set(as(again)).expect(200);
    expect(me.body.roles).toEqual(['sales_rep', 'trainer']);

    await grant(admin, user.id, []).expect(200);
    expect((await getUser(user.id)).roles).toEqual(['sales_rep']);
    const changes = (await auditActions(user.id)).filter(
      (entry) => entry.action === 'user.grants.changed',
    );
    expect(changes.map((entry) => entry.details['grants'])).toEqual([['trainer'], []]);
  });

  it('lets HR manage the accounts of members below a manager, and no more', async () => {
    const rep = await hire();
    const made = (await createAccount(hr, rep.id).expect(201)).body as CreatedUser;
    secrets.push(made.activationToken);
    await stack.http().post(`/api/v1/users/${made.id}/reset`).set(as(hr)).expect(200);
    expect((await getUser(made.id, hr)).username).toBe(made.username);

    const manager = await hire('manager');
    const above = await createAccount(hr, manager.id);
    expect([above.status, above.body.code]).toEqual([403, 'ABOVE_OWN_AUTHORITY']);
    const managers = await account('manager');
    for (const step of ['reset', 'disable']) {
      const refused = await stack
        .http()
        .post(`/api/v1/users/${managers.user.id}/${step}`)
        .set(as(hr));
      expect({ step, status: refused.status, code: refused.body.code }).toEqual({
        step,
        status: 403,
        code: 'ABOVE_OWN_AUTHORITY',
      });
    }
    expect((await getUser(managers.user.id)).status).toBe('pending');

    // An administrator's user is no member's: out of HR's reach, it does not exist for HR.
    const adminMe = (await stack.http().get('/api/v1/auth/me').set(as(admin)).expect(200)).body as {
      userId: string;
    };
    const hidden = await stack.http().get(`/api/v1/users/${adminMe.userId}`).set(as(hr));
    expect([hidden.status, hidden.body.code]).toEqual([404, 'USER_NOT_FOUND']);
    const adminName = (await getUser(adminMe.userId)).username;
    const listed = await stack.http().get(`/api/v1/users?username=${adminName}`).set(as(hr));
    expect(listed.body.items).toEqual([]);
    await stack.http().post(`/api/v1/users/${adminMe.userId}/reset`).set(as(hr)).expect(404);
  });

  it('refuses a taken username, a second account for a member and an unknown member', async () => {
    const { member, user } = await account();
    const other = await hire();
    const taken = await createAccount(admin, other.id, user.username);
    expect([taken.status, taken.body.code]).toEqual([409, 'USERNAME_TAKEN']);
    const second = await createAccount(admin, member.id);
    expect([second.status, second.body.code]).toEqual([409, 'MEMBER_HAS_USER']);
    const unknown = await createAccount(admin, randomUUID());
    expect([unknown.status, unknown.body.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
    const count = await db.query(`SELECT 1 FROM gateway."user" WHERE "memberId" = $1`, [other.id]);
    expect(count.rowCount).toBe(0);
  });

  it('never writes an activation token or a password to a log line or the audit trail', async () => {
    expect(secrets.length).toBeGreaterThan(5);
    const logs = [...stack.processes.values()].map((process) => process.output.join('')).join('\n');
    const audit = (
      await db.query<{ details: string }>(
        `SELECT details::text AS details FROM gateway.audit_event`,
      )
    ).rows
      .map((row) => row.details)
      .join('\n');
    for (const secret of secrets) {
      expect({ secret, inLogs: logs.includes(secret), inAudit: audit.includes(secret) }).toEqual({
        secret,
        inLogs: false,
        inAudit: false,
      });
    }
  });
});
