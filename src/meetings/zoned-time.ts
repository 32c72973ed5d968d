// Wall-clock ⇄ instant conversion in an IANA zone, with explicit DST gap/overlap handling.
import { DateTime, IANAZone } from 'luxon';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// Messages are English; pin the locale so output doesn't depend on the host's settings.
const LOCALE = 'en-US';

export interface ResolvedTime {
  /** The start instant, expressed in the requested zone. */
  instant: DateTime;
  /** Set when the wall time doesn't exist (DST gap) or happens twice (DST overlap). */
  note?: string;
}

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '') return false;
  // luxon builds a new Intl.DateTimeFormat for every check; zones don't change while we run.
  let valid = zoneValidity.get(tz);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(tz);
    if (zoneValidity.size < 2000) zoneValidity.set(tz, valid);
  }
  return valid;
}
const zoneValidity = new Map<string, boolean>();

/** The current moment as a DateTime in `timeZone` (its wall clock is the user's local time). */
export function localNow(now: Date, timeZone: string): DateTime {
  return DateTime.fromJSDate(now, { zone: requireZone(timeZone) }).setLocale(LOCALE);
}

/**
 * Resolves local `date` (YYYY-MM-DD) + `time` (H:MM, HH:MM or HH:MM:SS) in `timeZone` the way
 * calendars and Temporal's 'compatible' disambiguation do:
 * - DST gap (time doesn't exist): move forward by the gap length, with a note;
 * - DST overlap (time happens twice): take the earlier occurrence, with a note.
 * Throws RangeError for a malformed date/time or an unknown zone.
 */
export function resolveLocalTime(date: string, time: string, timeZone: string): ResolvedTime {
  const zone = requireZone(timeZone);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d) throw new RangeError(`Not a YYYY-MM-DD date: "${date}"`);
  if (!t) throw new RangeError(`Not an HH:MM time: "${time}"`);
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [hour, minute, second] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];

  // The wall time read as if it were UTC; Date.UTC rolls over silently, so check it round-trips.
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallMs);
  if (
    check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day ||
    hour > 23 || minute > 59 || second > 59
  ) {
    throw new RangeError(`Not a real date/time: ${date} ${time}`);
  }

  // Offsets in force a day either side bracket any transition near this wall time.
  const offsetBefore = zone.offset(wallMs - DAY_MS);
  const offsetAfter = zone.offset(wallMs + DAY_MS);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallMs - offset * MINUTE_MS)
    .filter((ms) => zone.offset(ms) * MINUTE_MS === wallMs - ms)
    .sort((a, b) => a - b);

  const inZone = (ms: number) => DateTime.fromMillis(ms, { zone }).setLocale(LOCALE);
  const wallLabel = DateTime.fromObject({ hour, minute }, { zone: 'UTC', locale: LOCALE }).toFormat('h:mm a');
  const dayLabel = DateTime.fromObject({ year, month, day }, { zone: 'UTC', locale: LOCALE }).toFormat('ccc, LLL d, yyyy');

  if (candidates.length === 1) return { instant: inZone(candidates[0]) };

  if (candidates.length > 1) {
    const instant = inZone(candidates[0]);
    return {
      instant,
      note: `${wallLabel} happens twice on ${dayLabel} in ${timeZone}; using the first one (${instant.toFormat('ZZZZ')}).`,
    };
  }

  // Gap: apply the offset from before the transition, which lands the gap length later.
  const instant = inZone(wallMs - offsetBefore * MINUTE_MS);
  return {
    instant,
    note:
      `${wallLabel} doesn't exist on ${dayLabel} in ${timeZone} (clocks go forward); ` +
      `using ${instant.toFormat('h:mm a ZZZZ')}.`,
  };
}

function requireZone(timeZone: string): IANAZone {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: "${timeZone}"`);
  return IANAZone.create(timeZone);
}
