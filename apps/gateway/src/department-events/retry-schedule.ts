/** How long a delivery is retried before its subscription is marked failing. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 1000;
const LONGEST_WAIT_MS = 60 * 60 * 1000;

/**
 * The wait after the `attempts`-th failed attempt: exponential from a second, up to an hour, with
 * "equal jitter" (half fixed, half random) so receivers coming back are not hit all at once.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const full = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS);
  return Math.round(full / 2 + (full / 2) * random());
}
