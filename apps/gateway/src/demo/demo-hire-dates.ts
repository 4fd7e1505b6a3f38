import type { CompanyCalendar } from '@salesops/calendar';

const HOUR_MS = 60 * 60 * 1000;

/**
 * A demo member's hire: 09:00 company time, `daysBefore` company days before the demo company was
 * first loaded (its company team's creation). Anchored on that first load, not on today, so
 * loading the demo again sends the same hire, which its idempotency key answers as before.
 */
export function demoHireDate(
  calendar: CompanyCalendar,
  firstLoadedAt: Date,
  daysBefore: number,
): string {
  const day = calendar.addDays(calendar.dayOf(firstLoadedAt), -daysBefore);
  return new Date(calendar.startOfDay(day).getTime() + 9 * HOUR_MS).toISOString();
}
