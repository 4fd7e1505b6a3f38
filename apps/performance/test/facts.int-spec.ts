import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';

import { CustomersEvents } from '@salesops/customers-contracts/events';
import {
  type DeadLetter,
  deadLetterSubjectOf,
  ensureStream,
  envelopeOf,
  streamOf,
} from '@salesops/messaging';
import { MembersEvents } from '@salesops/members-contracts/events';
// The test plays the members service: its team settings are its to give.
// eslint-disable-next-line no-restricted-imports
import { TEAM_SETTING_DEFAULTS } from '@salesops/members-contracts';
import { OrdersEvents } from '@salesops/orders-contracts/events';
import { PerformanceRpc, RANKING_METRICS, type Scorecard } from '@salesops/performance-contracts';
import { ROLE_PERMISSIONS, type Role, type ScopeKind } from '@salesops/policy';
import {
  DomainError,
  type IdentityClaims,
  IdentitySigner,
  privateKeyFromBase64,
  RpcClient,
} from '@salesops/rpc';
import { TrainingEvents } from '@salesops/training-contracts/events';
import {
  ServiceProcess,
  TEST_IDENTITY_KEYS,
  testDatabaseBaseUrl,
  TestNatsServer,
  waitFor,
} from '@salesops/testing';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
/** Each test publishes dozens of events through the service and waits for their facts. */
jest.setTimeout(180_000);

