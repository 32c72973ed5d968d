// What the English and the Chinese readers of a `schedule …` command share: spans of text, the user's
// own calendar day, how a bare hour is read, and what is left over as the subject.
import type * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { message, type Message } from './message';
import { resolveLocalTime } from './zoned-time';

export interface Span {
  start: number;
  end: number;
}

export interface FoundDuration extends Span {
  minutes: number;
}

export interface ClockTime {
  hour: number;
  minute: number;
}

export interface WallDate {
  year: number;
  month: number;
  day: number;
}

// ---------- the user's own day ----------

/**
 * A Date whose *server-local* fields are the user's wall clock. chrono does its calendar arithmetic
 * ("tomorrow", "the day after tomorrow", weekdays, the Chinese parsers' 明天/周三) with the local
 * getters of a Date, and some of its refiners drop a `timezone` reference; handing it the user's wall
 * clock as a plain local Date keeps all of that on the user's calendar day, whatever zone the server
 * runs in. Read results back with `get(...)`, never `.date()`.
 */
export function wallReference(now: DateTime): Date {
  return new Date(now.year, now.month - 1, now.day, now.hour, now.minute, now.second, now.millisecond);
}

/** The wall clock a chrono component set names, as epoch ms of that wall clock read as UTC. */
function wallMs(c: chrono.ParsedComponents): number {
  return Date.UTC(
    c.get('year') ?? 0, (c.get('month') ?? 1) - 1, c.get('day') ?? 1,
    c.get('hour') ?? 0, c.get('minute') ?? 0, c.get('second') ?? 0, c.get('millisecond') ?? 0,
  );
}

function dateWallMs(d: Date): number {
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
}

/**
 * "in 2 hours", "now", "2小时后": chrono added the span to the wall-clock reference; add the same span
 * to the real instant instead, so a DST change in the user's zone (or the server's) is counted right.
 */
export function relativeInstant(r: chrono.ParsedResult, reference: Date, now: Date, timeZone: string): DateTime {
  const elapsed = wallMs(r.start) - dateWallMs(reference);
  return DateTime.fromMillis(now.getTime() + elapsed, { zone: timeZone });
}

/** Weeks start on Monday: the Monday of the week `weeks` from now's (luxon weekday 1). */
export function weekDay(now: DateTime, weeks: number, chronoWeekday: number): WallDate {
  // chrono's weekday: Sunday 0 … Saturday 6; Sunday is the week's last day.
  return toWallDate(now.startOf('week').plus({ weeks, days: (chronoWeekday + 6) % 7 }));
}

/** Nobody names more days than this in one request; past it the text is no request, and each day costs a read. */
export const MAX_NAMED_DAYS = 8;

/** A day right before a number: "standup tomorrow 9", "sync Fri 10", "tomorrow 9h". */
export const DAY_JUST_BEFORE = /\b(?:today|tomorrow|tmrw|tmr|mon|monday|tue|tues|tuesday|wed|weds|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday)\s{1,3}$/i;

/** What joins two days offered as alternatives: "20th or Friday", 20号或者下周三. */
const OR_JOIN = /^[\s,，]{0,3}(?:or|或者|或|还是)(?:\s{1,3}(?:on\s{1,3})?(?:the)?)?\s{0,3}$/i;

/** Whether `a` and `b` are next to each other in `text` with only an "or" between them. */
export function joinedByOr(text: string, a: Span, b: Span): boolean {
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  return second.start - first.end <= 16 && OR_JOIN.test(text.slice(first.end, second.start));
}

export interface DateReading {
  date: WallDate;
  ambiguity?: Message;
}

/**
 * A weekday named on its own ("Friday", "周五"): its next occurrence. Said on that same weekday it could
 * mean today or a week from today; take today unless the time has passed, and ask either way.
 */
export function bareWeekday(now: DateTime, chronoWeekday: number, timePassed: boolean, typed: string): DateReading {
  let days = (chronoWeekday - (now.weekday % 7) + 7) % 7;
  if (days !== 0) return { date: toWallDate(now.plus({ days })) };
  if (timePassed) days = 7;
  const date = toWallDate(now.plus({ days }));
  return {
    date,
    ambiguity: message(days === 0 ? 'parse.weekdayToday' : 'parse.weekdayNextWeek', { typed, date: dayLabel(date) }),
  };
}

