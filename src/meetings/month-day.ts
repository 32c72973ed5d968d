// Days written with their month — "Feb 30", "April 31st", "the 29th of February", "2月30日" — checked against the
// calendar. chrono reads the real ones but silently drops one that doesn't exist (and in Chinese every time phrase
// next to it), which would leave a meeting on some other day or none; such a day is asked instead. Feb 29 without a
// year, which chrono also drops, is read here: the coming one if this or next year has it. And days of the month
// alone — "on the 20th", 20号, 下个月5号 — which chrono doesn't read at all.
import type { DateTime } from 'luxon';
import { CHINESE_NUMERAL, chineseNumber } from './chinese-text';
import { type Span, type WallDate, toWallDate } from './schedule-common';

export interface MonthDay extends Span {
  month: number;
  day: number;
  year?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = String.raw`\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?\b`;
const YEAR = String.raw`(?:,?\s{1,3}(\d{4})\b)?`;
// "Feb 30", "February 30th, 2027"; "30 Feb", "the 30th of February 2027". Bounded repetitions only.
const ENGLISH = new RegExp(
  String.raw`${MONTH_NAME}\s{0,3}${DAY}${YEAR}|(?<![\w/.:])${DAY}\s{1,3}(?:of\s{1,3})?${MONTH_NAME}${YEAR}`,
  'gi',
);
const N = CHINESE_NUMERAL;
// "the 20th", "on the 5th of next month": an ordinal not next to a month name (those are month-days above).
const ORDINAL_DAY = new RegExp(
  String.raw`(?<!${MONTH_NAME}\s{0,3})(?<![\w/.:])(?:the\s{1,3})?(?<day>\d{1,2})(?:st|nd|rd|th)\b` +
    String.raw`(?!\s{1,3}(?:of\s{1,3})?${MONTH_NAME})(?:\s{1,3}of\s{1,3}(?<which>this|next)\s{1,3}month\b)?`,
  'gi',
);
// 20号, 下个月5号, 本月20日 — not 3号楼 (building 3), nor the day of 3月5日.
const CHINESE_DAY = new RegExp(
  String.raw`(?:(下下|下|这|本)个?月|(?<![\d月${N.slice(1, -1)}]))(\d{1,2}|${N}{1,3})\s{0,2}(?:号(?![楼线机位厅门馆房室院码])|日)`,
  'g',
);
// 2027年3月5日, 二〇二七年三月五号, 12月5日.
const CHINESE = new RegExp(String.raw`(?:(\d{4}|[零〇一二三四五六七八九]{4})\s{0,2}年\s{0,2})?(\d{1,2}|${N}{1,3})\s{0,2}月\s{0,2}(\d{1,2}|${N}{1,3})\s{0,2}[日号]`, 'g');

/** The month-and-day dates in `text`. */
export function findMonthDays(text: string): MonthDay[] {
  const found: MonthDay[] = [];
  for (const m of text.matchAll(ENGLISH)) {
    const [monthWord, day, year] = m[1] ? [m[1], m[2], m[3]] : [m[5], m[4], m[6]];
    const month = MONTHS.indexOf(monthWord.slice(0, 3).toLowerCase()) + 1;
    found.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, month, day: Number(day), ...(year ? { year: Number(year) } : {}) });
  }
  for (const m of text.matchAll(CHINESE)) {
    const month = chineseNumber(m[2]) ?? 0;
    const day = chineseNumber(m[3]) ?? 0;
    found.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, month, day, ...(m[1] ? { year: yearNumber(m[1]) } : {}) });
  }
  return found;
}

/** 2027, or 二〇二七 digit by digit. */
function yearNumber(raw: string): number {
  return Number([...raw].map((c) => chineseNumber(c)).join(''));
}

/**
 * The day `md` names: in its year, or without one this year unless it has passed (then next year). Undefined when
 * that day doesn't exist (Feb 30, April 31, Feb 29 of a common year).
 */
export function existingDay(md: MonthDay, today: DateTime): WallDate | undefined {
  if (md.month < 1 || md.month > 12 || md.day < 1) return undefined;
  const now = toWallDate(today);
  const behind = md.month < now.month || (md.month === now.month && md.day < now.day);
  const year = md.year ?? now.year + (behind ? 1 : 0);
  const days = new Date(Date.UTC(year, md.month, 0)).getUTCDate();
  return md.day <= days ? { year, month: md.month, day: md.day } : undefined;
}

/** A day of the month named without its month. */
export interface DayOfMonth extends Span {
  day: number;
  /** Months from this one ("next month" 1, 下下个月 2); absent: this month, or next once the day has passed. */
  months?: number;
}

/** The days of the month named alone, in reading order. */
export function findDaysOfMonth(text: string): DayOfMonth[] {
  const found: DayOfMonth[] = [];
  for (const m of text.matchAll(ORDINAL_DAY)) {
    const which = m.groups?.which?.toLowerCase();
    const months = which === undefined ? undefined : which === 'next' ? 1 : 0;
    found.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, day: Number(m.groups?.day), ...(months === undefined ? {} : { months }) });
  }
  for (const m of text.matchAll(CHINESE_DAY)) {
    const months = m[1] === undefined ? undefined : m[1] === '下下' ? 2 : m[1] === '下' ? 1 : 0;
    found.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, day: chineseNumber(m[2]) ?? 0, ...(months === undefined ? {} : { months }) });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The date `dom` names (undefined when that month has no such day: 下个月31号 in a 30-day month). */
export function dayOfMonth(dom: DayOfMonth, today: DateTime): WallDate | undefined {
  const months = dom.months ?? (dom.day < today.day ? 1 : 0);
  const month = today.startOf('month').plus({ months });
  if (dom.day < 1 || dom.day > (month.daysInMonth ?? 0)) return undefined;
  return toWallDate(month.set({ day: dom.day }));
}
