import { CompanyCalendar } from '@salesops/calendar';

import { DEMO_EXTRA_HIRES, DEMO_PEOPLE, DEMO_TEAMS } from './demo-company';
import { demoHireDate } from './demo-hire-dates';
import { DEMO_HISTORY_MONTHS, DEMO_HISTORY_REPS } from './demo-history';

const calendar = new CompanyCalendar('Asia/Shanghai');
const DAY_MS = 24 * 60 * 60 * 1000;

describe('demoHireDate', () => {
  it('is 09:00 company time that many company days before the first load, the same each load', () => {
    const firstLoad = new Date('2026-11-29T06:00:00.000Z');
    const sut = demoHireDate(calendar, firstLoad, 125);
    expect(sut).toBe('2026-07-27T01:00:00.000Z');
    expect(demoHireDate(calendar, firstLoad, 125)).toBe(sut);
  });

  // Loads on the first and the last day of a month: the history's first month is furthest away.
  it.each(['2026-11-01T02:00:00.000Z', '2026-12-31T15:00:00.000Z'])(
    'gives the demo plausible hires when first loaded at %s',
    (at) => {
      const firstLoad = new Date(at);
      const hires = new Map(
        [
          ...DEMO_PEOPLE,
          ...Object.entries(DEMO_EXTRA_HIRES).map(([key, hire]) => ({ ...hire, username: key })),
        ].map(({ username, hiredDaysBefore }) => [
          username,
          new Date(demoHireDate(calendar, firstLoad, hiredDaysBefore)),
        ]),
      );
      // Nobody is hired on the day the demo loads, and not everyone on one day.
      for (const hired of hires.values()) {
        expect(calendar.dayOf(hired) < calendar.dayOf(firstLoad)).toBe(true);
      }
      expect(new Set([...hires.values()].map((hired) => hired.getTime())).size).toBe(hires.size);
      // The reps with sales in the past months were hired before the first of them.
      const firstMonth = calendar.addMonths(calendar.monthOf(firstLoad), -DEMO_HISTORY_MONTHS);
      for (const rep of DEMO_HISTORY_REPS) {
        expect((hires.get(rep) as Date) < calendar.monthRange(firstMonth).from).toBe(true);
      }
      // rep.east1b, whom the demo leaves in probation, is still in it: East Team 1's probation.
      const east1 = DEMO_TEAMS.find((team) => team.key === 'east1');
      const probationDays = east1?.ownSettings?.probationDays ?? 30;
      const probationEnd = (hires.get('rep.east1b') as Date).getTime() + probationDays * DAY_MS;
      expect(probationEnd).toBeGreaterThan(firstLoad.getTime() + 30 * DAY_MS);
    },
  );
});
