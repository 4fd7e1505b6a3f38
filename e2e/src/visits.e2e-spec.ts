import { connect, type NatsConnection } from '@nats-io/transport-node';

import { CompanyCalendar } from '@salesops/calendar';
import { waitFor } from '@salesops/testing';

import { storedEnvelopes } from './support/bus';
import { gatewayFixture } from './support/gateway-fixture';
import { peopleFixture } from './support/people';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const calendar = new CompanyCalendar('Asia/Shanghai');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The company day after the one the suite starts on: the birthdays and the test holiday. */
const greetingDay = calendar.addDays(calendar.dayOf(new Date()), 1);

interface Customer {
  id: string;
  stage: string;
  lastContactAt: string | null;
  version: number;
}
interface Visit {
  id: string;
  customerId: string;
  memberId: string;
  status: string;
  summary: { effect: string; lessons: string } | null;
  outcome: string | null;
  cancelReason: string | null;
  overdue: boolean;
  overdueAt: string;
  version: number;
}
interface Reminder {
  id: string;
  customerId: string;
  customerName: string;
  kind: string;
  occasion: string;
  day: string;
  status: string;
}
interface Envelope {
  type: string;
  subject: string;
  data: Record<string, unknown>;
}
interface Task {
  kind: string;
  subjectId: string;
}

