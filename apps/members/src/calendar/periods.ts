import type { CompanyCalendar } from '@salesops/calendar';

/**
 * A probation of N days counts the hire day as its first company day and ends when the company
 * day `hire day + N` begins (domain.md: probation end = hire date + the team's probation days).
 */
export function probationEndOf(calendar: CompanyCalendar, hiredAt: Date, days: number): Date {
  return calendar.dueAfterDays(hiredAt, days);
}

/**
 * A public notice of N days gives objectors N whole company days after the day of the decision:
 * it ends when the company day `decision day + N + 1` begins, so an approval late in the evening
 * does not shorten it.
 */
export function noticeEndOf(calendar: CompanyCalendar, decidedAt: Date, days: number): Date {
  return calendar.dueAfterDays(decidedAt, days + 1);
}

/** Probations ending on or before this instant show as due: those within the next N days. */
export function probationsDueBy(calendar: CompanyCalendar, now: Date, days: number): Date {
  return calendar.dueAfterDays(now, days);
}

/**
 * The evidence pack looks back N months from today on the company calendar: from the start of the
 * same company day N months earlier (the month's last day when it has no such day).
 */
export function evidenceSinceOf(calendar: CompanyCalendar, now: Date, months: number): Date {
  const today = calendar.dayOf(now);
  const month = calendar.addMonths(today.slice(0, 7), -months);
  const lastDay = calendar.addDays(calendar.dayOf(calendar.monthRange(month).to), -1);
  const day = Math.min(Number(today.slice(8, 10)), Number(lastDay.slice(8, 10)));
  return calendar.startOfDay(`${month}-${String(day).padStart(2, '0')}`);
}
