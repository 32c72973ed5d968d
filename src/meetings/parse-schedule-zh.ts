// Reads the Simplified Chinese parts of a `schedule …` command: 明天下午2点, 下周三上午10点半, 一个半小时 …
// chrono's zh.hans parsers find the date and time phrases; what they get wrong or miss is filled in here
// (see the notes at each step). English mixed in ("Sprint 评审 明天3pm") is left for the English reader.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { message, type Message } from './message';
import type { DraftField } from './types';
import { CHINESE_NUMERAL, chineseNumber, halfWidth } from './chinese-text';
import { existingDay, findMonthDays } from './month-day';
import { type SettledRange, type TypedClock, settleRange } from './clock-range';
import {
  type ClockTime, type Connectives, type DateReading, type Span, type WallDate, bareWeekday, blank, dayLabel, findQuotedSubject,
  isBefore, longestFirst, timeLabel, toWallDate, weekDay, workdayHour,
} from './schedule-common';

// Built once: the English path pays for one regular-expression test and nothing else.
const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ef\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
const zh = chrono.zh.hans.casual;

/** True when the text has Chinese (or other CJK, or full-width) characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** What the Chinese reader found, for the English reader to complete. */
export interface ChineseReading {
  /** The text in half-width forms with everything read here blanked out (same length as the original). */
  masked: string;
  removed: Span[];
  quoted?: Span;
  durationMinutes?: number;
  /** The date, once the start time is known (a weekday said on that day depends on it). */
  date?: (time: ClockTime | undefined) => DateReading;
  /** Where that date was typed. */
  dateSpan?: Span;
  /** Other days named ("明天或者后天"): if one is another day, the form asks which. */
  otherDays: { span: Span; date: (time: ClockTime | undefined) => DateReading }[];
  /** A day that isn't in the calendar ("2月30日"), as typed. */
  noSuchDate?: string;
  time?: { time: ClockTime; ambiguity?: Message; midnight?: string };
  /** A range ("3点到4点半") and what was typed for it. */
  range?: { settled: SettledRange; text: string };
  /** "2小时后", "现在": an exact start. */
  instant?: DateTime;
  ambiguities: Partial<Record<DraftField, Message>>;
}

// ---------- normalising ----------

const N = CHINESE_NUMERAL;
/**
 * Rewrites that keep every index in place: forms chrono doesn't know become ones it does.
 * - 傍晚/黄昏/夜里 …: chrono has no such part of the day and reads 傍晚6点 as 6 AM.
 * - 本周五: chrono only knows 这周五.
 * - 十点一刻: chrono reads 一 as one minute and leaves 刻.
 * - 周5: chrono only knows 周五.
 * - "2点 三楼": chrono takes 三 as the minutes (2:03); minutes must follow the hour directly.
 */
const SAME_LENGTH: [RegExp, (match: string) => string][] = [
  [/傍晚|黄昏|晚间|夜里|夜间|夜晚/g, () => '晚上'],
  [/清晨|早晨/g, () => '早上'],
  [/本(?=周|星期|礼拜)/g, () => '这'],
  [/(?<=[点时])一刻/g, () => '15'],
  [/(?<=[点时])三刻/g, () => '45'],
  [/(?<=周|星期|礼拜)[1-7]/g, (d) => '一二三四五六日'[Number(d) - 1]],
  [/点钟/g, () => '点 '],
];
const SPACE_AFTER_HOUR = new RegExp(`(?<=[点时])\\s+(?=\\d|${N})`, 'g');

// ---------- durations ----------

// Not the minutes of a clock time: in "16:00 半小时" the 00 is not a number of hours.
const NUM = String.raw`(?<![\d.:：])(\d+(?:\.\d+)?|${N}+)`;
const DURATION_PATTERNS: { re: RegExp; minutes: (m: RegExpExecArray) => number | undefined }[] = [
  {
    // 1小时, 两个小时, 一个半小时, 1.5小时, 1小时30分钟, 一小时十五分
    re: new RegExp(String.raw`${NUM}\s*(?:个\s*)?(半\s*)?(?:小时|钟头)(?:\s*(?:零\s*)?(\d+|${N}+)\s*分(?:钟)?)?`, 'g'),
    minutes: (m) => hours(m[1], m[2]) + (m[3] ? chineseNumber(m[3]) ?? NaN : 0),
  },
  // 两个钟, 一个半钟
  { re: new RegExp(String.raw`${NUM}\s*个\s*(半\s*)?钟(?!头)`, 'g'), minutes: (m) => hours(m[1], m[2]) },
  { re: /半\s*(?:个\s*)?(?:小时|钟头)/g, minutes: () => 30 },
  // 一刻钟 is a quarter of an hour, 三刻钟 three.
  { re: new RegExp(String.raw`${NUM}\s*刻\s*钟`, 'g'), minutes: (m) => (chineseNumber(m[1]) ?? NaN) * 15 },
  { re: new RegExp(String.raw`${NUM}\s*分钟`, 'g'), minutes: (m) => chineseNumber(m[1]) },
];

