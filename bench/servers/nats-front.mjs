// Baseline B, the HTTP side: Fastify (no Nest, no auth, no validation) whose one route makes a
// NATS request to `bench.echo` and returns the reply: the least an HTTP→NATS→reply hop costs.
import { randomUUID } from 'node:crypto';

import { connect } from '@nats-io/transport-node';
import Fastify from 'fastify';

import { exitWithParent } from './exit-with-parent.mjs';

exitWithParent();
const nc = await connect({ servers: process.env.NATS_URL, name: 'bench-front' });
const encoder = new TextEncoder();
// `bench.echo` for the raw hop; `bench.member` for the read floor (nats-pg-responder.mjs).
const subject = process.env.SUBJECT ?? 'bench.echo';
const app = Fastify({ logger: false });
app.get('/members/:id', async (request) => {
  const reply = await nc.request(
    subject,
    encoder.encode(
      JSON.stringify({ pattern: subject, data: { id: request.params.id }, id: randomUUID() }),
    ),
    { timeout: 5000 },
  );
  return reply.json().response;
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log(`READY ${process.env.PORT}`);
