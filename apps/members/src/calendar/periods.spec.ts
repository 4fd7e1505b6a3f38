import { CompanyCalendar } from '@salesops/calendar';

import { noticeEndOf, probationEndOf, evidenceSinceOf, probationsDueBy } from './periods';

const at = (iso: string) => new Date(iso);

describe('member periods on the company calendar (Asia/Shanghai, UTC+8)', () => {
  const calendar = new CompanyCalendar('Asia/Shanghai');

  it('ends a probation when the company day hire day + N begins', () => {
    // 2026-03-01 08:00 in Shanghai: 10 days → the start of 03-11, Shanghai.
    expect(probationEndOf(calendar, at('2026-03-01T00:00:00.000Z'), 10)).toEqual(
      at('2026-03-10T16:00:00.000Z'),
    );
  });

  it('counts the hire day in the company time zone, not in UTC, around midnight', () => {
    // 23:59 on 03-10 in Shanghai (still 03-10 in UTC too).
    expect(probationEndOf(calendar, at('2026-03-10T15:59:00.000Z'), 10)).toEqual(
      at('2026-03-19T16:00:00.000Z'),
    );
    // 01:00 on 03-11 in Shanghai, while UTC still says 03-10.
    expect(probationEndOf(calendar, at('2026-03-10T17:00:00.000Z'), 10)).toEqual(
      at('2026-03-20T16:00:00.000Z'),
    );
  });

  it('gives a notice N whole company days after the day of the decision', () => {
    // Approved at 23:30 on 03-10 in Shanghai: objections until the end of 03-15.
    expect(noticeEndOf(calendar, at('2026-03-10T15:30:00.000Z'), 5)).toEqual(
      at('2026-03-15T16:00:00.000Z'),
    );
    // Approved at 01:00 on 03-11 in Shanghai (03-10 in UTC): until the end of 03-16.
    expect(noticeEndOf(calendar, at('2026-03-10T17:00:00.000Z'), 5)).toEqual(
      at('2026-03-16T16:00:00.000Z'),
    );
  });

  it('lists probations ending within the next N company days', () => {
    expect(probationsDueBy(calendar, at('2026-03-10T17:00:00.000Z'), 7)).toEqual(
      at('2026-03-17T16:00:00.000Z'),
    );
  });

  it('looks back for the evidence pack from the company day N months earlier', () => {
    // 01:00 on 2026-09-01 in Shanghai (08-31 in UTC): from the start of 03-01, not of 02-28.
    expect(evidenceSinceOf(calendar, at('2026-08-31T17:00:00.000Z'), 6)).toEqual(
      at('2026-02-28T16:00:00.000Z'),
    );
    // 08-31 has no 02-31: from the start of the month's last day.
    expect(evidenceSinceOf(calendar, at('2026-08-31T03:00:00.000Z'), 6)).toEqual(
      at('2026-02-27T16:00:00.000Z'),
    );
  });
});
