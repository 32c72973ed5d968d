// Reads a typed `schedule …` command into a MeetingDraft in the user's own wall-clock terms.
import * as chrono from 'chrono-node';
import { DateTime, FixedOffsetZone } from 'luxon';
import { message, type Message } from './message';
import type { DraftField, MeetingDraft, ParsedSchedule } from './types';
import { localNow, resolveLocalInstant } from './zoned-time';
import {
  type ClockTime, type DateReading, type Span, type WallDate, bareWeekday, blank, dayLabel, findDurations, lengthOfferedBefore,
  findQuotedSubject, isBefore, isoDate, joinedByOr, leftoverSubject, MAX_NAMED_DAYS, minutesUntil, pad, relativeInstant,
  startBefore, timeLabel, toWallDate, wallReference, weekDay,
} from './schedule-common';
import { type FoundClock, findEnglishClocks } from './clock-en';
import { type DateOrder, findNumericDates, localeOrder, readNumericDate, regionOrder, settledOrder } from './numeric-date';
import { countryOfZone } from './zone-country';
import { type DayOfMonth, dayOfMonth, existingDay, findDaysOfMonth, findMonthDays } from './month-day';
import { type SettledClock, type SettledRange, settleClock, settleRange } from './clock-range';
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
  text = withoutMentions(text);
  // Chinese first, then whatever English is mixed in ("Sprint 评审 明天3pm") from what it left.
  const chinese = hasCjk(text) ? readChinese(text, now, reference, ctx) : undefined;
  return readEnglish(text, chinese, now, reference, ctx);
}

