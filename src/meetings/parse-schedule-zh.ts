// Reads the Simplified Chinese parts of a `schedule …` command: 明天下午2点, 下周三上午10点半, 一个半小时 …
// Times (clock-zh.ts), weekdays, days with their month and lengths are read by our own rules — chrono's zh.hans
// parser reads 周三十点 as 6:00 and drops a time next to 2月30日; it still reads what is left: 明天, 今晚, 3天后,
// 现在. English mixed in ("Sprint 评审 明天3pm") is left for the English reader.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { message, type Message } from './message';
import type { DraftField } from './types';
import { CHINESE_NUMERAL, chineseNumber, halfWidth } from './chinese-text';
import { type ChineseClock, type FoundChineseClock, type Period, findChineseClocks, lastPeriod } from './clock-zh';
import { type DayOfMonth, dayOfMonth, existingDay, findDaysOfMonth, findMonthDays } from './month-day';
import { type SettledRange, type TypedClock, settleRange } from './clock-range';
import {
  type ClockTime, type Connectives, type DateReading, type Span, bareWeekday, blank, dayLabel, findQuotedSubject,
  isBefore, joinedByOr, lengthOfferedBefore, longestFirst, MAX_NAMED_DAYS, type OfferedLengthPattern, startBefore, timeLabel,
  toWallDate, weekDay, workdayHour,
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
 * Rewrites that keep every index in place, so fewer spellings need reading:
 * - 傍晚/黄昏/夜里 …: evening words as 晚上 (傍晚6点 is 6 PM).
 * - 本周五: 这周五.
 * - 十点一刻, 十点三刻: the quarters as minutes, 15 and 45.
 * - 周5: 周五.
 */
const SAME_LENGTH: [RegExp, (match: string) => string][] = [
  [/傍晚|黄昏|晚间|夜里|夜间|夜晚/g, () => '晚上'],
  [/清晨|早晨/g, () => '早上'],
  [/本(?=周|星期|礼拜)/g, () => '这'],
  [/(?<=[点时])一刻/g, () => '15'],
  [/(?<=[点时])三刻/g, () => '45'],
  [/(?<=周|星期|礼拜)[1-7]/g, (d) => '一二三四五六日'[Number(d) - 1]],
];

// ---------- durations ----------

// Not the minutes of a clock time: in "16:00 半小时" the 00 and in "12点四十 半小时" the 四十 are not hours.
const NUM = String.raw`(?<![\d.:：点时]|${N})(\d+(?:\.\d+)?|${N}+)`;
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

/** Longer than a day is not a meeting's length. */
const MAX_LENGTH_MINUTES = 24 * 60;

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
      // "Budget 2027 半小时": no meeting lasts 2027 hours; the number is the subject's.
      if (value === undefined || !Number.isFinite(value) || value > MAX_LENGTH_MINUTES) continue;
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

/** "1到2小时" (1 hour), "30或45分钟": a length offered before another, in its unit. */
const CHINESE_OFFERED_LENGTH: OfferedLengthPattern = {
  own: new RegExp(String.raw`^(\d+(?:\.\d+)?|${N}+)`),
  offered: new RegExp(String.raw`(?<![\d.:：点时]|${N})(\d+(?:\.\d+)?|${N}+)\s*(?:到|至|或者|或|-|~|～)\s*$`),
  reach: 12,
  count: chineseNumber,
};

// ---------- dates and times ----------

const RELATIVE_DAY = /(大后|后|明|今|昨|大前|前)(?:天|日|早|晚)/;
const DAY_OFFSET: Record<string, number> = { 大前: -3, 前: -2, 昨: -1, 今: 0, 明: 1, 后: 2, 大后: 3 };
// Weekdays are read here, not by chrono: it reads 周三十点 as 6:00 and 下周三五点 as 8:15.
const WEEKDAYS = /(下下|上上|下|上|这|每)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])/g;
const WEEKDAY_NUMBER: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const WEEK_OFFSET: Record<string, number> = { 上上: -2, 上: -1, 这: 0, 下: 1, 下下: 2 };
const WEEK_ONLY = new RegExp(`(下下|下)(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天\\d])`);
const NOW_WORDS = /^(?:现在|立刻|立即|即刻)$/;
/** The parts of the day chrono's patterns accept only as whole words: its 上/下/中/早/晚 alone match anywhere (线上, 中文). */
const DAY_PART_ONLY = /^(?:今|明|后|大后)?(?:天|日)?\s*(上午|下午|中午|早上|晚上|凌晨)$|^(今|明)(早|晚)$/;
const MONTH_ONLY = /(下下|下)个?月(?![\d号日零〇一二两三四五六七八九十])/;

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

