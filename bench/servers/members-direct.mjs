// Baseline for the authenticated read: Fastify (no Nest, no HTTP authentication) whose one route
// asks the members service for a member exactly as the gateway does — the same typed client, an
// identity signed for the service per call, the reply validated — for one fixed caller.
import { randomUUID } from 'node:crypto';

import Fastify from 'fastify';

import { MembersRpc } from '@salesops/members-contracts';
import { connectNats, IdentitySigner, privateKeyFromBase64, RpcClient } from '@salesops/rpc';

import { exitWithParent } from './exit-with-parent.mjs';

exitWithParent();
const nc = await connectNats(process.env.NATS_URL, 'bench-members-direct');
const rpc = new RpcClient(
  nc,
  undefined,
  new IdentitySigner(privateKeyFromBase64(process.env.IDENTITY_PRIVATE_KEY)),
);
const identity = JSON.parse(process.env.IDENTITY);
const app = Fastify({ logger: false });
app.get('/members/:id', (request) =>
  rpc.call(MembersRpc.getMember, { id: request.params.id }, { requestId: randomUUID(), identity }),
);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log(`READY ${process.env.PORT}`);
