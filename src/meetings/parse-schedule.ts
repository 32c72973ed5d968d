// Reads a typed `schedule …` command into a MeetingDraft in the user's own wall-clock terms.
import * as chrono from 'chrono-node';
import { DateTime, FixedOffsetZone } from 'luxon';
import type { DraftField, MeetingDraft, ParsedSchedule } from './types';
import { localNow, resolveLocalInstant, resolveLocalTime } from './zoned-time';

interface Span {
  start: number;
  end: number;
}

interface FoundDuration extends Span {
  minutes: number;
}

interface ClockTime {
  hour: number;
  minute: number;
}

interface WallDate {
  year: number;
  month: number;
  day: number;
}

/** Requests longer than this are not parsed. */
export const MAX_PARSED_CHARS = 1000;

/** Throws RangeError for an unknown `ctx.timeZone` (check it with isValidTimeZone first). */
export function parseSchedule(text: string, ctx: { now: Date; timeZone: string }): ParsedSchedule {
  const now = localNow(ctx.now, ctx.timeZone);
  // Date parsing grows faster than linearly with the text and nobody types a meeting request this long: the
  // text becomes the subject as it is (validation then says how long it is), so nothing typed is lost.
  if (text.length > MAX_PARSED_CHARS) return { draft: { subject: text }, ambiguities: {} };
  const draft: MeetingDraft = {};
  const ambiguities: Partial<Record<DraftField, string>> = {};
  const removed: Span[] = [];
  // Same length as `text` so chrono's indexes map straight back onto the original.
  let masked = text;

  const quoted = findQuotedSubject(text);
  if (quoted) {
    removed.push(quoted);
    masked = blank(masked, quoted);
    const inner = text.slice(quoted.start + 1, quoted.end - 1);
    if (inner.trim() !== '') draft.subject = inner;
  }

  // Durations go first: with forwardDate chrono reads a bare "45 minutes" as "45 minutes from now".
  const durations = findDurations(masked);
  for (const d of durations) {
    removed.push(d);
    masked = blank(masked, d);
  }
  if (durations.length > 0) draft.durationMinutes = Math.round(durations[0].minutes);

  const results = chrono
    .parse(rewriteBetween(masked), { instant: ctx.now, timezone: now.offset }, { forwardDate: true })
    .filter((r) => !isCommonWord(r) && !isBareTimeSpan(r) && (hasDate(r) || hasTime(r) || isDayPeriod(r)));
  const primary = pickPrimary(results);
  const dateResult = primary && (hasDate(primary) || isDayPeriod(primary))
    ? primary
    : results.find((r) => hasDate(r) || isDayPeriod(r));
  let timeResult = primary && hasTime(primary) ? primary : results.find(hasTime);
  // "Sprint 10 tomorrow 3pm": chrono reads "10 tomorrow" as 10:00 tomorrow. A bare hour loses to an explicit
  // time elsewhere ("3pm", "15:00"), and the number goes back to the subject.
  let dateLeadTrim = 0;
  if (timeResult && !isExplicitTime(timeResult)) {
    const explicit = results.find((r) => r !== timeResult && isExplicitTime(r));
    if (explicit) {
      const lead = /^\d{1,2}\s+/.exec(timeResult.text);
      if (timeResult === dateResult && lead) dateLeadTrim = lead[0].length;
      timeResult = explicit;
    }
  }
  // "next week Tuesday": chrono splits it; the weekday alone would land in this week.
  const nextWeek = dateResult && isWeekdayOnly(dateResult) && !/\bnext\b/i.test(dateResult.text)
    ? results.find((r) => /^next\s+week$/i.test(r.text))
    : undefined;
  for (const r of new Set([dateResult, timeResult, nextWeek])) {
    const trim = r === dateResult ? dateLeadTrim : 0;
    if (r) removed.push({ start: r.index + trim, end: r.index + r.text.length });
  }

  let date: WallDate | undefined;
  let time: ClockTime | undefined;
  if (timeResult && isRelativeInstant(timeResult)) {
    // "in 2 hours", "now": chrono's instant is exact; its wall clock may not be across a DST change.
    const at = DateTime.fromJSDate(timeResult.start.date(), { zone: ctx.timeZone });
    time = { hour: at.hour, minute: at.minute };
    date = toWallDate(at);
  } else {
    if (timeResult) {
      const read = readStartTime(timeResult);
      time = { hour: read.hour, minute: read.minute };
      if (read.ambiguity) ambiguities.time = read.ambiguity;
    }
    if (dateResult) {
      date = readDate(dateResult, now, time, nextWeek !== undefined);
    } else if (time) {
      // A time on its own means its next occurrence: today, or tomorrow once it has passed.
      date = toWallDate(isBefore(time, now) ? now.plus({ days: 1 }) : now);
    }
  }

  if (date && time && timeResult) {
    if (draft.durationMinutes === undefined) {
      const fromRange = rangeMinutes(timeResult, date, time, ctx.timeZone);
      if (fromRange === 0) ambiguities.duration = `"${timeResult.text}" ends when it starts — how long is the meeting?`;
      else if (fromRange !== undefined) draft.durationMinutes = fromRange;
    }
    if (time.hour === 0 && timeResult.tags().has('casualReference/midnight')) {
      const day = DateTime.fromObject(date, { locale: 'en-US' }).toFormat('ccc, LLL d');
      ambiguities.time = `I read "midnight" as 12:00 AM at the start of ${day} — check the date and time.`;
    }
    const converted = convertExplicitZone(timeResult, date, time, ctx.timeZone);
    if (converted) {
      date = converted.date;
      time = converted.time;
      ambiguities.time = converted.note;
    }
  }

  if (date) draft.date = `${date.year}-${pad(date.month)}-${pad(date.day)}`;
  if (time) draft.time = `${pad(time.hour)}:${pad(time.minute)}`;
  if (!quoted) {
    const subject = leftoverSubject(text, removed);
    if (subject) draft.subject = subject;
  }
  return { draft, ambiguities };
}

