import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The clock of the processes a test starts with `TEST_CLOCK_FILE: clock.path`: rewriting the file
 * moves their time (the format `clockFromEnv` of `@salesops/calendar` reads).
 */
export class TestClockFile {
  readonly path: string;
  private readonly dir: string;

  constructor(prefix = 'salesops-clock-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.path = join(this.dir, 'clock.json');
  }

  /** Stops their time at `at` (an ISO instant). */
  freezeAt(at: string): void {
    writeFileSync(this.path, JSON.stringify({ frozenAt: at }));
  }

  /** Lets their time run on from `at`. */
  runFrom(at: Date): void {
    writeFileSync(this.path, JSON.stringify({ offsetMs: at.getTime() - Date.now() }));
  }

  /** Back to the system clock. */
  reset(): void {
    writeFileSync(this.path, '');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