function readEnglish(
  text: string,
  chinese: ChineseReading | undefined,
  now: DateTime,
  reference: Date,
  ctx: ParseOptions,
): ParsedSchedule {
  const draft: MeetingDraft = {};
  const ambiguities: Partial<Record<DraftField, Message>> = { ...chinese?.ambiguities };
  const removed: Span[] = chinese ? [...chinese.removed] : [];
  // Same length as `text` so every index found maps straight back onto the original.
  let masked = chinese?.masked ?? text;
  // What was read so far, blanked in `masked`; chrono gets these filled (forChrono).
  const blanked: Span[] = [...removed];
  const take = (span: Span) => {
    removed.push(span);
    blanked.push(span);
    masked = blank(masked, span);
  };

  const quoted = chinese ? chinese.quoted : findQuotedSubject(text);
  if (quoted) {
    if (!chinese) take(quoted);
    const inner = text.slice(quoted.start + 1, quoted.end - 1);
    if (inner.trim() !== '') draft.subject = inner;
  }

  // Durations go first: with forwardDate chrono reads a bare "45 minutes" as "45 minutes from now".
  // "45 min or an hour", "1 or 2 hours": two lengths offered, both out of the subject; the first is put in and asked.
  const lengths = findDurations(masked);
  const offeredLength = lengths.length === 1 ? lengthOfferedBefore(masked, lengths[0]) : undefined;
  const durations = offeredLength ? [offeredLength, ...lengths] : lengths;
  for (const d of durations) take(d);
  if (chinese?.durationMinutes !== undefined) draft.durationMinutes = chinese.durationMinutes;
  else if (durations.length > 0) {
    draft.durationMinutes = Math.round(durations[0].minutes);
    const other = durations[1];
    if (other && (offeredLength !== undefined || /^\s{0,3},?\s{0,3}or\s{0,3}$/i.test(masked.slice(durations[0].end, other.start)))) {
      ambiguities.duration = message('parse.twoLengths', { typed: text.slice(durations[0].start, other.end).trim(), length: { minutes: draft.durationMinutes } });
    }
  }

  // Numeric dates are ours too: chrono reads "11/10" month first wherever the user is.
  // 6.20 is how Chinese writes a day; in English text it may as well be a version ("Release 2.3"): there it is a day
  // only when nothing else names one, and then asked.
  const numerics = findNumericDates(masked, true).slice(0, MAX_NAMED_DAYS);
  const numeric = numerics.filter((n) => !n.dotted || chinese !== undefined);
  const dotted = chinese ? [] : numerics.filter((n) => n.dotted);
  for (const n of numeric) take(n);
  // chrono drops a day that doesn't exist ("Feb 30"), and Feb 29 without a year: those are ours.
  let leapDay: (Span & { date: WallDate }) | undefined;
  let noSuchDay = chinese?.noSuchDate;
  for (const md of findMonthDays(masked)) {
    if (md.day > 31) continue;
    const day = existingDay(md, now);
    if (day && !(md.month === 2 && md.day === 29)) continue;
    take(md);
    if (day) leapDay ??= { ...md, date: day };
    else noSuchDay ??= text.slice(md.start, md.end);
  }

  // "the 5th of next month" is a day; "the 20th" alone is one only when nothing else names a day.
  const ofMonth: (Span & { date?: WallDate })[] = [];
  const unqualified: DayOfMonth[] = [];
  for (const dom of findDaysOfMonth(masked)) {
    if (dom.months === undefined) unqualified.push(dom);
    else if (ofMonth.length < MAX_NAMED_DAYS) {
      take(dom);
      const date = dayOfMonth(dom, now);
      if (date) ofMonth.push({ ...dom, date });
      else noSuchDay ??= text.slice(dom.start, dom.end);
    }
  }

  // Times of day are ours (clock-en.ts): chrono reads "2–3:30pm" without the weekday before it and "9:30 to noon"
  // as 12:30. A Chinese time wins over an English one.
  const clocks = chinese?.time || chinese?.instant ? [] : findEnglishClocks(masked);
  const clock = pickClock(clocks);
  // "3pm or 4pm": two times are asked about, both taken out of the subject ("until 5pm" is a time too).
  const secondClock = clocks.find((c) => c !== clock && (!c.weak || c.endOnly));
  // "3pm CET": chrono reads the zone, so the time stays in its text.
  const zoned = clock !== undefined && ZONE_AFTER.test(masked.slice(clock.span.end, clock.span.end + 12));
  if (clock) {
    if (zoned) removed.push(clock.span);
    else take(clock.span);
  }
  if (secondClock) take(secondClock.span);

  const found = chrono.parse(forChrono(masked, blanked), reference, { forwardDate: true });
  // Lowercase "wed", "sun", "sat" are words, unless a time is right next to them ("planning wed 10-12").
  const nextToClock = (r: chrono.ParsedResult) =>
    clock !== undefined && (/^\s{1,3}$/.test(text.slice(r.index + r.text.length, clock.span.start)) || /^\s{1,3}$/.test(text.slice(clock.span.end, r.index)));
  const results = found.filter((r) => (!isCommonWord(r) || nextToClock(r)) && !isBareTimeSpan(r) && (hasDate(r) || isVague(r) || isDayPeriod(r) || isRelativeInstant(r)));
  const dateResult = pickDate(results);
  const zoneResult = zoned
    ? found.find((r) => r.start.isCertain('timezoneOffset') && r.index <= clock.span.start && r.index + r.text.length >= clock.span.end)
    : undefined;
  const relative = clock ? undefined : results.find(isRelativeInstant);
  // A weekday with "next week" elsewhere is next week's.
  const nextWeek = dateResult && isWeekdayOnly(dateResult) && !/\bnext\b/i.test(dateResult.text)
    ? results.find((r) => /^next\s+week$/i.test(r.text))
    : undefined;
  const chronoDays = results.filter((r) => r !== nextWeek && r !== relative && (hasDate(r) || isVague(r) || r === dateResult)).slice(0, MAX_NAMED_DAYS);
  for (const r of new Set([...chronoDays, relative, nextWeek, zoneResult])) {
    if (r) removed.push(dateSpan(r, r === zoneResult || r === relative, text));
  }
  const englishDate = chronoDays[0];

  let date: WallDate | undefined;
  let time: ClockTime | undefined;
  let range: SettledRange | undefined;
  /** Whether the request names a day: "midnight" alone is the coming one, with a day it is asked. */
  let dayNamed = false;
  const instant = chinese?.instant ?? (relative ? relativeInstant(relative, reference, ctx.now, ctx.timeZone) : undefined);
  if (instant) {
    // "in 2 hours", "now": the exact instant, on the user's wall clock (DST changes counted).
    time = { hour: instant.hour, minute: instant.minute };
    date = toWallDate(instant);
  } else {
    if (chinese?.time) {
      time = chinese.time.time;
      if (chinese.time.ambiguity) ambiguities.time = chinese.time.ambiguity;
    } else if (clock?.endOnly) {
      // "until 5pm": with a typed length the start is that much earlier; without one, the start is asked.
      const end = settleEnglishClock(clock, clock.context ?? (englishDate ? halfOfDay(englishDate) : undefined));
      time = startBefore(end, draft.durationMinutes);
      if (!time) ambiguities.time = message('parse.endOnly', { typed: text.slice(clock.span.start, clock.span.end).trim() });
    } else if (clock) {
      const typed = text.slice(clock.span.start, clock.span.end).trim();
      const settled = settleEnglishClock(clock, clock.context ?? (englishDate ? halfOfDay(englishDate) : undefined));
      range = settled.range;
      time = { hour: settled.hour, minute: settled.minute };
      if (settled.ask || clock.weak) ambiguities.time = message('parse.readTime', { typed, time: timeLabel(time) });
    }
    // Every day the request names, in the order typed: the first is taken, and another date means asking which.
    const days: NamedDay[] = [];
    if (chinese?.date) days.push({ span: chinese.dateSpan ?? { start: 0, end: 0 }, read: chinese.date });
    for (const other of chinese?.otherDays ?? []) days.push({ span: other.span, read: other.date });
    for (const n of numeric) {
      const typed = text.slice(n.start, n.end);
      const read = readNumericDate(n, now, settledOrder(ctx.locale, ctx.timeZone), likelyOrder(ctx));
      if (read.kind === 'noSuchDate') noSuchDay ??= typed;
      else days.push({ span: n, read: () => (read.kind === 'date' ? { date: read.date } : { date: read.date, ambiguity: eitherDate(typed, read.date, read.other) }) });
    }
    if (leapDay) days.push({ span: leapDay, read: () => ({ date: leapDay.date }) });
    for (const dom of ofMonth) days.push({ span: dom, read: () => (dom.date ? { date: dom.date } : undefined) });
    for (const r of chronoDays) {
      const weekday = isWeekdayOnly(r) ? r.start.get('weekday') ?? undefined : undefined;
      days.push({ span: dateSpan(r, false, text), read: (t) => readDate(r, now, t, nextWeek !== undefined && r === dateResult), ...(weekday !== undefined ? { weekday } : {}) });
    }
    // "on the 20th": this month's, or next month's once it has passed — a day only when no other is named, or when it
    // is offered with one ("Friday or the 20th").
    for (const dom of unqualified.slice(0, MAX_NAMED_DAYS)) {
      // "Monday the 14th": one day when the 14th is a Monday; two to ask about when it isn't.
      const weekday = days.find((d) => d.weekday !== undefined && d.span.end <= dom.start && /^[\s,]{0,4}$/.test(masked.slice(d.span.end, dom.start)));
      if (days.length > 0 && !weekday && !days.some((d) => joinedByOr(masked, d.span, dom))) continue;
      removed.push(dom);
      const date = dayOfMonth(dom, now);
      if (date && weekday && namesTheSameDay(weekday, text.slice(weekday.span.start, weekday.span.end), date)) {
        days.splice(days.indexOf(weekday), 1, { span: { start: weekday.span.start, end: dom.end }, read: () => ({ date }) });
        continue;
      }
      if (date) days.push({ span: dom, read: () => ({ date }) });
      else noSuchDay ??= text.slice(dom.start, dom.end);
      if (days.length >= MAX_NAMED_DAYS) break;
    }
    const unread = (n: Span) => !clock || n.end <= clock.span.start || n.start >= clock.span.end;
    for (const n of days.length === 0 ? dotted.filter(unread) : []) {
      removed.push(n);
      const typed = text.slice(n.start, n.end);
      const read = readNumericDate(n, now, undefined, likelyOrder(ctx));
      if (read.kind === 'noSuchDate') noSuchDay ??= typed;
      else days.push({ span: n, read: () => ({ date: read.date, ambiguity: read.kind === 'either' ? eitherDate(typed, read.date, read.other) : message('parse.readDate', { typed, date: dayLabel(read.date) }) }) });
    }
    const { reading, first, other } = firstDay(days, time);
    dayNamed = reading !== undefined;
    if (noSuchDay !== undefined) ambiguities.date = message('parse.noSuchDate', { typed: noSuchDay });
    if (chinese?.time?.midnight !== undefined) {
      // 晚上12点 ends the day it names (today when none is named). Alone it is the coming midnight; with a day, whether
      // the night into that day or out of it is meant is worth asking.
      date = toWallDate(DateTime.fromObject(reading?.date ?? toWallDate(now), { zone: 'UTC' }).plus({ days: 1 }));
      if (reading) ambiguities.time = message('parse.midnight', { typed: chinese.time.midnight, date: dayLabel(date) });
    } else if (reading) {
      date = reading.date;
      if (first && other) {
        const typed = text.slice(first.span.start, other.span.end).trim();
        ambiguities.date = message('parse.twoDays', { typed, date: dayLabel(date) });
      } else if (reading.ambiguity) ambiguities.date = reading.ambiguity;
    } else if (time && noSuchDay === undefined) {
      // A time on its own means its next occurrence: today, or tomorrow once it has passed.
      date = toWallDate(isBefore(time, now) ? now.plus({ days: 1 }) : now);
    }
  }

  if (date && time && chinese?.range) readRangeLength(chinese.range.settled, chinese.range.text, date, time, ctx.timeZone, draft, ambiguities);
  if (date && time && clock) {
    const typed = text.slice(clock.span.start, clock.span.end).trim();
    if (range) readRangeLength(range, typed, date, time, ctx.timeZone, draft, ambiguities);
    // "midnight" alone is the coming one; "tomorrow at midnight" could be either end of tomorrow: asked.
    if (clock.midnight && dayNamed) ambiguities.time = message('parse.midnight', { typed: typed.replace(/^(?:at|from|@)\s*/i, ''), date: dayLabel(date) });
    if (secondClock) {
      const span = { start: Math.min(clock.span.start, secondClock.span.start), end: Math.max(clock.span.end, secondClock.span.end) };
      ambiguities.time = message('parse.twoTimes', { typed: text.slice(span.start, span.end).trim(), time: timeLabel(time) });
    }
    const converted = zoneResult && convertExplicitZone(zoneResult, date, time, ctx.timeZone);
    if (converted) {
      date = converted.date;
      time = converted.time;
      ambiguities.time = converted.note;
    }
  }

  if (date) draft.date = isoDate(date);
  if (time) draft.time = `${pad(time.hour)}:${pad(time.minute)}`;
  if (draft.durationMinutes === undefined && !chinese) {
    const length = unitlessLength(removed.reduce((rest, span) => blank(rest, span), text));
    if (length) {
      removed.push(length);
      draft.durationMinutes = length.minutes;
      ambiguities.duration ??= message('parse.readLength', { typed: text.slice(length.start, length.end), length: { minutes: length.minutes } });
    }
  }
  if (!quoted) {
    const subject = leftoverSubject(text, removed, chinese ? CHINESE_CONNECTIVES : undefined);
    if (subject) draft.subject = subject;
  }
  return { draft, ambiguities };
}

