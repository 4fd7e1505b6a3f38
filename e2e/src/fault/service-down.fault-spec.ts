import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import { MembersRpc } from '@salesops/members-contracts';
import { TestNatsServer } from '@salesops/testing';

import { Stack } from '../support/stack';

describe('fault: a service that is down or hangs', () => {
  let nats: TestNatsServer;
  let stack: Stack;
  let nc: NatsConnection;
  let token: string;

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    stack = await Stack.start(nats.url);
    ({ token } = await stack.userWithToken());
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
    await nats?.stop();
  });

  it('answers 503 when no instance of the service is running; the system is not ready, the gateway is', async () => {
    expect(await stack.service('members').stop()).toBe(0);

    const response = await stack
      .http()
      .get(`/api/v1/members/${randomUUID()}`)
      .set({ authorization: `Bearer ${token}` })
      .timeout(5000)
      .expect(503);

    expect(response.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    const ready = await stack.http().get('/ready').expect(503);
    expect(ready.body).toEqual({ status: 'not ok' });
    const details = await fetch(`http://127.0.0.1:${stack.gateway.opsPort}/ready/system`);
    expect(details.status).toBe(503);
    expect(((await details.json()) as { checks: Record<string, string> }).checks.members).toMatch(
      /members/,
    );
    const gatewayAlone = await fetch(`http://127.0.0.1:${stack.gateway.opsPort}/ready`);
    expect(gatewayAlone.status).toBe(200);
  });

  it('answers 504 when the service takes the request and never replies', async () => {
    const hanging = nc.subscribe(MembersRpc.getMember.subject);
    // The server has the subscription before the gateway's request arrives.
    await nc.flush();

    const response = await stack
      .http()
      .get(`/api/v1/members/${randomUUID()}`)
      .set({ authorization: `Bearer ${token}` })
      .timeout(MembersRpc.getMember.timeoutMs + 5000)
      .expect(504);

    expect(response.body).toMatchObject({ code: 'SERVICE_TIMEOUT', status: 504 });
    expect(hanging.getReceived()).toBe(1);
    hanging.unsubscribe();
  });
});