/** A day named in the text, with how to read it once the start time is known. */
interface NamedDay {
  span: Span;
  read: (time: ClockTime | undefined) => DateReading;
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
    // "1到2小时", "1或2小时": two lengths offered; the first is put in and asked about.
    const offered = d.fromNow ? undefined : lengthOfferedBefore(reading.masked, d, CHINESE_OFFERED_LENGTH);
    take(d);
    if (offered) take(offered);
    if (d.fromNow) reading.instant ??= DateTime.fromMillis(ctx.now.getTime() + d.minutes * 60_000, { zone: ctx.timeZone });
    else if (reading.durationMinutes === undefined) {
      reading.durationMinutes = offered ? Math.round(offered.minutes) : d.minutes;
      if (offered) reading.ambiguities.duration = message('parse.twoLengths', { typed: original.slice(offered.start, d.end).trim(), length: { minutes: reading.durationMinutes } });
    }
  }

  // Days with their month (a day that doesn't exist makes chrono drop the time next to it), and weekdays.
  const days: NamedDay[] = [];
  for (const md of findMonthDays(reading.masked)) {
    if (md.day > 31 || days.length >= MAX_NAMED_DAYS) continue;
    take(md);
    const date = existingDay(md, now);
    if (date) days.push({ span: md, read: () => ({ date }) });
    else reading.noSuchDate ??= original.slice(md.start, md.end);
  }
  for (const m of reading.masked.matchAll(WEEKDAYS)) {
    if (days.length >= MAX_NAMED_DAYS) break;
    const span = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    take(span);
    days.push({ span, read: (time) => weekdayDate(m, now, time) });
  }

  // 下个月5号, 本月20日: a day of a month counted from this one. 8号 alone is read only when no other day is named.
  const unqualified: DayOfMonth[] = [];
  for (const dom of findDaysOfMonth(reading.masked)) {
    if (dom.months === undefined) unqualified.push(dom);
    else if (days.length < MAX_NAMED_DAYS) {
      take(dom);
      const date = dayOfMonth(dom, now);
      if (date) days.push({ span: dom, read: () => ({ date }) });
      else reading.noSuchDate ??= original.slice(dom.start, dom.end);
    }
  }

  // Two times ("下午3点或者4点") are asked about, both taken out of the subject.
  const [clock, secondClock] = findChineseClocks(reading.masked);
  if (clock) take(clock.span);
  if (secondClock) take(secondClock.span);

  // chrono for the rest: 明天, 今晚, 3天后, 现在, a part of the day on its own.
  const pieces: Piece[] = [];
  for (const result of zh.parse(reading.masked, reference, { forwardDate: true })) {
    const loose = LOOSE_PERIOD.exec(result.text);
    const start = result.index + (loose?.[0].length ?? 0);
    const piece = result.text.slice(loose?.[0].length ?? 0);
    if (piece.trim() !== '') pieces.push({ start, end: start + piece.length, text: piece, result });
  }
  const hasDay = (p: Piece) => RELATIVE_DAY.test(p.text) || DAY_PART_ONLY.test(p.text.trim()) || p.result.start.isCertain('day');
  const nowPiece = pieces.find((p) => NOW_WORDS.test(p.text));
  if (nowPiece && !reading.instant) {
    reading.instant = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
    take(nowPiece);
  }
  // 下午, 晚上 alone name today only when no day is named; with one (周三下午) they only say the part of the day.
  const partsOnly = pieces.filter((p) => DAY_PART_ONLY.test(p.text.trim()) && !RELATIVE_DAY.test(p.text));
  const dayPieces = pieces.filter(hasDay).slice(0, Math.max(0, MAX_NAMED_DAYS - days.length));
  const someDay = days.length > 0 || dayPieces.some((p) => !partsOnly.includes(p));
  for (const piece of dayPieces) {
    take(piece);
    if (!someDay || !partsOnly.includes(piece)) days.push({ span: piece, read: () => pieceDate(piece, now) });
  }

  // 20号 alone is a day only when no other is named — or when it is offered with one: 20号或者下周三, 26号或28号.
  const period = WEEK_ONLY.exec(reading.masked) ?? MONTH_ONLY.exec(reading.masked);
  for (const dom of unqualified.slice(0, MAX_NAMED_DAYS)) {
    const alone = days.length === 0 && !period;
    if (!alone && !days.some((d) => joinedByOr(reading.masked, d.span, dom))) continue;
    take(dom);
    const date = dayOfMonth(dom, now);
    if (date) days.push({ span: dom, read: () => ({ date }) });
    else reading.noSuchDate ??= original.slice(dom.start, dom.end);
    if (days.length >= MAX_NAMED_DAYS) break;
  }
  days.sort((a, b) => a.span.start - b.span.start);
  const [first, ...others] = days;
  if (first) {
    reading.date = first.read;
    reading.dateSpan = first.span;
    reading.otherDays = others.map((d) => ({ span: d.span, date: d.read }));
  } else if (period) {
    // 下周, 下个月 without a day: the same day then prefills the form, which asks for the day.
    const span = { start: period.index, end: period.index + period[0].length };
    take(span);
    const date = toWallDate(now.plus(/月/.test(period[0]) ? { months: period[1].length } : { weeks: period[1].length }));
    reading.date = () => ({ date, ambiguity: message('parse.readDate', { typed: original.slice(span.start, span.end), date: dayLabel(date) }) });
  }

  if (clock) {
    // A part of the day said just before the time ("明天下午，3点", 今晚7点, 周三晚上 8点) counts for the time.
    const context = lastPeriod(text.slice(Math.max(0, clock.span.start - 6), clock.span.start));
    readTime(clock, context, original, reading);
    if (secondClock && reading.time && !reading.time.midnight) {
      const typed = original.slice(clock.span.start, secondClock.span.end).trim();
      reading.time.ambiguity = message('parse.twoTimes', { typed, time: timeLabel(reading.time.time) });
    }
  } else if (first && /中午\s*$/.test(text.slice(first.span.start, first.span.end))) {
    reading.time = { time: { hour: 12, minute: 0 } };
  }
  return reading;
}

