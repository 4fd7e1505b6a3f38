/**
 * Counts requests per key in fixed windows. In memory, so each gateway instance limits on its
 * own: N instances allow up to N times the limit, which is what it is meant to stop (floods), not
 * an exact quota.
 */
export class RateLimiter {
  private window = -1;
  private readonly counts = new Map<string, number>();

  constructor(
    readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Seconds the key must wait, or 0 when the request may go ahead. */
  take(key: string, now = this.clock()): number {
    const window = Math.floor(now / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count > this.limit ? Math.ceil(((window + 1) * this.windowMs - now) / 1000) : 0;
  }
}
