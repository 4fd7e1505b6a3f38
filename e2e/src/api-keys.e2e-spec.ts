import { randomUUID } from 'node:crypto';

import { ServiceProcess, waitFor } from '@salesops/testing';

import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;

describe('API keys', () => {
  let stack: Stack;
  let admin: Record<string, string>;
  let director: Record<string, string>;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl);
    admin = { authorization: `Bearer ${(await stack.userWithToken(['admin'])).token}` };
    director = { authorization: `Bearer ${(await stack.userWithToken(['director'])).token}` };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const team = async (parentId: string | null = null) =>
    (
      await stack
        .http()
        .post('/api/v1/teams')
        .set(director)
        .send({ name: `Keys ${randomUUID()}`, kind: 'other', parentId })
        .expect(201)
    ).body as { id: string };
  const hire = async (teamId: string) =>
    (
      await stack
        .http()
        .post('/api/v1/members')
        .set(director)
        .send({
          employeeNo: `K-${randomUUID().slice(0, 8)}`,
          name: 'Key Subject',
          phone: '13912345678',
          teamId,
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
        })
        .expect(201)
    ).body as { id: string };
  const createKey = async (body: object) =>
    (await stack.http().post('/api/v1/api-keys').set(admin).send(body).expect(201)).body as {
      id: string;
      key: string;
    };

  it('is shown once, stored hashed, and can do what its scopes say and no more', async () => {
    const member = await hire((await team()).id);
    const { id, key } = await createKey({ name: 'HR analytics', scopes: ['members:read'] });
    const usedAfter = Date.now() - 1000;

    const read = await stack
      .http()
      .get(`/api/v1/members/${member.id}`)
      .set({ 'x-api-key': key })
      .expect(200);
    expect(read.body.phone).toBe('139****5678');
    await stack.http().post('/api/v1/members').set({ 'x-api-key': key }).send({}).expect(403);
    await stack.http().get('/api/v1/teams').set({ 'x-api-key': key }).expect(403);

    // The gateway records a key's use after answering (not on the request's path): await it.
    const listed = await waitFor(
      async () => {
        const response = await stack.http().get('/api/v1/api-keys').set(admin).expect(200);
        const entry = (response.body.items as { id: string; lastUsedAt: string | null }[]).find(
          (item) => item.id === id,
        );
        return entry?.lastUsedAt ? response : undefined;
      },
      { timeoutMs: 10_000, what: "the key's last-used time" },
    );
    const entry = (listed.body.items as { id: string; lastUsedAt: string }[]).find(
      (item) => item.id === id,
    );
    expect(Date.parse(entry?.lastUsedAt ?? '')).toBeGreaterThanOrEqual(usedAfter);
    // The secret is base64url: it may hold '_' itself.
    expect(JSON.stringify(listed.body)).not.toContain(key.split('_').slice(2).join('_'));
  });

  it('is limited to its team subtree when it names a team', async () => {
    const parent = await team();
    const child = await team(parent.id);
    const inside = await hire(child.id);
    const outside = await hire((await team()).id);
    const { key } = await createKey({
      name: 'East dashboard',
      scopes: ['members:read'],
      teamId: parent.id,
    });

    await stack.http().get(`/api/v1/members/${inside.id}`).set({ 'x-api-key': key }).expect(200);
    await stack.http().get(`/api/v1/members/${outside.id}`).set({ 'x-api-key': key }).expect(404);
  });

  it('stops working when revoked', async () => {
    const { id, key } = await createKey({ name: 'Temporary', scopes: ['members:read'] });
    await stack.http().get('/api/v1/members').set({ 'x-api-key': key }).expect(200);

    await stack.http().delete(`/api/v1/api-keys/${id}`).set(admin).expect(204);

    const after = await stack.http().get('/api/v1/members').set({ 'x-api-key': key }).expect(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('stops working on every gateway instance at once when revoked on one', async () => {
    // A second instance that, without the broadcast, would trust what it read of a key for 10 min.
    const other = await ServiceProcess.start('gateway', {
      natsUrl,
      env: { CREDENTIAL_RECHECK_MS: '600000' },
    });
    try {
      const { id, key } = await createKey({ name: 'Shared', scopes: ['members:read'] });
      const onOther = async () =>
        (await fetch(`${other.baseUrl}/api/v1/members`, { headers: { 'x-api-key': key } })).status;
      expect(await onOther()).toBe(200);

      await stack.http().delete(`/api/v1/api-keys/${id}`).set(admin).expect(204);

      await waitFor(async () => (await onOther()) === 401 || undefined, {
        timeoutMs: 30_000,
        what: 'the other instance to refuse the revoked key',
      });
    } finally {
      await other.stop();
    }
  });

  it('refuses made-up keys, keys with administrative scopes, and key management without the permission', async () => {
    await stack
      .http()
      .get('/api/v1/members')
      .set({ 'x-api-key': 'sk_abcdefabcdef_' + 'x'.repeat(43) })
      .expect(401);
    await stack.http().get('/api/v1/members').set({ 'x-api-key': 'nonsense' }).expect(401);
    await stack
      .http()
      .post('/api/v1/api-keys')
      .set(admin)
      .send({ name: 'x', scopes: ['api-keys:manage'] })
      .expect(400);
    await stack
      .http()
      .post('/api/v1/api-keys')
      .set(director)
      .send({ name: 'x', scopes: ['members:read'] })
      .expect(403);
  });
});