/**
 * Teams cuts @mentions out before the parser runs (teams/mentions.ts); one whose entity was missing would still be
 * "<at>Sam</at>" here, and a person is never a subject: blanked, with the word that introduced it.
 */
function withoutMentions(text: string): string {
  if (!text.includes('<at>')) return text;
  return text.replace(/(?:\b(?:with|and|invite)\s{1,3}|邀请|和|与|跟)?<at>[^<>]{0,256}<\/at>/gi, (m) => ' '.repeat(m.length));
}

/** A day named in the request, read once the start time is known (a weekday said on that day depends on it). */
interface NamedDay {
  span: Span;
  read: (time: ClockTime | undefined) => DateReading | undefined;
  /** A weekday named alone (chrono's number, Sunday 0): "Monday the 14th" is read with the day after it. */
  weekday?: number;
}

/**
 * "for 90", "for 2" with nothing after them (or only what was read as the day and time): a length without its unit,
 * minutes when it is one a meeting lasts in minutes (10–240), hours when it is a few (1–8); asked either way.
 * "for 2 teams" is not one.
 */
function unitlessLength(rest: string): (Span & { minutes: number }) | undefined {
  const m = /\bfor\s{1,3}(\d{1,3})(?=\s*(?:[,.;!?]|$)|\s{2})/i.exec(rest);
  if (!m) return undefined;
  const n = Number(m[1]);
  const minutes = n >= 10 && n <= 240 ? n : n >= 1 && n <= 8 ? n * 60 : undefined;
  return minutes === undefined ? undefined : { start: m.index, end: m.index + m[0].length, minutes };
}

