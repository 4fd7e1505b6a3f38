import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Agent as HttpAgent } from 'node:http';
import type { Logger } from 'pino';

import { Clock } from '@salesops/calendar';
import { LOGGER } from '@salesops/service-runtime';

import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { RETRY_WINDOW_MS, retryDelayMs } from './retry-schedule';
import { webhookSecretPlace } from './webhook-secret-place';
import { signatureOf } from './webhook-signature';
import { keptAliveAgent, postPinned } from './webhook-post';
import { pinTarget, type PinnedTarget } from './webhook-target';
import {
  type AttemptRecord,
  type ClaimedDelivery,
  WebhooksRepository,
} from './webhooks.repository';

/** A receiver that does not answer within this is a failed attempt. */
const ANSWER_TIMEOUT_MS = 5000;
/** Claimed deliveries come back to any instance after this if their attempts left no outcome. */
const LEASE_MS = 30_000;
/** Time kept within a lease to record the outcomes: no attempt starts later than that. */
const SETTLE_MARGIN_MS = 5000;
/** Subscriptions drained at once (each one's deliveries one after the other). */
const SUBSCRIPTIONS_AT_ONCE = 32;
/** A subscription's deliveries claimed at once. */
const RUN_LIMIT = 50;
/** How much of an answer the delivery log keeps. */
const RESPONSE_BYTES = 512;

type Pinned = Extract<PinnedTarget, { ok: true }>;

interface Outcome {
  ok: boolean;
  attempt: AttemptRecord;
}

/**
 * Sends due webhook deliveries: each subscription's waiting ones from the oldest on, claimed in the
 * database (so a restart or another instance loses none and sends none twice at once), POSTed
 * signed one after the other on one kept-alive connection, up to SUBSCRIPTIONS_AT_ONCE
 * subscriptions at a time; the outcomes of a run are recorded together. A failure stops its
 * subscription's run (the ones behind it wait, which keeps their order) and waits with exponential
 * backoff and jitter; after 24 hours of failures the subscription is marked failing until its owner
 * enables it again. It runs when the relay has queued deliveries (`wake`) and every `sweepMs`. Due
 * times are judged by the process clock.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private sweeping = false;
  /** Woken during a pass: another one follows at once. */
  private again = false;
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

  /** Deliveries were queued: a pass now rather than at the next tick. */
  wake(): void {
    if (this.stopped) return;
    if (this.sweeping) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.pass();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.pass(), this.config.departments.sweepMs);
    this.timer.unref();
  }

  private pass(): void {
    this.sweeping = true;
    this.again = false;
    this.running = this.sweep()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'webhook sweep failed'))
      .finally(() => {
        this.sweeping = false;
        if (this.again && !this.stopped) this.pass();
        else this.schedule();
      });
  }

  /** One pass: claims what is due and sends it, until nothing is due. */
  async sweep(): Promise<void> {
    while (!this.stopped) {
      const now = this.clock.now();
      const leaseEnd = new Date(now.getTime() + LEASE_MS);
      const claimed = await this.webhooks.claimDue(now, leaseEnd, {
        subscriptions: SUBSCRIPTIONS_AT_ONCE,
        perSubscription: RUN_LIMIT,
      });
      if (claimed.length === 0) break;
      const runs = new Map<string, ClaimedDelivery[]>();
      for (const delivery of claimed) {
        const run = runs.get(delivery.subscriptionId) ?? [];
        run.push(delivery);
        runs.set(delivery.subscriptionId, run);
      }
      const drained = await Promise.allSettled(
        [...runs.values()].map((run) => this.drain(run, leaseEnd)),
      );
      // Their claims stay leased: they come back once the lease has passed.
      const failure = drained.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    }
  }

  /** One subscription's claimed deliveries, in order, until one fails or the lease runs short. */
  private async drain(run: readonly ClaimedDelivery[], leaseEnd: Date): Promise<void> {
    const [head] = run;
    if (!head) return;
    const delivered: { id: string; attempt: AttemptRecord }[] = [];
    let failed: { delivery: ClaimedDelivery; attempt: AttemptRecord } | undefined;
    const target = await pinTarget(head.url, this.config.departments.allowPrivateWebhooks);
    const secret = this.config.mfaCipher.decrypt(
      head.secretSealed,
      webhookSecretPlace(head.subscriptionId),
    );
    const agent = target.ok ? keptAliveAgent(target.url) : undefined;
    try {
      for (const delivery of run) {
        if (this.stopped) break;
        if (this.clock.nowMs() + ANSWER_TIMEOUT_MS + SETTLE_MARGIN_MS > leaseEnd.getTime()) break;
        const outcome: Outcome = target.ok
          ? await this.attempt(delivery, target, secret, agent)
          : {
              ok: false,
              attempt: {
                at: this.clock.now(),
                latencyMs: 0,
                status: null,
                response: '',
                error: `refused: ${target.reason}`,
              },
            };
        if (outcome.ok) {
          delivered.push({ id: delivery.id, attempt: outcome.attempt });
        } else {
          failed = { delivery, attempt: outcome.attempt };
          break;
        }
      }
    } finally {
      agent?.destroy();
    }
    const tried = delivered.length + (failed ? 1 : 0);
    const now = this.clock.nowMs();
    const retryingSince = failed ? (failed.delivery.retryingSince ?? failed.attempt.at) : null;
    const failing = retryingSince !== null && now - retryingSince.getTime() >= RETRY_WINDOW_MS;
    await this.webhooks.settle({
      delivered,
      failed:
        failed && retryingSince
          ? {
              ...failed,
              next: {
                at: new Date(now + retryDelayMs(failed.delivery.attempts + 1)),
                retryingSince,
                failing,
              },
            }
          : undefined,
      untried: run.slice(tried).map((delivery) => delivery.id),
      leaseEnd,
      now: new Date(now),
    });
    if (failed) {
      this.logger.warn(
        {
          subscriptionId: failed.delivery.subscriptionId,
          eventId: failed.delivery.eventId,
          status: failed.attempt.status,
          error: failed.attempt.error,
          failing,
          ...(failed.delivery.traceparent ? { traceparent: failed.delivery.traceparent } : {}),
        },
        'webhook delivery failed',
      );
    }
  }

  private async attempt(
    delivery: ClaimedDelivery,
    target: Pinned,
    secret: string,
    agent: HttpAgent | undefined,
  ): Promise<Outcome> {
    const started = this.clock.nowMs();
    const startedTick = performance.now();
    const outcome = await this.send(delivery, target, secret, agent);
    return {
      ok: outcome.status !== null && outcome.status >= 200 && outcome.status < 300,
      attempt: {
        at: new Date(started),
        latencyMs: Math.round(performance.now() - startedTick),
        ...outcome,
      },
    };
  }

  private async send(
    delivery: ClaimedDelivery,
    target: Pinned,
    secret: string,
    agent: HttpAgent | undefined,
  ): Promise<{ status: number | null; response: string; error: string | null }> {
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
        agent,
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
