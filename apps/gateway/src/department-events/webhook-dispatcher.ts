import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createSecretKey, type KeyObject } from 'node:crypto';
import type { Agent as HttpAgent } from 'node:http';
import type { Logger } from 'pino';

import { Clock } from '@salesops/calendar';
import { LOGGER } from '@salesops/service-runtime';

import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { RETRY_WINDOW_MS, retryDelayMs } from './retry-schedule';
import { webhookSecretPlace } from './webhook-secret-place';
import { signatureOf } from './webhook-signature';
import { postPinned, ReceiverAgents } from './webhook-post';
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
const RUN_LIMIT = 200;
/** How much of an answer the delivery log keeps. */
const RESPONSE_BYTES = 512;
/** Signing keys kept (opened secrets), by subscription. */
const KEYS_KEPT = 10_000;

type Pinned = Extract<PinnedTarget, { ok: true }>;

interface Outcome {
  ok: boolean;
  attempt: AttemptRecord;
}

/** What one subscription's run came to, recorded with the pass's other runs. */
interface RunOutcome {
  delivered: { id: string; attempt: AttemptRecord }[];
  failed?: {
    delivery: ClaimedDelivery;
    attempt: AttemptRecord;
    next: { at: Date; retryingSince: Date; failing: boolean };
  };
  untried: string[];
  /** The end of the lease it was claimed with. */
  leaseEnd: Date;
}

/** Claimed deliveries by subscription, each run in its order. */
function runsOf(claimed: readonly ClaimedDelivery[]): ClaimedDelivery[][] {
  const runs = new Map<string, ClaimedDelivery[]>();
  for (const delivery of claimed) {
    const run = runs.get(delivery.subscriptionId) ?? [];
    run.push(delivery);
    runs.set(delivery.subscriptionId, run);
  }
  return [...runs.values()];
}

