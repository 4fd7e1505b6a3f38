/**
 * Live rankings kept, at most: a company's of 2,000 members is ~0.3 MB in memory, so this bounds
 * the cache to tens of MB whatever is asked.
 */
export const CACHED_RANKINGS = 200;

interface Cached<T> {
  version: string;
  ranking: T;
}

/**
 * Live rankings by one KPI as computed at a version of their inputs
 * (`RankingInputsRepository.version`): one is served again until the version moves. Who may see a
 * ranking is decided on every request, before it is looked up. The one used least recently goes
 * first when it is full.
 */
export class RankingCache<T> {
  private readonly rankings = new Map<string, Cached<T>>();

  get(key: string, version: string): T | undefined {
    const cached = this.rankings.get(key);
    if (cached?.version !== version) return undefined;
    this.rankings.delete(key);
    this.rankings.set(key, cached);
    return cached.ranking;
  }

  set(key: string, version: string, ranking: T): void {
    this.rankings.delete(key);
    if (this.rankings.size >= CACHED_RANKINGS) {
      const oldest = this.rankings.keys().next();
      if (!oldest.done) this.rankings.delete(oldest.value);
    }
    this.rankings.set(key, { version, ranking });
  }
}
