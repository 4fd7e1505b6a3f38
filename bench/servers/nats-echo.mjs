// Baseline B, the service side: a bare NATS responder on `bench.echo` (one connection, queue
// group, like a service process) answering with a member-shaped JSON in NestJS's reply format.
import { connect } from '@nats-io/transport-node';

import { exitWithParent } from './exit-with-parent.mjs';
import { SAMPLE_MEMBER } from './sample-member.mjs';

exitWithParent();
const nc = await connect({ servers: process.env.NATS_URL, name: 'bench-echo' });
const encoder = new TextEncoder();
nc.subscribe('bench.echo', {
  queue: 'bench-echo',
  callback: (error, msg) => {
    if (error) return;
    const request = msg.json();
    msg.respond(
      encoder.encode(JSON.stringify({ response: SAMPLE_MEMBER, isDisposed: true, id: request.id })),
    );
  },
});
await nc.flush();
console.log('READY');
