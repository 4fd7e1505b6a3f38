import { waitFor } from '@salesops/testing';

import { gatewayFixture } from './support/gateway-fixture';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;

interface Customer {
  id: string;
  phone: string | null;
  ownerId: string;
  stage: string;
  lastContactAt: string | null;
  version: number;
}
interface LeadQuota {
  quota: number;
  total: number;
  reps: { memberId: string; leads: number; quota: number; shortfall: number }[];
}

/** The CRM's daily path through the gateway: leads, follow-ups, quota, transfer. */
describe('customers through the gateway', () => {
  let stack: Stack;
  let director: string;
  const gateway = gatewayFixture(() => stack);
  const { as, post, get } = gateway;
  const newTeam = (weeklyLeadQuota: number) =>
    gateway.newTeam(director, 'CRM', { settings: { weeklyLeadQuota } });
  const hire = (teamId: string) => gateway.hire(director, teamId, { prefix: 'CR', name: 'Sun Li' });

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, { RATE_LIMIT_PER_MINUTE: '100000' });
    director = (await stack.userWithToken(['director'])).token;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('lets a rep register and follow up leads and see their quota; a leader transfers and reads the report', async () => {
    const teamId = await newTeam(3);
    const [repA, repB] = [await hire(teamId), await hire(teamId)];
    const rep = (await stack.userWithToken(['sales_rep'], repA, teamId)).token;
    const colleague = (await stack.userWithToken(['sales_rep'], repB, teamId)).token;
    const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
    const otherLeader = (await stack.userWithToken(['team_leader'], null, await newTeam(5))).token;

    const register = (token: string, phone: string) =>
      post(token, '/customers', { name: 'Zhou Min', phone, channel: 'referral', intent: 'B' });
    const first = (await register(rep, '138 0013 8000').expect(201)).body as Customer;
    const second = (await register(rep, '+86 139 0013 9000').expect(201)).body as Customer;
    expect(first).toMatchObject({ phone: '+8613800138000', ownerId: repA, stage: 'lead' });

    const duplicate = await register(colleague, '13800138000').expect(409);
    expect(duplicate.body).toMatchObject({ code: 'CUSTOMER_DUPLICATE', details: { teamId } });
    expect(JSON.stringify(duplicate.body)).not.toContain('38000');
    await register(rep, '12345').expect(400);

    const overdue = new Date(Date.now() - 60_000).toISOString();
    await post(rep, `/customers/${first.id}/follow-ups`, {
      channel: 'wechat',
      content: 'sent the catalogue',
      nextFollowUpAt: overdue,
    }).expect(201);
    const followedUp = (await get(rep, `/customers/${first.id}`).expect(200)).body as Customer;
    expect(followedUp.stage).toBe('contacted');
    expect(followedUp.lastContactAt).not.toBeNull();
    const tasks = (await get(rep, '/me/tasks').expect(200)).body as {
      items: { kind: string; subjectId: string }[];
    };
    expect(tasks.items).toContainEqual(
      expect.objectContaining({ kind: 'customer.follow-up', subjectId: first.id }),
    );

    const listed = (await get(rep, '/customers?sort=createdAt').expect(200)).body as {
      items: Customer[];
    };
    expect(listed.items.map((item) => item.id)).toEqual([first.id, second.id]);
    expect(listed.items[0]?.phone).toBe('138****8000');
    const clear = (await get(rep, '/customers?contact=clear').expect(200)).body as {
      items: Customer[];
    };
    expect(clear.items.map((item) => item.phone)).toContain('+8613800138000');
    await get(colleague, `/customers/${first.id}`).expect(404);
    await get(otherLeader, `/customers/${first.id}`).expect(404);

    const quota = await waitFor(
      async () => {
        const body = (await get(rep, `/lead-quota?teamId=${teamId}`).expect(200)).body as LeadQuota;
        return body.reps.length === 1 ? body : undefined;
      },
      { what: "the rep's quota line" },
    );
    expect(quota.reps).toEqual([{ memberId: repA, leads: 2, quota: 3, shortfall: 1 }]);

    await post(rep, `/customers/${second.id}/transfer`, { ownerId: repB, reason: 'x' }).expect(403);
    const moved = (
      await post(leader, `/customers/${second.id}/transfer`, {
        ownerId: repB,
        reason: 'closer to the customer',
      })
        .set('if-match', String(second.version))
        .expect(200)
    ).body as Customer;
    expect(moved.ownerId).toBe(repB);
    await get(rep, `/customers/${second.id}`).expect(404);
    await get(colleague, `/customers/${second.id}`).expect(200);

    const report = (await get(leader, `/lead-quota?teamId=${teamId}`).expect(200))
      .body as LeadQuota;
    expect(report).toMatchObject({ quota: 3, total: 2 });
    expect(report.reps).toEqual(
      expect.arrayContaining([
        { memberId: repA, leads: 2, quota: 3, shortfall: 1 },
        { memberId: repB, leads: 0, quota: 3, shortfall: 3 },
      ]),
    );
    await get(otherLeader, `/lead-quota?teamId=${teamId}`).expect(404);

    const me = (await get(leader, '/auth/me').expect(200)).body as { userId: string };
    const exported = await get(leader, `/customers/export?teamId=${teamId}&sort=createdAt`)
      .buffer(true)
      .expect(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    const lines = exported.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,type,name,phone,/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([first.id, second.id]);
    expect(exported.text).toContain('138****8000');
    expect(exported.text).not.toContain('13800138000');
    const clearExport = await get(leader, `/customers/export?teamId=${teamId}&contact=clear`)
      .buffer(true)
      .expect(200);
    expect(clearExport.text).toContain("'+8613800138000");
    await get(rep, `/customers/export?teamId=${teamId}`).expect(403);
    const audit = await waitFor(
      async () => {
        const body = (await get(director, `/audit-events?actor=${me.userId}`).expect(200)).body as {
          items: { action: string; details: { rows?: number; filter?: { teamId?: string } } }[];
        };
        return body.items.find((item) => item.action === 'customers.export');
      },
      { what: 'the export in the audit trail' },
    );
    expect(audit.details).toMatchObject({ rows: 2, filter: { teamId } });
    expect(audit.details.filter).toHaveProperty('contact');

    await post(rep, `/customers/${first.id}/mark-won`).expect(403);
    const won = (await post(leader, `/customers/${first.id}/mark-won`).expect(200))
      .body as Customer;
    expect(won.stage).toBe('won');
  });
  it('imports a CSV in the background and reports each row; the same file again is the same job', async () => {
    const teamId = await newTeam(5);
    const repId = await hire(teamId);
    const rep = (await stack.userWithToken(['sales_rep'], repId, teamId)).token;
    const known = (
      await post(rep, '/customers', {
        name: 'Known',
        phone: '13700137000',
        channel: 'phone',
      }).expect(201)
    ).body as Customer;
    const csv = [
      '\uFEFFname,phone,channel,intent,tags',
      '"Liang, Wen",+86 137 0013 7001,event,A,fair;vip',
      'No Phone Yet,,online,B,',
      'Bad Phone,12345,online,C,',
      `Same Person,${known.phone as string},referral,A,`,
    ].join('\r\n');
    const send = () =>
      stack
        .http()
        .post('/api/v1/customers/import')
        .set({ ...as(rep), 'content-type': 'text/csv' })
        .send(csv);

    const accepted = await send().expect(202);
    const job = accepted.body as { id: string };
    expect(accepted.headers['location']).toBe(`/api/v1/customers/imports/${job.id}`);
    const report = await waitFor(
      async () => {
        const body = (await get(rep, `/customers/imports/${job.id}`).expect(200)).body as {
          status: string;
          created: number;
          duplicates: number;
          invalid: number;
          rows: { row: number; outcome: string; errors: { path: string }[] }[];
        };
        return body.status === 'completed' ? body : undefined;
      },
      { what: 'the import report' },
    );
    expect(report).toMatchObject({
      total: 4,
      processed: 4,
      created: 2,
      duplicates: 1,
      invalid: 1,
      pending: 0,
      nextCursor: null,
    });
    expect(report.rows.map((row) => row.outcome)).toEqual([
      'created',
      'created',
      'invalid',
      'duplicate',
    ]);
    expect(report.rows[2]?.errors).toEqual([expect.objectContaining({ path: 'input.phone' })]);
    type Page = { created: number; rows: { row: number; outcome: string }[]; nextCursor: string };
    const first = (await get(rep, `/customers/imports/${job.id}?limit=3`).expect(200)).body as Page;
    expect(first.rows.map((row) => row.row)).toEqual([1, 2, 3]);
    const rest = (
      await get(
        rep,
        `/customers/imports/${job.id}?limit=3&cursor=${encodeURIComponent(first.nextCursor)}`,
      ).expect(200)
    ).body as Page;
    expect(rest).toMatchObject({ created: 2, rows: [{ row: 4 }], nextCursor: null });
    const created = (await get(rep, `/customers/imports/${job.id}?status=created`).expect(200))
      .body as Page;
    expect(created.rows.map((row) => row.row)).toEqual([1, 2]);
    await get(rep, `/customers/imports/${job.id}?limit=501`).expect(400);
    await get(rep, `/customers/imports/${job.id}?status=lost`).expect(400);

    expect(((await send().expect(202)).body as { id: string }).id).toBe(job.id);
    const mine = (await get(rep, '/customers?limit=100').expect(200)).body as { items: Customer[] };
    expect(mine.items).toHaveLength(3);
    await stack
      .http()
      .post('/api/v1/customers/import')
      .set({ ...as(rep), 'content-type': 'text/csv' })
      .send('fullName,phone\nx,1')
      .expect(400);
    await stack
      .http()
      .post('/api/v1/customers')
      .set({ ...as(rep), 'content-type': 'text/csv' })
      .send('name\nx')
      .expect(415);
  });
  it("hands a departing rep's customers to the successor, and they leave the quota report", async () => {
    const teamId = await newTeam(5);
    const [leaving, successor] = [await hire(teamId), await hire(teamId)];
    const rep = (await stack.userWithToken(['sales_rep'], leaving, teamId)).token;
    const next = (await stack.userWithToken(['sales_rep'], successor, teamId)).token;
    const leader = (await stack.userWithToken(['team_leader'], null, teamId)).token;
    const ids: string[] = [];
    for (const phone of ['13600136001', '13600136002']) {
      ids.push(
        (
          (await post(rep, '/customers', { name: 'Fan Yu', phone, channel: 'phone' }).expect(201))
            .body as Customer
        ).id,
      );
    }
    await waitFor(
      async () =>
        ((await get(leader, `/lead-quota?teamId=${teamId}`).expect(200)).body as LeadQuota).reps
          .length === 2,
      { what: 'both reps in the quota report' },
    );

    await post(leader, `/members/${leaving}/depart`, {
      reason: 'moved away',
      reasonKind: 'resigned',
      handoverTo: successor,
    }).expect(200);

    for (const id of ids) {
      expect(((await get(next, `/customers/${id}`).expect(200)).body as Customer).ownerId).toBe(
        successor,
      );
    }
    const history = (await get(leader, `/customers/${ids[0] as string}/history`).expect(200))
      .body as { items: { kind: string; from: string | null; to: string }[] };
    expect(history.items.filter((entry) => entry.kind === 'owner').at(-1)).toMatchObject({
      from: leaving,
      to: successor,
    });
    await waitFor(
      async () => {
        const report = (await get(leader, `/lead-quota?teamId=${teamId}`).expect(200))
          .body as LeadQuota;
        return report.reps.length === 1 && report.reps[0]?.memberId === successor;
      },
      { what: 'the departed rep to leave the quota report' },
    );
  });
  it('takes a file whose rows would not fit in one bus message, and reports every row', async () => {
    const teamId = await newTeam(5);
    const rep = (await stack.userWithToken(['sales_rep'], await hire(teamId), teamId)).token;
    const long = 'x'.repeat(1000);
    const csv = [
      'name,address,wechatId,channel',
      ...Array.from({ length: 520 }, () => `${long},${long},${long},online`),
    ].join('\n');
    const job = (
      await stack
        .http()
        .post('/api/v1/customers/import')
        .set({ ...as(rep), 'content-type': 'text/csv' })
        .send(csv)
        .expect(202)
    ).body as { id: string; total: number };
    expect(job.total).toBe(520);
    const report = await waitFor(
      async () => {
        const body = (await get(rep, `/customers/imports/${job.id}`).expect(200)).body as {
          status: string;
          invalid: number;
          rows: unknown[];
          nextCursor: string | null;
        };
        return body.status === 'completed' ? body : undefined;
      },
      { what: 'the import report', timeoutMs: 60_000 },
    );
    expect(report.invalid).toBe(520);
    expect(report.rows).toHaveLength(100);
    expect(report.nextCursor).toEqual(expect.any(String));
  });
});
