import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/** Every envelope stored in a stream, read with an ordered consumer. */
export async function storedEnvelopes<T>(nc: NatsConnection, stream: string): Promise<T[]> {
  const consumer = await jetstream(nc).consumers.get(stream);
  const envelopes: T[] = [];
  for (;;) {
    const batch = await consumer.fetch({ max_messages: 500, expires: 1000 });
    let received = 0;
    for await (const message of batch) {
      envelopes.push(message.json<T>());
      received += 1;
    }
    if (received === 0) return envelopes;
  }
}