function hours(count: string, half: string | undefined): number {
  return (chineseNumber(count) ?? NaN) * 60 + (half ? 30 : 0);
}

interface ZhDuration extends Span {
  minutes: number;
  /** "2小时后": a start that far from now, not a length. */
  fromNow: boolean;
}

function findChineseDurations(text: string): ZhDuration[] {
  const found: ZhDuration[] = [];
  for (const { re, minutes } of DURATION_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const value = minutes(m as RegExpExecArray);
      if (value === undefined || !Number.isFinite(value)) continue;
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const after = /^\s*(?:(?:之|以|过)?后|(?:之|以)?内|(?:之|以)?前)/.exec(text.slice(end));
      // "一小时内" (within an hour) and "一小时前" (an hour ago) are neither a length nor a start.
      if (after && !after[0].includes('后')) continue;
      found.push({ start, end: end + (after?.[0].length ?? 0), minutes: Math.round(value), fromNow: after !== null });
    }
  }
  return longestFirst(found);
}

// ---------- dates and times ----------

const RELATIVE_DAY = /(大后|后|明|今|昨|大前|前)(?:天|日|早|晚)/;
const DAY_OFFSET: Record<string, number> = { 大前: -3, 前: -2, 昨: -1, 今: 0, 明: 1, 后: 2, 大后: 3 };
const WEEKDAY = /(下下|上上|下|上|这)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])/;
const WEEKDAY_NUMBER: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const WEEK_OFFSET: Record<string, number> = { 上上: -2, 上: -1, 这: 0, 下: 1, 下下: 2 };
const WEEK_ONLY = new RegExp(`(下下|下)(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天\\d])`);
const NOW_WORDS = /^(?:现在|立刻|立即|即刻)$/;
/** The parts of the day chrono's patterns accept only as whole words: its 上/下/中/早/晚 alone match anywhere (线上, 中文). */
const DAY_PART_ONLY = /^(?:今|明|后|大后)?(?:天|日)?\s*(上午|下午|中午|早上|晚上|凌晨)$|^(今|明)(早|晚)$/;
const PERIOD = /凌晨|上午|早上|中午|下午|晚上|今早|明早|今晚|明晚|早|晚/g;
/** "1:1 周一": chrono takes the one-on-one for 1:01 and joins it to the date. */
const NOT_A_CLOCK = /^\d{1,2}:\d(?!\d)\s*/;
/** 2-4点, 2到4点: the start of a range whose first hour has no 点 of its own. */
const RANGE_HEAD = new RegExp(`(?<![\\w:.])(\\d{1,2}|${N}{1,3})\\s*(?:-|~|到|至)\\s*$`);
const PERIOD_BEFORE = /(?:凌晨|上午|早上|中午|下午|晚上|早|晚)\s*$/;
const LOOSE_PERIOD = new RegExp(`^(?:[上下中夜](?![午晚]))(?=\\s*(?:\\d|${N}))`);
// A colon time needs two-digit minutes: "1:1" is a one-on-one, not 1:01.
const CLOCK = new RegExp(`(\\d{1,2}|${N}{1,3})\\s*(?:点|时|:(?=\\d{2}))`);
const DAY_OF_MONTH = new RegExp(`(?<![\\d月])(\\d{1,2}|${N}{1,3})\\s*号`);
const RANGE_SEPARATOR = /\s*(?:到|至|-|~|〜|–|—)\s*/;

type Period = 'early' | 'morning' | 'noon' | 'afternoon' | 'evening';

function periodOf(word: string): Period {
  if (word === '凌晨') return 'early';
  if (/上午|早/.test(word)) return 'morning';
  if (word === '中午') return 'noon';
  if (word === '下午') return 'afternoon';
  return 'evening';
}

/** The last part-of-the-day word in `text`, if any. */
function lastPeriod(text: string): { index: number; period: Period } | undefined {
  let last: RegExpMatchArray | undefined;
  for (const m of text.matchAll(PERIOD)) last = m;
  return last === undefined ? undefined : { index: last.index ?? 0, period: periodOf(last[0]) };
}