// ---------- subject ----------

// Opening quote → closing quotes accepted for it (phones mix smart and straight quotes).
const QUOTE_PAIRS: Record<string, string> = {
  '"': '"”“', '“': '”"“', '„': '“”"', '«': '»', '”': '”"', "'": "'’", '‘': "’'",
};

/**
 * The first quoted phrase. Quotes must sit at word edges, so the apostrophes in
 * "Sam's 1:1 with Bob's team" are not read as a quoted "s 1:1 with Bob".
 */
function findQuotedSubject(text: string): Span | undefined {
  for (let i = 0; i < text.length; i++) {
    const closers = QUOTE_PAIRS[text[i]];
    if (!closers || (i > 0 && !/[\s([{]/.test(text[i - 1])) || /\s/.test(text[i + 1] ?? ' ')) continue;
    for (let j = i + 1; j < text.length; j++) {
      if (closers.includes(text[j]) && /^(?:$|[\s,.;:!?)\]}])/.test(text.slice(j + 1, j + 2))) {
        return { start: i, end: j + 1 };
      }
    }
  }
  return undefined;
}

const CONNECTOR = String.raw`(?:at|on|for|from|to|until|till|by|between|and|starting|starts|start|@)`;
const LEADING_JUNK = new RegExp(String.raw`^(?:\s*(?:[,;:@\-–—]|${CONNECTOR}(?=\s|$)))+`, 'i');
const TRAILING_JUNK = new RegExp(String.raw`(?:(?:[,;:@\-–—]|(?<=^|\s)${CONNECTOR})\s*)+$`, 'i');

/** What is left once the date/time and duration phrases and the words tying them in are taken out. */
function leftoverSubject(text: string, removed: Span[]): string | undefined {
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
    if (cursor > 0) piece = piece.replace(LEADING_JUNK, '');
    if (span.start < text.length) piece = piece.replace(TRAILING_JUNK, '');
    pieces.push(piece);
    cursor = span.end;
  }
  const subject = pieces
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s,;:\-–—"“”„«»‘]+|[\s,;:\-–—"“”„«»’]+$/g, '');
  return subject === '' ? undefined : subject;
}