interface Piece extends Span {
  text: string;
  result: chrono.ParsedResult;
}

/**
 * What chrono puts before a day that is no part of it: 上/下/中/夜 alone, which it reads as parts of the day (线上会议),
 * and a one-on-one it takes for 1:01 ("1:1 明天").
 */
const LOOSE_PERIOD = /^(?:[上下中夜](?![午晚])|\d{1,2}:\d(?!\d)\s*)/;

/** 周三, 下周五, 下下礼拜一: Chinese weeks run Monday to Sunday, so 下周日 is the Sunday after next Monday. */
function weekdayDate(m: RegExpMatchArray, now: DateTime, time: ClockTime | undefined): DateReading {
  const weekday = WEEKDAY_NUMBER[m[2]];
  // 每周一 (every Monday): one meeting, the coming one.
  if (m[1] && m[1] !== '每') return { date: weekDay(now, WEEK_OFFSET[m[1]], weekday) };
  return bareWeekday(now, weekday, time !== undefined && isBefore(time, now), m[0]);
}

/** A day chrono found: 明天, 今晚, 3天后, or a part of the day alone (today). */
function pieceDate(piece: Piece, now: DateTime): DateReading {
  const today = toWallDate(now);
  const relative = RELATIVE_DAY.exec(piece.text);
  if (relative) return { date: toWallDate(now.plus({ days: DAY_OFFSET[relative[1]] })) };
  const s = piece.result.start;
  if (s.isCertain('day')) {
    // 3天后: chrono counted from the wall-clock reference, so these are the user's days.
    return { date: { year: s.get('year') ?? today.year, month: s.get('month') ?? today.month, day: s.get('day') ?? today.day } };
  }
  return { date: today };
}

function readTime(clock: FoundChineseClock, context: Period | undefined, original: string, reading: ChineseReading): void {
  const { start, end } = clock;
  const startPeriod = start.period ?? context;
  const startHour = readHour(start.raw, start.literal, startPeriod);
  if (clock.endOnly) {
    // 到下午5点: with a length typed the start is that much earlier; without one, the start is asked.
    const from = startHour.nextDay ? undefined : startBefore({ hour: startHour.hour, minute: start.minute }, reading.durationMinutes);
    if (from) reading.time = { time: from };
    else reading.ambiguities.time = message('parse.endOnly', { typed: original.slice(clock.span.start, clock.span.end).trim() });
    return;
  }
  const typed = original.slice(clock.approx ? clock.span.start : start.typed.start, clock.approx ? clock.span.end : start.typed.end).trim();
  reading.time = { time: { hour: startHour.hour, minute: start.minute } };
  if (startHour.nextDay) reading.time.midnight = typed;
  else if (startHour.ask || clock.approx) {
    reading.time.ambiguity = message('parse.readTime', { typed, time: timeLabel(reading.time.time) });
  }
  if (!end || startHour.nextDay) return;

  // 下午2点到3点半: the end takes the start's part of the day (clock-range.ts), and one that ends before it is asked.
  const settled = settleRange(typedClock(start, startPeriod, false), typedClock(end, end.period, true));
  const text = original.slice(clock.span.start, clock.span.end).trim();
  reading.time = { time: { hour: settled.start.hour, minute: settled.start.minute } };
  if (settled.start.ask) reading.time.ambiguity = message('parse.readTime', { typed: text, time: timeLabel(reading.time.time) });
  reading.range = { settled, text };
}

/** What an end of a range says of itself: its hour as typed, and the 24-hour hour when its part of the day fixes it. */
function typedClock(spec: ChineseClock, period: Period | undefined, asEnd: boolean): TypedClock {
  if (spec.literal || spec.raw > 12) return { hour: spec.raw, minute: spec.minute, fixed: spec.raw === 24 ? 24 : spec.raw % 24 };
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
