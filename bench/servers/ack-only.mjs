// Issue 16's baseline: a bare nats.js durable consumer on the orders stream that acknowledges
// every event and does nothing else (the same pull size as the services' consumers, 64). It
// prints READY once its durable exists; the benchmark reads its progress from JetStream.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

import { exitWithParent } from './exit-with-parent.mjs';

exitWithParent();
const { NATS_URL, STREAM, DURABLE, FILTER } = process.env;
const nc = await connect({ servers: NATS_URL, name: 'bench-ack-only' });
const jsm = await jetstreamManager(nc);
await jsm.consumers.add(STREAM, {
  durable_name: DURABLE,
  ack_policy: AckPolicy.Explicit,
  deliver_policy: DeliverPolicy.All,
  filter_subject: FILTER,
});
const consumer = await jetstream(nc).consumers.get(STREAM, DURABLE);
const messages = await consumer.consume({ max_messages: 64 });
console.log('READY');
for await (const message of messages) message.ack();