function blank(text: string, span: Span): string {
  return text.slice(0, span.start) + ' '.repeat(span.end - span.start) + text.slice(span.end);
}

// ---------- durations ----------

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

function findDurations(text: string): FoundDuration[] {
  const found: FoundDuration[] = [];
  for (const { re, minutes } of DURATION_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const before = text.slice(0, start);
      const hasPrefix = /^(?:for|lasting)\b/i.test(m[0]);
      // "in 2 hours" is a start time and "at 15h30" a clock time: leave those to chrono.
      if (!hasPrefix && /\b(?:in|within|after|every|at)\s*$|@\s*$/i.test(before)) continue;
      if (/^\s*(?:ago|before|after|later|earlier|from\s+now|of)\b/i.test(text.slice(start + m[0].length))) continue;
      found.push({ start, end: start + m[0].length, minutes: minutes(m as RegExpExecArray) });
    }
  }
  // Keep the longest of overlapping matches, in reading order.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found.filter((d, i) => !found.slice(0, i).some((o) => d.start < o.end && o.start < d.end));
}

function toNumber(raw: string): number {
  const word = NUMBER_WORDS[raw.toLowerCase().replace(/\s+/, ' ')];
  return word ?? Number(raw.replace(',', '.'));
}

// ---------- dates and times ----------

/** chrono's "from 3 to 4" becomes a range only with from/to; "between 3 and 4" is the same thing. */
function rewriteBetween(text: string): string {
  return text.replace(
    /\bbetween(\s+\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s+)and(?=\s+\d)/gi,
    (_all, middle: string) => `from   ${middle}to `,
  );
}

const hasTime = (r: chrono.ParsedResult) => r.start.isCertain('hour');
/** A time the user spelled out: "3pm", "15:00", "3:30" — not a lone number chrono guessed was an hour. */
const isExplicitTime = (r: chrono.ParsedResult) =>
  hasTime(r) && (r.start.isCertain('meridiem') || /\d[:.h]\d|\d\s*[ap]\.?m\b|noon|midday|midnight/i.test(r.text));
const hasDate = (r: chrono.ParsedResult) => r.start.isCertain('day') || r.start.isCertain('weekday');
/** "this afternoon", "tonight": a day without a precise time. */
const isDayPeriod = (r: chrono.ParsedResult) =>
  [...r.tags()].some((t) => /^casualReference\/(morning|afternoon|evening|night|tonight)$/.test(t));
const isRelativeInstant = (r: chrono.ParsedResult) =>
  r.tags().has('result/relativeDateAndTime') || r.tags().has('casualReference/now');
/**
 * With forwardDate chrono reads any "2 hours" as "in 2 hours". Only take it as a start when the
 * phrase says so ("in 2 hours", "2 days from now"); otherwise it's part of the subject.
 */
const isBareTimeSpan = (r: chrono.ParsedResult) =>
  r.tags().has('result/relativeDate') &&
  /^(?:(?:about|around|roughly|approximately|just)\s*)?~?\s*(?:\d|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|few|couple)\b)/i.test(r.text) &&
  !/\b(?:from\s+now|later|ago|hence)\b/i.test(r.text);
const isWeekdayOnly = (r: chrono.ParsedResult) => r.start.isCertain('weekday') && !r.start.isCertain('day');
/** Lowercase "sun", "sat", "wed" on their own are ordinary words, not weekdays. */
const isCommonWord = (r: chrono.ParsedResult) => /^(?:sun|sat|wed)$/.test(r.text);

function pickPrimary(results: chrono.ParsedResult[]): chrono.ParsedResult | undefined {
  // A bare "next week" only narrows down a weekday given elsewhere, so it loses ties.
  const score = (r: chrono.ParsedResult) =>
    (hasDate(r) ? 1 : 0) + (hasTime(r) ? 1 : 0) - (/^next\s+week$/i.test(r.text) ? 0.5 : 0);
  return results.reduce<chrono.ParsedResult | undefined>((best, r) => (!best || score(r) > score(best) ? r : best), undefined);
}

