import { readFileSync } from 'node:fs';

/**
 * The time rules are judged by (lockout windows, rate-limit windows, TOTP steps, "today"): the
 * system clock, or what a test set (never outside tests).
 */
export class Clock {
  constructor(private readonly setting: () => ClockSetting = () => ({})) {}

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    const { frozenAt, offsetMs = 0 } = this.setting();
    return frozenAt ? Date.parse(frozenAt) : Date.now() + offsetMs;
  }

  /** How far a test moved this clock: SQL judged by the database's `now()` adds it. */
  offsetMs(): number {
    const { frozenAt, offsetMs = 0 } = this.setting();
    return frozenAt ? Date.parse(frozenAt) - Date.now() : offsetMs;
  }
}

/**
 * What a clock file may say: `{"frozenAt": ISO}` stops time there, `{"offsetMs": n}` runs it n ms
 * off the system clock; an absent or empty file is the system clock.
 */
export interface ClockSetting {
  frozenAt?: string;
  offsetMs?: number;
}

function settingIn(file: string): ClockSetting {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return {};
  }
  return text ? (JSON.parse(text) as ClockSetting) : {};
}

/**
 * The system clock, or outside production a clock the tests move: `TEST_CLOCK_FILE` names a file
 * read at every reading, so a test moves the time of running processes by rewriting it.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const file = env['TEST_CLOCK_FILE'];
  if (!file) return new Clock();
  if (env['NODE_ENV'] === 'production') {
    throw new Error('TEST_CLOCK_FILE is for tests: it is refused when NODE_ENV=production');
  }
  return new Clock(() => settingIn(file));
}