interface HourReading {
  hour: number;
  ask: boolean;
  /** 晚上12点: midnight, at the end of the day named. */
  nextDay?: boolean;
}

/** The 24 h hour for `raw` said with `period` (or none); `literal` for 16点, 09:00. */
function readHour(raw: number, literal: boolean, period: Period | undefined): HourReading {
  if (literal || raw > 12) return { hour: raw % 24, ask: false };
  switch (period) {
    case 'early':
      return { hour: raw % 12, ask: false };
    case 'morning':
      return { hour: raw, ask: false };
    case 'noon':
      // 中午12点半, 中午1点: around midday.
      return { hour: raw <= 10 ? raw + 12 : raw, ask: false };
    case 'afternoon':
      return { hour: raw === 12 ? 12 : raw + 12, ask: false };
    case 'evening':
      return raw === 12 ? { hour: 0, ask: true, nextDay: true } : { hour: raw + 12, ask: false };
    default:
      return workdayHour(raw);
  }
}

interface Piece extends Span {
  text: string;
  result: chrono.ParsedResult;
}

/** Reads the Chinese date, time and duration phrases of `original`. */
export function readChinese(
  original: string,
  now: DateTime,
  reference: Date,
  ctx: { now: Date; timeZone: string },
): ChineseReading {
  let text = halfWidth(original);
  for (const [re, to] of SAME_LENGTH) text = text.replace(re, to);
  const reading: ChineseReading = { masked: text, removed: [], otherDays: [], ambiguities: {} };
  const take = (span: Span) => {
    reading.removed.push(span);
    reading.masked = blank(reading.masked, span);
  };

  const quoted = findQuotedSubject(text, true);
  if (quoted) {
    reading.quoted = quoted;
    take(quoted);
  }

  for (const d of findChineseDurations(reading.masked)) {
    take(d);
    if (d.fromNow) reading.instant ??= DateTime.fromMillis(ctx.now.getTime() + d.minutes * 60_000, { zone: ctx.timeZone });
    else reading.durationMinutes ??= d.minutes;
  }

  // A day that doesn't exist makes chrono drop the whole phrase, 下午3点 with it; Feb 29 without a year too.
  let leapDay: WallDate | undefined;
  for (const md of findMonthDays(reading.masked)) {
    const day = existingDay(md, now);
    if (day && !(md.month === 2 && md.day === 29)) continue;
    take(md);
    if (day) leapDay ??= day;
    else reading.noSuchDate ??= original.slice(md.start, md.end);
  }

  const pieces: Piece[] = [];
  for (const result of zh.parse(reading.masked.replace(SPACE_AFTER_HOUR, (s) => '|'.repeat(s.length)), reference, { forwardDate: true })) {
    let start = result.index;
    let piece = result.text;
    const loose = LOOSE_PERIOD.exec(piece) ?? NOT_A_CLOCK.exec(piece);
    if (loose) {
      start += loose[0].length;
      piece = piece.slice(loose[0].length);
    }
    // 下下周五: chrono reads the 下周五 and leaves the first 下.
    if (/^下(?:个)?(?:周|星期|礼拜)/.test(piece) && text[start - 1] === '下' && text[start - 2] !== '下') {
      start -= 1;
      piece = `下${piece}`;
    }
    pieces.push({ start, end: start + piece.length, text: piece, result });
  }

  // "2–3:30pm": a time with an English am/pm is the English reader's.
  const hasClock = (p: Piece) => CLOCK.test(p.text) && !/\d\s*[ap]\.?m\b/i.test(p.text);
  const hasDay = (p: Piece) =>
    RELATIVE_DAY.test(p.text) || WEEKDAY.test(p.text) || DAY_PART_ONLY.test(p.text.trim()) ||
    (p.result.start.isCertain('day') && p.result.start.isCertain('month'));
  /** A day of its own: 明天, 周三, 3月5日 — not a part of the day alone (下午). */
  const namesDay = (p: Piece) =>
    RELATIVE_DAY.test(p.text) || WEEKDAY.test(p.text) || (p.result.start.isCertain('day') && p.result.start.isCertain('month'));
  const timePiece = pieces.find(hasClock);
  const datePiece = pieces.find(hasDay);
  const nowPiece = pieces.find((p) => NOW_WORDS.test(p.text));

  if (nowPiece && !reading.instant) {
    reading.instant = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
    take(nowPiece);
  }
  if (datePiece) {
    take(datePiece);
    reading.date = (time) => readDate(datePiece, now, time);
    reading.dateSpan = datePiece;
    for (const other of pieces.filter((p) => p !== datePiece && namesDay(p))) {
      if (other !== timePiece) take(other);
      reading.otherDays.push({ span: other, date: (time) => readDate(other, now, time) });
    }
  } else if (leapDay) {
    const date = leapDay;
    reading.date = () => ({ date });
  } else {
    const week = WEEK_ONLY.exec(reading.masked);
    const dayOfMonth = DAY_OF_MONTH.exec(reading.masked);
    if (week) {
      const span = { start: week.index, end: week.index + week[0].length };
      take(span);
      const date = toWallDate(now.plus({ weeks: week[1].length }));
      reading.date = () => ({ date, ambiguity: message('parse.readDate', { typed: original.slice(span.start, span.end), date: dayLabel(date) }) });
    } else if (dayOfMonth) {
      // 8号: that day this month, or next month once it has gone by.
      const day = chineseNumber(dayOfMonth[1]) ?? 0;
      const thisMonth = now.set({ day: 1 }).plus({ days: day - 1 });
      const date = day < now.day ? now.set({ day: 1 }).plus({ months: 1, days: day - 1 }) : thisMonth;
      if (day >= 1 && day <= 31 && date.day === day) {
        take({ start: dayOfMonth.index, end: dayOfMonth.index + dayOfMonth[0].length });
        reading.date = () => ({ date: toWallDate(date) });
      }
    }
  }
  if (timePiece) {
    // 晚8点, 早9点: chrono reads the 晚 on its own and leaves the time without it.
    const before = PERIOD_BEFORE.exec(reading.masked.slice(0, timePiece.start));
    if (before && timePiece !== datePiece) {
      timePiece.start -= before[0].length;
      timePiece.text = text.slice(timePiece.start, timePiece.end);
    }
    const head = timePiece.result.end ? null : RANGE_HEAD.exec(reading.masked.slice(0, timePiece.start));
    if (timePiece !== datePiece) take(timePiece);
    if (head) take({ start: head.index, end: timePiece.start });
    // A part of the day given with the date ("明天下午，3点") counts for the time.
    const context = datePiece && datePiece !== timePiece && datePiece.end <= timePiece.start ? datePiece.text : '';
    readTime(timePiece, head, context, original, reading);
  } else if (datePiece && /中午$/.test(datePiece.text.trim())) {
    reading.time = { time: { hour: 12, minute: 0 } };
  }
  return reading;
}

