import { connect, type NatsConnection } from '@nats-io/transport-node';

import { ReplyInbox } from '../src/reply-inbox';

const natsUrl = process.env['TEST_NATS_URL'] as string;

describe('ReplyInbox (real NATS)', () => {
  let nc: NatsConnection;
  let inbox: ReplyInbox;

  beforeAll(async () => {
    nc = await connect({ servers: natsUrl });
    inbox = new ReplyInbox(nc);
    nc.subscribe('inbox-test.echo', { callback: (_error, msg) => msg.respond(msg.data) });
    await nc.flush();
  });

  afterAll(async () => {
    inbox.close();
    await nc.close();
  });

  it('gives each caller its own reply, however many are in flight', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        inbox.request('inbox-test.echo', new TextEncoder().encode(`call ${index}`), {
          timeout: 5000,
        }),
      ),
    );
    expect(
      outcomes.map((outcome) => (outcome.kind === 'reply' ? outcome.msg.string() : outcome.kind)),
    ).toEqual(Array.from({ length: 50 }, (_, index) => `call ${index}`));
  });

  it('says nobody answers a subject without subscribers', async () => {
    await expect(
      inbox.request('inbox-test.nobody', new Uint8Array(), { timeout: 5000 }),
    ).resolves.toEqual({ kind: 'no-responders' });
  });

  it('times out when the responder never answers', async () => {
    nc.subscribe('inbox-test.silent', { callback: () => undefined });
    await nc.flush();
    await expect(
      inbox.request('inbox-test.silent', new Uint8Array(), { timeout: 200 }),
    ).resolves.toEqual({ kind: 'timeout' });
  });
});
