// Checks a meeting draft and turns it into exact start/end instants in the user's zone.
import type { DraftField, MeetingDraft, ValidationResult } from './types';
import { type ResolvedInstant, instantIn, isoWithOffset, localNow, requireZone, resolveLocalInstant } from './zoned-time';
import { message, type Message } from './message';

export const SUBJECT_MAX_CHARS = 255;
export const DEFAULT_DURATION_MINUTES = 30;
const MIN_DURATION_MINUTES = 5;
const MAX_DURATION_MINUTES = 1440;
/** The furthest a meeting may start from now: two years covers real planning, and bounds what one user can queue. */
const MAX_DAYS_AHEAD = 730;
/** A start this recent still counts as "now" (the user took a moment to fill in the form). */
const PAST_GRACE_MINUTES = 5;

/** Throws RangeError for an unknown `ctx.timeZone` (check it with isValidTimeZone first). */
export function validateDraft(draft: MeetingDraft, ctx: { now: Date; timeZone: string }): ValidationResult {
  const zone = requireZone(ctx.timeZone);
  const errors: Partial<Record<DraftField, Message>> = {};
  const notes: Message[] = [];

  const subject = (draft.subject ?? '').trim();
  // Count code points so an emoji counts as one character, as the user sees it.
  const subjectLength = [...subject].length;
  if (subjectLength === 0) {
    errors.subject = message('validation.subjectMissing');
  } else if (subjectLength > SUBJECT_MAX_CHARS) {
    errors.subject = message('validation.subjectTooLong', { length: subjectLength, max: SUBJECT_MAX_CHARS });
  }

  const date = checkDate(draft.date);
  if ('error' in date) errors.date = date.error;

  const time = checkTime(draft.time);
  if ('error' in time) errors.time = time.error;

  const durationMinutes = draft.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  if (
    !Number.isInteger(durationMinutes) ||
    durationMinutes < MIN_DURATION_MINUTES ||
    durationMinutes > MAX_DURATION_MINUTES
  ) {
    errors.duration = message('validation.durationOutOfRange', {
      min: MIN_DURATION_MINUTES,
      max: MAX_DURATION_MINUTES,
      maxDuration: { minutes: MAX_DURATION_MINUTES },
      got: describeNumber(durationMinutes),
    });
  }

  let start: ResolvedInstant | undefined;
  if ('value' in date && 'value' in time) {
    start = resolveLocalInstant(date.value, time.value, ctx.timeZone);
    if (start.note) notes.push(start.note);

    if (start.ms < ctx.now.getTime() - PAST_GRACE_MINUTES * 60_000) {
      // Only this error needs DateTimes (for the wall-clock date and the labels).
      const today = localNow(ctx.now, ctx.timeZone).toISODate();
      const startAt = instantIn(start.ms, ctx.timeZone);
      const at = { time: startAt.toFormat('HH:mm') };
      const day = startAt.toISODate() ?? date.value;
      if (date.value < (today ?? '')) {
        errors.date = message('validation.dateInPast', { date: { date: day, withYear: true }, zone: ctx.timeZone });
      } else if (date.value === today) {
        errors.time = message('validation.timePassedToday', { time: at, zone: ctx.timeZone });
      } else {
        errors.time = message('validation.timePassedOn', { time: at, date: { date: day }, zone: ctx.timeZone });
      }
    } else if (start.ms > ctx.now.getTime() + MAX_DAYS_AHEAD * 86_400_000) {
      errors.date = message('validation.tooFarAhead', { days: MAX_DAYS_AHEAD });
    }
  }

  if (Object.keys(errors).length > 0 || !start) return { ok: false, errors, notes };

  // What luxon's start.plus({ minutes }).toISO() gave, with one offset lookup instead of several.
  const endMs = start.ms + durationMinutes * 60_000;
  return {
    ok: true,
    meeting: {
      subject,
      startIso: isoWithOffset(start.ms, start.offset),
      endIso: isoWithOffset(endMs, zone.offset(endMs)),
      durationMinutes,
      timeZone: ctx.timeZone,
      notes,
    },
  };
}

type Checked = { value: string } | { error: Message };

function checkDate(raw: string | undefined): Checked {
  const date = (raw ?? '').trim();
  if (date === '') return { error: message('validation.dateMissing') };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return { error: message('validation.dateUnreadable', { typed: date }) };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return { error: message('validation.noSuchMonth', { typed: date, month }) };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    return { error: message('validation.noSuchDay', { typed: date, month: { month: `${m[1]}-${m[2]}` }, days: daysInMonth }) };
  }
  return { value: date };
}

/** Accepts H:MM, HH:MM and HH:MM:SS (some clients send seconds); normalises to HH:MM. */
function checkTime(raw: string | undefined): Checked {
  const time = (raw ?? '').trim();
  if (time === '') return { error: message('validation.timeMissing') };
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) {
    return { error: message('validation.timeUnreadable', { typed: time }) };
  }
  // Seconds are dropped: meetings start on a minute.
  return { value: `${m[1].padStart(2, '0')}:${m[2]}` };
}

function describeNumber(n: number): string {
  return typeof n === 'number' && Number.isFinite(n) ? String(n) : `"${String(n)}"`;
}
