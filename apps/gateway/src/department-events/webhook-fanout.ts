import { Inject, Injectable } from '@nestjs/common';

import { Clock } from '@salesops/calendar';
import type { EventEnvelope } from '@salesops/events';
import type { Work } from '@salesops/persistence';

import { eventFor, typeMatches } from './event-visibility';
import { SubscriberIdentities } from './subscriber-identities';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Queues an event for every subscription that asked for its type and may receive it, each with the
 * body its owner may see (scope and field policy applied once, when the event arrives).
 */
@Injectable()
export class WebhookFanout {
  constructor(
    @Inject(WebhooksRepository) private readonly webhooks: WebhooksRepository,
    @Inject(SubscriberIdentities) private readonly identities: SubscriberIdentities,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async enqueue(event: EventEnvelope, work: Work): Promise<void> {
    const wanted = (await this.webhooks.live(work)).filter((subscription) =>
      typeMatches(event.type, subscription.types),
    );
    if (wanted.length === 0) return;
    const owners = await this.webhooks.owners(
      wanted.map((subscription) => ({
        kind: subscription.ownerKind as 'user' | 'api_key',
        id: subscription.ownerId,
      })),
      work,
    );
    const deliveries = [];
    for (const subscription of wanted) {
      const owner = owners.find(
        (row) => row.kind === subscription.ownerKind && row.id === subscription.ownerId,
      );
      const identity = owner ? await this.identities.of(owner, event.requestId ?? event.id) : null;
      const shown = identity ? eventFor(event, identity) : null;
      if (!shown) continue;
      deliveries.push({
        subscriptionId: subscription.id,
        eventId: event.id,
        eventType: event.type,
        body: JSON.stringify(shown),
        traceparent: traceparentOf(event),
      });
    }
    await this.webhooks.enqueue(deliveries, this.clock.now(), work);
  }
}

export function traceparentOf(event: EventEnvelope): string | null {
  return event.traceparent ?? null;
}
