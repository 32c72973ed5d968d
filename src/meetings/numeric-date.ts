// Numeric dates ("11/10", "3/11/2028", "2027-03-04") and the order their day and month are read in. "11/10" is
// 10 November to someone in New York and 11 October to someone in Paris; the order is taken as settled only when the
// client's own locale and the country of the user's zone both say it (Intl's short date for each), otherwise a date
// that reads both ways is asked, showing both.
import { countryOfZone } from './zone-country';
import { type Span, type WallDate, toWallDate } from './schedule-common';
import type { DateTime } from 'luxon';

export type DateOrder = 'monthFirst' | 'dayFirst';

export interface FoundNumericDate extends Span {
  /** The numbers in the order typed; `yearFirst` for 2027-03-04. */
  numbers: [number, number];
  year?: number;
  yearFirst: boolean;
  /** 6.20 in Chinese text: written month first there, so only a month-first order settles it. */
  dotted?: boolean;
}

export type NumericDateReading =
  | { kind: 'date'; date: WallDate }
  /** Both orders give a real day: `date` is the likelier (the locale's order), `other` the second reading. */
  | { kind: 'either'; date: WallDate; other: WallDate }
  | { kind: 'noSuchDate' };

// "2027-03-04", "2027/3/4"; then "11/10", "3/11/2028", "3.11.2028", "3-11-2028" (dots and dashes only with a year:
// "10.30" is a time, "10-11" a range of hours). Every repetition is bounded.
const YEAR_FIRST = /(?<![\w./:-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\w/]|[.:-]\d)/g;
const DAY_MONTH = /(?<![\w./:-])(\d{1,2})(?:\/(\d{1,2})(?:\/(\d{4}|\d{2}))?|([.-])(\d{1,2})\4(\d{4}))(?![\w/]|[.:-]\d|\s{0,2}(?:hours?|hrs?|h\b|min))/gi;

// 6.20, 12.5: how Chinese writes a day with a dot (in English "10.30" is more often a time or a version).
// Not an end of a range of times ("7.30 - 7.45pm"), nor an amount (1.5小时, 2.5倍).
const DOTTED = /(?<![\w./:-])(?<!(?:[-–—~〜到至]|\bto|\btill|\buntil)\s{0,2})(\d{1,2})\.(\d{1,2})(?![\w/.:-]|\s{0,2}(?:[-–—~〜到至]|to\b|till\b|until\b|[ap]\.?m\b|小时|分钟|个|倍|%|万|亿|元|版))/gi;

/** The numeric dates in `text`, in reading order; `dotted` also reads 6.20 (Chinese text). */
export function findNumericDates(text: string, dotted = false): FoundNumericDate[] {
  const found: FoundNumericDate[] = [];
  for (const m of text.matchAll(YEAR_FIRST)) {
    found.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, numbers: [Number(m[3]), Number(m[4])], year: Number(m[1]), yearFirst: true });
  }
  for (const m of text.matchAll(DAY_MONTH)) {
    const first = Number(m[1]);
    const second = Number(m[2] ?? m[5]);
    const year = m[3] ?? m[6];
    // Two numbers that can't be a day and a month ("50/50") are not a date at all.
    if (first > 31 || second > 31 || (first > 12 && second > 12) || first === 0 || second === 0) continue;
    found.push({
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      numbers: [first, second],
      ...(year ? { year: year.length === 2 ? 2000 + Number(year) : Number(year) } : {}),
      yearFirst: false,
    });
  }
  for (const m of dotted ? text.matchAll(DOTTED) : []) {
    const [first, second] = [Number(m[1]), Number(m[2])];
    if (first === 0 || second === 0 || first > 31 || second > 31 || (first > 12 && second > 12)) continue;
    found.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, numbers: [first, second], yearFirst: false, dotted: true });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** What `found` means today, with the order `settled` (undefined: not settled) and `likely` for the first guess. */
