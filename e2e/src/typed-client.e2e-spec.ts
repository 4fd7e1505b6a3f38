import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import createClient from 'openapi-fetch';

import type { paths } from './generated/api';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;

/**
 * A client generated from the OpenAPI document (openapi-typescript + openapi-fetch, built by
 * `npm run build`): a route whose document lies fails to compile (`npm run typecheck`) or here.
 */
describe('the API through a client generated from its OpenAPI document', () => {
  let stack: Stack;
  let api: ReturnType<typeof createClient<paths>>;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl);
    const { username, password } = await stack.user(['team_leader']);
    const plain = createClient<paths>({ baseUrl: stack.gateway.baseUrl });
    const login = await plain.POST('/api/v1/auth/login', { body: { username, password } });
    expect(login.response.status).toBe(200);
    const { token } = await stack.userWithToken(['director']);
    api = createClient<paths>({
      baseUrl: stack.gateway.baseUrl,
      headers: { authorization: `Bearer ${token}` },
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('is generated from the document the gateway serves', async () => {
    const served = (await stack.http().get('/docs/openapi.json').expect(200)).body as unknown;
    const exported = JSON.parse(
      readFileSync(join(__dirname, '../../apps/gateway/dist/openapi.json'), 'utf8'),
    ) as unknown;
    expect(served).toEqual(exported);
  });

  it('creates a team, hires a member, reads, changes and lists them as the document says', async () => {
    const team = await api.POST('/api/v1/teams', {
      body: { name: `Typed ${Date.now()}`, kind: 'wechat_commerce' },
    });
    expect(team.response.status).toBe(201);
    const teamId = team.data?.id as string;

    const hired = await api.POST('/api/v1/members', {
      body: {
        employeeNo: `TC-${Date.now()}`,
        name: 'Tang Wen',
        teamId,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
      },
    });
    expect(hired.response.status).toBe(201);
    expect(hired.data).toMatchObject({ teamId, status: 'probation', version: 1 });
    const id = hired.data?.id as string;

    const read = await api.GET('/api/v1/members/{id}', { params: { path: { id } } });
    expect(read.data?.name).toBe('Tang Wen');

    const changed = await api.PATCH('/api/v1/members/{id}', {
      params: { path: { id }, header: { 'If-Match': read.response.headers.get('etag') ?? '' } },
      body: { name: 'Tang Wenjing' },
    });
    expect(changed.data).toMatchObject({ name: 'Tang Wenjing', version: 2 });

    const listed = await api.GET('/api/v1/members', { params: { query: { teamId } } });
    expect(listed.data?.items.map((member) => member.id)).toEqual([id]);

    const missing = await api.GET('/api/v1/members/{id}', {
      params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, code: 'MEMBER_NOT_FOUND' });
  });
});
