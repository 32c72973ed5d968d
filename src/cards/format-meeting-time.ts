import { CLOCK_STYLE, type Locale } from '../i18n/locale';
import { isoInstantMs, isValidTimeZone, wallDayAndOffset } from '../meetings/zoned-time';

// ICU (Node 20) puts U+202F before AM/PM (and thin spaces in some locales); plain spaces keep
// the card text predictable to compare, copy and search.
function plainSpaces(s: string): string {
  return s.replace(/[\u2009\u202f\u00a0]/g, ' ');
}

const DATE = { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' } as const;
const TIME = { hour: 'numeric', minute: '2-digit' } as const;
const FORMATS = {
  dateTime: { ...DATE, ...TIME, timeZoneName: 'short' },
  dateTimeNoZone: { ...DATE, ...TIME },
  timeOnly: { ...TIME, timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// A new Intl.DateTimeFormat costs ~100 µs (luxon caches its own the same way); keep one per use.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, kind: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}\u0000${kind}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locale, { ...FORMATS[kind], ...('hour' in FORMATS[kind] ? CLOCK_STYLE[locale as Locale] : undefined), timeZone });
    if (formatters.size < 1000) formatters.set(key, f);
  }
  return f;
}

/**
 * The formatted instant with its zone abbreviation at the end, where English has it ("3:45 PM EST"). Chinese puts
 * it first ("GMT+8 15:45"), which between two times reads as if it belonged to the start.
 */
function zoneLast(f: Intl.DateTimeFormat, ms: number): string {
  if (zoneAlreadyLast.has(f)) return f.format(ms);
  const parts = f.formatToParts(ms);
  const zoneAt = parts.findIndex((p) => p.type === 'timeZoneName');
  if (zoneAt < 0 || zoneAt === parts.length - 1) {
    // English and formats without a zone: plain format() from now on, no parts.
    zoneAlreadyLast.add(f);
    return f.format(ms);
  }
  const rest = parts.filter((_, i) => i !== zoneAt).map((p) => p.value).join('').replace(/\s{2,}/g, ' ').trim();
  return `${rest} ${parts[zoneAt]!.value}`;
}

const zoneAlreadyLast = new WeakSet<Intl.DateTimeFormat>();

/** Epoch ms of an ISO instant. */
function instant(iso: string, which: string): number {
  // Graph returns UTC; an ISO string without an offset is read as UTC, never as the server's zone.
  const ms = isoInstantMs(iso);
  if (Number.isNaN(ms)) throw new RangeError(`formatMeetingTime: ${which} is not an ISO 8601 instant: ${JSON.stringify(iso)}`);
  return ms;
}

/**
 * "Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST (America/New_York)" in `timeZone`: both times with their day period,
 * as Outlook shows a meeting, and the zone once when both ends share it. (Intl's formatRange would collapse it to
 * "3:00 – 3:45 PM", but costs ~25 µs a call, about a tenth of a schedule turn's CPU.)
 * Both dates are shown when the meeting crosses midnight; each end keeps its own abbreviation
 * when a DST change happens during the meeting (otherwise "1:30 – 1:15 AM EST" would look reversed).
 * An unknown zone falls back to UTC, labelled as such, so a created meeting is still shown.
 */
export function formatMeetingTime(startIso: string, endIso: string, timeZone: string, locale = 'en-US'): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const start = instant(startIso, 'start');
  const end = instant(endIso, 'end');
  // Same day, and same offset (no DST change between), from the offsets the zone remembers rather than from Intl.
  const startWall = wallDayAndOffset(start, zone);
  const endWall = wallDayAndOffset(end, zone);
  const sameDay = startWall.day === endWall.day;
  const oneZoneName = sameDay && end >= start && startWall.offset === endWall.offset;
  const startText = zoneLast(formatter(locale, zone, oneZoneName ? 'dateTimeNoZone' : 'dateTime'), start);
  const endText = zoneLast(formatter(locale, zone, sameDay ? 'timeOnly' : 'dateTime'), end);
  return `${plainSpaces(`${startText} – ${endText}`)} (${zone})`;
}

/** "Fri, Nov 27, 2026, 3:00 PM EST": one instant with its zone's abbreviation, e.g. where a meeting was moved from. */
export function formatInstant(iso: string, timeZone: string, locale = 'en-US'): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return plainSpaces(zoneLast(formatter(locale, zone, 'dateTime'), instant(iso, 'time')));
}
