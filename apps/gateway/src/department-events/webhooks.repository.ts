import { Inject, Injectable } from '@nestjs/common';

import type { Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';
import type {
  WebhookAttempt,
  WebhookDelivery,
  WebhookSubscription,
} from '../generated/prisma/client';

export type OwnerKind = 'user' | 'api_key';

export interface Owner {
  kind: OwnerKind;
  id: string;
}

export interface NewSubscription {
  id: string;
  owner: Owner;
  url: string;
  types: string[];
  secretSealed: string;
}

/** A delivery claimed for an attempt, with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  seq: bigint;
  subscriptionId: string;
  eventId: string;
  body: string;
  traceparent: string | null;
  attempts: number;
  retryingSince: Date | null;
  url: string;
  secretSealed: string;
}

export interface AttemptRecord {
  at: Date;
  status: number | null;
  latencyMs: number;
  response: string;
  error: string | null;
}

export type DeliveryWithAttempts = WebhookDelivery & { attemptLog: WebhookAttempt[] };

/** The owner of a subscription, as far as deciding what it may receive needs. */
export interface OwnerRow {
  kind: OwnerKind;
  id: string;
  roles: string[];
  memberId: string | null;
  teamId: string | null;
  scopes: string[];
  usable: boolean;
}

/** Any key: only ever taken by the webhook sender's claims, for the length of their transaction. */
const CLAIM_LOCK = 1_700_018;

@Injectable()
export class WebhooksRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(subscription: NewSubscription): Promise<WebhookSubscription> {
    const { owner, ...rest } = subscription;
    return this.prisma.webhookSubscription.create({
      data: { ...rest, ownerKind: owner.kind, ownerId: owner.id },
    });
  }

  listOf(owner: Owner): Promise<WebhookSubscription[]> {
    return this.prisma.webhookSubscription.findMany({
      where: { ownerKind: owner.kind, ownerId: owner.id, deletedAt: null },
      orderBy: { createdAt: 'desc' },
      take: 500,
    });
  }

  findOf(owner: Owner, id: string): Promise<WebhookSubscription | null> {
    return this.prisma.webhookSubscription.findFirst({
      where: { id, ownerKind: owner.kind, ownerId: owner.id, deletedAt: null },
    });
  }

  async remove(owner: Owner, id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.webhookSubscription.updateMany({
      where: { id, ownerKind: owner.kind, ownerId: owner.id, deletedAt: null },
      data: { deletedAt: at },
    });
    return count > 0;
  }

  /** Active again, its oldest waiting delivery due now with a fresh window of retries. */
  async enable(id: string, at: Date): Promise<WebhookSubscription> {
    return this.prisma.$transaction(async (tx) => {
      const head = await tx.webhookDelivery.findFirst({
        where: { subscriptionId: id, status: 'pending' },
        orderBy: { seq: 'asc' },
      });
      if (head) {
        await tx.webhookDelivery.update({
          where: { id: head.id },
          data: { nextAttemptAt: at, retryingSince: null },
        });
      }
      return tx.webhookSubscription.update({
        where: { id },
        data: { status: 'active', failingSince: null },
      });
    });
  }

  /** Every subscription still wanted, active or failing (a failing one keeps its queue). */
  live(work: Work): Promise<WebhookSubscription[]> {
    return this.prisma.within(work).webhookSubscription.findMany({ where: { deletedAt: null } });
  }

  async owners(owners: readonly Owner[], work: Work): Promise<OwnerRow[]> {
    const sql = this.prisma.within(work);
    const userIds = owners.filter((owner) => owner.kind === 'user').map((owner) => owner.id);
    const keyIds = owners.filter((owner) => owner.kind === 'api_key').map((owner) => owner.id);
    const [users, keys] = await Promise.all([
      userIds.length
        ? sql.user.findMany({
            where: { id: { in: userIds } },
            select: {
              id: true,
              roles: true,
              memberId: true,
              teamId: true,
              active: true,
              disabledAt: true,
            },
          })
        : [],
      keyIds.length
        ? sql.apiKey.findMany({
            where: { id: { in: keyIds } },
            select: { id: true, scopes: true, teamId: true, revokedAt: true },
          })
        : [],
    ]);
    return [
      ...users.map((user) => ({
        kind: 'user' as const,
        id: user.id,
        roles: user.roles,
        memberId: user.memberId,
        teamId: user.teamId,
        scopes: [],
        usable: user.active && !user.disabledAt,
      })),
      ...keys.map((key) => ({
        kind: 'api_key' as const,
        id: key.id,
        roles: [],
        memberId: null,
        teamId: key.teamId,
        scopes: key.scopes,
        usable: !key.revokedAt,
      })),
    ];
  }

  /**
   * Queues deliveries in one statement, in the order given (their `seq`); one already queued for the
   * same subscription and event is left as it is.
   */
  async enqueue(
    deliveries: readonly {
      subscriptionId: string;
      eventId: string;
      eventType: string;
      body: string;
      traceparent: string | null;
    }[],
    at: Date,
    work: Work,
  ): Promise<void> {
    if (deliveries.length === 0) return;
    await this.prisma.within(work).$executeRawUnsafe(
      `INSERT INTO webhook_delivery (id, "subscriptionId", "eventId", "eventType", body, traceparent, "nextAttemptAt")
       SELECT gen_random_uuid(), d.subscription, d.event, d.type, d.body, d.traceparent, $6::timestamptz
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])
         WITH ORDINALITY AS d(subscription, event, type, body, traceparent, n)
       ORDER BY d.n
       ON CONFLICT ("subscriptionId", "eventId") DO NOTHING`,
      deliveries.map((delivery) => delivery.subscriptionId),
      deliveries.map((delivery) => delivery.eventId),
      deliveries.map((delivery) => delivery.eventType),
      deliveries.map((delivery) => delivery.body),
      deliveries.map((delivery) => delivery.traceparent),
      at.toISOString(),
    );
  }

  /**
   * Of each active subscription whose oldest waiting delivery is due (at most `subscriptions` of
   * them), its waiting deliveries from the oldest on while they are due (at most `perSubscription`),
   * leased until `leaseEnd`: another instance (or this one) takes them again only once the lease has
   * passed without an outcome. A subscription's later deliveries wait behind one that is not due
   * (retrying or leased), which keeps their order. Claims take turns (a lock), so two instances
   * never split one subscription's deliveries. In each subscription's order.
   */
  async claimDue(
    now: Date,
    leaseEnd: Date,
    limits: { subscriptions: number; perSubscription: number },
  ): Promise<ClaimedDelivery[]> {
    const [, claimed] = await this.prisma.$transaction([
      this.prisma.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1)', CLAIM_LOCK),
      this.prisma.$queryRawUnsafe<ClaimedDelivery[]>(
        `WITH heads AS (
           SELECT s.id FROM webhook_subscription s
           WHERE s.status = 'active' AND s."deletedAt" IS NULL
             AND (SELECT "nextAttemptAt" FROM webhook_delivery
                  WHERE "subscriptionId" = s.id AND status = 'pending' ORDER BY seq LIMIT 1) <= $1
           LIMIT $3
         ), due AS (
           SELECT w.id FROM heads h CROSS JOIN LATERAL (
             SELECT id, bool_and("nextAttemptAt" <= $1) OVER (ORDER BY seq) AS ready
             FROM (SELECT id, seq, "nextAttemptAt" FROM webhook_delivery
                   WHERE "subscriptionId" = h.id AND status = 'pending' ORDER BY seq LIMIT $4) q
           ) w
           WHERE w.ready
         )
         UPDATE webhook_delivery d SET "nextAttemptAt" = $2
         FROM due, webhook_subscription s
         WHERE d.id = due.id AND s.id = d."subscriptionId"
           AND d.status = 'pending' AND d."nextAttemptAt" <= $1
         RETURNING d.id, d.seq, d."subscriptionId", d."eventId", d.body, d.traceparent, d.attempts,
           d."retryingSince", s.url, s."secretSealed"`,
        now,
        leaseEnd,
        limits.subscriptions,
        limits.perSubscription,
      ),
    ]);
    return claimed.sort((a, b) =>
      a.subscriptionId === b.subscriptionId
        ? Number(BigInt(a.seq) - BigInt(b.seq))
        : a.subscriptionId < b.subscriptionId
          ? -1
          : 1,
    );
  }

  /**
   * The outcomes of claimed runs, in one statement (so one transaction): the deliveries that were
   * delivered, each run's one that failed (due again at `next.at`; `failing`: the window of retries
   * is over and the subscription stops), every attempt in the delivery log, and the claimed ones
   * not tried, handed back due now (still behind the failed one) if their claim (its `leaseEnd`)
   * still holds them.
   */
  async settle(outcome: {
    delivered: readonly { id: string; attempt: AttemptRecord }[];
    failed: readonly {
      delivery: ClaimedDelivery;
      attempt: AttemptRecord;
      next: { at: Date; retryingSince: Date; failing: boolean };
    }[];
    untried: readonly { id: string; leaseEnd: Date }[];
    now: Date;
  }): Promise<void> {
    const { delivered, failed, untried } = outcome;
    const attempts = [
      ...delivered,
      ...failed.map(({ delivery, attempt }) => ({ id: delivery.id, attempt })),
    ];
    if (attempts.length === 0 && untried.length === 0) return;
    const failing = failed.filter(({ next }) => next.failing);
    const iso = (at: Date) => at.toISOString();
    await this.prisma.$executeRawUnsafe(
      `WITH delivered AS (
         UPDATE webhook_delivery d
         SET status = 'delivered', "deliveredAt" = o.at, attempts = d.attempts + 1
         FROM unnest($1::uuid[], $2::timestamptz[]) AS o(id, at)
         WHERE d.id = o.id
       ), failed AS (
         UPDATE webhook_delivery d
         SET attempts = d.attempts + 1, "nextAttemptAt" = f.next, "retryingSince" = f.since
         FROM unnest($3::uuid[], $4::timestamptz[], $5::timestamptz[]) AS f(id, next, since)
         WHERE d.id = f.id
       ), failing AS (
         UPDATE webhook_subscription s SET status = 'failing', "failingSince" = f.at
         FROM unnest($6::uuid[], $7::timestamptz[]) AS f(id, at)
         WHERE s.id = f.id AND s.status = 'active'
       ), untried AS (
         UPDATE webhook_delivery d SET "nextAttemptAt" = $9::timestamptz
         FROM unnest($8::uuid[], $10::timestamptz[]) AS u(id, lease)
         WHERE d.id = u.id AND d.status = 'pending' AND d."nextAttemptAt" = u.lease
       )
       INSERT INTO webhook_attempt (id, "deliveryId", at, status, "latencyMs", response, error)
       SELECT gen_random_uuid(), a.* FROM unnest($11::uuid[], $12::timestamptz[], $13::int[],
         $14::int[], $15::text[], $16::text[]) AS a`,
      delivered.map(({ id }) => id),
      delivered.map(({ attempt }) => iso(attempt.at)),
      failed.map(({ delivery }) => delivery.id),
      failed.map(({ next }) => iso(next.at)),
      failed.map(({ next }) => iso(next.retryingSince)),
      failing.map(({ delivery }) => delivery.subscriptionId),
      failing.map(({ attempt }) => iso(attempt.at)),
      untried.map(({ id }) => id),
      iso(outcome.now),
      untried.map(({ leaseEnd }) => iso(leaseEnd)),
      attempts.map(({ id }) => id),
      attempts.map(({ attempt }) => iso(attempt.at)),
      attempts.map(({ attempt }) => attempt.status),
      attempts.map(({ attempt }) => attempt.latencyMs),
      attempts.map(({ attempt }) => attempt.response),
      attempts.map(({ attempt }) => attempt.error),
    );
  }

  async deliveriesOf(subscriptionId: string, limit: number): Promise<DeliveryWithAttempts[]> {
    const deliveries = await this.prisma.webhookDelivery.findMany({
      where: { subscriptionId },
      orderBy: { seq: 'desc' },
      take: limit,
    });
    const attempts = await this.prisma.webhookAttempt.findMany({
      where: { deliveryId: { in: deliveries.map((delivery) => delivery.id) } },
      orderBy: { at: 'asc' },
    });
    return deliveries.map((delivery) => ({
      ...delivery,
      attemptLog: attempts.filter((attempt) => attempt.deliveryId === delivery.id),
    }));
  }

  /** Waiting again, due now, with a fresh window of retries. */
  async redeliver(
    subscriptionId: string,
    deliveryId: string,
    at: Date,
  ): Promise<DeliveryWithAttempts | null> {
    const { count } = await this.prisma.webhookDelivery.updateMany({
      where: { id: deliveryId, subscriptionId },
      data: { status: 'pending', nextAttemptAt: at, retryingSince: null, deliveredAt: null },
    });
    if (count === 0) return null;
    const delivery = await this.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: deliveryId },
    });
    const attemptLog = await this.prisma.webhookAttempt.findMany({
      where: { deliveryId },
      orderBy: { at: 'asc' },
    });
    return { ...delivery, attemptLog };
  }
}
