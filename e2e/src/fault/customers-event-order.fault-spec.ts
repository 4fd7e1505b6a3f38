import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

import { ServiceProcess, TestNatsServer, waitFor } from '@salesops/testing';

import { testDb } from '../support/test-db';

/**
 * The customers service's projections of other services' events, under events that arrive out of
 * order or again: the roster it keeps from members follows each member's version, not the order of
 * arrival; a customer is won by its first completed order once, whatever comes after.
 */
describe('fault: customers projections under late and repeated events', () => {
  let nats: TestNatsServer;
  let customers: ServiceProcess;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let db: Pool;

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    // Its consumers create the members and orders streams the events below are published to.
    customers = await ServiceProcess.start('customers', { natsUrl: nats.url });
    nc = await connect({ servers: nats.url });
    js = jetstream(nc);
    db = testDb();
  });

  afterAll(async () => {
    await nc?.close();
    await customers?.stop();
    await nats?.stop();
    await db?.end();
  });

  /** Publishes an event as its service's relay would, and returns its id. */
  const publish = async (
    type: string,
    version: number,
    subject: string,
    subjectVersion: number,
    data: Record<string, unknown>,
  ): Promise<string> => {
    const id = randomUUID();
    const envelope = {
      id,
      type,
      version,
      source: type.split('.')[0],
      time: new Date().toISOString(),
      subject,
      subjectVersion,
      actor: null,
      requestId: null,
      data,
    };
    await js.publish(`salesops.${type}`, JSON.stringify(envelope), { msgID: id });
    return id;
  };

  /** Waits until the consumer has taken these events (applied or ignored, they are in its inbox). */
  const taken = (consumer: string, ids: string[]) =>
    waitFor(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM customers.inbox_event WHERE consumer = $1 AND "eventId" = ANY($2::uuid[])`,
            [consumer, ids],
          )
        ).rowCount === ids.length,
      { what: `${consumer} to take ${ids.length} events` },
    );

  describe('the organisation (org_member)', () => {
    const hired = (memberId: string, teamId: string, subjectVersion = 1) =>
      publish('members.member.hired', 1, memberId, subjectVersion, {
        memberId,
        employeeNo: `O-${memberId.slice(0, 8)}`,
        teamId,
        position: 'sales_rep',
        track: 'professional',
        level: 'sales_rep',
        hiredAt: new Date().toISOString(),
        probationEndsAt: null,
      });
    const transferred = (
      memberId: string,
      fromTeamId: string,
      toTeamId: string,
      subjectVersion: number,
      position = 'sales_rep',
    ) =>
      publish('members.member.transferred', 1, memberId, subjectVersion, {
        memberId,
        fromTeamId,
        toTeamId,
        position,
        transferredAt: new Date().toISOString(),
      });
    const departed = (memberId: string, teamId: string, subjectVersion: number) =>
      publish('members.member.departed', 2, memberId, subjectVersion, {
        memberId,
        teamId,
        departedAt: new Date().toISOString(),
        reasonKind: 'resigned',
      });
    const memberOf = async (memberId: string) =>
      (
        await db.query<{ teamId: string; position: string; status: string }>(
          `SELECT "teamId", position, status FROM customers.org_member WHERE "memberId" = $1`,
          [memberId],
        )
      ).rows[0];

    it('leaves a member on the team of the newest transfer when the hire and an older transfer arrive late', async () => {
      const memberId = randomUUID();
      const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];

      await taken('customers-organisation', [
        await transferred(memberId, second, third, 3, 'team_leader'),
        await transferred(memberId, first, second, 2),
        await hired(memberId, first),
      ]);

      expect(await memberOf(memberId)).toEqual({
        teamId: third,
        position: 'team_leader',
        status: 'active',
      });
    });

    it('keeps a departed member departed when the hire arrives after the departure', async () => {
      const memberId = randomUUID();
      const teamId = randomUUID();

      await taken('customers-organisation', [
        await departed(memberId, teamId, 4),
        await hired(memberId, teamId),
      ]);

      expect(await memberOf(memberId)).toMatchObject({ teamId, status: 'departed' });
    });

    it('still applies a newer event after ignoring an older one', async () => {
      const memberId = randomUUID();
      const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];

      await taken('customers-organisation', [
        await transferred(memberId, first, second, 3),
        await hired(memberId, first),
        await transferred(memberId, second, third, 5),
      ]);

      expect(await memberOf(memberId)).toMatchObject({ teamId: third, status: 'active' });
    });
  });

  describe("a customer's first completed order (customers-first-orders)", () => {
    const customerAt = async (stage: string) => {
      const [id, ownerId, teamId] = [randomUUID(), randomUUID(), randomUUID()];
      await db.query(
        `INSERT INTO customers.customer (id, type, name, channel, intent, tags, "ownerId", "teamId",
           stage, "registeredBy", "registeredTeamId", "updatedAt")
         VALUES ($1, 'individual', 'Order Test', 'referral', 'B', '{}', $2::uuid, $3::uuid, $4, $2::text,
           $3::uuid, now())`,
        [id, ownerId, teamId, stage],
      );
      return { id, ownerId, teamId };
    };
    const completed = (
      customer: { id: string; ownerId: string; teamId: string },
      orderId: string,
      subjectVersion: number,
    ) =>
      publish('orders.order.completed', 1, orderId, subjectVersion, {
        orderId,
        number: 'SO-2026-000001',
        customerId: customer.id,
        ownerId: customer.ownerId,
        teamId: customer.teamId,
        status: 'completed',
        total: '100.00',
        period: '2026-11',
        at: new Date().toISOString(),
        reason: null,
        cost: null,
        profit: null,
        paidAmount: '100.00',
      });
    const stageOf = async (id: string) =>
      (
        await db.query<{ stage: string }>(`SELECT stage FROM customers.customer WHERE id = $1`, [
          id,
        ])
      ).rows[0]?.stage;
    const wins = async (id: string) =>
      (
        await db.query(
          `SELECT 1 FROM customers.customer_history
            WHERE "customerId" = $1 AND kind = 'stage' AND "toValue" = 'won'`,
          [id],
        )
      ).rowCount;

    it('does not win a reopened customer with a completion it received while lost, when that completion comes again', async () => {
      const customer = await customerAt('lost');
      const orderId = randomUUID();

      await taken('customers-first-orders', [await completed(customer, orderId, 8)]);
      expect(await stageOf(customer.id)).toBe('lost');

      // A person reopens the customer; the same completion is then announced again (another id).
      await db.query(`UPDATE customers.customer SET stage = 'contacted' WHERE id = $1`, [
        customer.id,
      ]);
      await taken('customers-first-orders', [await completed(customer, orderId, 8)]);

      expect(await stageOf(customer.id)).toBe('contacted');
      expect(await wins(customer.id)).toBe(0);
    });

    it('wins an open customer once, whichever of its orders completes first', async () => {
      const customer = await customerAt('negotiating');

      await taken('customers-first-orders', [
        await completed(customer, randomUUID(), 9),
        await completed(customer, randomUUID(), 7),
      ]);

      expect(await stageOf(customer.id)).toBe('won');
      expect(await wins(customer.id)).toBe(1);
    });
  });
});
