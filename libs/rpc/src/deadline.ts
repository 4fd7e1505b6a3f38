import { DomainError } from '@salesops/contract-kit';

/**
 * What an onward call leaves its caller: time to take the reply, finish its own work and answer
 * before its own caller gives up.
 */
export const DEADLINE_MARGIN_MS = 500;

/** A moment on this process's monotonic clock (`performance.now()`), when the caller gives up. */
export type Deadline = number;

/** The deadline of a request that arrived with `timeLeftMs` to go; none for a missing header. */
export function deadlineFromHeader(
  header: string | undefined,
  now = performance.now(),
): Deadline | undefined {
  if (header === undefined) return undefined;
  const timeLeft = Number(header);
  // A header that is not a number is ignored rather than trusted: the contract's timeout applies.
  return Number.isFinite(timeLeft) ? now + timeLeft : undefined;
}

/** Milliseconds until the deadline (negative once it passed); Infinity without one. */
export function timeLeftMs(deadline: Deadline | undefined, now = performance.now()): number {
  return deadline === undefined ? Number.POSITIVE_INFINITY : deadline - now;
}

/**
 * How long an onward call may wait: its own timeout, never more than the caller's time left less
 * the margin. No time at all is DEADLINE_EXCEEDED, before anything is sent.
 */
export function onwardBudgetMs(
  timeoutMs: number,
  deadline: Deadline | undefined,
  now = performance.now(),
): number {
  const budget = Math.floor(Math.min(timeoutMs, timeLeftMs(deadline, now) - DEADLINE_MARGIN_MS));
  if (budget <= 0) {
    throw new DomainError('DEADLINE_EXCEEDED', 'The caller stopped waiting; nothing more was done');
  }
  return budget;
}
