// Reads a typed `schedule …` command into a MeetingDraft in the user's own wall-clock terms.
import * as chrono from 'chrono-node';
import { DateTime, FixedOffsetZone } from 'luxon';
import { message, type Message } from './message';
import type { DraftField, MeetingDraft, ParsedSchedule } from './types';
import { localNow, resolveLocalInstant } from './zoned-time';
import {
  type ClockTime, type DateReading, type Span, type WallDate, bareWeekday, blank, dayLabel, findDurations,
  findQuotedSubject, isBefore, isoDate, leftoverSubject, minutesUntil, pad, relativeInstant, timeLabel,
  toWallDate, wallReference, weekDay, workdayHour,
} from './schedule-common';
import { CHINESE_CONNECTIVES, type ChineseReading, hasCjk, readChinese } from './parse-schedule-zh';

/** Requests longer than this are not parsed. */
export const MAX_PARSED_CHARS = 1000;

/** What a request is read against: the moment, the user's zone, and the client's own locale as it sent it. */
export interface ParseOptions {
  now: Date;
  timeZone: string;
  /**
   * The client's language tag as the activity (or its clientInfo) carried it, e.g. "en-GB" — not the UI language it
   * is mapped to. With the zone's country it settles the order of a numeric date ("11/10"); absent means unsettled.
   */
  locale?: string;
}

/** Throws RangeError for an unknown `ctx.timeZone` (check it with isValidTimeZone first). */
export function parseSchedule(text: string, ctx: ParseOptions): ParsedSchedule {
  const now = localNow(ctx.now, ctx.timeZone);
  // Date parsing grows faster than linearly with the text and nobody types a meeting request this long: the
  // text becomes the subject as it is (validation then says how long it is), so nothing typed is lost.
  if (text.length > MAX_PARSED_CHARS) return { draft: { subject: text }, ambiguities: {} };
  const reference = wallReference(now);
  // Chinese first, then whatever English is mixed in ("Sprint 评审 明天3pm") from what it left.
  const chinese = hasCjk(text) ? readChinese(text, now, reference, ctx) : undefined;
  return readEnglish(text, chinese, now, reference, ctx);
}

