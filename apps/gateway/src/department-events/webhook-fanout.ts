import { Inject, Injectable } from '@nestjs/common';

import { Clock } from '@salesops/calendar';
import type { EventEnvelope } from '@salesops/events';
import type { Work } from '@salesops/persistence';

import { eventFor, typeMatches } from './event-visibility';
import { SubscriberIdentities } from './subscriber-identities';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Queues an event for every subscription that asked for its type and may receive it, each with the
 * body its owner may see (scope and field policy applied when the event arrives, once per distinct
 * identity: subscriptions whose owners are the same identity share the body).
 */
@Injectable()
export class WebhookFanout {
  constructor(
    @Inject(WebhooksRepository) private readonly webhooks: WebhooksRepository,
    @Inject(SubscriberIdentities) private readonly identities: SubscriberIdentities,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Queues the events that arrived together: each subscriber's identity is resolved once for all of
   * them, and each subscription's deliveries are queued in the events' order. Returns how many.
   */
  async enqueue(events: readonly EventEnvelope[], work: Work): Promise<number> {
    const wanted = (await this.webhooks.live(work)).filter((subscription) =>
      events.some((event) => typeMatches(event.type, subscription.types)),
    );
    const first = events[0];
    if (wanted.length === 0 || !first) return 0;
    const owners = await this.webhooks.owners(
      wanted.map((subscription) => ({
        kind: subscription.ownerKind as 'user' | 'api_key',
        id: subscription.ownerId,
      })),
      work,
    );
    const receivers = [];
    for (const subscription of wanted) {
      const owner = owners.find(
        (row) => row.kind === subscription.ownerKind && row.id === subscription.ownerId,
      );
      const identity = owner ? await this.identities.of(owner, first.requestId ?? first.id) : null;
      if (identity) receivers.push({ subscription, identity, key: JSON.stringify(identity) });
    }
    const deliveries = [];
    for (const event of events) {
      // What each distinct identity may see of the event, filtered and serialised once.
      const bodies = new Map<string, string | null>();
      for (const { subscription, identity, key } of receivers) {
        if (!typeMatches(event.type, subscription.types)) continue;
        let body = bodies.get(key);
        if (body === undefined) {
          const shown = eventFor(event, identity);
          body = shown ? JSON.stringify(shown) : null;
          bodies.set(key, body);
        }
        if (body === null) continue;
        deliveries.push({
          subscriptionId: subscription.id,
          eventId: event.id,
          eventType: event.type,
          body,
          traceparent: traceparentOf(event),
        });
      }
    }
    await this.webhooks.enqueue(deliveries, this.clock.now(), work);
    return deliveries.length;
  }
}

export function traceparentOf(event: EventEnvelope): string | null {
  return event.traceparent ?? null;
}