function readDate(
  r: chrono.ParsedResult,
  now: DateTime,
  time: ClockTime | undefined,
  inNextWeek: boolean,
): WallDate {
  const s = r.start;
  const today = toWallDate(now);
  const timePassed = time !== undefined && isBefore(time, now);
  const weekday = s.get('weekday') ?? 0;

  if (inNextWeek) {
    // Weeks start on Monday (luxon weekday 1); Sunday (chrono 0) is the week's last day.
    return toWallDate(now.startOf('week').plus({ weeks: 1, days: (weekday + 6) % 7 }));
  }
  if (isWeekdayOnly(r) && !/\b(?:next|last|past|previous)\b/i.test(r.text)) {
    // chrono's forward step compares against an implied noon; count days ourselves so "Friday 3pm"
    // said on a Friday means today until 3pm has passed.
    let days = (weekday - (now.weekday % 7) + 7) % 7;
    if (days === 0 && timePassed) days = 7;
    return toWallDate(now.plus({ days }));
  }

  const month = s.get('month') ?? today.month;
  const day = s.get('day') ?? today.day;
  if (s.isCertain('month') && !s.isCertain('year')) {
    // No year given: this year unless that day is already behind us (today stays today).
    const behind = month < today.month || (month === today.month && day < today.day);
    return { year: today.year + (behind ? 1 : 0), month, day };
  }
  return { year: s.get('year') ?? today.year, month, day };
}

interface StartTime {
  hour: number;
  minute: number;
  ambiguity?: string;
}

function readStartTime(r: chrono.ParsedResult): StartTime {
  const hour = r.start.get('hour') ?? 0;
  const minute = r.start.get('minute') ?? 0;
  if (r.start.isCertain('meridiem')) return { hour, minute };

  if (r.end?.isCertain('meridiem') && r.end.isCertain('hour')) {
    // "11-1pm": chrono copies the end's pm onto the start; put the start before the end instead.
    const endMinutes = (r.end.get('hour') ?? 0) * 60 + (r.end.get('minute') ?? 0);
    const sameHalf = (hour % 12) + (r.end.get('meridiem') === chrono.Meridiem.PM ? 12 : 0);
    const start = sameHalf * 60 + minute < endMinutes ? sameHalf : (sameHalf + 12) % 24;
    return { hour: start, minute };
  }

  const token = findClockToken(r.text, hour, minute);
  if (!token) return { hour, minute }; // noon, midnight, "now", "in 2 hours"

  const reading = workingHoursReading(token, hour);
  if (reading === hour && !token.bareHour) return { hour, minute };
  const shown = DateTime.fromObject({ hour: reading, minute }, { locale: 'en-US' }).toFormat('h:mm a');
  return { hour: reading, minute, ambiguity: `I read "${token.text}" as ${shown} — check the time.` };
}

interface ClockToken {
  text: string;
  bareHour: boolean;
  oneDigitHour: boolean;
}