function readEnglish(
  text: string,
  chinese: ChineseReading | undefined,
  now: DateTime,
  reference: Date,
  ctx: { now: Date; timeZone: string },
): ParsedSchedule {
  const draft: MeetingDraft = {};
  const ambiguities: Partial<Record<DraftField, Message>> = { ...chinese?.ambiguities };
  const removed: Span[] = chinese ? [...chinese.removed] : [];
  // Same length as `text` so chrono's indexes map straight back onto the original.
  let masked = chinese?.masked ?? text;

  const quoted = chinese ? chinese.quoted : findQuotedSubject(text);
  if (quoted) {
    if (!chinese) {
      removed.push(quoted);
      masked = blank(masked, quoted);
    }
    const inner = text.slice(quoted.start + 1, quoted.end - 1);
    if (inner.trim() !== '') draft.subject = inner;
  }

  // Durations go first: with forwardDate chrono reads a bare "45 minutes" as "45 minutes from now".
  const durations = findDurations(masked);
  for (const d of durations) {
    removed.push(d);
    masked = blank(masked, d);
  }
  if (chinese?.durationMinutes !== undefined) draft.durationMinutes = chinese.durationMinutes;
  else if (durations.length > 0) draft.durationMinutes = Math.round(durations[0].minutes);

  const results = chrono
    .parse(rewriteBetween(masked), reference, { forwardDate: true })
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
  // Chinese mixed with English: a Chinese date or time wins, and a lone English number next to it
  // ("周五 3") is left to the Chinese reader.
  if (chinese?.time || chinese?.instant || (chinese?.date && timeResult && !isExplicitTime(timeResult))) {
    timeResult = undefined;
  }
  const englishDate = chinese?.date || chinese?.instant ? undefined : dateResult;
  // "next week Tuesday": chrono splits it; the weekday alone would land in this week.
  const nextWeek = englishDate && isWeekdayOnly(englishDate) && !/\bnext\b/i.test(englishDate.text)
    ? results.find((r) => /^next\s+week$/i.test(r.text))
    : undefined;
  for (const r of new Set([englishDate, timeResult, nextWeek])) {
    const trim = r === dateResult ? dateLeadTrim : 0;
    if (r) removed.push({ start: r.index + trim, end: r.index + r.text.length });
  }

  let date: WallDate | undefined;
  let time: ClockTime | undefined;
  const instant = chinese?.instant ?? (timeResult && isRelativeInstant(timeResult)
    ? relativeInstant(timeResult, reference, ctx.now, ctx.timeZone)
    : undefined);
  if (instant) {
    // "in 2 hours", "now": the exact instant, on the user's wall clock (DST changes counted).
    time = { hour: instant.hour, minute: instant.minute };
    date = toWallDate(instant);
  } else {
    if (chinese?.time) {
      time = chinese.time.time;
      if (chinese.time.ambiguity) ambiguities.time = chinese.time.ambiguity;
    } else if (timeResult) {
      const read = readStartTime(timeResult, englishDate);
      time = { hour: read.hour, minute: read.minute };
      if (read.ambiguity) ambiguities.time = read.ambiguity;
    }
    let reading: DateReading | undefined;
    if (chinese?.date) reading = chinese.date(time);
    else if (englishDate) reading = readDate(englishDate, now, time, nextWeek !== undefined);
    if (chinese?.time?.midnight !== undefined) {
      // 晚上12点 ends the day it names (today when none is named).
      date = toWallDate(DateTime.fromObject(reading?.date ?? toWallDate(now), { zone: 'UTC' }).plus({ days: 1 }));
      ambiguities.time = message('parse.midnight', { typed: chinese.time.midnight, date: dayLabel(date) });
    } else if (reading) {
      date = reading.date;
      if (reading.ambiguity) ambiguities.date = reading.ambiguity;
    } else if (time) {
      // A time on its own means its next occurrence: today, or tomorrow once it has passed.
      date = toWallDate(isBefore(time, now) ? now.plus({ days: 1 }) : now);
    }
  }

  if (date && time && chinese?.end && draft.durationMinutes === undefined) {
    const fromRange = minutesUntil(date, time, chinese.end, 0, ctx.timeZone);
    if (fromRange === 0) ambiguities.duration = message('parse.endsWhenItStarts', { typed: chinese.end.text });
    else if (fromRange !== undefined) draft.durationMinutes = fromRange;
  }
  if (date && time && timeResult) {
    if (draft.durationMinutes === undefined) {
      const fromRange = rangeMinutes(timeResult, date, time, ctx.timeZone);
      if (fromRange === 0) ambiguities.duration = message('parse.endsWhenItStarts', { typed: timeResult.text });
      else if (fromRange !== undefined) draft.durationMinutes = fromRange;
    }
    if (time.hour === 0 && timeResult.tags().has('casualReference/midnight')) {
      ambiguities.time = message('parse.midnight', { typed: 'midnight', date: dayLabel(date) });
    }
    const converted = convertExplicitZone(timeResult, date, time, ctx.timeZone);
    if (converted) {
      date = converted.date;
      time = converted.time;
      ambiguities.time = converted.note;
    }
  }

  if (date) draft.date = isoDate(date);
  if (time) draft.time = `${pad(time.hour)}:${pad(time.minute)}`;
  if (!quoted) {
    const subject = leftoverSubject(text, removed, chinese ? CHINESE_CONNECTIVES : undefined);
    if (subject) draft.subject = subject;
  }
  return { draft, ambiguities };
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
): DateReading {
  const s = r.start;
  const today = toWallDate(now);
  const weekday = s.get('weekday') ?? 0;

  if (inNextWeek) return { date: weekDay(now, 1, weekday) };
  if (isWeekdayOnly(r) && !/\b(?:next|last|past|previous)\b/i.test(r.text)) {
    // chrono's forward step compares against an implied noon; count days ourselves so "Friday 3pm"
    // said on a Friday means today until 3pm has passed. "this Friday" on a Friday is today.
    if (/\bthis\b/i.test(r.text)) return { date: toWallDate(now.plus({ days: (weekday - (now.weekday % 7) + 7) % 7 })) };
    const timePassed = time !== undefined && isBefore(time, now);
    return bareWeekday(now, weekday, timePassed, WEEKDAY_WORD.exec(r.text)?.[0] ?? r.text);
  }
  if (/^next\s+week$/i.test(r.text)) {
    // A week without a day: chrono's "a week from today" prefills the form, which asks for the day.
    const date: WallDate = { year: s.get('year') ?? today.year, month: s.get('month') ?? today.month, day: s.get('day') ?? today.day };
    return { date, ambiguity: message('parse.readDate', { typed: r.text, date: dayLabel(date) }) };
  }

  const month = s.get('month') ?? today.month;
  const day = s.get('day') ?? today.day;
  if (s.isCertain('month') && !s.isCertain('year')) {
    // No year given: this year unless that day is already behind us (today stays today).
    const behind = month < today.month || (month === today.month && day < today.day);
    return { date: { year: today.year + (behind ? 1 : 0), month, day } };
  }
  return { date: { year: s.get('year') ?? today.year, month, day } };
}

