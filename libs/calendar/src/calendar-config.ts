import { z } from 'zod';

import { CompanyCalendar, type Holiday } from './company-calendar';

/** Greetings every year, and the Spring and Mid-Autumn festivals of the next two years. */
export const DEFAULT_HOLIDAYS =
  "01-01=New Year's Day;05-01=Labour Day;10-01=National Day;" +
  '2027-02-06=Spring Festival;2027-09-15=Mid-Autumn Festival;' +
  '2028-01-26=Spring Festival;2028-10-03=Mid-Autumn Festival';

const HOLIDAY = /^(\d{4}-)?\d{2}-\d{2}=[^;=]+$/;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function parseHolidays(value: string): Holiday[] {
  return value
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [date, name] = entry.split('=') as [string, string];
      return { date, name: name.trim() };
    });
}

/** `COMPANY_TIME_ZONE` (default Asia/Shanghai) and `COMPANY_HOLIDAYS` (`MM-DD=Name;YYYY-MM-DD=Name`). */
export const calendarEnvSchema = z
  .object({
    COMPANY_TIME_ZONE: z
      .string()
      .default('Asia/Shanghai')
      .refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai'),
    COMPANY_HOLIDAYS: z
      .string()
      .default(DEFAULT_HOLIDAYS)
      .refine(
        (value) => value.split(';').every((entry) => !entry.trim() || HOLIDAY.test(entry.trim())),
        'must read MM-DD=Name;YYYY-MM-DD=Name',
      ),
  })
  .transform(
    (env) => new CompanyCalendar(env.COMPANY_TIME_ZONE, parseHolidays(env.COMPANY_HOLIDAYS)),
  );
