import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomInt, randomUUID } from 'node:crypto';

import { FIELD_RULES } from '@salesops/policy';
import { waitFor } from '@salesops/testing';

import { storedEnvelopes } from './support/bus';
import { Stack } from './support/stack';
import { testDb } from './support/test-db';

const natsUrl = process.env['TEST_NATS_URL'] as string;

interface Member {
  id: string;
  version: number;
  teamId: string;
  phone?: string | null;
  email?: string | null;
  wechatId?: string | null;
}

/**
 * Who sees which record and which of its contact fields, on every path: single reads, lists,
 * filters, updates, the audit trail, the event stream and the logs.
 */
describe('confidentiality across teams', () => {
  let stack: Stack;
  let nats: NatsConnection;
  let director: string;
  let teamA: string;
  let teamB: string;
  const members: Record<'a1' | 'a2' | 'b1', Member & { phone: string; email: string }> =
    {} as never;
  const tokens: Record<'leaderA' | 'repA1' | 'hr' | 'hrLeaderA' | 'keyA', string> = {} as never;
  const secrets: string[] = [];
  /** Personnel free text (reasons, notes): it stays in the members service. */
  const personnelTexts: string[] = [];
  const db = testDb();

  const as = (token: string) =>
    token.includes('.') ? { authorization: `Bearer ${token}` } : { 'x-api-key': token };

  const createTeam = async (name: string) =>
    (
      (
        await stack
          .http()
          .post('/api/v1/teams')
          .set(as(director))
          .send({ name: `${name} ${randomUUID()}`, kind: 'online_sales' })
          .expect(201)
      ).body as { id: string }
    ).id;

  const hire = async (teamId: string) => {
    const contact = {
      phone: `139${String(randomInt(10_000_000, 99_999_999))}`,
      email: `c${randomUUID().slice(0, 8)}@example.com`,
      wechatId: `wx_${randomUUID().slice(0, 8)}`,
    };
    const created = await stack
      .http()
      .post('/api/v1/members')
      .set(as(director))
      .send({
        employeeNo: `C-${randomUUID().slice(0, 8)}`,
        name: 'Zhao Min',
        teamId,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
        ...contact,
      })
      .expect(201);
    secrets.push(...Object.values(contact));
    return { ...(created.body as Member), ...contact };
  };

  const auditOf = async (subject: string) =>
    (
      (
        await stack
          .http()
          .get(`/api/v1/audit-events?subject=${subject}`)
          .set(as(director))
          .expect(200)
      ).body as {
        items: {
          action: string;
          actor: string;
          requestId: string | null;
          details: { fields?: string[] };
        }[];
      }
    ).items.filter((item) => item.action === 'contact.read');

  const meOf = async (token: string) =>
    (
      (await stack.http().get('/api/v1/auth/me').set(as(token)).expect(200)).body as {
        userId: string;
      }
    ).userId;

  beforeAll(async () => {
    // Many users sign in, one after the other, from one address.
    stack = await Stack.start(
      natsUrl,
      { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
      { LOG_LEVEL: 'debug' },
    );
    nats = await connect({ servers: natsUrl });
    director = (await stack.userWithToken(['director'])).token;
    teamA = await createTeam('Alpha');
    teamB = await createTeam('Beta');
    members.a1 = await hire(teamA);
    members.a2 = await hire(teamA);
    members.b1 = await hire(teamB);
    tokens.leaderA = (await stack.userWithToken(['team_leader'], null, teamA)).token;
    tokens.repA1 = (await stack.userWithToken(['sales_rep'], members.a1.id, teamA)).token;
    tokens.hr = (await stack.userWithToken(['hr'])).token;
    // HR suspends; HR alone sees contact masked, a leader in scope sees it in clear.
    tokens.hrLeaderA = (await stack.userWithToken(['team_leader', 'hr'], null, teamA)).token;
    const admin = (await stack.userWithToken(['admin'])).token;
    const key = await stack
      .http()
      .post('/api/v1/api-keys')
      .set(as(admin))
      .send({ name: 'team A analytics', scopes: ['members:read', 'teams:read'], teamId: teamA })
      .expect(201);
    tokens.keyA = (key.body as { key: string }).key;
    secrets.push(tokens.keyA);
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
    await db.end();
  });

  describe("another team's records (IDOR)", () => {
    it.each(['leaderA', 'keyA'] as const)('are not found by %s on read or update', async (who) => {
      const read = await stack.http().get(`/api/v1/members/${members.b1.id}`).set(as(tokens[who]));
      expect(read.status).toBe(404);
      expect(read.body.code).toBe('MEMBER_NOT_FOUND');
      await stack.http().get(`/api/v1/teams/${teamB}`).set(as(tokens[who])).expect(404);
    });

    it('cannot be changed, and the refused change changes nothing', async () => {
      await stack
        .http()
        .patch(`/api/v1/members/${members.b1.id}`)
        .set(as(tokens.leaderA))
        .send({ name: 'Taken Over' })
        .expect(404);
      const unchanged = await stack
        .http()
        .get(`/api/v1/members/${members.b1.id}`)
        .set(as(director))
        .expect(200);
      expect(unchanged.body).toMatchObject({ name: 'Zhao Min', version: members.b1.version });
    });

    // A key has no role that sees phones in clear, so it may not search by one at all.
    it.each([
      ['leaderA', 200],
      ['keyA', 403],
    ] as const)('never appear in a list or a search of %s', async (who, phoneSearch) => {
      for (const [query, status] of [
        ['limit=100', 200],
        [`teamId=${teamB}`, 200],
        [`phone=${members.b1.phone}`, phoneSearch],
      ] as const) {
        const list = await stack.http().get(`/api/v1/members?${query}`).set(as(tokens[who]));
        expect({ query, status: list.status }).toEqual({ query, status });
        if (status !== 200) continue;
        const ids = (list.body as { items: Member[] }).items.map((member) => member.id);
        expect(ids).not.toContain(members.b1.id);
      }
      const teams = await stack
        .http()
        .get('/api/v1/teams?limit=100')
        .set(as(tokens[who]))
        .expect(200);
      expect(
        (teams.body as { items: { id: string }[] }).items.map((team) => team.id),
      ).not.toContain(teamB);
    });

    it('a rep does not reach a teammate, only themself', async () => {
      await stack.http().get(`/api/v1/members/${members.a2.id}`).set(as(tokens.repA1)).expect(404);
      const list = await stack.http().get('/api/v1/members').set(as(tokens.repA1)).expect(200);
      expect((list.body as { items: Member[] }).items.map((member) => member.id)).toEqual([
        members.a1.id,
      ]);
    });
  });

  describe('contact fields', () => {
    const CLEAR = (member: Member) => ({
      phone: member.phone,
      email: member.email,
      wechatId: member.wechatId,
    });

    it('are clear for the leader in scope and the member themself, masked for HR', async () => {
      const read = async (token: string) =>
        (await stack.http().get(`/api/v1/members/${members.a1.id}`).set(as(token)).expect(200))
          .body as Member;
      expect(await read(tokens.leaderA)).toMatchObject(CLEAR(members.a1));
      expect(await read(tokens.repA1)).toMatchObject(CLEAR(members.a1));
      const byHr = await read(tokens.hr);
      expect(byHr.phone).toBe(`${members.a1.phone.slice(0, 3)}****${members.a1.phone.slice(-4)}`);
      expect(byHr.email).toMatch(/^c\*\*\*@example\.com$/);
    });

    it('are masked in lists unless clear is asked for by someone allowed', async () => {
      const list = async (token: string, query = '') =>
        (
          (
            await stack
              .http()
              .get(`/api/v1/members?teamId=${teamA}${query}`)
              .set(as(token))
              .expect(200)
          ).body as { items: Member[] }
        ).items.find((member) => member.id === members.a1.id);
      expect((await list(tokens.leaderA))?.phone).toContain('****');
      expect(await list(tokens.leaderA, '&contact=clear')).toMatchObject(CLEAR(members.a1));
      const hrAsksClear = await stack
        .http()
        .get(`/api/v1/members?teamId=${teamA}&contact=clear`)
        .set(as(tokens.hr))
        .expect(403);
      expect(hrAsksClear.body.code).toBe('CONTACT_CLEAR_FORBIDDEN');
    });

    it('can be searched by phone only by who sees phones in clear', async () => {
      const found = await stack
        .http()
        .get(`/api/v1/members?phone=${members.a1.phone}`)
        .set(as(tokens.leaderA))
        .expect(200);
      expect((found.body as { items: Member[] }).items.map((member) => member.id)).toEqual([
        members.a1.id,
      ]);
      for (const who of ['hr', 'repA1'] as const) {
        const refused = await stack
          .http()
          .get(`/api/v1/members?phone=${members.a1.phone}`)
          .set(as(tokens[who]));
        expect({ who, status: refused.status, code: refused.body.code }).toEqual({
          who,
          status: 403,
          code: 'FIELD_NOT_FILTERABLE',
        });
      }
    });

    it('read in clear by someone other than the member is in the audit trail', async () => {
      const subject = (await hire(teamA)).id;
      // The director who hired them was shown the contact fields in clear in the reply.
      const hiredBy = await meOf(director);
      const readsOf = async (id: string) =>
        (await auditOf(id)).filter((entry) => entry.actor !== hiredBy);
      expect((await auditOf(subject)).map((entry) => entry.actor)).toEqual([hiredBy]);
      await stack.http().get(`/api/v1/members/${subject}`).set(as(tokens.hr)).expect(200);
      await stack.http().get(`/api/v1/members?teamId=${teamA}`).set(as(tokens.leaderA)).expect(200);
      expect(await readsOf(subject)).toEqual([]);

      await stack.http().get(`/api/v1/members/${subject}`).set(as(tokens.leaderA)).expect(200);
      await stack
        .http()
        .get(`/api/v1/members?teamId=${teamA}&contact=clear`)
        .set(as(tokens.leaderA))
        .expect(200);
      const leader = await meOf(tokens.leaderA);
      expect(await readsOf(subject)).toEqual([
        expect.objectContaining({
          actor: leader,
          details: {
            resource: 'member',
            fields: expect.arrayContaining(['phone', 'email', 'wechatId']),
          },
        }),
        expect.objectContaining({ actor: leader }),
      ]);

      await stack.http().get(`/api/v1/members/${members.a1.id}`).set(as(tokens.repA1)).expect(200);
      const own = await auditOf(members.a1.id);
      expect(own.map((entry) => entry.actor)).not.toContain(await meOf(tokens.repA1));
    });
  });

  describe('personnel', () => {
    const post = (token: string, path: string, body: object = {}) =>
      stack.http().post(`/api/v1${path}`).set(as(token)).send(body);

    it('shows who objected to a promotion to HR, the director and the member, not the leader', async () => {
      const objector = await stack.userWithToken(['sales_rep'], members.a2.id, teamA);
      const id = (
        (
          await post(director, '/promotions', {
            memberId: members.a1.id,
            toLevel: 'senior_sales_rep',
            reason: 'three strong months',
          }).expect(201)
        ).body as { id: string }
      ).id;
      await post(tokens.leaderA, `/promotions/${id}/assess`, {
        performance: 85,
        teamwork: 85,
        growth: 85,
        recommend: true,
      }).expect(200);
      await post(director, `/promotions/${id}/approve`).expect(200);
      const filed = await post(objector.token, `/promotions/${id}/objections`, {
        reason: 'took my lead',
      }).expect(200);
      const objectionsAs = async (token: string) =>
        (
          (await stack.http().get(`/api/v1/promotions/${id}`).set(as(token)).expect(200)).body as {
            objections: Record<string, unknown>[];
          }
        ).objections;

      const anonymous = [{ id: expect.any(String), reason: 'took my lead', status: 'open' }];
      expect((filed.body as { objections: unknown[] }).objections).toEqual(anonymous);
      expect(await objectionsAs(tokens.leaderA)).toEqual(anonymous);
      const author = members.a2.id;
      for (const token of [tokens.hr, director, tokens.repA1]) {
        expect(await objectionsAs(token)).toEqual([
          { id: expect.any(String), filedBy: author, reason: 'took my lead', status: 'open' },
        ]);
      }
    });

    it('says why a member was suspended or departed by its class only; the text stays in the service', async () => {
      const [suspended, resigned, terminated, dismissed] = [
        await hire(teamA),
        await hire(teamA),
        await hire(teamA),
        await hire(teamA),
      ] as const;
      const text = (what: string) => {
        const value = `${what} ${randomUUID()}`;
        personnelTexts.push(value);
        return value;
      };
      const suspension = text('under investigation for');
      await post(tokens.hr, `/members/${suspended.id}/suspend`, {
        reason: suspension,
        reasonKind: 'investigation',
      }).expect(200);
      await post(tokens.leaderA, `/members/${resigned.id}/depart`, {
        reason: text('moving abroad with'),
        reasonKind: 'resigned',
        handoverTo: members.a2.id,
      }).expect(200);
      await post(tokens.leaderA, `/members/${terminated.id}/probation-review`, {
        decision: 'terminate',
        notes: text('missed targets in'),
      }).expect(200);
      const dismissal = (
        await post(tokens.leaderA, `/members/${dismissed.id}/sanctions`, {
          kind: 'dismissal',
          reason: text('fraud in'),
        }).expect(201)
      ).body as { id: string };
      await post(director, `/sanctions/${dismissal.id}/approve`, {
        handoverTo: members.a2.id,
      }).expect(200);

      const expected = [
        [suspended, 'members.member.suspended', 'investigation'],
        [resigned, 'members.member.departed', 'resigned'],
        [terminated, 'members.member.departed', 'probation_failed'],
        [dismissed, 'members.member.departed', 'dismissed'],
      ] as const;
      const found = await waitFor(
        async () => {
          const stored = await storedEnvelopes<{ type: string; subject: string; data: object }>(
            nats,
            'SALESOPS_MEMBERS',
          );
          const events = expected.map(([member, type]) =>
            stored.find((event) => event.subject === member.id && event.type === type),
          );
          return events.every(Boolean) ? events : undefined;
        },
        { what: 'the suspension and departure events' },
      );
      expected.forEach(([member, type, reasonKind], index) => {
        const at = type === 'members.member.suspended' ? 'suspendedAt' : 'departedAt';
        expect(found[index]?.data).toEqual({
          memberId: member.id,
          teamId: teamA,
          [at]: expect.any(String),
          reasonKind,
        });
      });
      const kept = await db.query<{ reason: string; kind: string }>(
        `SELECT reason, kind FROM members.suspension WHERE "memberId" = $1`,
        [suspended.id],
      );
      expect(kept.rows).toEqual([{ reason: suspension, kind: 'investigation' }]);
    });
  });

  describe('clear contact in the reply of a change', () => {
    type Change = { token: string; path: string; body?: object };
    const changes: [string, (member: Member) => Change | Promise<Change>][] = [
      [
        'transfer',
        () => ({
          token: director,
          path: 'transfer',
          body: { teamId: teamB, position: 'sales_rep' },
        }),
      ],
      [
        'probation review',
        () => ({
          token: director,
          path: 'probation-review',
          body: { decision: 'confirm', notes: 'Ready.' },
        }),
      ],
      [
        'suspension',
        () => ({ token: tokens.hrLeaderA, path: 'suspend', body: { reason: 'Inquiry.' } }),
      ],
      [
        'reinstatement',
        async (member) => {
          await stack
            .http()
            .post(`/api/v1/members/${member.id}/suspend`)
            .set(as(tokens.hrLeaderA))
            .send({ reason: 'Inquiry.' })
            .expect(200);
          return { token: tokens.hrLeaderA, path: 'reinstate' };
        },
      ],
      [
        'departure',
        async () => ({
          token: director,
          path: 'depart',
          body: { reason: 'Resigned.', handoverTo: (await hire(teamA)).id },
        }),
      ],
    ];

    it.each(changes)('is audited like a read: %s', async (_, prepare) => {
      const member = await hire(teamA);
      const { token, path, body } = await prepare(member);
      const requestId = `contact-${randomUUID()}`;
      const reply = await stack
        .http()
        .post(`/api/v1/members/${member.id}/${path}`)
        .set({ ...as(token), 'x-request-id': requestId })
        .send(body ?? {})
        .expect(200);
      expect(reply.body).toMatchObject({ phone: member.phone });
      const actor = await meOf(token);
      const entries = await waitFor(async () => {
        const found = (await auditOf(member.id)).filter((entry) => entry.requestId === requestId);
        return found.length > 0 ? found : undefined;
      });
      expect(entries).toEqual([
        expect.objectContaining({
          actor,
          details: {
            resource: 'member',
            fields: expect.arrayContaining(['phone', 'email', 'wechatId']),
          },
        }),
      ]);
    });
  });

  describe('customers', () => {
    let customer: { id: string; phone: string; ownerId: string };
    const phone = `137${String(randomInt(10_000_000, 99_999_999))}`;
    const contact = {
      wechatId: `wx_c_${randomUUID().slice(0, 8)}`,
      email: `cust${randomUUID().slice(0, 8)}@example.com`,
      address: `Suzhou, Gusu District, ${randomUUID().slice(0, 8)} Road`,
    };

    beforeAll(async () => {
      secrets.push(phone, ...Object.values(contact));
      customer = (
        await stack
          .http()
          .post('/api/v1/customers')
          .set(as(tokens.repA1))
          .send({ name: 'Qian Lu', phone, channel: 'online', ...contact })
          .expect(201)
      ).body as typeof customer;
    });

    it("are not found by another team's leader nor another rep, and closed to HR", async () => {
      const leaderB = (await stack.userWithToken(['team_leader'], null, teamB)).token;
      const repA2 = (await stack.userWithToken(['sales_rep'], members.a2.id, teamA)).token;
      for (const token of [leaderB, repA2]) {
        const read = await stack.http().get(`/api/v1/customers/${customer.id}`).set(as(token));
        expect(read.status).toBe(404);
        expect(read.body.code).toBe('CUSTOMER_NOT_FOUND');
        const list = await stack.http().get('/api/v1/customers?limit=100').set(as(token));
        const ids = (list.body as { items: { id: string }[] }).items.map((item) => item.id);
        expect(ids).not.toContain(customer.id);
      }
      await stack.http().get(`/api/v1/customers/${customer.id}`).set(as(tokens.hr)).expect(403);
    });

    it('are clear to the leader in scope, audited, and carry only classified fields', async () => {
      const read = await stack
        .http()
        .get(`/api/v1/customers/${customer.id}`)
        .set(as(tokens.leaderA))
        .expect(200);
      expect(read.body).toMatchObject({ phone: `+86${phone}`, ...contact });
      const unclassified = Object.keys(read.body as object).filter(
        (field) => !(field in FIELD_RULES.customer),
      );
      expect(unclassified).toEqual([]);
      const audited = await waitFor(async () => {
        const found = await auditOf(customer.id);
        return found.length > 0 ? found : undefined;
      });
      expect(audited[0]?.details.fields).toEqual(
        expect.arrayContaining(['phone', 'email', 'wechatId', 'address']),
      );
    });
  });

  describe('orders: financial fields', () => {
    /** Distinct values, so finding one anywhere can only mean it leaked. */
    const unitCost = '1234.57';
    const cost = '2469.14';
    const profit = '3030.86';
    const discountReason = `two units for ${randomUUID()}`;
    const FINANCIAL = ['cost', 'profit', 'discountApproval'];
    let order: { id: string; version: number };
    let product: { id: string };
    let customerId: string;
    const who: Record<'operations' | 'finance', string> = {} as never;
    const post = (token: string, path: string, body: object, version: number) =>
      stack
        .http()
        .post(`/api/v1/orders/${order.id}/${path}`)
        .set({ ...as(token), 'if-match': String(version) })
        .send(body)
        .expect(200)
        .then((reply) => (order = reply.body as typeof order));

    beforeAll(async () => {
      who.operations = (await stack.userWithToken(['operations'], null, teamA)).token;
      who.finance = (await stack.userWithToken(['finance'])).token;
      product = (
        await stack
          .http()
          .post('/api/v1/products')
          .set(as(who.operations))
          .send({
            sku: `CONF-${randomUUID().slice(0, 8)}`,
            name: 'Water purifier',
            category: 'home',
            listPrice: '2999.00',
            floorPrice: '2800.00',
            unitCost,
          })
          .expect(201)
      ).body as { id: string };
      customerId = (
        (
          await waitFor(
            async () => {
              const created = await stack
                .http()
                .post('/api/v1/customers')
                .set(as(tokens.repA1))
                .send({ name: 'Sun Li', channel: 'referral' });
              return created.status === 201 ? created : undefined;
            },
            { what: 'the rep known to customers' },
          )
        ).body as { id: string }
      ).id;
      order = (
        await stack
          .http()
          .post('/api/v1/orders')
          .set(as(tokens.repA1))
          .send({
            customerId,
            lines: [{ productId: product.id, quantity: 2, unitPrice: '2750.00' }],
          })
          .expect(201)
      ).body as typeof order;
      await post(tokens.leaderA, 'approve-discount', { reason: discountReason }, order.version);
      await post(tokens.repA1, 'submit', {}, order.version);
      await post(tokens.leaderA, 'approve', {}, order.version);
      for (const step of ['in_production', 'packed', 'shipped', 'delivered']) {
        const shipment = step === 'shipped' ? { carrier: 'SF Express', trackingNo: 'SF123' } : {};
        await post(who.operations, 'fulfil', { step, ...shipment }, order.version);
      }
      await stack
        .http()
        .post(`/api/v1/orders/${order.id}/payments`)
        .set({ ...as(who.finance), 'if-match': String(order.version) })
        .send({ amount: '5500.00', method: 'bank_transfer', reference: 'CONF-TX' })
        .expect(200)
        .then((reply) => (order = reply.body as typeof order));
      await post(tokens.repA1, 'complete', {}, order.version);
      await post(
        who.finance,
        'refunds',
        { amount: '250.00', reason: 'a late delivery' },
        order.version,
      );
    });

    const readsOf = async (token: string) => {
      const one = (await stack.http().get(`/api/v1/orders/${order.id}`).set(as(token)).expect(200))
        .body as Record<string, unknown>;
      const listed = (
        (
          await stack
            .http()
            .get(`/api/v1/orders?customerId=${customerId}`)
            .set(as(token))
            .expect(200)
        ).body as { items: Record<string, unknown>[] }
      ).items.find((item) => item.id === order.id);
      const productRead = (
        await stack.http().get(`/api/v1/products/${product.id}`).set(as(token)).expect(200)
      ).body as Record<string, unknown>;
      const productListed = (
        (await stack.http().get('/api/v1/products?limit=100').set(as(token)).expect(200)).body as {
          items: Record<string, unknown>[];
        }
      ).items.find((item) => item.id === product.id);
      expect(listed).toBeDefined();
      expect(productListed).toBeDefined();
      return { one, listed: listed ?? {}, productRead, productListed: productListed ?? {} };
    };

    it.each(['repA1', 'leaderA', 'operations'] as const)(
      'are absent for %s from the order, the list and the product',
      async (name) => {
        const token = name === 'operations' ? who.operations : tokens[name];
        const { one, listed, productRead, productListed } = await readsOf(token);
        for (const [path, body] of [
          ['order', one],
          ['list', listed],
        ] as const) {
          const shown = Object.keys(body).filter((field) => FINANCIAL.includes(field));
          expect({ path, shown }).toEqual({ path, shown: [] });
          expect({ path, leaked: JSON.stringify(body).includes(discountReason) }).toEqual({
            path,
            leaked: false,
          });
        }
        expect(productRead).not.toHaveProperty('unitCost');
        expect(productListed).not.toHaveProperty('unitCost');
        // Still the order itself, in the state the review and fulfilment took it to.
        expect(one).toMatchObject({ status: 'completed', total: '5500.00' });
      },
    );

    it.each(['finance', 'director'] as const)(
      'are present for %s in the order, the list and the product',
      async (name) => {
        const token = name === 'director' ? director : who.finance;
        const { one, listed, productRead, productListed } = await readsOf(token);
        for (const body of [one, listed]) {
          expect(body).toMatchObject({ cost, profit, discountApproval: expect.any(Object) });
        }
        expect(JSON.stringify(one.discountApproval)).toContain(discountReason);
        expect(productRead).toHaveProperty('unitCost', unitCost);
        expect(productListed).toHaveProperty('unitCost', unitCost);
      },
    );

    it('are only in the event fields the policy classes financial, and every field has a class', async () => {
      type Envelope = { type: string; data: Record<string, unknown> };
      const events = await waitFor(
        async () => {
          const stored = (await storedEnvelopes<Envelope>(nats, 'SALESOPS_ORDERS')).filter(
            (event) => event.data['orderId'] === order.id,
          );
          return stored.some((event) => event.type === 'orders.order.refunded')
            ? stored
            : undefined;
        },
        { what: "the order's events up to its refund" },
      );
      expect(new Set(events.map((event) => event.type))).toEqual(
        new Set([
          'orders.order.submitted',
          'orders.order.approved',
          'orders.order.shipped',
          'orders.order.delivered',
          'orders.payment.received',
          'orders.order.completed',
          'orders.order.refunded',
        ]),
      );
      const rules: Record<string, { class: string }> = FIELD_RULES.orderEvent;
      const financial = Object.keys(rules).filter((field) => rules[field]?.class === 'financial');
      expect(financial.sort()).toEqual(['cost', 'profit']);
      for (const { type, data } of events) {
        const unclassified = Object.keys(data).filter((field) => !(field in rules));
        expect({ type, unclassified }).toEqual({ type, unclassified: [] });
        const carrying = Object.entries(data)
          .filter(
            ([, value]) =>
              JSON.stringify(value).includes(cost) ||
              JSON.stringify(value).includes(profit) ||
              JSON.stringify(value).includes(unitCost),
          )
          .map(([field]) => field);
        expect({ type, carrying: carrying.filter((field) => !financial.includes(field)) }).toEqual({
          type,
          carrying: [],
        });
      }
      // The cleared subscribers do get them, where the policy says.
      const approved = events.find((event) => event.type === 'orders.order.approved');
      expect(approved?.data).toMatchObject({ cost, profit });
    });

    it('are never in the log output', () => {
      const orders = stack.processes.get('orders')?.output.join('') ?? '';
      // The orders process logged the order's way (at debug), so its silence on money is real.
      for (const route of ['approve', 'complete', 'record-refund']) {
        expect(orders).toContain(`"route":"orders.order.${route}.v1"`);
      }
      const logs = [...stack.processes.values()]
        .map((process) => process.output.join(''))
        .join('\n');
      for (const value of [cost, profit, unitCost, discountReason]) {
        expect({ value, inLogs: logs.includes(value) }).toEqual({ value, inLogs: false });
      }
    });
  });

  it('a list read in clear is audited once per record, with its request id', async () => {
    const team = await createTeam('Listed');
    const listed = [await hire(team), await hire(team), await hire(team)];
    const requestId = `list-${randomUUID()}`;
    const page = await stack
      .http()
      .get(`/api/v1/members?teamId=${team}&contact=clear`)
      .set({ ...as(director), 'x-request-id': requestId })
      .expect(200);
    expect((page.body as { items: Member[] }).items).toHaveLength(3);
    for (const member of listed) {
      const entries = await waitFor(async () => {
        const found = (await auditOf(member.id)).filter((entry) => entry.requestId === requestId);
        return found.length > 0 ? found : undefined;
      });
      expect(entries).toHaveLength(1);
    }
  });

  it('returns no field that the policy does not classify', async () => {
    const responses = [
      ['member', `/api/v1/members/${members.a1.id}`],
      ['team', `/api/v1/teams/${teamA}`],
    ] as const;
    for (const [resource, path] of responses) {
      const body = (await stack.http().get(path).set(as(director)).expect(200)).body as object;
      const unclassified = Object.keys(body).filter((field) => !(field in FIELD_RULES[resource]));
      expect({ path, unclassified }).toEqual({ path, unclassified: [] });
    }
  });

  it('never puts a contact value, a secret or personnel free text in an event or a log line', async () => {
    const jsm = await jetstreamManager(nats);
    const streams: string[] = [];
    for await (const info of jsm.streams.list()) streams.push(info.config.name);
    expect(streams.length).toBeGreaterThan(0);
    const published = (
      await Promise.all(streams.map((stream) => storedEnvelopes<unknown>(nats, stream)))
    ).flat();
    const events = published.map((envelope) => JSON.stringify(envelope)).join('\n');
    expect(events).toContain(members.a1.id);

    const logs = [...stack.processes.values()].map((process) => process.output.join('')).join('\n');
    expect(logs).toContain('"msg":"request"');
    expect(logs).toContain('"msg":"rpc"');
    const passwordsAndTokens = [director, ...Object.values(tokens)];
    expect(personnelTexts.length).toBeGreaterThan(0);
    for (const value of [...secrets, ...passwordsAndTokens, ...personnelTexts]) {
      expect({ value, inEvents: events.includes(value), inLogs: logs.includes(value) }).toEqual({
        value,
        inEvents: false,
        inLogs: false,
      });
    }
  });
});