function readDate(piece: Piece, now: DateTime, time: ClockTime | undefined): DateReading {
  const today = toWallDate(now);
  const relative = RELATIVE_DAY.exec(piece.text);
  if (relative) return { date: toWallDate(now.plus({ days: DAY_OFFSET[relative[1]] })) };

  const week = WEEKDAY.exec(piece.text);
  if (week) {
    const weekday = WEEKDAY_NUMBER[week[2]];
    // Chinese weeks run Monday to Sunday: 下周日 is the Sunday after next Monday, not the coming one.
    if (week[1]) return { date: weekDay(now, WEEK_OFFSET[week[1]], weekday) };
    return bareWeekday(now, weekday, time !== undefined && isBefore(time, now), week[0]);
  }

  const s = piece.result.start;
  if (s.isCertain('month') && s.isCertain('day') && !s.isCertain('year')) {
    // No year given: this year unless that day is already behind us (today stays today).
    const month = s.get('month') ?? today.month;
    const day = s.get('day') ?? today.day;
    const behind = month < today.month || (month === today.month && day < today.day);
    return { date: { year: today.year + (behind ? 1 : 0), month, day } };
  }
  if (s.isCertain('day')) {
    // A full date, or 3天后: chrono counted from the wall-clock reference, so these are the user's days.
    return { date: { year: s.get('year') ?? today.year, month: s.get('month') ?? today.month, day: s.get('day') ?? today.day } };
  }
  // 下午, 晚上 on their own: today.
  return { date: today };
}

interface ClockSpec {
  raw: number;
  minute: number;
  /** 16点, 09:00: a 24 h hour, taken as written. */
  literal: boolean;
  /** Its own part of the day, e.g. 下午 in 下午2点. */
  period?: Period;
  /** Where the user typed it, for messages. */
  typed: Span;
}

