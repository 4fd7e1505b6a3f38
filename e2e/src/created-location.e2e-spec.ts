import { randomUUID } from 'node:crypto';

import { waitFor } from '@salesops/testing';
import type { Response } from 'supertest';

import { gatewayFixture } from './support/gateway-fixture';
import { Stack } from './support/stack';

const natsUrl = process.env['TEST_NATS_URL'] as string;
const DAY_MS = 24 * 3600_000;
const dayIn = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

const EXAM = {
  kind: 'exam',
  title: 'Location exam',
  passingScore: 50,
  questions: [
    { type: 'single', prompt: 'Which floor?', choices: ['a', 'b'], points: 1, correct: 1 },
  ],
};

/**
 * api.md: "POST creates (201 with the resource and a Location)". Every route the API document
 * answers 201 is created here once, and its Location is read back.
 */
describe('every create answers 201 with a Location that can be read', () => {
  jest.setTimeout(240_000);

  let stack: Stack;
  const gateway = gatewayFixture(() => stack);
  const { post, get } = gateway;
  const tokens: Record<string, string> = {};
  let teamId: string;
  let otherTeamId: string;
  let repId: string;
  let customerId: string;
  let courseId: string;
  let productId: string;

  beforeAll(async () => {
    stack = await Stack.start(natsUrl, {
      RATE_LIMIT_PER_MINUTE: '100000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    for (const role of ['director', 'admin', 'trainer', 'operations']) {
      tokens[role] = (await stack.userWithToken([role])).token;
    }
    const director = tokens['director'] as string;
    teamId = await gateway.newTeam(director, 'Located');
    otherTeamId = await gateway.newTeam(director, 'Elsewhere');
    repId = await gateway.hire(director, teamId, { prefix: 'LOC', name: 'Lu Wen' });
    tokens['rep'] = (await stack.userWithToken(['sales_rep'], repId, teamId)).token;
    tokens['leader'] = (await stack.userWithToken(['team_leader'], null, teamId)).token;
    tokens['otherLeader'] = (await stack.userWithToken(['team_leader'], null, otherTeamId)).token;
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const as = (who: string) => tokens[who] as string;
  /** The customer's first registration waits until customers know the rep (members events). */
  const firstCustomer = () =>
    waitFor<Response>(
      async () => {
        const created = await post(as('rep'), '/customers', {
          name: 'Tang Yi',
          channel: 'referral',
        });
        return created.status === 201 ? created : undefined;
      },
      { what: 'the rep known to customers' },
    );
  const idOf = (response: Response) => (response.body as { id: string }).id;

  /** Each 201 route of the document (in an order that makes what the later ones need). */
  const creates: [route: string, create: () => Promise<Response>][] = [
    [
      'POST /api/v1/teams',
      () =>
        post(as('director'), '/teams', { name: `Located ${randomUUID()}`, kind: 'online_sales' }),
    ],
    [
      'POST /api/v1/members',
      () =>
        post(as('director'), '/members', {
          employeeNo: `LOC-${randomUUID().slice(0, 8)}`,
          name: 'Yan Li',
          teamId,
          position: 'sales_rep',
          track: 'professional',
          level: 'sales_rep',
        }),
    ],
    [
      'POST /api/v1/users',
      async () => {
        const memberId = await gateway.hire(as('director'), teamId, {
          prefix: 'LOCU',
          name: 'Su Qi',
        });
        return post(as('admin'), '/users', {
          memberId,
          username: `loc-${randomUUID().slice(0, 8)}`,
        });
      },
    ],
    [
      'POST /api/v1/api-keys',
      () => post(as('admin'), '/api-keys', { name: 'located', scopes: ['members:read'] }),
    ],
    [
      'POST /api/v1/webhooks',
      () =>
        post(as('director'), '/webhooks', { url: 'https://127.0.0.1/hook', types: ['orders.*'] }),
    ],
    [
      'POST /api/v1/applications',
      () =>
        post(as('director'), '/applications', {
          candidateName: 'He Jun',
          channel: 'referral',
          teamId,
          position: 'sales_rep',
        }),
    ],
    [
      'POST /api/v1/promotions',
      () =>
        post(as('director'), '/promotions', {
          memberId: repId,
          toLevel: 'senior_sales_rep',
          reason: 'a strong year',
        }),
    ],
    [
      'POST /api/v1/members/{id}/commendations',
      () =>
        post(as('director'), `/members/${repId}/commendations`, {
          kind: 'sales_champion',
          reason: 'top month',
        }),
    ],
    [
      'POST /api/v1/members/{id}/sanctions',
      () =>
        post(as('director'), `/members/${repId}/sanctions`, {
          kind: 'warning',
          reason: 'late twice',
        }),
    ],
    [
      'POST /api/v1/leave-requests',
      () =>
        post(as('rep'), '/leave-requests', {
          kind: 'annual',
          startsOn: dayIn(30),
          endsOn: dayIn(31),
          reason: 'rest',
        }),
    ],
    [
      'POST /api/v1/meetings',
      () => post(as('leader'), '/meetings', { kind: 'morning', heldOn: dayIn(0) }),
    ],
    [
      'POST /api/v1/customers',
      async () => {
        const created = await firstCustomer();
        customerId = idOf(created);
        return created;
      },
    ],
    [
      'POST /api/v1/customers/{id}/follow-ups',
      () =>
        post(as('rep'), `/customers/${customerId}/follow-ups`, {
          channel: 'call',
          content: 'asked about the budget',
        }),
    ],
    [
      'POST /api/v1/visits',
      () =>
        post(as('rep'), '/visits', {
          customerId,
          purpose: 'Show the new range',
          keyPoints: ['bring samples'],
          scheduledAt: new Date(Date.now() + 3 * DAY_MS).toISOString(),
        }),
    ],
    [
      'POST /api/v1/complaints',
      () =>
        post(as('rep'), '/complaints', {
          customerId,
          severity: 'low',
          category: 'delivery',
          description: 'The box arrived a day late',
        }),
    ],
    [
      'POST /api/v1/products',
      async () => {
        const created = await post(as('operations'), '/products', {
          sku: `LOC-${randomUUID().slice(0, 8)}`,
          name: 'Air purifier',
          category: 'home',
          listPrice: '1999.00',
          floorPrice: '1800.00',
          unitCost: '1200.00',
        });
        productId = idOf(created);
        return created;
      },
    ],
    [
      'POST /api/v1/orders',
      () => post(as('rep'), '/orders', { customerId, lines: [{ productId, quantity: 1 }] }),
    ],
    [
      'POST /api/v1/contracts',
      () =>
        post(as('rep'), '/contracts', {
          customerId,
          amount: '1999.00',
          deliveryDate: dayIn(20),
          paymentMethod: 'bank_transfer',
          afterSalesTerms: 'one year of service',
        }),
    ],
    [
      'POST /api/v1/courses',
      async () => {
        const created = await post(as('trainer'), '/courses', {
          title: `Course ${randomUUID().slice(0, 8)}`,
          category: 'sales_skills',
          mode: 'offline',
          durationMinutes: 60,
        });
        courseId = idOf(created);
        return created;
      },
    ],
    [
      'POST /api/v1/training-plans',
      () =>
        post(as('leader'), '/training-plans', {
          teamId,
          year: 2099,
          items: [{ courseId, month: 1 }],
        }),
    ],
    [
      'POST /api/v1/training-sessions',
      () =>
        post(as('trainer'), '/training-sessions', {
          courseId,
          trainer: { name: 'Ms. Lin' },
          startsAt: new Date(Date.now() + 5 * DAY_MS).toISOString(),
          location: 'Room 5',
          capacity: 10,
        }),
    ],
    [
      'POST /api/v1/training-sessions/{id}/enrollments',
      async () => {
        const sessions = (await get(as('rep'), `/training-sessions?limit=100`).expect(200))
          .body as {
          items: { id: string; courseId: string }[];
        };
        const session = sessions.items.find((item) => item.courseId === courseId);
        return post(as('rep'), `/training-sessions/${session?.id}/enrollments`);
      },
    ],
    [
      'POST /api/v1/courses/{id}/assessments',
      () => post(as('trainer'), `/courses/${courseId}/assessments`, EXAM),
    ],
    [
      'POST /api/v1/assessments/{id}/attempts',
      async () => {
        const listed = (await get(as('rep'), `/courses/${courseId}/assessments`).expect(200))
          .body as { items: { id: string }[] } | { id: string }[];
        const [exam] = Array.isArray(listed) ? listed : listed.items;
        return post(as('rep'), `/assessments/${exam?.id}/attempts`, { answers: { q1: 1 } });
      },
    ],
  ];
  /** Who reads each Location back: the creator's reach (the director's, unless only others may). */
  const readers: Record<string, string> = {
    'POST /api/v1/users': 'admin',
    'POST /api/v1/api-keys': 'admin',
  };
  const located = new Map<string, { id: string; location: string }>();

  it('creates each 201 route of the API document', async () => {
    const document = (await stack.http().get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => '201' in operation.responses)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(creates.map(([route]) => route).sort()).toEqual(documented.sort());
  });

  it('answers each create with a Location, and the Location with 200', async () => {
    const missing: unknown[] = [];
    for (const [route, create] of creates) {
      const created = await create();
      expect({ route, status: created.status, body: created.body }).toMatchObject({
        route,
        status: 201,
      });
      const location = created.headers['location'];
      if (!location) {
        missing.push(route);
        continue;
      }
      located.set(route, { id: idOf(created), location });
      const reader = readers[route] ?? 'director';
      const read = await stack
        .http()
        .get(location)
        .set(gateway.as(as(reader)));
      expect({ route, location, status: read.status }).toEqual({ route, location, status: 200 });
    }
    expect(missing).toEqual([]);
  });

  it('reads a created leave request, meeting, plan or visit only within reach: 404 with its code outside', async () => {
    const cases: [route: string, code: string][] = [
      ['POST /api/v1/leave-requests', 'LEAVE_REQUEST_NOT_FOUND'],
      ['POST /api/v1/meetings', 'MEETING_NOT_FOUND'],
      ['POST /api/v1/training-plans', 'TRAINING_PLAN_NOT_FOUND'],
      ['POST /api/v1/visits', 'VISIT_NOT_FOUND'],
    ];
    for (const [route, code] of cases) {
      const { id, location } = located.get(route) as { id: string; location: string };
      expect(location.endsWith(`/${id}`)).toBe(true);
      const own = await stack
        .http()
        .get(location)
        .set(gateway.as(as('leader')));
      expect({ route, status: own.status }).toEqual({ route, status: 200 });
      const outside = await stack
        .http()
        .get(location)
        .set(gateway.as(as('otherLeader')));
      expect({
        route,
        status: outside.status,
        code: (outside.body as { code?: string }).code,
      }).toEqual({
        route,
        status: 404,
        code,
      });
    }
    const webhook = located.get('POST /api/v1/webhooks') as { location: string };
    const otherDirector = (await stack.userWithToken(['director'])).token;
    await stack.http().get(webhook.location).set(gateway.as(otherDirector)).expect(404);
  });
});
