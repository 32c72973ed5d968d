// The fixed moments and places the phrasing table and the round-trip test read requests in, and the days a row's
// expectation names relative to them ("tomorrow", "the coming Tuesday"), so no expectation depends on when the suite
// runs: every parse gets its `now` from here, never from the clock.
import { DateTime } from 'luxon';

export interface ReadingContext {
  /** Shown in failures: "Europe/Paris, Sun 2026-06-14 23:50". */
  label: string;
  zone: string;
  /** The client's locale as Teams sends it (some clients send none). */
  locale?: string;
  now: Date;
  /** `now` on the user's wall clock. */
  local: DateTime;
}

/** Each zone with the locale its users' clients typically send. */
export const ZONES: readonly { zone: string; locale: string }[] = [
  { zone: 'America/New_York', locale: 'en-US' },
  { zone: 'Europe/Paris', locale: 'en-GB' },
  { zone: 'Asia/Shanghai', locale: 'zh-CN' },
];

/** Local wall-clock moments: just before and just after midnight between a Sunday and a Monday, and a winter noon. */
export const LOCAL_NOWS: readonly string[] = ['2026-06-14T23:50', '2026-06-15T00:10', '2027-01-17T12:00'];

export function contextAt(zone: string, locale: string | undefined, localIso: string): ReadingContext {
  const local = DateTime.fromISO(localIso, { zone });
  const label = `${zone} (${locale ?? 'no locale'}), ${local.toFormat('ccc yyyy-MM-dd HH:mm')}`;
  return { label, zone, ...(locale ? { locale } : {}), now: local.toJSDate(), local };
}

export const CONTEXTS: readonly ReadingContext[] = ZONES.flatMap(({ zone, locale }) =>
  LOCAL_NOWS.map((iso) => contextAt(zone, locale, iso)));

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A day named relative to the context:
 * - `today`, `tomorrow`, `+3` (days from today);
 * - `wd:Tue`: the coming Tuesday, after today (on a Tuesday the row must ask instead);
 * - `nextweek:Tue`: Tuesday of the next Monday-to-Sunday week (下周二);
 * - `md:03-03`: that day this year, or next year once it has passed;
 * - `dom:20`: that day this month, or next month once it has passed;
 * - `coming`: today if the row's time is still ahead, else tomorrow;
 * - `2027-03-03`: that day.
 */
export type DayExpectation = string;

/** The ISO date `day` names in `ctx`, or 'asks' when the row can't name one there (a weekday said on that day). */
export function expectedDay(day: DayExpectation, ctx: ReadingContext, time?: string): string | 'asks' {
  const today = ctx.local.startOf('day');
  if (day === 'today') return iso(today);
  if (day === 'tomorrow') return iso(today.plus({ days: 1 }));
  if (/^\+\d+$/.test(day)) return iso(today.plus({ days: Number(day.slice(1)) }));
  const [kind, arg] = day.split(':', 2) as [string, string | undefined];
  if (kind === 'wd') {
    const target = WEEKDAYS.indexOf(arg as Weekday) + 1;
    if (target === today.weekday) return 'asks';
    return iso(today.plus({ days: (target - today.weekday + 7) % 7 }));
  }
  if (kind === 'nextweek') return iso(today.startOf('week').plus({ weeks: 1, days: WEEKDAYS.indexOf(arg as Weekday) }));
  if (kind === 'md') {
    const [month, dayOfMonth] = (arg ?? '').split('-').map(Number);
    const thisYear = today.set({ month, day: dayOfMonth });
    return iso(thisYear < today ? thisYear.plus({ years: 1 }) : thisYear);
  }
  if (kind === 'dom') {
    const dayOfMonth = Number(arg);
    return iso(dayOfMonth < today.day ? today.startOf('month').plus({ months: 1, days: dayOfMonth - 1 }) : today.set({ day: dayOfMonth }));
  }
  if (day === 'coming') {
    const [h, m] = (time ?? '00:00').split(':').map(Number);
    const passed = h * 60 + m < ctx.local.hour * 60 + ctx.local.minute;
    return iso(passed ? today.plus({ days: 1 }) : today);
  }
  return day;
}

function iso(dt: DateTime): string {
  return dt.toISODate() ?? '';
}