/** A day as messages name it ("Fri, Nov 27" in English). */
export function dayLabel(date: WallDate): { date: string } {
  return { date: isoDate(date) };
}

/** A time as messages name it ("3:00 PM" in English). */
export function timeLabel(time: ClockTime): { time: string } {
  return { time: `${pad(time.hour)}:${pad(time.minute)}` };
}

// ---------- hours without am/pm ----------

/**
 * The hour a colleague assumes for a work meeting when none of am/pm, a 24 h form or a part of the day
 * is given: 8–11 morning, 12 noon, 1–6 afternoon. 7 is as likely an early call as an evening one:
 * read as 7 PM and asked.
 */
export function workdayHour(hour: number): { hour: number; ask: boolean } {
  if (hour >= 1 && hour <= 6) return { hour: hour + 12, ask: false };
  if (hour === 7) return { hour: 19, ask: true };
  return { hour, ask: false };
}

/**
 * When a meeting that ends at `end` and lasts `minutes` starts, on the same wall clock ("until 5pm for 2 hours":
 * 3 PM); undefined without a length, or when it would start the day before.
 */
export function startBefore(end: ClockTime, minutes: number | undefined): ClockTime | undefined {
  const start = minutes === undefined ? -1 : end.hour * 60 + end.minute - minutes;
  return start >= 0 ? { hour: Math.floor(start / 60), minute: start % 60 } : undefined;
}

/** True when the wall-clock `time` is earlier than now's minute (so it has passed today). */
export function isBefore(time: ClockTime, now: DateTime): boolean {
  return time.hour * 60 + time.minute < now.hour * 60 + now.minute;
}

/**
 * Real minutes from `date time` to `end` (`dayDelta` days later), in `timeZone`; an end before the start
 * on the same day means the next day ("11pm to 1am"). Undefined when the end is before the start.
 */
export function minutesUntil(date: WallDate, time: ClockTime, end: ClockTime, dayDelta: number, timeZone: string): number | undefined {
  const startAt = resolveLocalTime(isoDate(date), `${pad(time.hour)}:${pad(time.minute)}`, timeZone).instant;
  const endDate = toWallDate(DateTime.fromObject(date, { zone: 'UTC' }).plus({ days: dayDelta }));
  let endAt = resolveLocalTime(isoDate(endDate), `${pad(end.hour)}:${pad(end.minute)}`, timeZone).instant;
  if (endAt < startAt && dayDelta === 0) endAt = endAt.plus({ days: 1 });
  const minutes = Math.round(endAt.diff(startAt, 'minutes').minutes);
  return minutes >= 0 ? minutes : undefined;
}

// ---------- subject ----------

// Opening quote → closing quotes accepted for it (phones mix smart and straight quotes).
const QUOTE_PAIRS: Record<string, string> = {
  '"': '"”“', '“': '”"“', '„': '“”"', '«': '»', '”': '”"', "'": "'’", '‘': "’'",
  '「': '」', '『': '』', '《': '》', '【': '】', '＂': '＂',
};

/**
 * The first quoted phrase. In English text quotes must sit at word edges, so the apostrophes in
 * "Sam's 1:1 with Bob's team" are not read as a quoted "s 1:1 with Bob"; Chinese has no spaces, so
 * there only a Latin letter or digit next to the quote disqualifies it.
 */
export function findQuotedSubject(text: string, cjk = false): Span | undefined {
  const openEdge = cjk ? /[^A-Za-z0-9]/ : /[\s([{]/;
  const closeEdge = cjk ? /^(?:$|[^A-Za-z0-9])/ : /^(?:$|[\s,.;:!?)\]}])/;
  for (let i = 0; i < text.length; i++) {
    const closers = QUOTE_PAIRS[text[i]];
    if (!closers || (i > 0 && !openEdge.test(text[i - 1])) || /\s/.test(text[i + 1] ?? ' ')) continue;
    for (let j = i + 1; j < text.length; j++) {
      if (closers.includes(text[j]) && closeEdge.test(text.slice(j + 1, j + 2))) {
        return { start: i, end: j + 1 };
      }
    }
  }
  return undefined;
}

