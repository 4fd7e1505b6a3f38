import type { Logger } from 'pino';

import { isTransientFailure } from './transient-failure';

const GIVE_UP_AFTER_MS = 120_000;
const MAX_PAUSE_MS = 5_000;

/**
 * Runs a start-up call to JetStream (a stream or a durable consumer made or checked) again while
 * the bus is away or too busy to answer in time, so a service started beside a loaded or
 * restarting NATS waits for it rather than exiting. Anything else fails at once.
 */
export async function untilBusAnswers<T>(
  what: string,
  call: () => Promise<T>,
  logger: Logger,
  giveUpAfterMs = GIVE_UP_AFTER_MS,
): Promise<T> {
  const giveUpAt = Date.now() + giveUpAfterMs;
  for (let pauseMs = 250; ; pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS)) {
    try {
      return await call();
    } catch (error) {
      if (!isTransientFailure(error) || Date.now() + pauseMs > giveUpAt) throw error;
      logger.warn({ err: error, what, retryInMs: pauseMs }, 'the bus did not answer; trying again');
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