/** Whether a weekday ("Monday", "next Monday") is `date`: its day of the week, and for "next Monday" its date too. */
function namesTheSameDay(weekday: NamedDay, typed: string, date: WallDate): boolean {
  if (DateTime.fromObject(date, { zone: 'UTC' }).weekday % 7 !== weekday.weekday) return false;
  if (!/\b(?:next|last|this)\b/i.test(typed)) return true;
  const read = weekday.read(undefined);
  return read !== undefined && isoDate(read.date) === isoDate(date);
}

/** The first day named (in the order typed), and a later one that is another date: the form asks which. */
function firstDay(days: NamedDay[], time: ClockTime | undefined): { reading?: DateReading; first?: NamedDay; other?: NamedDay } {
  const ordered = [...days].sort((a, b) => a.span.start - b.span.start);
  const first = ordered[0];
  const reading = first?.read(time);
  if (!reading) return {};
  const other = ordered.slice(1).find((d) => {
    const read = d.read(time);
    return read !== undefined && isoDate(read.date) !== isoDate(reading.date);
  });
  return { reading, first, other };
}

/** The start of a typed time or range, in `context`'s half of the day when the date names one. */
function settleEnglishClock(clock: FoundClock, context: 'am' | 'pm' | undefined): SettledClock & { range?: SettledRange } {
  if (!clock.to) return settleClock(clock.from, context);
  const range = settleRange(clock.from, clock.to, context);
  return { ...range.start, range };
}