/** Words that only tie a removed date/time/duration phrase to the rest, stripped next to one. */
export interface Connectives {
  leading: RegExp;
  trailing: RegExp;
  /** Punctuation and spaces trimmed from the ends of the whole subject. */
  ends: RegExp;
}

const CONNECTOR = String.raw`(?:at|on(?:\s+the)?|the|for|from|to|until|till|by|between|and|or|every|starting|starts|start|sometime|some\s+time|@)`;
const ENGLISH_CONNECTIVES: Connectives = {
  leading: new RegExp(String.raw`^(?:\s*(?:[,;:@\-–—]|${CONNECTOR}(?=\s|$)))+`, 'i'),
  trailing: new RegExp(String.raw`(?:(?:[,;:@\-–—]|(?<=^|\s)${CONNECTOR})\s*)+$`, 'i'),
  ends: /^[\s,;:\-–—"“”„«»‘]+|[\s,;:\-–—"“”„«»’]+$/g,
};

/** What is left once the date/time and duration phrases and the words tying them in are taken out. */
export function leftoverSubject(text: string, removed: Span[], words: Connectives = ENGLISH_CONNECTIVES): string | undefined {
  const spans = [...removed].sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let cursor = 0;
  for (const span of [...spans, { start: text.length, end: text.length }]) {
    if (span.start < cursor) {
      cursor = Math.max(cursor, span.end);
      continue;
    }
    let piece = text.slice(cursor, span.start);
    // Connectors only dangle where a removed phrase was next to them.
    if (cursor > 0) piece = piece.replace(words.leading, '');
    if (span.start < text.length) piece = piece.replace(words.trailing, '');
    pieces.push(piece);
    cursor = span.end;
  }
  const subject = pieces
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(words.ends, '');
  return subject === '' ? undefined : subject;
}

/** `text` with `span` replaced by spaces: same length, so indexes still map onto the original. */
export function blank(text: string, span: Span): string {
  return text.slice(0, span.start) + ' '.repeat(span.end - span.start) + text.slice(span.end);
}

// ---------- English durations ----------

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, 'forty-five': 45, 'forty five': 45,
  sixty: 60, ninety: 90,
};
// Digits must start a word: "Q45m" is a name, not 45 minutes.
const NUM = String.raw`(?<![\w.,:/])(\d+(?:[.,]\d+)?|\b(?:forty[- ]five|${Object.keys(NUMBER_WORDS).filter((w) => !w.startsWith('forty')).join('|')})\b)`;
const HOURS = String.raw`(?:hours?|hrs?|h)`;
const MINUTES = String.raw`(?:minutes?|mins?|m)`;
const HALF_HOUR = String.raw`(?:half\s+an?\s+hour|(?:a\s+)?half[\s-]hour)`;
const PREFIX = String.raw`(?:\b(?:for|lasting)\s+(?:(?:about|around|roughly|approximately|approx\.?)\s+)?)?`;
const END = String.raw`(?![\w:])`;

const DURATION_PATTERNS: { re: RegExp; minutes: (m: RegExpExecArray) => number }[] = [
  {
    // "1 hour 30 minutes", "1h30", "an hour and a half", "2 hrs", "1.5 hours"
    re: new RegExp(
      // Minutes without a unit only when glued on ("1h30"): in "2 hours 3 pm" the 3 is a clock time.
      String.raw`${PREFIX}${NUM}\s*-?\s*${HOURS}(?:\s*(?:and\s+)?(?:(a\s+half)|(\d{1,2})\s*${MINUTES})|(\d{2}))?${END}`,
      'gi',
    ),
    minutes: (m) => toNumber(m[1]) * 60 + (m[2] ? 30 : 0) + Number(m[3] ?? m[4] ?? 0),
  },
  {
    // "1 and a half hours"
    re: new RegExp(String.raw`${PREFIX}${NUM}\s+and\s+a\s+half\s+${HOURS}${END}`, 'gi'),
    minutes: (m) => toNumber(m[1]) * 60 + 30,
  },
  {
    // "1:30 hours" (a bare "for 1:30" stays unread: it could be a clock time)
    re: new RegExp(String.raw`${PREFIX}(?<![\w.,:/])(\d{1,2}):([0-5]\d)\s*${HOURS}${END}`, 'gi'),
    minutes: (m) => Number(m[1]) * 60 + Number(m[2]),
  },
  { re: new RegExp(String.raw`${PREFIX}${HALF_HOUR}${END}`, 'gi'), minutes: () => 30 },
  // "45 min", "90m", "thirty minutes"
  { re: new RegExp(String.raw`${PREFIX}${NUM}\s*-?\s*${MINUTES}${END}`, 'gi'), minutes: (m) => toNumber(m[1]) },
];