describe('performance facts from events, scorecards and the rebuild', () => {
  let sut: ServiceProcess;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let rpc: RpcClient;
  let db: Pool;
  const signer = new IdentitySigner(privateKeyFromBase64(TEST_IDENTITY_KEYS.privateKey));

  const identityOf = (
    role: Role,
    scope: ScopeKind,
    { memberId = null, teamIds = [] }: { memberId?: string | null; teamIds?: string[] } = {},
  ): IdentityClaims => ({
    caller: { kind: 'user', id: randomUUID(), memberId, teamId: teamIds[0] ?? null, roles: [role] },
    permissions: [...ROLE_PERMISSIONS[role]],
    scope: { kind: scope, teamIds, memberId },
  });
  const director = identityOf('director', 'company');
  const context = (identity: IdentityClaims) => ({ requestId: randomUUID(), identity });

  // A nats-server of its own: the rebuild replays whole streams, which here hold this suite's events.
  let nats: TestNatsServer;
  /** The members this suite makes: the facts it compares are theirs. */
  const suiteMembers: string[] = [];
  /** The service's clock (absent: the system clock), which the month-end test moves. */
  const clockFile = join(mkdtempSync(join(tmpdir(), 'salesops-clock-')), 'clock.json');
  const setClock = (at: string) => writeFileSync(clockFile, JSON.stringify({ frozenAt: at }));

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    const natsUrl = nats.url;
    nc = await connect({ servers: natsUrl });
    js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    for (const source of ['members', 'orders', 'customers', 'training']) {
      await ensureStream(jsm, streamOf(source));
    }
    sut = await ServiceProcess.start('performance', {
      natsUrl,
      env: { TEST_CLOCK_FILE: clockFile, DUE_SWEEP_MS: '250' },
    });
    rpc = new RpcClient(nc, undefined, signer);
    db = new Pool({ connectionString: testDatabaseBaseUrl(), max: 2 });
  });

  afterAll(async () => {
    await db?.end();
    await nc?.close();
    await sut?.stop();
    await nats?.stop();
  });

  /** Publishes an envelope as its producer's relay would (without Nats-Msg-Id: a redelivery). */
  const publish = async (envelope: { type: string }) => {
    await js.publish(`salesops.${envelope.type}`, JSON.stringify(envelope));
  };

  const factCount = async (memberId: string) =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM performance.kpi_fact WHERE "memberId" = $1`,
          [memberId],
        )
      ).rows[0]?.n,
    );

  const scorecardOf = (memberId: string, period: string, identity = director) =>
    rpc.call(PerformanceRpc.scorecard, { memberId, period }, context(identity));

  /** A rep hired into team one on 1 September, moved to team two on 15 October. */
  const newRep = async () => {
    const [one, two, rep] = [randomUUID(), randomUUID(), randomUUID()];
    suiteMembers.push(rep);
    for (const teamId of [one, two]) {
      await publish(
        envelopeOf(MembersEvents.teamChanged, teamId, {
          teamId,
          change: 'created',
          name: `Team ${teamId.slice(0, 6)}`,
          kind: 'online_sales',
          parentId: null,
          leaderId: null,
          viceLeaderId: null,
          settings: TEAM_SETTING_DEFAULTS,
        }),
      );
    }
    await publish(
      envelopeOf(
        MembersEvents.memberHired,
        rep,
        {
          memberId: rep,
          employeeNo: `P-${rep.slice(0, 6)}`,
          name: 'Rep Perf',
          teamId: one,
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
          hiredAt: '2026-09-01T01:00:00.000Z',
          probationEndsAt: null,
        },
        1,
      ),
    );
    await publish(
      envelopeOf(
        MembersEvents.memberTransferred,
        rep,
        {
          memberId: rep,
          fromTeamId: one,
          toTeamId: two,
          position: 'sales_rep',
          transferredAt: '2026-10-15T02:00:00.000Z',
        } as never,
        2,
      ),
    );
    await waitFor(
      async () => (await scorecardOf(rep, '2026-10').catch(() => null))?.teamId === two,
      { timeoutMs: 150_000, what: 'the rep placed in team two' },
    );
    return { one, two, rep };
  };

  const order = (
    rep: string,
    team: string,
    at: string,
    total: string,
    profit: string,
    orderId = randomUUID(),
  ) => ({
    orderId,
    number: `SO-2026-${orderId.slice(0, 6)}`,
    customerId: randomUUID(),
    ownerId: rep,
    teamId: team,
    status: 'completed' as const,
    total,
    period: at.slice(0, 7),
    at,
    reason: null,
    cost: null,
    profit,
    paidAmount: total,
  });

  it('records one fact per event, member and metric, with the team of the moment, and computes each KPI', async () => {
    const { one, two, rep } = await newRep();
    const september = order(rep, one, '2026-09-10T03:00:00.000Z', '400.00', '100.00');
    const first = order(rep, one, '2026-10-05T03:00:00.000Z', '1000.00', '300.00');
    const second = order(rep, two, '2026-10-20T03:00:00.000Z', '500.00', '100.00');
    const completedFirst = envelopeOf(OrdersEvents.orderCompleted, first.orderId, first, 9);
    await publish(envelopeOf(OrdersEvents.orderCompleted, september.orderId, september, 9));
    // The same event delivered three times counts once.
    for (let i = 0; i < 3; i += 1) await publish(completedFirst);
    await publish(envelopeOf(OrdersEvents.orderCompleted, second.orderId, second, 9));
    const refund = envelopeOf(
      OrdersEvents.orderRefunded,
      first.orderId,
      {
        ...first,
        status: 'completed',
        period: '2026-11',
        at: '2026-11-03T03:00:00.000Z',
        amount: '200.00',
        refundedAmount: '200.00',
        afterCompletion: true,
      },
      10,
    );
    await publish(refund);

    const leads = [randomUUID(), randomUUID()];
    for (const customerId of leads) {
      await publish(
        envelopeOf(
          CustomersEvents.customerCreated,
          customerId,
          {
            customerId,
            ownerId: rep,
            teamId: two,
            version: 1,
            registeredBy: rep,
            channel: 'phone',
            intent: 'high',
            stage: 'lead',
            createdAt: '2026-10-16T03:00:00.000Z',
          },
          1,
        ),
      );
    }
    await publish(
      envelopeOf(
        CustomersEvents.customerWon,
        leads[0] as string,
        {
          customerId: leads[0] as string,
          ownerId: rep,
          teamId: two,
          version: 3,
          wonAt: '2026-10-20T03:00:00.000Z',
        },
        3,
      ),
    );
    const complaint = () => ({
      complaintId: randomUUID(),
      customerId: leads[1] as string,
      ownerId: rep,
      teamId: two,
      orderId: null,
      handlerId: rep,
      severity: 'low' as const,
      period: '2026-10',
      version: 2,
    });
    const onTime = complaint();
    const late = complaint();
    await publish(
      envelopeOf(
        CustomersEvents.complaintAcknowledged,
        onTime.complaintId,
        { ...onTime, acknowledgedAt: '2026-10-21T03:00:00.000Z', late: false },
        2,
      ),
    );
    await publish(
      envelopeOf(
        CustomersEvents.complaintAcknowledged,
        late.complaintId,
        { ...late, acknowledgedAt: '2026-10-21T03:00:00.000Z', late: true },
        2,
      ),
    );
    await publish(
      envelopeOf(
        CustomersEvents.complaintResolved,
        onTime.complaintId,
        {
          ...onTime,
          version: 3,
          rootCauseCategory: 'logistics',
          responsibleMemberId: rep,
          remedialCourseId: null,
          resolvedAt: '2026-10-22T03:00:00.000Z',
          late: false,
        },
        3,
      ),
    );
    await publish(
      envelopeOf(
        CustomersEvents.complaintClosed,
        onTime.complaintId,
        { ...onTime, version: 4, satisfaction: 4, closedAt: '2026-10-23T03:00:00.000Z' },
        4,
      ),
    );
    const revisit = envelopeOf(CustomersEvents.revisitCompleted, leads[0] as string, {
      revisitId: randomUUID(),
      customerId: leads[0] as string,
      ownerId: rep,
      teamId: two,
      orderId: null,
      memberId: rep,
      satisfaction: 5,
      period: '2026-10',
      completedAt: '2026-10-24T03:00:00.000Z',
    });
    await publish(revisit);
    const trainee = { memberId: rep, teamId: two, courseId: randomUUID(), period: '2026-10' };
    for (const status of ['present', 'absent'] as const) {
      await publish(
        envelopeOf(TrainingEvents.attendanceRecorded, rep, {
          ...trainee,
          sessionId: randomUUID(),
          enrollmentId: randomUUID(),
          status,
          recordedAt: '2026-10-25T03:00:00.000Z',
        }),
      );
    }
    const certificate = envelopeOf(TrainingEvents.certificateIssued, rep, {
      ...trainee,
      certificateId: randomUUID(),
      number: 'CERT-1',
      attemptId: randomUUID(),
      issuedAt: '2026-10-26T03:00:00.000Z',
    });
    await publish(certificate);

    // Each stream is consumed in order: once the last event of each (the refund, the revisit, the
    // certificate) has its fact, every earlier one was applied, duplicates included.
    const lastOfEachStream = [refund.id, revisit.id, certificate.id];
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT DISTINCT "eventId" FROM performance.kpi_fact WHERE "eventId" = ANY($1::uuid[])`,
            [lastOfEachStream],
          )
        ).rowCount === lastOfEachStream.length,
      { timeoutMs: 150_000, what: 'the last event of each stream applied' },
    );
    // 3 orders ×3 metrics (the completion delivered three times counts once), the refund's 2 (a
    // part: the order still counts), 2 leads, 1 won, 2 acks, 1 resolved, 2 ratings, 2
    // attendances, 1 certificate.
    expect(await factCount(rep)).toBe(22);
    await rpc.call(
      PerformanceRpc.putTarget,
      { input: { period: '2026-10', memberId: rep, salesAmount: '3000', newCustomers: 4 } },
      context(director),
    );

    const october = await scorecardOf(rep, '2026-10');
    expect(october.kpis).toEqual({
      salesAmount: '1500.00',
      profit: '400.00',
      growthRate: 275,
      newCustomers: 2,
      conversionRate: 50,
      ordersCompleted: 2,
      satisfaction: 4.5,
      complaintTimeliness: 50,
      complaintResolution: 100,
      trainingParticipation: 50,
      certificates: 1,
      teamwork: 'pending',
      attitude: 'pending',
    });
    // 40·100/90·0.5 + 15·100/90·0.5 + 15·100/90·0.5 + 10·100/90·0.9 + 10·100/90·0.5
    expect(october.score).toBe(54.44);
    expect(october.partial).toBe(true);
    expect(october.lines.find((line) => line.key === 'teamwork')?.excluded).toBe('pending');

    const november = await scorecardOf(rep, '2026-11');
    expect(november.kpis).toMatchObject({
      salesAmount: '-200.00',
      profit: '-60.00',
      growthRate: -113.33,
      ordersCompleted: 0,
    });
    const december = await scorecardOf(rep, '2026-12');
    expect(december.kpis).toMatchObject({
      salesAmount: '0.00',
      growthRate: null,
      conversionRate: null,
      satisfaction: null,
      newCustomers: 0,
    });
    expect(december.score).toBeNull();
    const year = await scorecardOf(rep, '2026');
    expect(year.kpis).toMatchObject({ salesAmount: '1700.00', ordersCompleted: 3 });

    // The facts carry the team of their moment: the rep moved on 15 October.
    const teams = await db.query<{ sourceRef: string; teamId: string }>(
      `SELECT "sourceRef", "teamId"::text AS "teamId" FROM performance.kpi_fact
       WHERE "memberId" = $1 AND metric = 'sales' AND period = '2026-10' ORDER BY "occurredAt"`,
      [rep],
    );
    expect(teams.rows).toEqual([
      { sourceRef: first.number, teamId: one },
      { sourceRef: second.number, teamId: two },
    ]);

    const sources = await rpc.call(
      PerformanceRpc.scorecardSources,
      { memberId: rep, period: '2026-10', kpi: 'salesAmount' },
      context(director),
    );
    expect(sources.items.map((item) => item.sourceRef)).toEqual([first.number, second.number]);
    const sum = sources.items.reduce((total, item) => total + Number(item.value), 0);
    expect(sum.toFixed(2)).toBe(sources.value);
    // Every summed KPI's drill-down adds up to its value, in each month (the refund's included).
    for (const period of ['2026-10', '2026-11']) {
      for (const kpi of [
        'salesAmount',
        'profit',
        'ordersCompleted',
        'newCustomers',
        'certificates',
      ] as const) {
        const drill = await rpc.call(
          PerformanceRpc.scorecardSources,
          { memberId: rep, period, kpi },
          context(director),
        );
        const total = drill.items.reduce((added, item) => added + Number(item.value), 0);
        expect([kpi, typeof drill.value === 'string' ? total.toFixed(2) : total]).toEqual([
          kpi,
          drill.value,
        ]);
      }
    }

    // A rep sees their own scorecard without profit, and nobody else's.
    const own = identityOf('sales_rep', 'own', { memberId: rep });
    const mine: Scorecard = await scorecardOf(rep, '2026-10', own);
    expect(mine.kpis).not.toHaveProperty('profit');
    expect(mine.kpis['salesAmount']).toBe('1500.00');
    const other = identityOf('sales_rep', 'own', { memberId: randomUUID() });
    await expect(scorecardOf(rep, '2026-10', other)).rejects.toMatchObject({
      code: 'SCORECARD_NOT_FOUND',
    });
    await expect(
      rpc.call(
        PerformanceRpc.scorecardSources,
        { memberId: rep, period: '2026-10', kpi: 'profit' },
        context(own),
      ),
    ).rejects.toBeInstanceOf(DomainError);

    // The live ranking of team two, and the probation KPIs.
    const ranking = await rpc.call(
      PerformanceRpc.ranking,
      { period: '2026-10', metric: 'salesAmount', scope: 'team', teamId: two },
      context(director),
    );
    expect(ranking.entries).toEqual([
      { rank: 1, memberId: rep, name: 'Rep Perf', value: '1500.00' },
    ]);
    const probation = await rpc.call(
      PerformanceRpc.probationKpis,
      { memberId: rep, from: '2026-09-01T00:00:00.000Z', to: '2026-10-31T00:00:00.000Z' },
      context(director),
    );
    expect(probation).toMatchObject({
      status: 'available',
      kpis: expect.arrayContaining([
        { name: 'salesAmount', value: '1900.00', floor: '0.00', belowFloor: false },
      ]),
    });
  });

  /** Every envelope performance published so far. */
  const published = async () => {
    const consumer = await js.consumers.get('SALESOPS_PERFORMANCE');
    const envelopes: { type: string; data: Record<string, unknown> }[] = [];
    for (;;) {
      const batch = await consumer.fetch({ max_messages: 500, expires: 1000 });
      let received = 0;
      for await (const message of batch) {
        envelopes.push(message.json());
        received += 1;
      }
      if (received === 0) return envelopes;
    }
  };

  it('announces a changed scorecard, and a member below target once per checkpoint', async () => {
    const { two, rep } = await newRep();
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
    })
      .format(new Date())
      .slice(0, 7);
    const sale = order(rep, two, new Date().toISOString(), '100.00', '10.00');
    await publish(
      envelopeOf(OrdersEvents.orderCompleted, sale.orderId, { ...sale, period: month }, 9),
    );
    const updated = await waitFor(
      async () =>
        (await published()).find(
          (event) =>
            event.type === 'performance.scorecard.updated' &&
            event.data['memberId'] === rep &&
            event.data['period'] === month,
        ),
      { timeoutMs: 150_000, what: 'performance.scorecard.updated' },
    );
    expect(updated.data).toMatchObject({ salesAmount: '100.00', teamId: two });

    await rpc.call(
      PerformanceRpc.putTarget,
      { input: { period: month, memberId: rep, salesAmount: '100000' } },
      context(director),
    );
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM performance.target_checkpoint WHERE period = $1 AND checkpoint = '10'`,
            [month],
          )
        ).rowCount === 1,
    );
    await db.query(
      // The 10th falls due now (today's real one may have been judged before this target was set).
      `UPDATE performance.target_checkpoint SET "dueAt" = now() - interval '1 minute', "doneAt" = NULL
       WHERE period = $1 AND checkpoint = '10'`,
      [month],
    );
    const belowOf = async () =>
      (await published()).filter(
        (event) =>
          event.type === 'performance.member.below_target' && event.data['memberId'] === rep,
      );
    const [below] = await waitFor(async () => {
      const found = await belowOf();
      return found.length > 0 ? found : undefined;
    });
    expect(below?.data).toMatchObject({
      period: month,
      checkpoint: '10',
      salesAmount: '100.00',
      target: '100000.00',
    });
    const done = await db.query<{ doneAt: Date | null }>(
      `SELECT "doneAt" FROM performance.target_checkpoint WHERE period = $1 AND checkpoint = '10'`,
      [month],
    );
    expect(done.rows[0]?.doneAt).not.toBeNull();
    // Judged once: a later sweep (it marks the scorecard change of a new fact) adds none.
    await publish(
      envelopeOf(
        OrdersEvents.orderCompleted,
        randomUUID(),
        { ...sale, orderId: randomUUID(), period: month },
        9,
      ),
    );
    await waitFor(async () => {
      const events = await published();
      return (
        events.filter(
          (event) =>
            event.type === 'performance.scorecard.updated' &&
            event.data['memberId'] === rep &&
            event.data['salesAmount'] === '200.00',
        ).length > 0
      );
    });
    expect(await belowOf()).toHaveLength(1);
  });

  it('coalesces a burst of facts of one member into few performance.scorecard.updated, the last with the final values', async () => {
    const { two, rep } = await newRep();
    const burst = 40;
    for (let i = 0; i < burst; i += 1) {
      const sale = order(rep, two, '2026-08-10T03:00:00.000Z', '10.00', '1.00');
      await publish(envelopeOf(OrdersEvents.orderCompleted, sale.orderId, sale, 9));
    }
    const updatesOf = async () =>
      (await published()).filter(
        (event) =>
          event.type === 'performance.scorecard.updated' &&
          event.data['memberId'] === rep &&
          event.data['period'] === '2026-08',
      );
    const updates = await waitFor(
      async () => {
        const found = await updatesOf();
        return found.some((event) => event.data['salesAmount'] === '400.00') ? found : undefined;
      },
      { timeoutMs: 150_000, what: 'the update with every order counted' },
    );
    expect(await factCount(rep)).toBe(burst * 3);
    // One a second at most: a burst of 40 orders (120 facts) is announced a few times, not 40.
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThan(burst / 2);
    expect(updates.at(-1)?.data['salesAmount']).toBe('400.00');
  });

  it('announces a member and month again only once their last announcement is a second old', async () => {
    const { two, rep } = await newRep();
    const other = await newRep();
    const updatesOf = async (memberId: string) =>
      (await published()).filter(
        (event) =>
          event.type === 'performance.scorecard.updated' &&
          event.data['memberId'] === memberId &&
          event.data['period'] === '2026-08',
      );
    // The database's clock cannot be moved: an announcement stamped an hour ahead holds the rep's
    // next one back as one made a moment ago would.
    await db.query(
      `INSERT INTO performance.scorecard_announcement ("memberId", period, at)
       VALUES ($1, '2026-08', now() + interval '1 hour')`,
      [rep],
    );
    const sale = order(rep, two, '2026-08-12T03:00:00.000Z', '25.00', '5.00');
    await publish(envelopeOf(OrdersEvents.orderCompleted, sale.orderId, sale, 9));
    await waitFor(async () => (await factCount(rep)) === 3, { what: "the rep's sale counted" });
    // Another member's change, written after the rep's: once it is announced, the rep's was due.
    const later = order(other.rep, other.two, '2026-08-12T04:00:00.000Z', '10.00', '1.00');
    await publish(envelopeOf(OrdersEvents.orderCompleted, later.orderId, later, 9));
    await waitFor(async () => (await updatesOf(other.rep)).length > 0, {
      timeoutMs: 150_000,
      what: "the other member's update",
    });
    expect(await updatesOf(rep)).toEqual([]);

    await db.query(
      `UPDATE performance.scorecard_announcement SET at = now() - interval '2 seconds'
       WHERE "memberId" = $1`,
      [rep],
    );
    const updates = await waitFor(
      async () => {
        const found = await updatesOf(rep);
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: 150_000, what: "the rep's update" },
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]?.data['salesAmount']).toBe('25.00');
    const left = await db.query(
      `SELECT count(*)::int AS n FROM performance.scorecard_change WHERE "memberId" = $1`,
      [rep],
    );
    expect(left.rows[0]).toEqual({ n: 0 });
  });

  it('ranks by one KPI within the team, the department or the company, ties sharing a rank, live as facts arrive', async () => {
    // Department D with team A below it, team B apart; June 2026 is no other test's month.
    const [dept, teamA, teamB] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [teamId, kind, parentId] of [
      [dept, 'department', null],
      [teamA, 'online_sales', dept],
      [teamB, 'online_sales', null],
    ] as const) {
      await publish(
        envelopeOf(MembersEvents.teamChanged, teamId, {
          teamId,
          change: 'created',
          name: `Team ${teamId.slice(0, 6)}`,
          kind,
          parentId,
          leaderId: null,
          viceLeaderId: null,
          settings: TEAM_SETTING_DEFAULTS,
        }),
      );
    }
    const hire = async (name: string, teamId: string) => {
      const memberId = randomUUID();
      suiteMembers.push(memberId);
      await publish(
        envelopeOf(
          MembersEvents.memberHired,
          memberId,
          {
            memberId,
            employeeNo: `R-${memberId.slice(0, 6)}`,
            name,
            teamId,
            position: 'sales_rep',
            track: 'professional',
            level: 'sales_rep',
            hiredAt: '2026-05-01T01:00:00.000Z',
            probationEndsAt: null,
          },
          1,
        ),
      );
      return memberId;
    };
    const a1 = await hire('Rank A1', teamA);
    const a2 = await hire('Rank A2', teamA);
    const a3 = await hire('Rank A3', teamA);
    const d1 = await hire('Rank D1', dept);
    const b1 = await hire('Rank B1', teamB);
    const sales: [string, string, string, string][] = [
      [a1, teamA, '2026-06-03T03:00:00.000Z', '300.00'],
      [a2, teamA, '2026-06-04T03:00:00.000Z', '300.00'],
      [a3, teamA, '2026-06-05T03:00:00.000Z', '100.00'],
      [a3, teamA, '2026-06-06T03:00:00.000Z', '50.00'],
      // May's sale is another period's.
      [a3, teamA, '2026-05-20T03:00:00.000Z', '1000.00'],
      [d1, dept, '2026-06-07T03:00:00.000Z', '200.00'],
      [b1, teamB, '2026-06-08T03:00:00.000Z', '500.00'],
    ];
    for (const [memberId, teamId, at, total] of sales) {
      const sale = order(memberId, teamId, at, total, '10.00');
      await publish(envelopeOf(OrdersEvents.orderCompleted, sale.orderId, sale, 9));
    }
    const ours = new Set([a1, a2, a3, d1, b1]);
    const rankingOf = async (metric: string, scope: string, teamId?: string) =>
      (
        await rpc.call(
          PerformanceRpc.ranking,
          { period: '2026-06', metric, scope, teamId } as never,
          context(director),
        )
      ).entries.map(({ rank, memberId, value }) => [rank, memberId, value]);
    // The roster and the facts come from two consumers: a ranking is of the members placed.
    await waitFor(
      async () =>
        (await Promise.all([a1, a2, a3, d1, b1].map(factCount))).reduce((a, b) => a + b) ===
          sales.length * 3 &&
        (
          await db.query(
            `SELECT 1 FROM performance.roster_member WHERE "memberId" = ANY($1::uuid[])
             AND "teamId" IS NOT NULL`,
            [[a1, a2, a3, d1, b1]],
          )
        ).rowCount === 5,
      { timeoutMs: 150_000, what: 'the sales counted and the members placed' },
    );

    expect(await rankingOf('salesAmount', 'team', teamA)).toEqual([
      [1, a1, '300.00'],
      [1, a2, '300.00'],
      [3, a3, '150.00'],
    ]);
    // The department of team A is D: its own member and team A's, not team B's.
    expect(await rankingOf('salesAmount', 'department', teamA)).toEqual([
      [1, a1, '300.00'],
      [1, a2, '300.00'],
      [3, d1, '200.00'],
      [4, a3, '150.00'],
    ]);
    const company = await rankingOf('salesAmount', 'company');
    expect(company.slice(0, 5)).toEqual([
      [1, b1, '500.00'],
      [2, a1, '300.00'],
      [2, a2, '300.00'],
      [4, d1, '200.00'],
      [5, a3, '150.00'],
    ]);
    // Every other member of the company sold nothing in June: one shared rank after ours.
    expect(company.slice(5).every(([rank, , value]) => rank === 6 && value === '0.00')).toBe(true);
    expect(company.filter(([, memberId]) => ours.has(memberId as string))).toHaveLength(5);
    expect(await rankingOf('ordersCompleted', 'team', teamA)).toEqual([
      [1, a3, 2],
      [2, a1, 1],
      [2, a2, 1],
    ]);
    // Growth against May, which only a3 sold in: (150 - 1000) / 1000; no value, no rank for others.
    expect(await rankingOf('growthRate', 'team', teamA)).toEqual([[1, a3, -85]]);
    // By score: the order of the members' own scorecards' scores.
    const scores = await Promise.all(
      [a1, a2, a3].map(async (memberId) => [
        memberId,
        (await scorecardOf(memberId, '2026-06')).score,
      ]),
    );
    const byScore = await rankingOf('score', 'team', teamA);
    expect(byScore.map(([, memberId, value]) => [memberId, value]).sort()).toEqual(
      scores.filter(([, score]) => score !== null).sort(),
    );
    expect(byScore.map(([, , value]) => value)).toEqual(
      [...byScore.map(([, , value]) => value)].sort((x, y) => Number(y) - Number(x)),
    );

    // Live: a3's next sale of June moves them to the top.
    const next = order(a3, teamA, '2026-06-20T03:00:00.000Z', '200.00', '10.00');
    await publish(envelopeOf(OrdersEvents.orderCompleted, next.orderId, next, 9));
    await waitFor(async () => (await rankingOf('salesAmount', 'team', teamA))[0]?.[1] === a3, {
      timeoutMs: 150_000,
      what: "a3's sale in the live ranking",
    });
    expect(await rankingOf('salesAmount', 'team', teamA)).toEqual([
      [1, a3, '350.00'],
      [2, a1, '300.00'],
      [2, a2, '300.00'],
    ]);

    // The roster counts too: a member who departs leaves the live ranking, read just before.
    expect((await rankingOf('salesAmount', 'company'))[0]).toEqual([1, b1, '500.00']);
    await publish(
      envelopeOf(
        MembersEvents.memberDeparted,
        b1,
        {
          memberId: b1,
          teamId: teamB,
          departedAt: '2026-06-25T03:00:00.000Z',
          reasonKind: 'resigned',
        },
        2,
      ),
    );
    await waitFor(
      async () =>
        !(await rankingOf('salesAmount', 'company')).some(([, memberId]) => memberId === b1),
      { timeoutMs: 150_000, what: "b1's departure in the live ranking" },
    );
    expect((await rankingOf('salesAmount', 'company'))[0]).toEqual([1, a3, '350.00']);
  });

  it("freezes and publishes the month's rankings once at its end (company calendar), across instances and a restart", async () => {
    const { two, rep } = await newRep();
    // April 2026: no other suite's month, and before every month the shared database may hold.
    const periodEnd = async () =>
      (
        await db.query<{ doneAt: Date | null }>(
          `SELECT "doneAt" FROM performance.ranking_period_end WHERE period = '2026-04'`,
        )
      ).rows[0];
    const salesRanking = async (scope: 'company' | 'team') => {
      const ranking = await rpc.call(
        PerformanceRpc.ranking,
        { period: '2026-04', metric: 'salesAmount', scope, teamId: two },
        context(director),
      );
      return { ...ranking, mine: ranking.entries.find((entry) => entry.memberId === rep) };
    };
    const monthEnd = (events: Awaited<ReturnType<typeof published>>) =>
      events.filter(
        (event) =>
          event.type === 'performance.ranking.published' &&
          event.data['period'] === '2026-04' &&
          event.data['publishedBy'] === 'system:period-end',
      );
    let second: ServiceProcess | undefined;
    try {
      // 23:00 on 30 April in Shanghai: the month's end (16:00 UTC) is due in an hour.
      setClock('2026-04-30T15:00:00.000Z');
      await waitFor(async () => (await periodEnd()) !== undefined, {
        timeoutMs: 150_000,
        what: "April's end stored",
      });
      const sale = order(rep, two, '2026-04-28T03:00:00.000Z', '700.00', '70.00');
      await publish(envelopeOf(OrdersEvents.orderCompleted, sale.orderId, sale, 9));
      await waitFor(async () => (await factCount(rep)) === 3, { what: 'the sale counted' });
      expect(await periodEnd()).toEqual({ doneAt: null });
      expect(await salesRanking('company')).toMatchObject({
        frozenAt: null,
        mine: { value: '700.00' },
      });

      // Two instances sweep when the month ends: one of them freezes it.
      second = await ServiceProcess.start('performance', {
        natsUrl: nats.url,
        env: { TEST_CLOCK_FILE: clockFile, DUE_SWEEP_MS: '250' },
      });
      setClock('2026-04-30T16:00:00.500Z');
      const announced = await waitFor(
        async () => {
          const found = monthEnd(await published());
          return found.length === RANKING_METRICS.length - 1 ? found : undefined;
        },
        { timeoutMs: 150_000, what: "April's rankings published" },
      );
      expect(announced.map((event) => event.data['metric'])).not.toContain('profit');
      const sales = announced.find((event) => event.data['metric'] === 'salesAmount');
      expect(sales?.data).toMatchObject({
        scope: 'company',
        publishedAt: '2026-04-30T16:00:00.500Z',
        entries: expect.arrayContaining([
          expect.objectContaining({ memberId: rep, value: '700.00' }),
        ]),
      });
      expect((await periodEnd())?.doneAt?.toISOString()).toBe('2026-04-30T16:00:00.500Z');

      // A sale of April counted after its end moves the scorecard, not the frozen rankings.
      const late = order(rep, two, '2026-04-29T03:00:00.000Z', '300.00', '30.00');
      await publish(envelopeOf(OrdersEvents.orderCompleted, late.orderId, late, 9));
      await waitFor(async () => (await factCount(rep)) === 6, { what: 'the late sale counted' });
      expect((await scorecardOf(rep, '2026-04')).kpis['salesAmount']).toBe('1000.00');
      for (const scope of ['company', 'team'] as const) {
        expect(await salesRanking(scope)).toMatchObject({
          frozenAt: '2026-04-30T16:00:00.500Z',
          mine: { value: '700.00' },
        });
      }

      // Frozen or live, a ranking by profit is for who may see it.
      await expect(
        rpc.call(
          PerformanceRpc.ranking,
          { period: '2026-04', metric: 'profit', scope: 'team' },
          context(identityOf('sales_rep', 'own', { memberId: rep, teamIds: [two] })),
        ),
      ).rejects.toMatchObject({ code: 'KPI_FINANCIAL_FORBIDDEN' });
      expect(
        (
          await rpc.call(
            PerformanceRpc.ranking,
            { period: '2026-04', metric: 'profit', scope: 'team', teamId: two },
            context(director),
          )
        ).entries,
      ).toEqual([{ rank: 1, memberId: rep, name: 'Rep Perf', value: '70.00' }]);

      await second.stop();
      // Restarted, the service publishes nothing again: a sweep of the new process announced a
      // November change, and it sweeps month ends before scorecards.
      await sut.stop();
      await sut.spawn();
      const may = order(rep, two, '2026-05-02T03:00:00.000Z', '50.00', '5.00');
      await publish(envelopeOf(OrdersEvents.orderCompleted, may.orderId, may, 9));
      const after = await waitFor(
        async () => {
          const events = await published();
          return events.some(
            (event) =>
              event.type === 'performance.scorecard.updated' &&
              event.data['memberId'] === rep &&
              event.data['period'] === '2026-05',
          )
            ? events
            : undefined;
        },
        { timeoutMs: 150_000, what: 'a sweep of the restarted service' },
      );
      expect(monthEnd(after)).toHaveLength(RANKING_METRICS.length - 1);
    } finally {
      await second?.stop();
      rmSync(clockFile, { force: true });
    }
  });

  it('npm run performance:rebuild replays every stream and rebuilds the same facts', async () => {
    await newRep();
    const snapshot = async () =>
      (
        await db.query<Record<string, unknown>>(
          `SELECT "eventId", "memberId", metric, period, "teamId", position, value::text,
                  "eventType", "sourceType", "sourceId", "sourceRef", "occurredAt"
           FROM performance.kpi_fact WHERE "memberId" = ANY($1::uuid[])
           ORDER BY "eventId", "memberId", metric`,
          [suiteMembers],
        )
      ).rows;
    const placements = async () =>
      (
        await db.query<Record<string, unknown>>(
          `SELECT * FROM performance.roster_placement WHERE "memberId" = ANY($1::uuid[])
           ORDER BY "memberId", version`,
          [suiteMembers],
        )
      ).rows;
    const live = await snapshot();
    const livePlacements = await placements();
    expect(live.length).toBeGreaterThan(0);
    await db.query(
      `UPDATE performance.kpi_event_fact SET sales = sales + 1, orders = orders + 1, leads = leads + 1`,
    );

    const env = (sut as unknown as { env: NodeJS.ProcessEnv }).env;
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'apps', 'performance', 'dist', 'rebuild-main.js')],
      { env },
    );

    expect(JSON.parse(stdout.trim().split('\n').pop() as string)).toMatchObject({
      facts: live.length,
    });
    expect(await snapshot()).toEqual(live);
    expect(await placements()).toEqual(livePlacements);
  });

  it('counts a completion redelivered in the batch of its cancellation once', async () => {
    const { two, rep } = await newRep();
    const sale = order(rep, two, '2026-06-10T03:00:00.000Z', '1000.00', '300.00');
    const completed = envelopeOf(OrdersEvents.orderCompleted, sale.orderId, sale, 9);
    await publish(completed);
    await waitFor(async () => (await factCount(rep)) === 3, { what: 'the sale counted' });
    const cancelled = envelopeOf(
      OrdersEvents.orderCancelled,
      sale.orderId,
      {
        ...sale,
        status: 'cancelled',
        at: '2026-06-20T03:00:00.000Z',
        reason: 'returned in full',
        previousStatus: 'completed',
      },
      10,
    );

    // Published while the service is down: the completion again and the cancellation, one backlog.
    await sut.stop();
    for (const envelope of [completed, cancelled]) await publish(envelope);
    await sut.spawn();

    await waitFor(async () => (await factCount(rep)) === 6, { what: "the cancellation's facts" });
    const sums = await db.query<{ metric: string; value: string }>(
      `SELECT metric, SUM(value)::text AS value FROM performance.kpi_fact
       WHERE "memberId" = $1 GROUP BY metric ORDER BY metric`,
      [rep],
    );
    // It undoes what the completion counted once, not what its redelivery would count again.
    expect(sums.rows).toEqual([
      { metric: 'orders', value: '0' },
      { metric: 'profit', value: '0' },
      { metric: 'sales', value: '0' },
    ]);
  });

  // Last: its poison event stays in the orders stream, which the rebuild above replays.
  it('applies a backlog in batches: a repeat once, a refund after its completion in the same batch, a poison event dead-lettered alone', async () => {
    const { two, rep } = await newRep();
    const letters: DeadLetter[] = [];
    const subscription = nc.subscribe(deadLetterSubjectOf('performance-orders-facts'));
    void (async () => {
      for await (const message of subscription) letters.push(message.json<DeadLetter>());
    })();
    const sale = order(rep, two, '2026-07-10T03:00:00.000Z', '1000.00', '300.00');
    const other = order(rep, two, '2026-07-12T03:00:00.000Z', '100.00', '10.00');
    const completed = envelopeOf(OrdersEvents.orderCompleted, sale.orderId, sale, 9);
    const valid = envelopeOf(OrdersEvents.orderCompleted, other.orderId, other, 9);
    const poison = { ...valid, id: randomUUID(), data: { ...valid.data, total: 'a lot' } };
    const refund = envelopeOf(
      OrdersEvents.orderRefunded,
      sale.orderId,
      {
        ...sale,
        at: '2026-07-15T03:00:00.000Z',
        amount: '500.00',
        refundedAmount: '500.00',
        afterCompletion: true,
      },
      10,
    );

    // Published while the service is down: it takes them as one backlog.
    await sut.stop();
    for (const envelope of [completed, completed, poison, refund, valid]) await publish(envelope);
    await sut.spawn();

    const letter = await waitFor(
      () => letters.find((one) => (one.event as { id?: string } | null)?.id === poison.id),
      { timeoutMs: 60_000, what: 'the poison event dead-lettered' },
    );
    expect(letter).toMatchObject({ consumer: 'performance-orders-facts' });
    await waitFor(async () => (await factCount(rep)) === 8, { what: "the batch's facts" });
    const facts = await db.query<{ eventId: string; metric: string; value: string }>(
      `SELECT "eventId"::text AS "eventId", metric, value::text FROM performance.kpi_fact
       WHERE "memberId" = $1 ORDER BY "eventId", metric`,
      [rep],
    );
    const of = (eventId: string) =>
      facts.rows
        .filter((row) => row.eventId === eventId)
        .map(({ metric, value }) => [metric, value]);
    expect(of(completed.id)).toEqual([
      ['orders', '1'],
      ['profit', '30000'],
      ['sales', '100000'],
    ]);
    // The refund takes back its share of the profit its completion, a step earlier, counted.
    expect(of(refund.id)).toEqual([
      ['profit', '-15000'],
      ['sales', '-50000'],
    ]);
    expect(of(valid.id)).toHaveLength(3);
    expect(of(poison.id)).toEqual([]);
    subscription.unsubscribe();
  });
});