/** The length a range gives, unless a length was typed; or why the form must ask for it. */
function readRangeLength(
  range: SettledRange,
  typed: string,
  date: WallDate,
  time: ClockTime,
  timeZone: string,
  draft: MeetingDraft,
  ambiguities: Partial<Record<DraftField, Message>>,
): void {
  if (range.problem === 'endsWhenItStarts') ambiguities.duration = message('parse.endsWhenItStarts', { typed });
  else if (range.problem === 'endsBeforeStart') ambiguities.duration = message('parse.endsBeforeStart', { typed });
  else if (range.end && draft.durationMinutes === undefined) {
    // Real minutes, so a range across a DST change lasts what the clocks say.
    const minutes = minutesUntil(date, time, range.end, 0, timeZone);
    if (minutes !== undefined) draft.durationMinutes = minutes;
    if (range.problem === 'tooLong') ambiguities.duration = message('parse.rangeTooLong', { typed, length: { minutes: minutes ?? range.minutes ?? 0 } });
  }
}

/** The order to guess first when a numeric date reads both ways: the client's own, else the zone country's. */
function likelyOrder(ctx: ParseOptions): DateOrder | undefined {
  const country = countryOfZone(ctx.timeZone);
  return localeOrder(ctx.locale) ?? (country ? regionOrder(country) : undefined);
}

/** "11/10" could be either day: both are shown, the years too when they differ. */
function eitherDate(typed: string, date: WallDate, other: WallDate): Message {
  const withYear = date.year !== other.year;
  return message('parse.dateOrder', { typed, date: { date: isoDate(date), withYear }, other: { date: isoDate(other), withYear } });
}

/** A time written as a range or with its own words wins over a guessed one ("10-11"); the first of those. */
function pickClock(clocks: FoundClock[]): FoundClock | undefined {
  return clocks.find((c) => !c.weak) ?? clocks[0];
}

/**
 * An uppercase zone abbreviation or UTC offset right after a time: "3pm CET", "15:00 UTC+2" — not a word typed in
 * capitals ("3pm TODAY", "9AM MON").
 */
const ZONE_AFTER = /^\s{0,2}(?:(?!(?:TODAY|TONIGHT|TOMORROW|TMRW|TMR|NOW|NOON|MIDNIGHT|MON|TUES?|WEDS?|THU|THURS?|FRI|SAT|SUN|JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC|AND|OR|TO|AT|ON|FOR|THE|IN|NEXT|THIS|WITH|FROM|TILL|UNTIL)\b)[A-Z]{2,5}\b|(?:UTC|GMT)\s?[+-]\d)/;

/** Weekday abbreviations chrono doesn't know, as ones it does, keeping their length: "Tues" is "Tue ". */
const WEEKDAY_SPELLINGS: Record<string, string> = { tues: 'Tue ', weds: 'Wed ', wednes: 'Wed   ' };

/**
 * The text chrono reads: weekday spellings it knows, and what was read already filled with "_" between spaces —
 * after "3 March" a long run of spaces or punctuation makes chrono look for a year and read only "March".
 */
