// Wall-clock ⇄ instant conversion in an IANA zone, with explicit DST gap/overlap handling.
import { DateTime, IANAZone } from 'luxon';
import { message, type Message } from './message';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// Pin the locale of the DateTimes handed out so nothing depends on the host's settings (messages are codes).
const LOCALE = 'en-US';

export interface ResolvedTime {
  /** The start instant, expressed in the requested zone. */
  instant: DateTime;
  /** Set when the wall time doesn't exist (DST gap) or happens twice (DST overlap). */
  note?: Message;
}

/** The same as ResolvedTime as epoch ms and UTC offset, for callers that need no DateTime. */
export interface ResolvedInstant {
  ms: number;
  /** Minutes east of UTC at `ms`, as luxon's DateTime#offset gives it. */
  offset: number;
  note?: Message;
}

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '') return false;
  if (canonicalZones().has(tz)) return true;
  // Other spellings (aliases such as Asia/Calcutta, any letter case): luxon builds a new Intl.DateTimeFormat for
  // every check; zones don't change while we run.
  let valid = zoneValidity.get(tz);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(tz);
    if (zoneValidity.size < 2000) zoneValidity.set(tz, valid);
  }
  return valid;
}
const zoneValidity = new Map<string, boolean>();

/**
 * The zone names the runtime lists as canonical, plus UTC (which it leaves out). Known without building a formatter:
 * the process's first Intl.DateTimeFormat costs about 12 ms while ICU loads, and the configuration's zone and every
 * turn's zone are checked before anything needs one (a help card never does).
 */
let canonical: ReadonlySet<string> | undefined;
function canonicalZones(): ReadonlySet<string> {
  canonical ??= new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  return canonical;
}

const HOUR_MS = 3_600_000;

/**
 * An IANA zone that remembers its UTC offset per hour. luxon asks the zone for the offset of every DateTime it makes
 * (an Intl formatToParts call each time); the user's day and the meeting's hours are the same few hours over and
 * over. An hour is remembered only when its first and last millisecond have the same offset — transitions are
 * months apart — so an hour holding a DST change is always asked afresh.
 */
class RememberingZone extends IANAZone {
  private readonly hours = new Map<number, number>();

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    let known = this.hours.get(hour);
    if (known === undefined) {
      const first = super.offset(hour * HOUR_MS);
      if (first !== super.offset(hour * HOUR_MS + HOUR_MS - 1)) return super.offset(ts);
      known = first;
      if (this.hours.size >= 10_000) this.hours.clear();
      this.hours.set(hour, known);
    }
    return known;
  }
}
const zones = new Map<string, RememberingZone>();

