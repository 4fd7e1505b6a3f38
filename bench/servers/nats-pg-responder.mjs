// The floor of a read: a bare NATS responder on `bench.member` (one connection, queue group) that
// reads the member by primary key over pg and answers in NestJS's reply format. With nats-front in
// front of it: the raw hop plus the database read, and nothing else (no Nest, Prisma, identity,
// validation or policy).
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

import { exitWithParent } from './exit-with-parent.mjs';

exitWithParent();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const nc = await connect({ servers: process.env.NATS_URL, name: 'bench-pg-responder' });
const encoder = new TextEncoder();
nc.subscribe('bench.member', {
  queue: 'bench-member',
  callback: async (error, msg) => {
    if (error) return;
    const request = msg.json();
    // A named statement: parsed and planned once per connection, the cheapest a read can be.
    const { rows } = await pool.query({
      name: 'member-by-id',
      text: 'SELECT * FROM members.member WHERE id = $1',
      values: [request.data.id],
    });
    msg.respond(
      encoder.encode(
        JSON.stringify({ response: rows[0] ?? null, isDisposed: true, id: request.id }),
      ),
    );
  },
});
await nc.flush();
console.log('READY');
