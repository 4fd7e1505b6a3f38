import { calendarEnvSchema } from './calendar-config';
import { CompanyCalendar } from './company-calendar';

const at = (iso: string) => new Date(iso);

describe('CompanyCalendar in Asia/Shanghai (UTC+8)', () => {
  const sut = new CompanyCalendar('Asia/Shanghai', [
    { date: '05-01', name: 'Labour Day' },
    { date: '2027-02-06', name: 'Spring Festival' },
  ]);

  it('puts an instant on the company day, not the UTC day, around midnight', () => {
    expect(sut.dayOf(at('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(sut.dayOf(at('2026-11-27T16:00:00.000Z'))).toBe('2026-11-28');
    expect(sut.startOfDay('2026-11-28')).toEqual(at('2026-11-27T16:00:00.000Z'));
  });

  it('puts the last evening of a month in that month, and its first morning in the next', () => {
    expect(sut.monthOf(at('2026-11-30T15:59:59.999Z'))).toBe('2026-11');
    expect(sut.monthOf(at('2026-11-30T16:00:00.000Z'))).toBe('2026-12');
    expect(sut.monthRange('2026-12')).toEqual({
      from: at('2026-11-30T16:00:00.000Z'),
      to: at('2026-12-31T16:00:00.000Z'),
    });
  });

  it('turns the year at company midnight', () => {
    expect(sut.yearOf(at('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(sut.yearOf(at('2026-12-31T16:00:00.000Z'))).toBe(2027);
    expect(sut.monthOf(at('2026-12-31T16:00:00.000Z'))).toBe('2027-01');
    expect(sut.yearRange(2027).from).toEqual(at('2026-12-31T16:00:00.000Z'));
  });

  it('numbers ISO weeks from Monday, company time, across the year boundary', () => {
    // 2026-11-16 is a Monday; 2026-11-15T16:00Z is its company midnight.
    expect(sut.weekOf(at('2026-11-15T15:59:59.999Z'))).toBe('2026-W46');
    expect(sut.weekOf(at('2026-11-15T16:00:00.000Z'))).toBe('2026-W47');
    // 2027-01-01 is a Friday: it belongs to the last week of 2026 (2026-W53).
    expect(sut.weekOf(at('2027-01-01T04:00:00.000Z'))).toBe('2026-W53');
    expect(sut.weekOf(at('2027-01-04T00:00:00.000Z'))).toBe('2027-W01');
    // 2024-12-30 (a Monday) already belongs to 2025-W01.
    expect(sut.weekOf(at('2024-12-30T01:00:00.000Z'))).toBe('2025-W01');
    expect(sut.weekRange('2026-W47')).toEqual({
      from: at('2026-11-15T16:00:00.000Z'),
      to: at('2026-11-22T16:00:00.000Z'),
    });
  });

  it('sets due dates in days on company days, and deadlines in hours as elapsed time', () => {
    const lateEvening = at('2026-11-28T15:30:00.000Z'); // 23:30 on the 28th, company time
    expect(sut.dueAfterDays(lateEvening, 3)).toEqual(sut.startOfDay('2026-12-01'));
    expect(sut.dueAfterHours(lateEvening, 24)).toEqual(at('2026-11-29T15:30:00.000Z'));
    expect(sut.addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(sut.addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(sut.addMonths('2027-01', -1)).toBe('2026-12');
    expect(sut.addMonths('2026-11', 14)).toBe('2028-01');
  });

  it('finds yearly and one-off holidays on their company day', () => {
    expect(sut.holidaysOn('2027-05-01').map((holiday) => holiday.name)).toEqual(['Labour Day']);
    expect(sut.holidaysOn('2027-02-06').map((holiday) => holiday.name)).toEqual([
      'Spring Festival',
    ]);
    expect(sut.holidaysOn('2028-02-06')).toEqual([]);
  });
});

describe('CompanyCalendar in a time zone with daylight saving time', () => {
  const sut = new CompanyCalendar('America/New_York');

  it('begins each day at its own local midnight', () => {
    expect(sut.startOfDay('2026-03-08')).toEqual(at('2026-03-08T05:00:00.000Z'));
    expect(sut.startOfDay('2026-03-09')).toEqual(at('2026-03-09T04:00:00.000Z'));
    expect(sut.dayOf(at('2026-03-09T03:59:59.000Z'))).toBe('2026-03-08');
  });
});

describe('calendarEnvSchema', () => {
  it('defaults to Asia/Shanghai with the default holidays', () => {
    const calendar = calendarEnvSchema.parse({});
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.holidaysOn('2027-10-01').map((holiday) => holiday.name)).toEqual([
      'National Day',
    ]);
  });

  it('refuses an unknown time zone and a malformed holiday list', () => {
    expect(calendarEnvSchema.safeParse({ COMPANY_TIME_ZONE: 'Mars/Olympus' }).success).toBe(false);
    expect(calendarEnvSchema.safeParse({ COMPANY_HOLIDAYS: '13th of May' }).success).toBe(false);
  });
});
