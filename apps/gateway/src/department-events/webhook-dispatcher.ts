import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';

import { Clock } from '@salesops/calendar';
import { LOGGER } from '@salesops/service-runtime';

import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { RETRY_WINDOW_MS, retryDelayMs } from './retry-schedule';
import { webhookSecretPlace } from './webhook-secret-place';
import { signatureOf } from './webhook-signature';
import { postPinned } from './webhook-post';
import { pinTarget } from './webhook-target';
import {
  type AttemptRecord,
  type ClaimedDelivery,
  WebhooksRepository,
} from './webhooks.repository';

/** A receiver that does not answer within this is a failed attempt. */
const ANSWER_TIMEOUT_MS = 5000;
/** A claimed delivery comes back to any instance after this if its attempt left no outcome. */
const LEASE_MS = 30_000;
const CLAIM_LIMIT = 64;
/** How much of an answer the delivery log keeps. */
const RESPONSE_BYTES = 512;

/**
 * Sends due webhook deliveries: each subscription's oldest waiting one, claimed in the database (so
 * a restart or another instance loses none and sends none twice at once), POSTed signed; a failure
 * waits with exponential backoff and jitter, and after 24 hours of failures the subscription is
 * marked failing until its owner enables it again. Due times are judged by the process clock.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(WebhooksRepository) private readonly webhooks: WebhooksRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'webhook sweep failed'))
        .finally(() => this.schedule());
    }, this.config.departments.sweepMs);
    this.timer.unref();
  }

  /** One pass: claims what is due and sends it, until nothing is due. */
  async sweep(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const claimed = await this.webhooks.claimDue(
        now,
        new Date(now.getTime() + LEASE_MS),
        CLAIM_LIMIT,
      );
      if (claimed.length === 0 || this.stopped) break;
      await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const started = this.clock.nowMs();
    const startedTick = performance.now();
    const outcome = await this.send(delivery);
    const attempt: AttemptRecord = {
      at: new Date(started),
      latencyMs: Math.round(performance.now() - startedTick),
      ...outcome,
    };
    const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    if (ok) {
      await this.webhooks.delivered(delivery.id, attempt);
      return;
    }
    const now = this.clock.nowMs();
    const retryingSince = delivery.retryingSince ?? new Date(started);
    const failing = now - retryingSince.getTime() >= RETRY_WINDOW_MS;
    await this.webhooks.failed(delivery, attempt, {
      at: new Date(now + retryDelayMs(delivery.attempts + 1)),
      retryingSince,
      failing,
    });
    this.logger.warn(
      {
        subscriptionId: delivery.subscriptionId,
        eventId: delivery.eventId,
        status: outcome.status,
        error: outcome.error,
        failing,
        ...(delivery.traceparent ? { traceparent: delivery.traceparent } : {}),
      },
      'webhook delivery failed',
    );
  }

  private async send(
    delivery: ClaimedDelivery,
  ): Promise<{ status: number | null; response: string; error: string | null }> {
    const target = await pinTarget(delivery.url, this.config.departments.allowPrivateWebhooks);
    if (!target.ok) return { status: null, response: '', error: `refused: ${target.reason}` };
    const secret = this.config.mfaCipher.decrypt(
      delivery.secretSealed,
      webhookSecretPlace(delivery.subscriptionId),
    );
    const t = Math.floor(this.clock.nowMs() / 1000);
    try {
      const answer = await postPinned(target.url, target.addresses, {
        timeoutMs: ANSWER_TIMEOUT_MS,
        maxResponseBytes: RESPONSE_BYTES,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'SalesOps-Webhooks/1',
          'x-salesops-event-id': delivery.eventId,
          'x-salesops-delivery-id': delivery.id,
          'x-salesops-signature': signatureOf(secret, t, delivery.body),
          ...(delivery.traceparent ? { traceparent: delivery.traceparent } : {}),
        },
        body: delivery.body,
      });
      return { status: answer.status, response: answer.response, error: null };
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer in ${ANSWER_TIMEOUT_MS} ms`
          : error instanceof Error
            ? error.message
            : String(error);
      return { status: null, response: '', error: reason };
    }
  }
}
