import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';

import { Clock } from '@salesops/calendar';
import { DomainError, type IdentityClaims } from '@salesops/rpc';

import { AuditTrail } from '../audit/audit-trail';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import type { WebhookSubscription } from '../generated/prisma/client';
import { CATALOG, sourceOfType } from './event-catalog';
import type { createWebhookSchema, WebhookDeliveryView, WebhookView } from './webhook.schemas';
import { webhookSecretPlace } from './webhook-secret-place';
import { checkTarget } from './webhook-target';
import { type DeliveryWithAttempts, type Owner, WebhooksRepository } from './webhooks.repository';

/** Whether a requested type names the catalog: a type of it, `*`, or a source's pattern. */
export function isKnownType(type: string): boolean {
  if (type === '*') return true;
  if (type.endsWith('.*')) return sourceOfType(type.slice(0, -2)) !== undefined;
  return CATALOG.some((event) => event.type === type);
}

const ownerOf = ({ caller }: IdentityClaims): Owner => ({
  kind: caller.kind === 'api_key' ? 'api_key' : 'user',
  id: caller.id,
});

/** Subscriptions belong to their owner (a user or a key): anyone else's is not found. */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(WebhooksRepository) private readonly webhooks: WebhooksRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async create(
    input: z.output<typeof createWebhookSchema>,
    identity: IdentityClaims,
    requestId: string,
  ): Promise<WebhookView & { secret: string }> {
    const unknown = input.types.filter((type) => !isKnownType(type));
    if (unknown.length > 0) {
      throw new DomainError('EVENT_TYPES_UNKNOWN', undefined, { types: unknown }, [
        { path: 'types', message: `not in the event catalog: ${unknown.join(', ')}` },
      ]);
    }
    const target = await checkTarget(input.url, this.config.departments.allowPrivateWebhooks);
    if (!target.ok) {
      throw new DomainError('WEBHOOK_URL_REFUSED', undefined, { reason: target.reason }, [
        { path: 'url', message: target.reason },
      ]);
    }
    const id = randomUUID();
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const subscription = await this.webhooks.create({
      id,
      owner: ownerOf(identity),
      url: input.url,
      types: [...new Set(input.types)],
      secretSealed: this.config.mfaCipher.encrypt(secret, webhookSecretPlace(id)),
    });
    await this.audit.record('webhook.created', {
      actor: identity.caller.id,
      requestId,
      subject: id,
      details: { url: subscription.url, types: subscription.types },
    });
    return { ...toView(subscription), secret };
  }

  async list(identity: IdentityClaims): Promise<WebhookView[]> {
    return (await this.webhooks.listOf(ownerOf(identity))).map(toView);
  }

  async get(id: string, identity: IdentityClaims): Promise<WebhookView> {
    return toView(await this.owned(id, identity));
  }

  async remove(id: string, identity: IdentityClaims): Promise<void> {
    if (!(await this.webhooks.remove(ownerOf(identity), id, this.clock.now()))) {
      throw new DomainError('NOT_FOUND', 'No such webhook');
    }
  }

  async enable(id: string, identity: IdentityClaims): Promise<WebhookView> {
    await this.owned(id, identity);
    return toView(await this.webhooks.enable(id, this.clock.now()));
  }

  async deliveries(
    id: string,
    limit: number,
    identity: IdentityClaims,
  ): Promise<WebhookDeliveryView[]> {
    await this.owned(id, identity);
    return (await this.webhooks.deliveriesOf(id, limit)).map(toDeliveryView);
  }

  async redeliver(
    id: string,
    deliveryId: string,
    identity: IdentityClaims,
  ): Promise<WebhookDeliveryView> {
    await this.owned(id, identity);
    const delivery = await this.webhooks.redeliver(id, deliveryId, this.clock.now());
    if (!delivery) throw new DomainError('NOT_FOUND', 'No such delivery');
    return toDeliveryView(delivery);
  }

  private async owned(id: string, identity: IdentityClaims): Promise<WebhookSubscription> {
    const subscription = await this.webhooks.findOf(ownerOf(identity), id);
    if (!subscription) throw new DomainError('NOT_FOUND', 'No such webhook');
    return subscription;
  }
}

function toView(subscription: WebhookSubscription): WebhookView {
  return {
    id: subscription.id,
    url: subscription.url,
    types: subscription.types,
    status: subscription.status === 'failing' ? 'failing' : 'active',
    failingSince: subscription.failingSince?.toISOString() ?? null,
    ownerKind: subscription.ownerKind === 'api_key' ? 'api_key' : 'user',
    ownerId: subscription.ownerId,
    createdAt: subscription.createdAt.toISOString(),
  };
}

function toDeliveryView(delivery: DeliveryWithAttempts): WebhookDeliveryView {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status === 'delivered' ? 'delivered' : 'pending',
    attempts: delivery.attempts,
    nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
    attemptLog: delivery.attemptLog.map((attempt) => ({
      at: attempt.at.toISOString(),
      status: attempt.status,
      latencyMs: attempt.latencyMs,
      response: attempt.response,
      error: attempt.error,
    })),
  };
}
