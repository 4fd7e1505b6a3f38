// Issue 16's floor of an exactly-once apply: a bare nats.js durable consumer on the orders stream
// that writes each completion's facts (sales, profit, orders) as one row into a copy of
// performance.kpi_event_fact (same columns and indexes), a batch of what arrived together in one
// statement, a repeated event dropped by the primary key, and acknowledges the batch with one ack
// (AckPolicy.All) once the statement has committed. No inbox, roster placement, scorecard change,
// validation, Nest or lanes: the least any service can spend to apply these events once into
// PostgreSQL on this machine. Prints READY once its durable exists.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

import { arrivedTogether } from '@salesops/messaging/dist/arrived-together.js';

import { exitWithParent } from './exit-with-parent.mjs';

exitWithParent();
const { NATS_URL, STREAM, DURABLE, FILTER, DATABASE_URL, TABLE } = process.env;
const BATCH = 1000;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
const nc = await connect({ servers: NATS_URL, name: 'bench-apply-floor' });
const jsm = await jetstreamManager(nc);
await jsm.consumers.add(STREAM, {
  durable_name: DURABLE,
  ack_policy: AckPolicy.All,
  deliver_policy: DeliverPolicy.All,
  filter_subject: FILTER,
});
const consumer = await jetstream(nc).consumers.get(STREAM, DURABLE);
const messages = await consumer.consume({ max_messages: BATCH });
console.log('READY');

const insert = {
  name: 'apply-floor',
  text: `INSERT INTO ${TABLE} ("eventId", "memberId", period, "teamId", sales, profit, orders,
           "eventType", "sourceType", "sourceId", "sourceRef", "occurredAt")
         SELECT e, m, p, t, s, pr, 1, 'orders.order.completed', 'order', o, r, a
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::bigint[], $6::bigint[],
                     $7::uuid[], $8::text[], $9::timestamptz[])
              AS f(e, m, p, t, s, pr, o, r, a)
         ON CONFLICT DO NOTHING`,
};
const cents = (amount) => amount.replace('.', '');

async function apply(batch) {
  const columns = Array.from({ length: 9 }, () => []);
  for (const message of batch) {
    const { id, type, data } = message.json();
    // Performance records no fact of the other order events (submitted, approved, …).
    if (type !== 'orders.order.completed') continue;
    const values = [
      id,
      data.ownerId,
      data.period,
      data.teamId,
      cents(data.total),
      cents(data.profit),
      data.orderId,
      data.number,
      data.at,
    ];
    for (let i = 0; i < 9; i += 1) columns[i].push(values[i]);
  }
  if (columns[0].length > 0) await pool.query({ ...insert, values: columns });
  batch.at(-1).ack();
}

// Batches of what arrived together, as the services' consumers take them, one statement at a
// time: the next batch is read from the socket while this one's statement runs.
for await (const batch of arrivedTogether(messages, BATCH)) await apply(batch);