/** The zone, or a RangeError for an unknown one. */
export function requireZone(timeZone: string): IANAZone {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: "${timeZone}"`);
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    zone = new RememberingZone(timeZone);
    // Names are case-insensitive, so a client could send endless spellings of one zone: only so many are kept.
    if (zones.size < 2000) zones.set(timeZone, zone);
  }
  return zone;
}

/** The current moment as a DateTime in `timeZone` (its wall clock is the user's local time). */
export function localNow(now: Date, timeZone: string): DateTime {
  return instantIn(now.getTime(), timeZone);
}

/** The instant `ms` as a DateTime in `timeZone`. */
export function instantIn(ms: number, timeZone: string): DateTime {
  return DateTime.fromMillis(ms, { zone: requireZone(timeZone), locale: LOCALE });
}

/**
 * The wall-clock day of instant `ms` in `timeZone` (days since 1970-01-01 on its calendar) and the zone's UTC offset
 * then, in minutes: from the offsets the zone remembers per hour, without a formatter.
 */
export function wallDayAndOffset(ms: number, timeZone: string): { day: number; offset: number } {
  const offset = requireZone(timeZone).offset(ms);
  return { day: Math.floor((ms + offset * MINUTE_MS) / DAY_MS), offset };
}

// A full ISO 8601 date-time, as Graph and this bot write them: Date.parse reads exactly these the same way luxon does.
const PLAIN_ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Epoch ms of an ISO 8601 instant; one without an offset is read as UTC (never the server's zone). NaN when it isn't
 * one. Graph's and our own texts take Date.parse (a DateTime costs an Intl offset lookup); other ISO forms, luxon.
 */
export function isoInstantMs(iso: string): number {
  const plain = PLAIN_ISO_INSTANT.exec(iso);
  if (plain) {
    const offset = plain[1] === undefined || plain[1] === 'Z' ? 0 : (plain[1][0] === '-' ? -1 : 1) * (Number(plain[1].slice(1, 3)) * 60 + Number(plain[1].slice(4, 6)));
    const ms = Date.parse(plain[1] === undefined ? `${iso}Z` : iso);
    // Date.parse rolls "2026-02-30T…" over to March: only a wall clock that comes back as written is taken here;
    // anything else (and ISO's "T24:00") is luxon's to judge.
    const wall = Number.isNaN(ms) ? '' : new Date(ms + offset * 60_000).toISOString();
    if (wall.slice(0, 16) === iso.slice(0, 16)) return ms;
  }
  const dt = DateTime.fromISO(iso, { zone: 'utc' });
  return dt.isValid ? dt.toMillis() : Number.NaN;
}

/**
 * The text luxon's toISO() gives for `ms` at `offset` (e.g. 2026-11-28T15:00:00.000-05:00), without
 * building a DateTime: each DateTime costs an Intl offset lookup, and the caller already has the offset.
 */
export function isoWithOffset(ms: number, offset: number): string {
  // luxon's own arithmetic, so the wall clock and the offset digits come out the same.
  const wall = new Date(ms + offset * 60 * 1000).toISOString().slice(0, -1);
  const abs = Math.abs(offset);
  const hh = String(Math.trunc(abs / 60)).padStart(2, '0');
  const mm = String(Math.trunc(abs % 60)).padStart(2, '0');
  return `${wall}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

/**
 * Resolves local `date` (YYYY-MM-DD) + `time` (H:MM, HH:MM or HH:MM:SS) in `timeZone` the way
 * calendars and Temporal's 'compatible' disambiguation do:
 * - DST gap (time doesn't exist): move forward by the gap length, with a note;
 * - DST overlap (time happens twice): take the earlier occurrence, with a note.
 * Throws RangeError for a malformed date/time or an unknown zone.
 */
export function resolveLocalTime(date: string, time: string, timeZone: string): ResolvedTime {
  const { ms, note } = resolveLocalInstant(date, time, timeZone);
  const resolved: ResolvedTime = { instant: instantIn(ms, timeZone) };
  if (note !== undefined) resolved.note = note;
  return resolved;
}

/** resolveLocalTime as epoch ms and offset. */
export function resolveLocalInstant(date: string, time: string, timeZone: string): ResolvedInstant {
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
  const candidates: ResolvedInstant[] = [];
  for (const guess of new Set([offsetBefore, offsetAfter])) {
    const ms = wallMs - guess * MINUTE_MS;
    const offset = zone.offset(ms);
    if (offset * MINUTE_MS === wallMs - ms) candidates.push({ ms, offset });
  }
  candidates.sort((a, b) => a.ms - b.ms);

  if (candidates.length === 1) return candidates[0];

  // What the DST notes name: the wall time and day asked for, and the zone.
  const asked = { time: { time: `${d2(hour)}:${d2(minute)}` }, date: { date, withYear: true }, zone: timeZone };

  if (candidates.length > 1) {
    const first = candidates[0];
    return { ...first, note: message('dst.overlap', { ...asked, zoneName: { zoneNameAt: first.ms, zone: timeZone } }) };
  }

  // Gap: apply the offset from before the transition, which lands the gap length later.
  const instant = instantIn(wallMs - offsetBefore * MINUTE_MS, timeZone);
  return {
    ms: instant.toMillis(),
    offset: instant.offset,
    note: message('dst.gap', { ...asked, usedTime: { time: instant.toFormat('HH:mm') }, usedZoneName: { zoneNameAt: instant.toMillis(), zone: timeZone } }),
  };
}

function d2(n: number): string {
  return String(n).padStart(2, '0');
}
