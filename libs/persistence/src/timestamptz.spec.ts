import { types as pgTypes } from 'pg';

import { parseTimestamptz, TIMESTAMPTZ_OID } from './timestamptz';

const pgParse = pgTypes.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => unknown;

describe('parseTimestamptz', () => {
  it.each([
    '2026-11-29 04:05:58+00',
    '2026-11-29 04:05:58.079+00',
    '2026-11-29 04:05:58.07+00',
    '2026-11-29 04:05:58.1+00',
    '2026-01-01 00:00:00.999+00',
    '2024-02-29 23:59:59.123456+00',
    '1970-01-01 00:00:00.287+00',
    '2026-11-29 04:05:58.079+05:30',
    '2026-11-29 04:05:58.079-08',
    '0099-03-01 10:00:00+00',
    '2026-11-29 04:05:58.079+00 BC',
    'infinity',
    '-infinity',
  ])('reads %s as pg does', (text) => {
    expect(parseTimestamptz(text)).toEqual(pgParse(text));
  });

  it('reads every millisecond of a second as pg does', () => {
    for (let ms = 0; ms < 1000; ms += 1) {
      const text = `2026-11-29 04:05:58.${String(ms).padStart(3, '0')}+00`;
      expect((parseTimestamptz(text) as Date).getTime()).toBe((pgParse(text) as Date).getTime());
    }
  });
});