function clockSpec(part: string, partStart: number, components: chrono.ParsedComponents): ClockSpec | undefined {
  const clock = CLOCK.exec(part);
  if (!clock) return undefined;
  const period = lastPeriod(part.slice(0, clock.index));
  return {
    raw: chineseNumber(clock[1]) ?? components.get('hour') ?? 0,
    minute: components.get('minute') ?? 0,
    literal: /^0\d/.test(clock[1]),
    period: period?.period,
    typed: { start: partStart + (period?.index ?? clock.index ?? 0), end: partStart + part.length },
  };
}

function readTime(piece: Piece, head: RegExpExecArray | null, context: string, original: string, reading: ChineseReading): void {
  const r = piece.result;
  const parts = r.end ? piece.text.split(RANGE_SEPARATOR) : [piece.text];
  let start = clockSpec(parts[0], piece.start, r.start);
  if (!start) return;
  let end = r.end && parts.length > 1
    ? clockSpec(parts[parts.length - 1], piece.end - parts[parts.length - 1].length, r.end)
    : undefined;
  if (head) {
    // 下午2-4点: chrono reads only 4点; the 2 before it starts the range.
    end = start;
    start = { raw: chineseNumber(head[1]) ?? 0, minute: 0, literal: /^0\d/.test(head[1]), typed: { start: head.index, end: head.index + head[1].length } };
  }

  const startPeriod = start.period ?? lastPeriod(context)?.period;
  const startHour = readHour(start.raw, start.literal, startPeriod);
  const typed = original.slice(start.typed.start, start.typed.end).trim();
  reading.time = { time: { hour: startHour.hour, minute: start.minute } };
  if (startHour.nextDay) reading.time.midnight = typed;
  else if (startHour.ask) {
    reading.time.ambiguity = message('parse.readTime', { typed, time: timeLabel(reading.time.time) });
  }
  if (!end || startHour.nextDay) return;

  // 下午2点到3点半: the end takes the start's part of the day (clock-range.ts), and one that ends before it is asked.
  const settled = settleRange(typedClock(start, startPeriod, false), typedClock(end, end.period, true));
  const text = original.slice(head ? head.index : piece.start, piece.end).trim();
  reading.time = { time: { hour: settled.start.hour, minute: settled.start.minute } };
  if (settled.start.ask) reading.time.ambiguity = message('parse.readTime', { typed: text, time: timeLabel(reading.time.time) });
  reading.range = { settled, text };
}

/** What an end of a range says of itself: its hour as typed, and the 24-hour hour when its part of the day fixes it. */
function typedClock(spec: ClockSpec, period: Period | undefined, asEnd: boolean): TypedClock {
  if (spec.literal || spec.raw > 12) return { hour: spec.raw, minute: spec.minute, fixed: spec.raw % 24 };
  if (!period) return { hour: spec.raw, minute: spec.minute };
  const reading = readHour(spec.raw, false, period);
  // 晚上12点 ends the evening; as a start it is the midnight that begins the next day.
  return { hour: spec.raw, minute: spec.minute, fixed: reading.nextDay ? (asEnd ? 24 : 0) : reading.hour };
}

// ---------- subject ----------

const EN_CONNECTOR = String.raw`(?:at|on|for|from|to|until|till|by|between|and|or|starting|starts|start|@)`;
const PUNCTUATION = String.raw`[,;:@\-–—，、；：。~～|]`;
/**
 * Particles that tie a removed phrase in: 明天下午2点[的]设计评审, 设计评审[在]明天, [时长]一小时, 3点[左右],
 * [开/召开]项目会 (but 开会 is a subject of its own).
 */
export const CHINESE_CONNECTIVES: Connectives = {
  leading: new RegExp(
    String.raw`^(?:\s*(?:${PUNCTUATION}|的|在|于|从|到|至|或者|或|还是|左右|整|开(?!会)|召开|举行|进行|${EN_CONNECTOR}(?=\s|$|[^\x00-\x7f])))+`,
    'i',
  ),
  trailing: new RegExp(
    String.raw`(?:(?:${PUNCTUATION}|在|于|定在|安排在|约在|是|从|或者|或|还是|时长|为时|持续|为期|共|大约|大概|约|(?<=^|\s|[^\x00-\x7f])${EN_CONNECTOR})\s*)+$`,
    'i',
  ),
  ends: /^[\s,;:\-–—"“”„«»‘，、；：。！？!?.|]+|[\s,;:\-–—"“”„«»’，、；：。！？!?.|]+$/g,
};
