/**
 * Runs a pass at once and again `intervalMs` after each one ends (never two at a time), until
 * stopped. Stopping waits for the pass under way and leaves no timer behind, so a service that
 * shuts down runs no pass after. A pass handles its own errors (logs them and leaves the work for
 * the next one): one that rejects would be an unhandled rejection.
 */
export class RepeatingPass {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.pass().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
