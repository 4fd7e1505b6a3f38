/** A company day, `YYYY-MM-DD`. */
export type CompanyDay = string;
/** An ISO week of the company calendar, `YYYY-Www`. */
export type CompanyWeek = string;
/** A month of the company calendar, `YYYY-MM`. */
export type CompanyMonth = string;

export interface Holiday {
  /** `MM-DD` every year, or `YYYY-MM-DD` once (for holidays of the lunar calendar). */
  date: string;
  name: string;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;
const OFFSET_CACHE_LIMIT = 10_000;

/**
 * Which day, ISO week, month and year an instant belongs to in the company's time zone, and the
 * instants where those periods begin. Quotas, periods, deadlines and due dates are computed
 * here, never on UTC day boundaries.
 */
export class CompanyCalendar {
  private readonly parts: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(
    readonly timeZone: string,
    private readonly holidays: readonly Holiday[] = [],
  ) {
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  dayOf(instant: Date): CompanyDay {
    const local = this.local(instant);
    return formatDay(local.year, local.month, local.day);
  }

  monthOf(instant: Date): CompanyMonth {
    const local = this.local(instant);
    return `${local.year}-${pad(local.month)}`;
  }

  yearOf(instant: Date): number {
    return this.local(instant).year;
  }

  /** The ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday). */
  weekOf(instant: Date): CompanyWeek {
    const { year, month, day } = this.local(instant);
    const date = new Date(Date.UTC(year, month - 1, day));
    const weekday = date.getUTCDay() || 7;
    const thursday = new Date(date.getTime() + (4 - weekday) * DAY_MS);
    const weekYear = thursday.getUTCFullYear();
    const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1;
    return `${weekYear}-W${pad(week)}`;
  }

  /** The instant a company day begins. */
  startOfDay(day: CompanyDay): Date {
    const [year, month, date] = parseDay(day);
    return this.instantOf({
      year,
      month,
      day: date,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
  }

  /** The company day `days` after (or before) the given one. */
  addDays(day: CompanyDay, days: number): CompanyDay {
    const [year, month, date] = parseDay(day);
    const shifted = new Date(Date.UTC(year, month - 1, date) + days * DAY_MS);
    return formatDay(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
  }

  /** The start of the company day `days` after the instant's day: a due date in days. */
  dueAfterDays(from: Date, days: number): Date {
    return this.startOfDay(this.addDays(this.dayOf(from), days));
  }

  /** A deadline in hours: elapsed time, the same in every time zone. */
  dueAfterHours(from: Date, hours: number): Date {
    return new Date(from.getTime() + hours * 3_600_000);
  }

  /** `[from, to)`: the instants of a company month. */
  monthRange(month: CompanyMonth): { from: Date; to: Date } {
    const [year, number] = parseMonth(month);
    const next = number === 12 ? [year + 1, 1] : [year, number + 1];
    return {
      from: this.startOfDay(formatDay(year, number, 1)),
      to: this.startOfDay(formatDay(next[0] as number, next[1] as number, 1)),
    };
  }

  /** The month before (or `months` away from) the given one, e.g. for growth against last period. */
  addMonths(month: CompanyMonth, months: number): CompanyMonth {
    const [year, number] = parseMonth(month);
    const index = year * 12 + (number - 1) + months;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  }

  /** `[from, to)`: the instants of a company year. */
  yearRange(year: number): { from: Date; to: Date } {
    return {
      from: this.startOfDay(formatDay(year, 1, 1)),
      to: this.startOfDay(formatDay(year + 1, 1, 1)),
    };
  }

  /** `[from, to)`: the instants of an ISO week. */
  weekRange(week: CompanyWeek): { from: Date; to: Date } {
    const match = /^(\d{4})-W(\d{2})$/.exec(week);
    if (!match) throw new RangeError(`not a week: ${week}`);
    const [year, number] = [Number(match[1]), Number(match[2])];
    const january4 = new Date(Date.UTC(year, 0, 4));
    const monday = new Date(
      january4.getTime() - ((january4.getUTCDay() || 7) - 1) * DAY_MS + (number - 1) * 7 * DAY_MS,
    );
    const first = formatDay(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
    return { from: this.startOfDay(first), to: this.startOfDay(this.addDays(first, 7)) };
  }

  /** The configured holidays that fall on a company day. */
  holidaysOn(day: CompanyDay): Holiday[] {
    return this.holidays.filter((holiday) => holiday.date === day || holiday.date === day.slice(5));
  }

  /** Local time from the zone's offset, which Intl is asked once per quarter hour. */
  private local(instant: Date): LocalTime {
    const shifted = new Date(instant.getTime() + this.offsetAt(instant));
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      millisecond: shifted.getUTCMilliseconds(),
    };
  }

  /** The instant of a local time: the offset is found at a first guess and checked once more. */
  private instantOf(local: LocalTime): Date {
    const wall = Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
      local.millisecond,
    );
    let guess = wall - this.offsetAt(new Date(wall));
    guess = wall - this.offsetAt(new Date(guess));
    return new Date(guess);
  }

  /**
   * The zone's offset at an instant. Intl's formatting is slow (~10 µs), so the offset of each
   * quarter hour is kept when it is the same at both its ends (offsets change on quarter hours;
   * where one changes inside, Intl is asked each time).
   */
  private offsetAt(instant: Date): number {
    const bucket = Math.floor(instant.getTime() / QUARTER_HOUR_MS);
    const known = this.offsets.get(bucket);
    if (known !== undefined) return known;
    const start = this.formattedOffset(bucket * QUARTER_HOUR_MS);
    const end = this.formattedOffset((bucket + 1) * QUARTER_HOUR_MS - 1000);
    if (start !== end) return this.formattedOffset(Math.floor(instant.getTime() / 1000) * 1000);
    if (this.offsets.size >= OFFSET_CACHE_LIMIT) this.offsets.clear();
    this.offsets.set(bucket, start);
    return start;
  }

  /** The offset Intl gives at an instant of whole seconds. */
  private formattedOffset(ms: number): number {
    const values: Record<string, number> = {};
    for (const part of this.parts.formatToParts(new Date(ms))) {
      if (part.type !== 'literal') values[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      values['year'] as number,
      (values['month'] as number) - 1,
      values['day'],
      values['hour'],
      values['minute'],
      values['second'],
    );
    return wall - ms;
  }
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function formatDay(year: number, month: number, day: number): CompanyDay {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function parseDay(day: CompanyDay): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`not a day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function parseMonth(month: CompanyMonth): [number, number] {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new RangeError(`not a month: ${month}`);
  return [Number(match[1]), Number(match[2])];
}