const WEEKDAY_WORD = /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?/i;

interface StartTime {
  hour: number;
  minute: number;
  ambiguity?: Message;
}

function readStartTime(r: chrono.ParsedResult, dateResult: chrono.ParsedResult | undefined): StartTime {
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

  // "tonight at 9", "tomorrow morning at 7": chrono has placed the hour in that part of the day.
  if (isDayPeriod(r)) return { hour, minute };
  const token = findClockToken(r.text, hour, minute);
  if (!token) return { hour, minute }; // noon, midnight, "now", "in 2 hours"
  // "tonight, at 9": the part of the day came on its own.
  if (dateResult && dateResult !== r && isLaterInDay(dateResult) && hour >= 1 && hour < 12) return { hour: hour + 12, minute };

  const reading = workingHoursReading(token, hour);
  // "at 3", "from 3 to 4", "3 o'clock" are times the user typed; a lone number next to a date is only
  // chrono's guess ("Sync 10-11 tomorrow" comes back as "11 tomorrow"), so that still asks.
  const guessed = token.bareHour && !r.end && !/^(?:at|@)|o'?clock/i.test(token.text);
  if (!reading.ask && !guessed) return { hour: reading.hour, minute };
  return { hour: reading.hour, minute, ambiguity: message('parse.readTime', { typed: token.text, time: timeLabel({ hour: reading.hour, minute }) }) };
}

const isLaterInDay = (r: chrono.ParsedResult) =>
  [...r.tags()].some((t) => /^casualReference\/(afternoon|evening|night|tonight)$/.test(t));

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
 * A bare "at 3" is read in working hours (workdayHour): "3:30" (one digit, no am/pm) the same way;
 * "03:30" and "15:00" are taken as written.
 */
function workingHoursReading(token: ClockToken, hour: number): { hour: number; ask: boolean } {
  if (!token.bareHour && !token.oneDigitHour) return { hour, ask: false };
  return workdayHour(hour);
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
    if (token) endHour = workingHoursReading(token, endHour).hour;
  }
  // Take only the day difference from chrono ("Dec 3 3pm to Dec 4 10am", "tomorrow 11pm to 1am"):
  // the start date itself may have been moved (weekday, year) after chrono read it.
  const chronoDay = (c: chrono.ParsedComponents) =>
    DateTime.fromObject({ year: c.get('year') ?? 0, month: c.get('month') ?? 1, day: c.get('day') ?? 1 }, { zone: 'UTC' });
  const dayDelta = end.isCertain('day') ? Math.round(chronoDay(end).diff(chronoDay(r.start), 'days').days) : 0;
  // "11pm to 1am" ends the next day.
  return minutesUntil(date, time, { hour: endHour, minute: endMinute }, dayDelta, timeZone);
}

/** "3pm EST" typed by someone in Europe/Berlin: convert to the user's own wall clock and say so. */
function convertExplicitZone(
  r: chrono.ParsedResult,
  date: WallDate,
  time: ClockTime,
  timeZone: string,
): { date: WallDate; time: ClockTime; note: Message } | undefined {
  // Relative results ("in 2 hours", "now") carry the reference offset, not one the user typed.
  if (!r.start.isCertain('timezoneOffset') || isRelativeInstant(r) || r.tags().has('result/relativeDate')) {
    return undefined;
  }
  const offset = r.start.get('timezoneOffset') ?? 0;
  const local = resolveLocalInstant(isoDate(date), `${pad(time.hour)}:${pad(time.minute)}`, timeZone);
  if (local.offset === offset) return undefined;
  const there = DateTime.fromObject({ ...date, ...time }, { zone: FixedOffsetZone.instance(offset) });
  const here = there.setZone(timeZone).setLocale('en-US');
  const day = toWallDate(here);
  const clock = { hour: here.hour, minute: here.minute };
  return { date: day, time: clock, note: message('parse.otherZone', { typed: r.text, time: timeLabel(clock), date: dayLabel(day), zone: timeZone }) };
}