/** Visits and care reminders through the gateway: every transition and refusal. */
describe('visits and care reminders', () => {
  jest.setTimeout(120_000);

  let stack: Stack;
  let nats: NatsConnection;
  let director: string;
  let teamId: string;
  const members: Record<string, string> = {};

  const gateway = gatewayFixture(() => stack);
  const { person, moveClockTo, post, get } = peopleFixture(() => stack);
  const hire = (team: string) => gateway.hire(director, team, { prefix: 'VS', name: 'He Ping' });
  const register = async (who: string, extra: object = {}) =>
    (await post(who, '/customers', { name: 'Bai Xue', channel: 'event', ...extra }).expect(201))
      .body as Customer;
  const plan = (who: string, customerId: string, scheduledAt: Date) =>
    post(who, '/visits', {
      customerId,
      purpose: 'Show the new range',
      keyPoints: ['bring samples', 'ask about the budget'],
      scheduledAt: scheduledAt.toISOString(),
    });
  const tasksOf = async (who: string) =>
    ((await get(who, '/me/tasks').expect(200)).body as { items: Task[] }).items;
  const passes = async (kind: string) => {
    const customers = stack.service('customers');
    const text = await (await fetch(`http://127.0.0.1:${customers.opsPort}/metrics`)).text();
    const line = text
      .split('\n')
      .find((entry) => entry.startsWith(`salesops_sweep_passes_total{kind="${kind}"`));
    return Number(line?.split(' ')[1] ?? 0);
  };
  const sweptTwice = async (kind: string) => {
    const before = await passes(kind);
    await waitFor(async () => (await passes(kind)) >= before + 2, { what: `two ${kind} sweeps` });
  };

  beforeAll(async () => {
    stack = await Stack.start(
      natsUrl,
      { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' },
      { DUE_SWEEP_MS: '200', COMPANY_HOLIDAYS: `01-01=New Year's Day;${greetingDay}=Test Day` },
    );
    nats = await connect({ servers: natsUrl });
    director = (await stack.userWithToken(['director'])).token;
    teamId = await gateway.newTeam(director, 'Visits', { settings: { visitOverdueDays: 2 } });
    for (const rep of ['rep', 'colleague']) members[rep] = await hire(teamId);
    await person('rep', ['sales_rep'], members['rep'], teamId);
    await person('colleague', ['sales_rep'], members['colleague'], teamId);
    await person('leader', ['team_leader'], null, teamId);
    await waitFor(
      async () => (await get('leader', `/lead-quota?teamId=${teamId}`)).status === 200,
      { what: "the team's settings in customers" },
    );
  }, 180_000);

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('plans a visit and completes it with a summary: a follow-up that moves the last contact, announced', async () => {
    const customer = await register('rep');
    const at = new Date(Date.now() + 2 * DAY);
    const planned = (await plan('rep', customer.id, at).expect(201)).body as Visit;
    expect(planned).toMatchObject({
      customerId: customer.id,
      memberId: members['rep'],
      status: 'planned',
      overdue: false,
      summary: null,
    });
    // Overdue once the visit's day and visitOverdueDays (2) company days after it have passed.
    expect(planned.overdueAt).toBe(
      calendar.startOfDay(calendar.addDays(calendar.dayOf(at), 3)).toISOString(),
    );

    await post('colleague', `/visits/${planned.id}/complete`, {
      summary: { effect: 'x', lessons: 'y' },
      outcome: 'z',
    }).expect(404);
    await post('rep', `/visits/${planned.id}/complete`, { outcome: 'no summary' }).expect(400);
    await post('rep', `/visits/${planned.id}/complete`, {
      summary: { effect: 'x', lessons: 'y' },
      outcome: 'z',
    })
      .set('if-match', String(planned.version + 1))
      .expect(412);

    const done = (
      await post('rep', `/visits/${planned.id}/complete`, {
        summary: { effect: 'Samples liked', lessons: 'Bring prices next time' },
        outcome: 'asked for a quote',
      })
        .set('if-match', String(planned.version))
        .expect(200)
    ).body as Visit;
    expect(done).toMatchObject({
      status: 'completed',
      summary: { effect: 'Samples liked', lessons: 'Bring prices next time' },
      outcome: 'asked for a quote',
    });
    const after = (await get('rep', `/customers/${customer.id}`).expect(200)).body as Customer;
    expect(after.stage).toBe('contacted');
    expect(after.lastContactAt).not.toBeNull();
    const followUps = (await get('rep', `/customers/${customer.id}/follow-ups`).expect(200))
      .body as { items: { channel: string; content: string; outcome: string }[] };
    expect(followUps.items).toEqual([
      expect.objectContaining({
        channel: 'visit',
        content: 'Samples liked',
        outcome: 'asked for a quote',
      }),
    ]);
    const event = await waitFor(
      async () =>
        (await storedEnvelopes<Envelope>(nats, 'SALESOPS_CUSTOMERS')).find(
          (envelope) =>
            envelope.type === 'customers.visit.completed' && envelope.subject === planned.id,
        ),
      { what: 'customers.visit.completed' },
    );
    expect(event.data).toMatchObject({
      visitId: planned.id,
      customerId: customer.id,
      ownerId: members['rep'],
      teamId,
      memberId: members['rep'],
      outcome: 'asked for a quote',
    });

    const again = await post('rep', `/visits/${planned.id}/complete`, {
      summary: { effect: 'x', lessons: 'y' },
      outcome: 'z',
    }).expect(409);
    expect(again.body).toMatchObject({ code: 'VISIT_NOT_PLANNED' });
    await post('rep', `/visits/${planned.id}/cancel`, { reason: 'late' }).expect(409);
  });

  it('cancels a planned visit with a reason, and keeps visits to those who reach them', async () => {
    const customer = await register('rep');
    const other = await register('colleague');
    await plan('rep', other.id, new Date()).expect(404);
    await post('rep', '/visits', { customerId: customer.id }).expect(400);
    const planned = (await plan('rep', customer.id, new Date(Date.now() + DAY)).expect(201))
      .body as Visit;

    await post('rep', `/visits/${planned.id}/cancel`, {}).expect(400);
    const cancelled = (
      await post('rep', `/visits/${planned.id}/cancel`, { reason: 'customer travelling' }).expect(
        200,
      )
    ).body as Visit;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'customer travelling' });
    const completed = await post('rep', `/visits/${planned.id}/complete`, {
      summary: { effect: 'x', lessons: 'y' },
      outcome: 'z',
    }).expect(409);
    expect(completed.body).toMatchObject({ code: 'VISIT_NOT_PLANNED' });

    const mine = (await get('rep', '/visits?limit=100').expect(200)).body as { items: Visit[] };
    expect(mine.items.map((visit) => visit.id)).toContain(planned.id);
    expect(mine.items.every((visit) => visit.memberId === members['rep'])).toBe(true);
    const theirs = (await get('colleague', '/visits?limit=100').expect(200)).body as {
      items: Visit[];
    };
    expect(theirs.items.map((visit) => visit.id)).not.toContain(planned.id);
    const team = (await get('leader', `/visits?teamId=${teamId}&limit=100`).expect(200)).body as {
      items: Visit[];
    };
    expect(team.items.map((visit) => visit.id)).toContain(planned.id);
    await get('rep', '/visits?status=done').expect(400);
  });

  it('flags a visit still planned after visitOverdueDays: a task for the rep and a line for the leader', async () => {
    const customer = await register('rep');
    const overdue = (await plan('rep', customer.id, new Date(Date.now() - 4 * DAY)).expect(201))
      .body as Visit;
    const onTime = (await plan('rep', customer.id, new Date(Date.now() - DAY)).expect(201))
      .body as Visit;

    await waitFor(
      async () =>
        (await tasksOf('rep')).some(
          (task) => task.kind === 'visit.overdue' && task.subjectId === overdue.id,
        ),
      { what: "the overdue visit on the rep's list" },
    );
    expect(await tasksOf('leader')).toContainEqual(
      expect.objectContaining({ kind: 'visit.overdue-in-team', subjectId: overdue.id }),
    );
    const flagged = (await get('rep', '/visits?overdue=true&limit=100').expect(200)).body as {
      items: Visit[];
    };
    expect(flagged.items.map((visit) => visit.id)).toContain(overdue.id);
    expect(flagged.items.map((visit) => visit.id)).not.toContain(onTime.id);
    expect((await tasksOf('colleague')).map((task) => task.subjectId)).not.toContain(overdue.id);

    // Completing it late takes it off both lists.
    await post('rep', `/visits/${overdue.id}/complete`, {
      summary: { effect: 'Met at last', lessons: 'Confirm the day before' },
      outcome: 'order likely',
    }).expect(200);
    expect((await tasksOf('rep')).map((task) => task.subjectId)).not.toContain(overdue.id);
    expect((await tasksOf('leader')).map((task) => task.subjectId)).not.toContain(overdue.id);
  });

  it('greets a customer on their birthday and the configured holiday on the company day, once, for the owner to mark', async () => {
    const monthDay = greetingDay.slice(5);
    const birthday = await register('rep', { birthday: `1990-${monthDay}` });
    // The day may have been swept by an earlier run on this database: it is swept afresh.
    await stack.sql(`DELETE FROM customers.care_day WHERE day = $1`, [greetingDay]);
    const start = calendar.startOfDay(greetingDay);
    expect(start.getUTCHours()).toBe(16);

    await moveClockTo(new Date(start.getTime() - MINUTE));
    await sweptTwice('care-day');
    const before = (await get('rep', `/care-reminders?customerId=${birthday.id}`).expect(200))
      .body as { items: Reminder[] };
    expect(before.items).toEqual([]);

    await moveClockTo(new Date(start.getTime() + MINUTE));
    const reminders = await waitFor(
      async () => {
        const page = (await get('rep', `/care-reminders?customerId=${birthday.id}`).expect(200))
          .body as { items: Reminder[] };
        return page.items.length === 2 ? page.items : undefined;
      },
      { what: 'the birthday and holiday greetings' },
    );
    expect(
      reminders.map((reminder) => [reminder.kind, reminder.occasion, reminder.day]).sort(),
    ).toEqual([
      ['birthday', 'birthday', greetingDay],
      ['holiday', 'Test Day', greetingDay],
    ]);
    const greeting = reminders.find((reminder) => reminder.kind === 'birthday') as Reminder;
    expect(greeting.customerName).toBe('Bai Xue');
    expect(await tasksOf('rep')).toContainEqual(
      expect.objectContaining({ kind: 'customer.greeting', subjectId: greeting.id }),
    );

    // Once a year: more sweeps make no second one.
    await sweptTwice('care-day');
    const still = (await get('rep', `/care-reminders?customerId=${birthday.id}`).expect(200))
      .body as { items: Reminder[] };
    expect(still.items).toHaveLength(2);

    await post('colleague', `/care-reminders/${greeting.id}/done`).expect(404);
    const notOwner = await post('leader', `/care-reminders/${greeting.id}/done`).expect(403);
    expect(notOwner.body).toMatchObject({ code: 'CARE_REMINDER_NOT_OWNER' });
    const done = (await post('rep', `/care-reminders/${greeting.id}/done`).expect(200))
      .body as Reminder;
    expect(done.status).toBe('done');
    const twice = await post('rep', `/care-reminders/${greeting.id}/dismiss`).expect(409);
    expect(twice.body).toMatchObject({ code: 'CARE_REMINDER_NOT_OPEN' });
    const holiday = reminders.find((reminder) => reminder.kind === 'holiday') as Reminder;
    await post('rep', `/care-reminders/${holiday.id}/dismiss`).expect(200);
    const open = (await get('rep', `/care-reminders?customerId=${birthday.id}`).expect(200))
      .body as { items: Reminder[] };
    expect(open.items).toEqual([]);
    const dismissed = (
      await get('rep', `/care-reminders?customerId=${birthday.id}&status=dismissed`).expect(200)
    ).body as { items: Reminder[] };
    expect(dismissed.items.map((reminder) => reminder.id)).toEqual([holiday.id]);
    expect((await tasksOf('rep')).map((task) => task.subjectId)).not.toContain(greeting.id);
  });
});