export function readNumericDate(found: FoundNumericDate, today: DateTime, settled: DateOrder | undefined, likely: DateOrder | undefined): NumericDateReading {
  const [a, b] = found.numbers;
  if (found.yearFirst) {
    const date = realDate(found.year, a, b, today);
    return date ? { kind: 'date', date } : { kind: 'noSuchDate' };
  }
  const monthFirst = realDate(found.year, a, b, today);
  const dayFirst = realDate(found.year, b, a, today);
  if (!monthFirst && !dayFirst) return { kind: 'noSuchDate' };
  if (!monthFirst || !dayFirst) return { kind: 'date', date: (monthFirst ?? dayFirst) as WallDate };
  if (a === b) return { kind: 'date', date: monthFirst };
  if (settled && !(found.dotted && settled === 'dayFirst')) return { kind: 'date', date: settled === 'monthFirst' ? monthFirst : dayFirst };
  const [date, other] = (found.dotted ? 'monthFirst' : likely ?? 'monthFirst') === 'monthFirst' ? [monthFirst, dayFirst] : [dayFirst, monthFirst];
  return { kind: 'either', date, other };
}

/** A month and day that exist: in `year`, or without one this year, next year once it has passed. */
function realDate(year: number | undefined, month: number, day: number, today: DateTime): WallDate | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const inYear = (y: number) => (day <= new Date(Date.UTC(y, month, 0)).getUTCDate() ? { year: y, month, day } : undefined);
  if (year !== undefined) return inYear(year);
  const now = toWallDate(today);
  const behind = month < now.month || (month === now.month && day < now.day);
  // Feb 29 without a year: the next one that exists.
  for (let y = now.year + (behind ? 1 : 0), tries = 0; tries < 8; y++, tries++) {
    const date = inYear(y);
    if (date || !(month === 2 && day === 29)) return date;
  }
  return undefined;
}

/**
 * The order both the client's locale and the zone's country write a numeric date in, when they agree. A locale
 * says its order only with a region ("en-GB", not "en"); year-month-day regions (China, Japan) write the month first.
 */
export function settledOrder(locale: string | undefined, zone: string): DateOrder | undefined {
  const fromLocale = localeOrder(locale);
  const country = countryOfZone(zone);
  const fromZone = country ? regionOrder(country) : undefined;
  return fromLocale !== undefined && fromLocale === fromZone ? fromLocale : undefined;
}

/** The order the client's locale writes a numeric date in, if its tag names a region. */
export function localeOrder(locale: string | undefined): DateOrder | undefined {
  if (!locale) return undefined;
  return remembered(`locale ${locale}`, () => {
    const tag = new Intl.Locale(locale.replace(/_/g, '-'));
    return tag.region ? orderOf(`${tag.language}-${tag.region}`) : undefined;
  });
}

/** The order a country's main language writes a numeric date in. */
export function regionOrder(country: string): DateOrder | undefined {
  return remembered(`region ${country}`, () => orderOf(`${new Intl.Locale(`und-${country}`).maximize().language}-${country}`));
}

/** Intl's short numeric date for `tag`: month or day first. */
function orderOf(tag: string): DateOrder {
  const parts = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(Date.UTC(2001, 10, 22, 12)))
    .map((p) => p.type);
  return parts.indexOf('month') < parts.indexOf('day') ? 'monthFirst' : 'dayFirst';
}

const orders = new Map<string, DateOrder | undefined>();

/** Each answer is asked of Intl once (a malformed tag is no order): a handful of locales and countries ever come by. */
function remembered(key: string, ask: () => DateOrder | undefined): DateOrder | undefined {
  if (orders.has(key)) return orders.get(key);
  let order: DateOrder | undefined;
  try {
    order = ask();
  } catch {
    order = undefined;
  }
  if (orders.size < 500 && key.length <= 80) orders.set(key, order);
  return order;
}