export function findDurations(text: string): FoundDuration[] {
  const found: FoundDuration[] = [];
  for (const { re, minutes } of DURATION_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const before = text.slice(0, start);
      const hasPrefix = /^(?:for|lasting)\b/i.test(m[0]);
      // "in 2 hours" is a start time and "at 15h30" a clock time: leave those to chrono.
      if (!hasPrefix && /\b(?:in|within|after|every|at)\s*$|@\s*$/i.test(before)) continue;
      if (/^\s*(?:ago|before|after|later|earlier|from\s+now|of)\b/i.test(text.slice(start + m[0].length))) continue;
      // "14h30", "09h15", "9h30" are clock times (clock-en.ts); a length glued that way is "1h15", "2h30".
      if (/^\s*(?:\d{2}|[5-9])\s*h\s*\d{2}$/i.test(m[0])) continue;
      // "15h" without "for": a 24-hour time (no meeting lasts from 13 to 23 hours).
      if (!hasPrefix && /^(?:1[3-9]|2[0-3])h$/i.test(m[0])) continue;
      // "tomorrow 9h": 9 o'clock as much as 9 hours, so the clock reader takes it and asks; "2h" there is a length.
      if (!hasPrefix && /^(?:[7-9]|1[0-2])h$/i.test(m[0]) && DAY_JUST_BEFORE.test(before.slice(-12))) continue;
      found.push({ start, end: start + m[0].length, minutes: minutes(m as RegExpExecArray) });
    }
  }
  return longestFirst(found);
}

/** How one language writes a length offered before another: "1 or 2 hours", "1到2小时". */
export interface OfferedLengthPattern {
  /** The count that starts the length found (group 1). */
  own: RegExp;
  /** The other count and its joiner, ending where the length found starts (group 1 the count). */
  offered: RegExp;
  /** How far before the length found the other may start. */
  reach: number;
  count: (raw: string) => number | undefined;
}

const ENGLISH_OFFERED_LENGTH: OfferedLengthPattern = {
  own: /^(?:(?:for|lasting)\s{1,3})?(\d+(?:[.,]\d+)?)/i,
  offered: /(?:\b(?:for|lasting)\s{1,3})?(?<![\w.,:/])(\d+(?:[.,]\d+)?)\s{1,3}or\s{1,3}$/i,
  reach: 32,
  count: toNumber,
};

/**
 * The length offered right before `found` as its other choice, in its unit: "1 or 2 hours" (1 hour), "for 30 or 45
 * minutes" (30 minutes); in Chinese with its own `pattern`.
 */
export function lengthOfferedBefore(text: string, found: FoundDuration, pattern: OfferedLengthPattern = ENGLISH_OFFERED_LENGTH): FoundDuration | undefined {
  const own = pattern.own.exec(text.slice(found.start, found.end));
  const offered = pattern.offered.exec(text.slice(Math.max(0, found.start - pattern.reach), found.start));
  const ownCount = own ? pattern.count(own[1]!) : undefined;
  const offeredCount = offered ? pattern.count(offered[1]!) : undefined;
  if (!offered || !ownCount || !offeredCount) return undefined;
  const minutes = (found.minutes * offeredCount) / ownCount;
  return minutes > 0 && Number.isFinite(minutes) ? { start: found.start - offered[0].length, end: found.start, minutes } : undefined;
}

/** Keeps the longest of overlapping matches, in reading order. */
export function longestFirst<T extends Span>(found: T[]): T[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found.filter((d, i) => !found.slice(0, i).some((o) => d.start < o.end && o.start < d.end));
}

function toNumber(raw: string): number {
  const word = NUMBER_WORDS[raw.toLowerCase().replace(/\s+/, ' ')];
  return word ?? Number(raw.replace(',', '.'));
}

// ---------- small helpers ----------

export function toWallDate(dt: DateTime): WallDate {
  return { year: dt.year, month: dt.month, day: dt.day };
}

export function isoDate(d: WallDate): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}
