import { randomUUID } from 'node:crypto';

import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const PROBLEM = /application\/problem\+json/;

describe('teams and members through the gateway', () => {
  let stack: Stack;
  let token: string;
  const auth = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await Stack.start(natsUrl);
    ({ token } = await stack.userWithToken());
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const createTeam = async () =>
    (
      await stack
        .http()
        .post('/api/v1/teams')
        .set(auth())
        .send({ name: `E2E ${randomUUID()}`, kind: 'wechat_commerce' })
        .expect(201)
    ).body as { id: string };

  const memberBody = (teamId: string) => ({
    employeeNo: `E2E-${randomUUID().slice(0, 8)}`,
    name: 'Qian Yu',
    phone: '13812345678',
    teamId,
    position: 'sales_rep',
    track: 'professional',
    level: 'sales_rep',
  });

  it('is ready when the database, NATS and every service are: ok in public, details on the ops port', async () => {
    const ready = await stack.http().get('/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok' });
    const details = await fetch(`http://127.0.0.1:${stack.gateway.opsPort}/ready/system`);
    expect(details.status).toBe(200);
    expect(await details.json()).toMatchObject({
      ready: true,
      checks: {
        database: 'ok',
        nats: 'ok',
        members: 'ok',
        customers: 'ok',
        orders: 'ok',
        training: 'ok',
        performance: 'ok',
      },
    });
  });

  it('refuses a request without a valid token as problem+json', async () => {
    const missing = await stack.http().get('/api/v1/members').expect(401);
    const forged = await stack
      .http()
      .get('/api/v1/members')
      .set({ authorization: 'Bearer abc.def.ghi' })
      .expect(401);

    for (const response of [missing, forged]) {
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      expect(response.body.requestId).toBe(response.headers['x-request-id']);
    }
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const response = await stack
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'nobody', password: 'x' })
      .expect(401);
    expect(response.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('creates and reads a team and a member', async () => {
    const team = await createTeam();
    const created = await stack
      .http()
      .post('/api/v1/members')
      .set(auth())
      .send(memberBody(team.id))
      .expect(201);

    expect(created.headers['location']).toBe(`/api/v1/members/${created.body.id}`);
    expect(created.headers['etag']).toBe('"1"');
    expect(created.body).toMatchObject({ status: 'probation', teamId: team.id, version: 1 });

    const read = await stack
      .http()
      .get(`/api/v1/members/${created.body.id}`)
      .set(auth())
      .expect(200);
    expect(read.body).toEqual(created.body);
    const listed = await stack
      .http()
      .get(`/api/v1/members?teamId=${team.id}&contact=clear`)
      .set(auth())
      .expect(200);
    expect(listed.body).toEqual({ items: [created.body], nextCursor: null });
    await stack.http().get(`/api/v1/teams/${team.id}`).set(auth()).expect(200);
  });

  it('answers bad input with 400 and the field errors, and creates nothing', async () => {
    const team = await createTeam();
    const response = await stack
      .http()
      .post('/api/v1/members')
      .set(auth())
      .send({ ...memberBody(team.id), level: 'nonsense', extra: 1 })
      .expect(400);

    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const { errors } = response.body as { errors: { path: string }[] };
    expect(errors.map((error) => error.path)).toEqual(
      expect.arrayContaining(['body.level', 'body.extra']),
    );
    const listed = await stack
      .http()
      .get(`/api/v1/members?teamId=${team.id}`)
      .set(auth())
      .expect(200);
    expect(listed.body.items).toHaveLength(0);
  });

  it('answers malformed JSON, a wrong media type and an oversized body with their own codes', async () => {
    const malformed = await stack
      .http()
      .post('/api/v1/teams')
      .set({ ...auth(), 'content-type': 'application/json' })
      .send('{"name":')
      .expect(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');

    const tooLarge = await stack
      .http()
      .post('/api/v1/teams')
      .set(auth())
      .send({ name: 'x'.repeat(1024 * 1024 + 10), kind: 'other' })
      .expect(413);
    expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a duplicate employee number with 409 and its code', async () => {
    const team = await createTeam();
    const body = memberBody(team.id);
    await stack.http().post('/api/v1/members').set(auth()).send(body).expect(201);
    const response = await stack.http().post('/api/v1/members').set(auth()).send(body).expect(409);
    expect(response.body.code).toBe('MEMBER_EMPLOYEE_NO_TAKEN');
  });

  it('replays a POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const team = await createTeam();
    const key = randomUUID();
    const body = memberBody(team.id);
    const first = await stack
      .http()
      .post('/api/v1/members')
      .set({ ...auth(), 'idempotency-key': key })
      .send(body)
      .expect(201);
    const again = await stack
      .http()
      .post('/api/v1/members')
      .set({ ...auth(), 'idempotency-key': key })
      .send(body)
      .expect(201);
    const other = await stack
      .http()
      .post('/api/v1/members')
      .set({ ...auth(), 'idempotency-key': key })
      .send(memberBody(team.id))
      .expect(422);

    expect(again.body).toEqual(first.body);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers a stale If-Match with 412 and changes nothing', async () => {
    const team = await createTeam();
    const created = await stack
      .http()
      .post('/api/v1/members')
      .set(auth())
      .send(memberBody(team.id))
      .expect(201);
    const path = `/api/v1/members/${created.body.id}`;

    const updated = await stack
      .http()
      .patch(path)
      .set({ ...auth(), 'if-match': '"1"' })
      .send({ name: 'New' })
      .expect(200);
    const stale = await stack
      .http()
      .patch(path)
      .set({ ...auth(), 'if-match': '"1"' })
      .send({ name: 'Lost' })
      .expect(412);

    expect(updated.headers['etag']).toBe('"2"');
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    const read = await stack.http().get(path).set(auth()).expect(200);
    expect(read.body).toMatchObject({ name: 'New', version: 2 });
  });

  it('answers 404 with a code for a member that does not exist', async () => {
    const response = await stack
      .http()
      .get(`/api/v1/members/${randomUUID()}`)
      .set(auth())
      .expect(404);
    expect(response.body.code).toBe('MEMBER_NOT_FOUND');
  });

  it("keeps the caller's X-Request-Id", async () => {
    const response = await stack
      .http()
      .get('/api/v1/teams')
      .set({ ...auth(), 'x-request-id': 'trace-me-42' })
      .expect(200);
    expect(response.headers['x-request-id']).toBe('trace-me-42');
  });

  it('serves the OpenAPI document generated from the validation schemas', async () => {
    const document = await stack.http().get('/docs/openapi.json').expect(200);
    const createMember = document.body.paths['/api/v1/members'].post;
    expect(createMember.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['employeeNo', 'name', 'teamId', 'position', 'track', 'level']),
    );
    expect(document.body.paths['/api/v1/auth/login'].post.security).toEqual([]);
  });
});