function forChrono(masked: string, read: Span[]): string {
  let text = masked
    .replace(/\b(?:tues|weds|wednes)\b/gi, (word) => WEEKDAY_SPELLINGS[word.toLowerCase()])
    // "Budget 2027 Mon": chrono reads 2027 months. A number right before a weekday is no part of a date.
    .replace(/\b\d+(?=\s{1,3}(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)/gi, (n) => '_'.repeat(n.length));
  for (const { start, end } of read) {
    // A space stays where the fill would join a word next to it.
    const first = /\w/.test(text[start - 1] ?? '') ? start + 1 : start;
    const last = /\w/.test(text[end] ?? '') ? end - 1 : end;
    if (last > first) text = `${text.slice(0, first)}${'_'.repeat(last - first)}${text.slice(last)}`;
  }
  return text;
}

// ---------- dates and times ----------

const hasTime = (r: chrono.ParsedResult) => r.start.isCertain('hour');
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

/** The day the request names: the first date, a week or month without a day only when nothing else says which. */
function pickDate(results: chrono.ParsedResult[]): chrono.ParsedResult | undefined {
  return results.find((r) => hasDate(r) && !isVague(r)) ?? results.find((r) => hasDate(r) || isVague(r)) ?? results.find(isDayPeriod);
}

/** "next week", "next month", "this month": a time to meet in, not a day. */
const isVague = (r: chrono.ParsedResult) => /^(?:next|this)\s+(?:week|month)$/i.test(r.text);

/** The part of the day a date phrase names ("tomorrow morning", "tonight"), for a bare hour said with it. */
function halfOfDay(r: chrono.ParsedResult): 'am' | 'pm' | undefined {
  const tags = [...r.tags()];
  if (tags.includes('casualReference/morning')) return 'am';
  return tags.some((t) => /^casualReference\/(afternoon|evening|night|tonight)$/.test(t)) ? 'pm' : undefined;
}

/**
 * Where a date phrase is in the text. chrono joins a number next to a date into a time ("Sprint 10 tomorrow" is
 * 10:00 tomorrow); that number is not a time we read (clock-en.ts would have), so it stays in the subject.
 */
function dateSpan(r: chrono.ParsedResult, whole: boolean, text: string): Span {
  let start = r.index;
  let end = r.index + r.text.length;
  // "Tues" was read as "Tue ": the whole word goes.
  while (end < text.length && end - r.index < r.text.length + 3 && /[a-z]/i.test(text[end]) && /[a-z]/i.test(text[end - 1])) end++;
  // "Budget 2027 June 17": the number before the month may be the subject's (readDate asks).
  const yearFirst = YEAR_FIRST.exec(r.text);
  if (yearFirst && !whole) start += yearFirst[0].length;
  if (!whole && hasTime(r) && !isDayPeriod(r)) {
    const lead = /^(?:at\s+)?\d{1,2}\s+/i.exec(r.text);
    const tail = /\s+(?:at\s+)?\d{1,2}$/i.exec(r.text);
    if (lead) start += lead[0].length;
    if (tail) end -= tail[0].length;
  }
  return { start, end };
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
  if (isVague(r)) {
    // A week or month without a day: a week (a month) from today prefills the form, which asks for the day.
    const date = toWallDate(now.plus(/next/i.test(r.text) ? (/week/i.test(r.text) ? { weeks: 1 } : { months: 1 }) : {}));
    return { date, ambiguity: message('parse.readDate', { typed: r.text, date: dayLabel(date) }) };
  }

  const month = s.get('month') ?? today.month;
  const day = s.get('day') ?? today.day;
  // No year given: this year unless that day is already behind us (today stays today).
  const behind = month < today.month || (month === today.month && day < today.day);
  const coming: WallDate = { year: today.year + (behind ? 1 : 0), month, day };
  if (s.isCertain('month') && !s.isCertain('year')) return { date: coming };
  const written: WallDate = { year: s.get('year') ?? today.year, month, day };
  if (YEAR_FIRST.test(r.text) && isoDate(written) !== isoDate(coming)) {
    // "Budget 2027 June 17": the coming June 17 for "Budget 2027", or June 17, 2027? Both are shown.
    return { date: coming, ambiguity: message('parse.dateOrder', { typed: r.text, date: { date: isoDate(coming), withYear: true }, other: { date: isoDate(written), withYear: true } }) };
  }
  return { date: written };
}

/** A year written before the month ("2027 June 17"), which English puts after it. */
const YEAR_FIRST = /^\d{4}\s+(?=[a-z])/i;

const WEEKDAY_WORD = /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?/i;

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

