import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { clockFromEnv } from './clock';

describe('clockFromEnv', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'clock-')), 'clock.json');

  it('is the system clock without TEST_CLOCK_FILE, or while the file is absent', () => {
    const before = Date.now();
    expect(clockFromEnv({}).nowMs()).toBeGreaterThanOrEqual(before);
    expect(
      clockFromEnv({ TEST_CLOCK_FILE: join(tmpdir(), 'no-such-clock') }).nowMs(),
    ).toBeGreaterThanOrEqual(before);
  });

  it('follows the file as a test rewrites it: frozen, then offset', () => {
    const clock = clockFromEnv({ TEST_CLOCK_FILE: file });
    writeFileSync(file, JSON.stringify({ frozenAt: '2026-11-27T15:59:59.000Z' }));
    expect(clock.now().toISOString()).toBe('2026-11-27T15:59:59.000Z');
    writeFileSync(file, JSON.stringify({ frozenAt: '2026-11-27T16:14:59.000Z' }));
    expect(clock.now().toISOString()).toBe('2026-11-27T16:14:59.000Z');
    writeFileSync(file, JSON.stringify({ offsetMs: 3_600_000 }));
    expect(clock.nowMs() - Date.now()).toBeGreaterThan(3_599_000);
    expect(clock.offsetMs()).toBe(3_600_000);
  });

  it('is not shifted without a test setting', () => {
    expect(clockFromEnv({}).offsetMs()).toBe(0);
  });

  it('is refused in production', () => {
    expect(() => clockFromEnv({ TEST_CLOCK_FILE: file, NODE_ENV: 'production' })).toThrow(
      /refused when NODE_ENV=production/,
    );
  });
});