const CLOCK_TOKEN =
  /(?:(?:\bat|@)\s*)?(?<![\d/:.])(?<!\d{4}-|\d-\d{1,2}-)(\d{1,2})(?:[:.](\d{2}))?(?![\d/]|[:.]\d|-\d{1,2}-)(\s*(?:[ap]\.?\s?m\b\.?|o'?clock\b))?/gi;

/** The digits the user typed for this hour (the last match wins: "Dec 3 at 3" → "at 3"). */
function findClockToken(text: string, hour: number, minute: number): ClockToken | undefined {
  let found: ClockToken | undefined;
  for (const m of text.matchAll(CLOCK_TOKEN)) {
    if (Number(m[1]) !== hour || Number(m[2] ?? 0) !== minute) continue;
    if (m[3] && !/o'?clock/i.test(m[3])) continue; // has am/pm: not ambiguous
    found = { text: m[0].trim(), bareHour: m[2] === undefined, oneDigitHour: m[1].length === 1 };
  }
  return found;
}

/**
 * A bare "at 3" is read in working hours: 1–7 → PM, 8–11 → AM, 12 → noon.
 * "3:30" (one digit, no am/pm) is read the same way; "03:30", "9:30" and "15:00" are taken as written.
 */
function workingHoursReading(token: ClockToken, hour: number): number {
  const afternoon = hour >= 1 && hour <= 7;
  if (token.bareHour) return afternoon ? hour + 12 : hour;
  return afternoon && token.oneDigitHour ? hour + 12 : hour;
}

/** Minutes between the start and the end of a range like "from 3pm to 4:30pm", in real elapsed time. */
function rangeMinutes(
  r: chrono.ParsedResult,
  date: WallDate,
  time: ClockTime,
  timeZone: string,
): number | undefined {
  const end = r.end;
  if (!end || !end.isCertain('hour')) return undefined;
  let endHour = end.get('hour') ?? 0;
  const endMinute = end.get('minute') ?? 0;
  if (!end.isCertain('meridiem')) {
    const token = findClockToken(r.text, endHour, endMinute);
    if (token) endHour = workingHoursReading(token, endHour);
  }
  // Take only the day difference from chrono ("Dec 3 3pm to Dec 4 10am", "tomorrow 11pm to 1am"):
  // the start date itself may have been moved (weekday, year) after chrono read it.
  const chronoDay = (c: chrono.ParsedComponents) =>
    DateTime.fromObject({ year: c.get('year') ?? 0, month: c.get('month') ?? 1, day: c.get('day') ?? 1 }, { zone: 'UTC' });
  const dayDelta = end.isCertain('day') ? Math.round(chronoDay(end).diff(chronoDay(r.start), 'days').days) : 0;
  const startAt = resolveLocalTime(isoDate(date), `${pad(time.hour)}:${pad(time.minute)}`, timeZone).instant;
  const endDate = toWallDate(DateTime.fromObject(date, { zone: 'UTC' }).plus({ days: dayDelta }));
  let endAt = resolveLocalTime(isoDate(endDate), `${pad(endHour)}:${pad(endMinute)}`, timeZone).instant;
  // "11pm to 1am" ends the next day.
  if (endAt < startAt && dayDelta === 0) endAt = endAt.plus({ days: 1 });
  const minutes = Math.round(endAt.diff(startAt, 'minutes').minutes);
  return minutes >= 0 ? minutes : undefined;
}

/** "3pm EST" typed by someone in Europe/Berlin: convert to the user's own wall clock and say so. */
function convertExplicitZone(
  r: chrono.ParsedResult,
  date: WallDate,
  time: ClockTime,
  timeZone: string,
): { date: WallDate; time: ClockTime; note: string } | undefined {
  // Relative results ("in 2 hours", "now") carry the reference offset, not one the user typed.
  if (!r.start.isCertain('timezoneOffset') || isRelativeInstant(r) || r.tags().has('result/relativeDate')) {
    return undefined;
  }
  const offset = r.start.get('timezoneOffset') ?? 0;
  const local = resolveLocalInstant(isoDate(date), `${pad(time.hour)}:${pad(time.minute)}`, timeZone);
  if (local.offset === offset) return undefined;
  const there = DateTime.fromObject({ ...date, ...time }, { zone: FixedOffsetZone.instance(offset) });
  const here = there.setZone(timeZone).setLocale('en-US');
  return {
    date: toWallDate(here),
    time: { hour: here.hour, minute: here.minute },
    note: `I read "${r.text}" as ${here.toFormat('h:mm a')} on ${here.toFormat('ccc, LLL d')} in ${timeZone} — check the time.`,
  };
}

/** True when the wall-clock `time` is earlier than now's minute (so it has passed today). */
function isBefore(time: ClockTime, now: DateTime): boolean {
  return time.hour * 60 + time.minute < now.hour * 60 + now.minute;
}

function toWallDate(dt: DateTime): WallDate {
  return { year: dt.year, month: dt.month, day: dt.day };
}

function isoDate(d: WallDate): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
