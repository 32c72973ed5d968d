// Checks a meeting draft and turns it into exact start/end instants in the user's zone.
import type { DraftField, MeetingDraft, ValidationResult } from './types';
import { type ResolvedInstant, instantIn, isoWithOffset, localNow, requireZone, resolveLocalInstant } from './zoned-time';
import { formatDuration } from './format-duration';

export const SUBJECT_MAX_CHARS = 255;
export const DEFAULT_DURATION_MINUTES = 30;
export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 1440;
/** A start this recent still counts as "now" (the user took a moment to fill in the form). */
export const PAST_GRACE_MINUTES = 5;

/** Throws RangeError for an unknown `ctx.timeZone` (check it with isValidTimeZone first). */
export function validateDraft(draft: MeetingDraft, ctx: { now: Date; timeZone: string }): ValidationResult {
  const zone = requireZone(ctx.timeZone);
  const errors: Partial<Record<DraftField, string>> = {};
  const notes: string[] = [];

  const subject = (draft.subject ?? '').trim();
  // Count code points so an emoji counts as one character, as the user sees it.
  const subjectLength = [...subject].length;
  if (subjectLength === 0) {
    errors.subject = 'Please give the meeting a subject.';
  } else if (subjectLength > SUBJECT_MAX_CHARS) {
    errors.subject =
      `The subject is ${subjectLength} characters long; please shorten it to ${SUBJECT_MAX_CHARS} characters or fewer.`;
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
    errors.duration =
      `The duration must be a whole number of minutes from ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} ` +
      `(${formatDuration(MAX_DURATION_MINUTES)}); got ${describeNumber(durationMinutes)}.`;
  }

  let start: ResolvedInstant | undefined;
  if ('value' in date && 'value' in time) {
    start = resolveLocalInstant(date.value, time.value, ctx.timeZone);
    if (start.note) notes.push(start.note);

    if (start.ms < ctx.now.getTime() - PAST_GRACE_MINUTES * 60_000) {
      // Only this error needs DateTimes (for the wall-clock date and the labels).
      const today = localNow(ctx.now, ctx.timeZone).toISODate();
      const startAt = instantIn(start.ms, ctx.timeZone);
      const at = startAt.toFormat('h:mm a');
      if (date.value < (today ?? '')) {
        errors.date = `${startAt.toFormat('ccc, LLL d, yyyy')} is in the past in ${ctx.timeZone} — pick a later date.`;
      } else {
        const when = date.value === today ? `${at} today` : `${at} on ${startAt.toFormat('ccc, LLL d')}`;
        errors.time = `${when} has already passed in ${ctx.timeZone} — pick a later time.`;
      }
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

type Checked = { value: string } | { error: string };

function checkDate(raw: string | undefined): Checked {
  const date = (raw ?? '').trim();
  if (date === '') return { error: 'Please pick a date for the meeting.' };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return { error: `"${date}" isn't a date I can read — use YYYY-MM-DD, e.g. 2026-12-03.` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return { error: `${date} isn't a real date: there is no month ${month}.` };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    const monthName = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    return { error: `${date} isn't a real date: ${monthName} ${year} has ${daysInMonth} days.` };
  }
  return { value: date };
}

/** Accepts H:MM, HH:MM and HH:MM:SS (some clients send seconds); normalises to HH:MM. */
function checkTime(raw: string | undefined): Checked {
  const time = (raw ?? '').trim();
  if (time === '') return { error: 'Please pick a start time for the meeting.' };
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) {
    return { error: `"${time}" isn't a time I can read — use 24-hour HH:MM, e.g. 14:30.` };
  }
  // Seconds are dropped: meetings start on a minute.
  return { value: `${m[1].padStart(2, '0')}:${m[2]}` };
}

function describeNumber(n: number): string {
  return typeof n === 'number' && Number.isFinite(n) ? String(n) : `"${String(n)}"`;
}
