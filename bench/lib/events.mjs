// Events the benchmark publishes straight to JetStream, as the services' outbox relays would: the
// envelope and data of the real contracts (libs/events, libs/*-contracts, built), checked against
// their schemas before the first publish, so the consumers accept every one.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ROOT } from '../../tools/prisma/engine.mjs';
import { sleep } from './proc.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const { eventEnvelopeSchema } = require('@salesops/events');
const { OrdersEvents } = require('@salesops/orders-contracts/events');
const { MembersEvents } = require('@salesops/members-contracts/events');
const { jetstream } = require('@nats-io/jetstream');
const { connect } = require('@nats-io/transport-node');

export { connect, jetstream };

/** The company-calendar month (Asia/Shanghai) of `date`, `YYYY-MM`. */
export function companyPeriod(date = new Date()) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(date);
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}`;
}

const money = (cents) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

function envelope(contract, subject, subjectVersion, data, time = new Date().toISOString()) {
  return {
    id: randomUUID(),
    type: contract.type,
    version: contract.version,
    source: contract.source,
    time,
    subject,
    subjectVersion,
    actor: null,
    requestId: null,
    data,
  };
}

/**
 * `orders.order.completed` of a made-up order of `ownerId` for `totalCents`, counted in `period`.
 * `time` is the publish moment: the department phases read their latency from it.
 */
export function orderCompleted({ ownerId, teamId, totalCents, period, n }) {
  const now = new Date().toISOString();
  const orderId = randomUUID();
  return envelope(OrdersEvents.orderCompleted, orderId, 9, {
    orderId,
    number: `BENCH-${period}-${n}`,
    customerId: randomUUID(),
    ownerId,
    teamId,
    status: 'completed',
    total: money(totalCents),
    period,
    at: now,
    reason: null,
    cost: money(Math.floor(totalCents / 2)),
    profit: money(totalCents - Math.floor(totalCents / 2)),
    paidAmount: money(totalCents),
  });
}

/** `orders.order.submitted`: the department phases' event (performance records no fact of it). */
export function orderSubmitted({ ownerId, teamId, period, n }) {
  const orderId = randomUUID();
  return envelope(OrdersEvents.orderSubmitted, orderId, 2, {
    orderId,
    number: `BENCH-S-${n}`,
    customerId: randomUUID(),
    ownerId,
    teamId,
    status: 'submitted',
    total: '1999.00',
    period,
    at: new Date().toISOString(),
  });
}

/** `members.member.hired` of a made-up member (the rebuild benchmark has no members service). */
export function memberHired({ memberId, teamId, n, hiredAt }) {
  return envelope(MembersEvents.memberHired, memberId, 1, {
    memberId,
    employeeNo: `RB-${n}`,
    name: `Rebuild ${n}`,
    teamId,
    position: 'sales_rep',
    track: 'professional',
    level: 'sales_rep',
    hiredAt,
    probationEndsAt: null,
  });
}

/** Throws unless `event` is what its contract and the envelope schema accept. */
export function checkEvent(event) {
  eventEnvelopeSchema.parse(event);
  const contract = Object.values({ ...OrdersEvents, ...MembersEvents }).find(
    (candidate) => candidate.type === event.type,
  );
  contract.data.parse(event.data);
  return event;
}

/** The subject an event is published on (`salesops.<type>`). */
export const busSubjectOf = (event) => `salesops.${event.type}`;

/**
 * Publishes `count` events made by `make(i)` with at most `window` acknowledgements outstanding;
 * `Nats-Msg-Id` is the event id, as the outbox relays set it. Returns the seconds it took.
 */
export async function publishMany(js, count, make, { window = 256, msgIdOf } = {}) {
  const encoder = new TextEncoder();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(window, count) }, async () => {
      while (next < count) {
        const event = make(next++);
        await js.publish(busSubjectOf(event), encoder.encode(JSON.stringify(event)), {
          msgID: msgIdOf ? msgIdOf(event) : event.id,
        });
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Publishes `total` events made by `make(n)` at `rate`/s, evenly spaced, and waits for their acks. */
export async function publishPaced(js, rate, total, make) {
  const encoder = new TextEncoder();
  const acks = [];
  const started = performance.now();
  for (let n = 0; n < total; ) {
    const due = started + (n * 1000) / rate;
    const now = performance.now();
    if (now < due) {
      await sleep(Math.max(1, due - now));
      continue;
    }
    const event = make(n);
    acks.push(
      js.publish(busSubjectOf(event), encoder.encode(JSON.stringify(event)), { msgID: event.id }),
    );
    n += 1;
  }
  await Promise.all(acks);
  return (performance.now() - started) / 1000;
}
