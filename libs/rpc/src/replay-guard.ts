/** Calls in flight a process remembers at most (~100 bytes each); past it, new ones are refused. */
const DEFAULT_CAPACITY = 500_000;

/**
 * Remembers single-use ids until they expire, so one seen before is refused. Ids arrive in about
 * the order they expire, so the expired ones are dropped from the oldest end. When it is full of
 * unexpired ids it refuses rather than forgets: forgetting would let a replay through.
 */
export class ReplayGuard {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** True the first time `id` is offered before `expires` (seconds); false on any later offer. */
  firstUse(id: string, expires: number, now: number): boolean {
    this.forgetExpired(now);
    if (this.expiries.has(id) || this.expiries.size >= this.capacity) return false;
    this.expiries.set(id, expires);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  private forgetExpired(now: number): void {
    for (const [id, expires] of this.expiries) {
      if (expires > now) return;
      this.expiries.delete(id);
    }
  }
}