/**
 * Sends due webhook deliveries: each subscription's waiting ones from the oldest on, claimed in the
 * database (so a restart or another instance loses none and sends none twice at once), POSTed
 * signed one after the other on a kept-alive connection to its receiver (shared across passes),
 * up to SUBSCRIPTIONS_AT_ONCE subscriptions at a time, none waiting for another's run; the
 * outcomes of runs that end together are recorded in one statement. A failure stops its
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
  /** Wakes a pass that waits for its runs, to claim what was queued meanwhile. */
  private nudge?: () => void;
  private stopped = false;
  private readonly agents = new ReceiverAgents(SUBSCRIPTIONS_AT_ONCE);
  /** Each subscription's signing key, opened once per sealed secret. */
  private readonly keys = new Map<string, { sealed: string; key: KeyObject }>();

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
    this.agents.close();
  }

  /** Deliveries were queued: a pass now rather than at the next tick. */
  wake(): void {
    if (this.stopped) return;
    if (this.sweeping) {
      this.again = true;
      this.nudge?.();
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

  /**
   * One pass: claims what is due and sends it, until nothing is due. Subscriptions do not wait for
   * each other: whenever runs end, their outcomes are recorded together and what has become due
   * since (their next deliveries among it) is claimed while the other runs go on.
   */
  async sweep(): Promise<void> {
    const running = new Set<Promise<void>>();
    const ended: RunOutcome[] = [];
    let failure: Error | undefined;
    try {
      while (!this.stopped) {
        if (ended.length > 0) await this.record(ended.splice(0));
        const room = SUBSCRIPTIONS_AT_ONCE - running.size;
        if (room > 0) {
          const now = this.clock.now();
          const leaseEnd = new Date(now.getTime() + LEASE_MS);
          const claimed = await this.webhooks.claimDue(now, leaseEnd, {
            subscriptions: room,
            perSubscription: RUN_LIMIT,
          });
          for (const run of runsOf(claimed)) {
            const drained: Promise<void> = this.drain(run, leaseEnd)
              .then(
                (outcome) => void ended.push(outcome),
                // Its claims stay leased: they come back once the lease has passed.
                (error: unknown) =>
                  void (failure ??= error instanceof Error ? error : new Error(String(error))),
              )
              .finally(() => running.delete(drained));
            running.add(drained);
          }
        }
        // Runs that ended while it claimed are recorded at once, not after the next one ends.
        if (ended.length > 0) continue;
        if (running.size === 0) break;
        // Until a run ends, or the relay queues deliveries (for subscriptions not running).
        await Promise.race([
          ...running,
          new Promise<void>((resolve) => {
            this.nudge = resolve;
          }),
        ]);
        this.nudge = undefined;
      }
    } finally {
      await Promise.allSettled(running);
      if (ended.length > 0) await this.record(ended.splice(0));
    }
    if (failure) throw failure;
  }

  /** The outcomes of runs that ended, in one statement. */
  private async record(outcomes: readonly RunOutcome[]): Promise<void> {
    await this.webhooks.settle({
      delivered: outcomes.flatMap((outcome) => outcome.delivered),
      failed: outcomes.flatMap((outcome) => (outcome.failed ? [outcome.failed] : [])),
      untried: outcomes.flatMap((outcome) =>
        outcome.untried.map((id) => ({ id, leaseEnd: outcome.leaseEnd })),
      ),
      now: this.clock.now(),
    });
    for (const { failed } of outcomes) if (failed) this.reportFailure(failed);
  }

  /** One subscription's claimed deliveries, in order, until one fails or the lease runs short. */
  private async drain(run: readonly ClaimedDelivery[], leaseEnd: Date): Promise<RunOutcome> {
    const [head] = run;
    if (!head) return { delivered: [], untried: [], leaseEnd };
    const delivered: { id: string; attempt: AttemptRecord }[] = [];
    let failed: { delivery: ClaimedDelivery; attempt: AttemptRecord } | undefined;
    const target = await pinTarget(head.url, this.config.departments.allowPrivateWebhooks);
    const key = this.keyOf(head);
    const agent = target.ok ? this.agents.of(target.url, target.addresses) : undefined;
    for (const delivery of run) {
      if (this.stopped) break;
      if (this.clock.nowMs() + ANSWER_TIMEOUT_MS + SETTLE_MARGIN_MS > leaseEnd.getTime()) break;
      const outcome: Outcome = target.ok
        ? await this.attempt(delivery, target, key, agent)
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
    const tried = delivered.length + (failed ? 1 : 0);
    const untried = run.slice(tried).map((delivery) => delivery.id);
    if (!failed) return { delivered, untried, leaseEnd };
    const now = this.clock.nowMs();
    const retryingSince = failed.delivery.retryingSince ?? failed.attempt.at;
    return {
      delivered,
      untried,
      leaseEnd,
      failed: {
        ...failed,
        next: {
          at: new Date(now + retryDelayMs(failed.delivery.attempts + 1)),
          retryingSince,
          failing: now - retryingSince.getTime() >= RETRY_WINDOW_MS,
        },
      },
    };
  }

  private reportFailure(failed: NonNullable<RunOutcome['failed']>): void {
    this.logger.warn(
      {
        subscriptionId: failed.delivery.subscriptionId,
        eventId: failed.delivery.eventId,
        status: failed.attempt.status,
        error: failed.attempt.error,
        failing: failed.next.failing,
        ...(failed.delivery.traceparent ? { traceparent: failed.delivery.traceparent } : {}),
      },
      'webhook delivery failed',
    );
  }

  /** The subscription's signing key, its secret opened once (again when the secret changes). */
  private keyOf(delivery: ClaimedDelivery): KeyObject {
    const kept = this.keys.get(delivery.subscriptionId);
    if (kept?.sealed === delivery.secretSealed) return kept.key;
    const secret = this.config.mfaCipher.decrypt(
      delivery.secretSealed,
      webhookSecretPlace(delivery.subscriptionId),
    );
    const key = createSecretKey(Buffer.from(secret, 'utf8'));
    if (this.keys.size >= KEYS_KEPT) this.keys.clear();
    this.keys.set(delivery.subscriptionId, { sealed: delivery.secretSealed, key });
    return key;
  }

  private async attempt(
    delivery: ClaimedDelivery,
    target: Pinned,
    key: KeyObject,
    agent: HttpAgent | undefined,
  ): Promise<Outcome> {
    const started = this.clock.nowMs();
    const startedTick = performance.now();
    const outcome = await this.send(delivery, target, key, agent);
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
    key: KeyObject,
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
          'x-salesops-signature': signatureOf(key, t, delivery.body),
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
