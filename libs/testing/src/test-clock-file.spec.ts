import { clockFromEnv } from '@salesops/calendar';

import { TestClockFile } from './test-clock-file';

describe('a test clock file', () => {
  const sut = new TestClockFile();
  const clock = clockFromEnv({ TEST_CLOCK_FILE: sut.path });
  afterAll(() => sut.remove());

  it('moves the clock of whoever reads it: frozen, running from an instant, back to the system', () => {
    sut.freezeAt('2021-02-28T17:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2021-02-28T17:00:00.000Z');

    sut.runFrom(new Date('2030-01-01T00:00:00.000Z'));
    expect(Math.abs(clock.nowMs() - Date.parse('2030-01-01T00:00:00.000Z'))).toBeLessThan(60_000);

    sut.reset();
    expect(clock.offsetMs()).toBe(0);
  });
});
