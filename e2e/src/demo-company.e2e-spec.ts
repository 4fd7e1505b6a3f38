import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
  TEST_IDENTITY_KEYS,
  TEST_JWT_SECRET,
  TEST_MFA_KEYS,
  TEST_AUDIT_CHAIN_KEY,
  TEST_USERNAME_HASH_KEY,
  testDatabaseUrl,
  waitFor,
} from '@salesops/testing';
import { totpCode } from '@salesops/totp';

import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const run = promisify(execFile);
/** The demo users' authenticator secret (apps/gateway/src/demo, `npm run mfa:code`). */
const DEMO_MFA_SECRET = 'ONQWYZLTN5YHGLLEMVWW6LLNMZQS2MRQ';
/** The demo HR department's webhook (apps/gateway/src/demo/demo-departments.ts): the last step. */
const DEMO_HR_WEBHOOK_ID = '5f4e3d2c-1b0a-4987-a654-3210fedcba98';

/** The demo company loads (again, idempotently) and its users sign in with their roles. */
describe('demo company', () => {
  let stack: Stack;

  const seed = () =>
    run(process.execPath, [join(__dirname, '../../apps/gateway/dist/demo/seed-demo.js')], {
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'test',
        NATS_URL: natsUrl,
        GATEWAY_DATABASE_URL: testDatabaseUrl('gateway'),
        JWT_SECRET: TEST_JWT_SECRET,
        IDENTITY_PRIVATE_KEY: TEST_IDENTITY_KEYS.privateKey,
        IDENTITY_PUBLIC_KEY: TEST_IDENTITY_KEYS.publicKey,
        USERNAME_HASH_KEY: TEST_USERNAME_HASH_KEY,
        AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
        ...TEST_MFA_KEYS,
        // The demo's past months are loaded on the stack's clock.
        TEST_CLOCK_FILE: stack.clockFilePath,
      },
      timeout: 180_000,
    });

  /** What a load of a company already loaded in full printed. */
  let loadedAgain = '';

  beforeAll(async () => {
    stack = await Stack.start(natsUrl);
    await seed();
    // As if the first load had stopped before its last step: the next one finishes it, every
    // write before that step a replay that changes nothing and does not fail.
    await stack.sql(`DELETE FROM gateway.webhook_subscription WHERE id = $1`, [DEMO_HR_WEBHOOK_ID]);
    await seed();
    loadedAgain = (await seed()).stdout;
  }, 360_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const login = (username: string) =>
    stack.http().post('/api/v1/auth/login').send({ username, password: 'salesops-demo' });

  it('leaves a company loaded in full as it is, however long ago it was loaded', () => {
    expect(loadedAgain).toContain('demo company already loaded');
    expect(loadedAgain).not.toContain('demo company loaded:');
  });

  it('signs in a demo leader with the role of their position', async () => {
    const { accessToken } = (await login('leader.east1').expect(200)).body as {
      accessToken: string;
    };
    const me = await stack
      .http()
      .get('/api/v1/auth/me')
      .set({ authorization: `Bearer ${accessToken}` })
      .expect(200);
    expect(me.body.roles).toEqual(['team_leader']);
  });

  it('names each demo team its leader and vice leader', async () => {
    const { accessToken } = (await login('leader.east1').expect(200)).body as {
      accessToken: string;
    };
    const auth = { authorization: `Bearer ${accessToken}` };
    const me = (await stack.http().get('/api/v1/auth/me').set(auth).expect(200)).body as {
      memberId: string;
    };
    const ownMember = (
      await stack.http().get(`/api/v1/members/${me.memberId}`).set(auth).expect(200)
    ).body as { teamId: string };

    const team = await stack.http().get(`/api/v1/teams/${ownMember.teamId}`).set(auth).expect(200);

    expect(team.body).toMatchObject({ name: 'East Team 1', leaderId: me.memberId });
    expect(team.body.viceLeaderId).toEqual(expect.any(String));
  });

  it('hires the demo people on past days, and leaves rep.east1b in probation with sales to review', async () => {
    const { accessToken } = (await login('leader.east1').expect(200)).body as {
      accessToken: string;
    };
    const auth = { authorization: `Bearer ${accessToken}` };
    const { items } = (await stack.http().get('/api/v1/members?limit=100').set(auth).expect(200))
      .body as {
      items: {
        id: string;
        employeeNo: string;
        status: string;
        hiredAt: string;
        probationEndsAt: string | null;
      }[];
    };
    const companyDay = (at: string | Date) =>
      new Date(new Date(at).getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const today = companyDay(new Date());
    expect(items.length).toBeGreaterThan(5);
    // Only the candidate the demo hires through recruitment joins on the day it loads.
    expect(
      items.filter((member) => companyDay(member.hiredAt) >= today).map((m) => m.employeeNo),
    ).toEqual(['E-0190']);
    expect(new Set(items.map((member) => companyDay(member.hiredAt))).size).toBe(items.length);
    const east1b = items.find((member) => member.employeeNo === 'E-0104');
    expect(east1b).toMatchObject({ status: 'probation' });
    expect(new Date(east1b?.probationEndsAt as string).getTime()).toBeGreaterThan(Date.now());
    const checkpoint = (
      await stack
        .http()
        .get(`/api/v1/members/${east1b?.id}/probation-checkpoint`)
        .set(auth)
        .expect(200)
    ).body as { kpis: { status: string; kpis?: { name: string; value: unknown }[] } };
    expect(checkpoint.kpis.status).toBe('available');
    const sales = checkpoint.kpis.kpis?.find((kpi) => kpi.name === 'salesAmount');
    expect(sales?.value).toEqual(expect.stringMatching(/^\d+\.\d{2}$/));
    expect(Number(sales?.value)).toBeGreaterThan(0);
  });

  it('gives each demo rep customers in every stage, and leaves some reps under the lead quota', async () => {
    const { accessToken } = (await login('leader.east1').expect(200)).body as {
      accessToken: string;
    };
    const auth = { authorization: `Bearer ${accessToken}` };
    const me = (await stack.http().get('/api/v1/auth/me').set(auth).expect(200)).body as {
      memberId: string;
    };
    const { teamId } = (
      await stack.http().get(`/api/v1/members/${me.memberId}`).set(auth).expect(200)
    ).body as { teamId: string };
    const customers = (
      await stack.http().get(`/api/v1/customers?teamId=${teamId}&limit=100`).set(auth).expect(200)
    ).body as { items: { ownerId: string; stage: string }[] };
    // The pool's customers are nobody's (issue 14): the two reps hold the rest.
    const owners = new Set(
      customers.items
        .map((customer) => customer.ownerId)
        .filter((owner) => owner !== '00000000-0000-0000-0000-000000000000'),
    );
    expect(owners.size).toBe(2);
    for (const owner of owners) {
      const stages = customers.items.filter((c) => c.ownerId === owner).map((c) => c.stage);
      expect(new Set(stages)).toEqual(
        new Set(['lead', 'contacted', 'qualified', 'negotiating', 'won', 'lost', 'dormant']),
      );
    }
    const quota = (
      await stack.http().get(`/api/v1/lead-quota?teamId=${teamId}`).set(auth).expect(200)
    ).body as { reps: { leads: number; shortfall: number }[] };
    expect(quota.reps.some((rep) => rep.shortfall > 0)).toBe(true);
    expect(quota.reps.some((rep) => rep.shortfall === 0 && rep.leads > 0)).toBe(true);
  });

  it("gives East Team 1 a yearly training plan against what was held, its leader the selling session's averages, and certificates to verify", async () => {
    const { accessToken } = (await login('leader.east1').expect(200)).body as {
      accessToken: string;
    };
    const auth = { authorization: `Bearer ${accessToken}` };
    const read = async <T>(path: string) =>
      (await stack.http().get(`/api/v1${path}`).set(auth).expect(200)).body as T;
    const plans = await read<{
      items: {
        teamSize: number;
        items: { courseId: string; category: string; status: string; attended: number }[];
      }[];
    }>('/training-plans');
    expect(plans.items).toHaveLength(1);
    const [plan] = plans.items;
    expect(new Set(plan?.items.map((item) => item.category))).toEqual(
      new Set([
        'onboarding',
        'product_knowledge',
        'sales_skills',
        'customer_service',
        'team_culture',
        'special',
      ]),
    );
    const selling = plan?.items.find((item) => item.category === 'sales_skills');
    expect(selling).toMatchObject({ status: 'held', attended: 2 });

    const sessions = await read<{ items: { id: string; startsAt: string; enrolled: number }[] }>(
      `/training-sessions?courseId=${selling?.courseId}`,
    );
    const past = sessions.items.find(
      (session) => Date.parse(session.startsAt) < Date.now() && session.enrolled > 0,
    );
    // Its own team's trainees: improvements 100 and 60, ratings 5 and 4, reflections 4 and 3.
    expect(await read(`/training-sessions/${past?.id}/evaluation`)).toMatchObject({
      over: 'reach',
      attended: 2,
      improvement: { count: 2, average: 80 },
      rating: { count: 2, average: 4.5 },
      reflectionGrade: { count: 2, average: 3.5 },
    });

    const certificates = await read<{ items: { number: string }[] }>('/certificates');
    expect(certificates.items.length).toBeGreaterThanOrEqual(2);
    const verified = await stack
      .http()
      .get(`/api/v1/certificates/${certificates.items[0]?.number}/verify`)
      .expect(200);
    expect(verified.body).toMatchObject({ valid: true });
  });

  it('gives rep.east1a visits planned, done and overdue and a birthday greeting, and East Team 1 a pool to claim from', async () => {
    const { accessToken } = (await login('rep.east1a').expect(200)).body as {
      accessToken: string;
    };
    const auth = { authorization: `Bearer ${accessToken}` };
    const visits = await waitFor(
      async () => {
        const page = (await stack.http().get('/api/v1/visits?limit=100').set(auth).expect(200))
          .body as { items: { status: string; overdue: boolean }[] };
        return page.items.some((visit) => visit.overdue) ? page.items : undefined;
      },
      { what: 'the overdue demo visit flagged' },
    );
    expect(visits).toHaveLength(3);
    expect(new Set(visits.map((visit) => visit.status))).toEqual(new Set(['planned', 'completed']));
    await waitFor(
      async () => {
        const page = (await stack.http().get('/api/v1/care-reminders').set(auth).expect(200))
          .body as { items: { kind: string }[] };
        return page.items.some((greeting) => greeting.kind === 'birthday') || undefined;
      },
      { what: "today's demo birthday greeting" },
    );
    const pool = (await stack.http().get('/api/v1/pool').set(auth).expect(200)).body as {
      items: { customer: { phone: string } }[];
    };
    expect(pool.items.length).toBeGreaterThanOrEqual(3);
    expect(pool.items.every((entry) => entry.customer.phone.includes('*'))).toBe(true);
  });

  it('gives rep.east1a orders in every state, one waiting for its discount, and a refund', async () => {
    const { accessToken } = (await login('leader.east1').expect(200)).body as {
      accessToken: string;
    };
    const auth = { authorization: `Bearer ${accessToken}` };
    const orders = (await stack.http().get('/api/v1/orders?limit=100').set(auth).expect(200))
      .body as { items: { status: string; discountStatus: string; refundedAmount: string }[] };
    expect(new Set(orders.items.map((order) => order.status))).toEqual(
      new Set([
        'draft',
        'submitted',
        'approved',
        'in_production',
        'packed',
        'shipped',
        'delivered',
        'completed',
        'rejected',
        'cancelled',
      ]),
    );
    // Eleven demo orders and the nine of its three past months, each once although the demo
    // loaded twice.
    expect(orders.items).toHaveLength(20);
    expect(orders.items.filter((order) => order.status === 'completed')).toHaveLength(10);
    expect(orders.items.some((order) => order.discountStatus === 'pending')).toBe(true);
    expect(orders.items.some((o) => o.status === 'completed' && o.refundedAmount !== '0.00')).toBe(
      true,
    );
  });

  it('gives the demo reps sales and training in each of the three past months, counted from their real records, and rankings of those months', async () => {
    const { accessToken } = (await login('leader.east1').expect(200)).body as {
      accessToken: string;
    };
    const auth = { authorization: `Bearer ${accessToken}` };
    const me = (await stack.http().get('/api/v1/auth/me').set(auth).expect(200)).body as {
      memberId: string;
    };
    const { teamId } = (
      await stack.http().get(`/api/v1/members/${me.memberId}`).set(auth).expect(200)
    ).body as { teamId: string };
    const reps = await Promise.all(
      ['rep.east1a', 'rep.east1b'].map(async (username) => {
        const { accessToken: token } = (await login(username).expect(200)).body as {
          accessToken: string;
        };
        const rep = await stack
          .http()
          .get('/api/v1/auth/me')
          .set({ authorization: `Bearer ${token}` })
          .expect(200);
        return { id: (rep.body as { memberId: string }).memberId };
      }),
    );
    // The company calendar's months before the current one (Asia/Shanghai, UTC+8 all year).
    const today = new Date(Date.now() + 8 * 60 * 60 * 1000);
    const periods = [1, 2, 3].map((back) => {
      const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
      return `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
    });
    const withSales = (period: string) =>
      Promise.all(
        reps.map(
          async (rep) =>
            (
              await stack
                .http()
                .get(`/api/v1/members/${rep.id}/scorecard?period=${period}`)
                .set(auth)
                .expect(200)
            ).body as { kpis: Record<string, unknown>; target: unknown },
        ),
      );
    for (const period of periods) {
      const cards = await withSales(period);
      const sales = cards.map((card) => Number(card.kpis['salesAmount'] ?? 0));
      expect(sales.filter((amount) => amount > 0)).toHaveLength(2);
      // Each rep had the month's target, so sales amount scored against it.
      expect(cards.map((card) => card.target)).toEqual([
        expect.objectContaining({ salesAmount: expect.any(String) }),
        expect.objectContaining({ salesAmount: expect.any(String) }),
      ]);
      // Each month's product training, attended.
      expect(cards.every((card) => card.kpis['trainingParticipation'] !== null)).toBe(true);
      const sources = (
        await stack
          .http()
          .get(`/api/v1/members/${reps[0]?.id}/scorecard/sources?period=${period}&kpi=salesAmount`)
          .set(auth)
          .expect(200)
      ).body as { items: unknown[] };
      expect(sources.items.length).toBeGreaterThan(0);
    }
    // The month froze when the seed's clock passed its end: the performance service does it on
    // its own time.
    const ranking = await waitFor(
      async () => {
        const answer = (
          await stack
            .http()
            .get(
              `/api/v1/rankings?period=${periods[2]}&metric=salesAmount&scope=team&teamId=${teamId}`,
            )
            .set(auth)
            .expect(200)
        ).body as { frozenAt?: string | null; entries: { value: unknown }[] };
        return answer.frozenAt ? answer : undefined;
      },
      { what: `the ranking of ${periods[2]} frozen` },
    );
    expect(ranking.entries.filter((entry) => Number(entry.value) > 0)).toHaveLength(2);
    // Teams rank by sales against their target: East Team 1 had one each month.
    const teams = (
      await stack
        .http()
        .get(`/api/v1/rankings?period=${periods[2]}&metric=teamSalesVsTarget&scope=company`)
        .set(auth)
        .expect(200)
    ).body as { entries: { teamId?: string; rank: number | null; value: unknown }[] };
    expect(teams.entries.find((entry) => entry.teamId === teamId)).toMatchObject({ rank: 1 });
  });

  it('imports the demo CSV (docs/demo-customers.csv) with a report of each row', async () => {
    const { accessToken } = (await login('rep.east1b').expect(200)).body as {
      accessToken: string;
    };
    const auth = { authorization: `Bearer ${accessToken}` };
    const csv = readFileSync(join(__dirname, '../../docs/demo-customers.csv'), 'utf8');
    const job = (
      await stack
        .http()
        .post('/api/v1/customers/import')
        .set({ ...auth, 'content-type': 'text/csv' })
        .send(csv)
        .expect(202)
    ).body as { id: string };
    const report = await waitFor(
      async () => {
        const body = (
          await stack.http().get(`/api/v1/customers/imports/${job.id}`).set(auth).expect(200)
        ).body as { status: string; rows: { outcome: string }[] };
        return body.status === 'completed' ? body : undefined;
      },
      { what: 'the demo import report' },
    );
    // Three new, one a demo customer already (rep.east1a's), one twice in the file, two invalid.
    expect(report).toMatchObject({ created: 3, duplicates: 2, invalid: 2 });
    expect(report.rows.map((row) => row.outcome)).toEqual([
      'created',
      'created',
      'created',
      'duplicate',
      'duplicate',
      'invalid',
      'invalid',
    ]);
  });

  it('gives rep.east1a a contract in each state, each once however often the demo loads', async () => {
    const { accessToken } = (await login('leader.east1').expect(200)).body as {
      accessToken: string;
    };
    const auth = { authorization: `Bearer ${accessToken}` };
    const contracts = (await stack.http().get('/api/v1/contracts?limit=100').set(auth).expect(200))
      .body as { items: { status: string; approvedBy: string | null }[] };
    const statuses = contracts.items.map((contract) => contract.status).sort();
    expect(statuses).toEqual(['completed', 'draft', 'signed', 'terminated', 'under_review'].sort());
    // The one under review waits for the leader; the signed ones were approved first.
    expect(contracts.items.find((c) => c.status === 'under_review')?.approvedBy).toBeNull();
    expect(contracts.items.find((c) => c.status === 'signed')?.approvedBy).toEqual(
      expect.any(String),
    );
  });

  it('gives customer service complaints in every state, one breached and one of a sales-skill cause, and revisits due from the deliveries', async () => {
    const { accessToken } = (await login('service.east1').expect(200)).body as {
      accessToken: string;
    };
    const auth = { authorization: `Bearer ${accessToken}` };
    type Complaint = {
      status: string;
      ackBreached: boolean;
      reopenCount: number;
      rootCause: { category: string } | null;
    };
    const complaints = await waitFor(
      async () => {
        const listed = (
          await stack.http().get('/api/v1/complaints?limit=100').set(auth).expect(200)
        ).body as { items: Complaint[] };
        return listed.items.some((complaint) => complaint.ackBreached) ? listed.items : undefined;
      },
      { what: 'the demo breach flagged by the sweep' },
    );
    // Seven demo complaints, each once although the demo loaded twice.
    expect(complaints).toHaveLength(7);
    expect(new Set(complaints.map((complaint) => complaint.status))).toEqual(
      new Set(['received', 'acknowledged', 'investigating', 'resolved', 'closed']),
    );
    expect(complaints.some((c) => c.status === 'investigating' && c.reopenCount === 1)).toBe(true);
    expect(
      complaints.some((c) => c.status === 'resolved' && c.rootCause?.category === 'sales_skill'),
    ).toBe(true);
    // A sales-skill or service-attitude cause enrolls the responsible member in the remedial
    // course the company sets, which every team inherits.
    const team = (
      await stack
        .http()
        .get(`/api/v1/teams/${(await stack.http().get('/api/v1/auth/me').set(auth)).body.teamId}`)
        .set(auth)
        .expect(200)
    ).body as { settings: { remedialCourseId: string | null } };
    expect(team.settings.remedialCourseId).toEqual(expect.any(String));
    // The delivered and the completed order each make one due (the revisits consumer).
    await waitFor(
      async () => {
        const revisits = (
          await stack.http().get('/api/v1/revisits?limit=100').set(auth).expect(200)
        ).body as { items: { status: string; orderId: string | null }[] };
        return revisits.items.filter((r) => r.status === 'due' && r.orderId !== null).length === 2;
      },
      { what: 'the revisits after the demo deliveries' },
    );
  });

  it("signs in the demo administrator with the demo second factor, who sees the demo people's users", async () => {
    const { mfaToken } = (await login('admin').expect(200)).body as { mfaToken: string };
    const { accessToken } = (
      await stack
        .http()
        .post('/api/v1/auth/mfa')
        .send({ mfaToken, code: totpCode(DEMO_MFA_SECRET) })
        .expect(200)
    ).body as { accessToken: string };
    for (const username of ['admin', 'leader.east1']) {
      const users = await stack
        .http()
        .get(`/api/v1/users?username=${username}`)
        .set({ authorization: `Bearer ${accessToken}` })
        .expect(200);
      expect(users.body.items).toEqual([expect.objectContaining({ username, status: 'active' })]);
    }
  });
  it("gives HR a webhook to the demo receiver, and a dashboard's key the event stream", async () => {
    const { mfaToken } = (await login('hr').expect(200)).body as { mfaToken: string };
    const { accessToken } = (
      await stack
        .http()
        .post('/api/v1/auth/mfa')
        .send({ mfaToken, code: totpCode(DEMO_MFA_SECRET) })
        .expect(200)
    ).body as { accessToken: string };
    const hooks = await stack
      .http()
      .get('/api/v1/webhooks')
      .set({ authorization: `Bearer ${accessToken}` })
      .expect(200);
    expect(hooks.body.items).toEqual([
      expect.objectContaining({
        url: 'http://127.0.0.1:3901/hr/events',
        types: ['members.*', 'training.*', 'performance.*'],
        status: 'active',
      }),
    ]);
    // The key README's curl uses: derived from the demo password, as the seed derives it.
    const digest = createHash('sha256')
      .update('salesops demo stream key salesops-demo')
      .digest('base64url');
    const controller = new AbortController();
    const stream = await fetch(`${stack.gateway.baseUrl}/api/v1/events/stream?types=members.*`, {
      headers: { 'x-api-key': `sk_demostream01_${digest}` },
      signal: controller.signal,
    });
    controller.abort();
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
  });
});
