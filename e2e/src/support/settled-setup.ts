/**
 * A suite's beforeAll whose afterAll can wait for it. A beforeAll that runs past its timeout is
 * failed but goes on: what it starts after the afterAll ran (a nats-server, a database, a
 * service) would be left running. The afterAll awaits `settled()` before it stops things.
 */
export function beforeAllSettled(
  setup: () => Promise<void>,
  timeoutMs?: number,
): { settled: () => Promise<void> } {
  let running: Promise<void> | undefined;
  beforeAll(() => (running = setup()), timeoutMs);
  return {
    settled: async () => {
      await running?.catch(() => undefined);
    },
  };
}

/** Long enough for a setup that timed out to finish its own waits (a service's readiness: 150 s). */
export const AFTER_SETTLED_TIMEOUT_MS = 400_000;
