export type ReadinessCheck = () => Promise<void>;

/** Named checks behind /ready; each throws when its dependency is not usable. */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private started = false;
  private accepting = true;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** Called once the process serves requests: until then it is not ready, whatever the checks say. */
  markStarted(): void {
    this.started = true;
  }

  /** Called at shutdown so load balancers stop sending work before the drain. */
  stopAccepting(): void {
    this.accepting = false;
  }

  async report(): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          await withDeadline(check(), 2000);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : 'failed'] as const;
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    if (!this.started) checks['startup'] = 'in progress';
    if (!this.accepting) checks['shutdown'] = 'in progress';
    const healthy = entries.every(([, state]) => state === 'ok');
    return { ready: this.started && this.accepting && healthy, checks };
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
