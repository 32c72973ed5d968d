import { DateTime, Interval } from 'luxon';

// ICU (Node 20) puts U+202F before AM/PM and U+2009 around the range dash; plain spaces keep
// the card text predictable to compare, copy and search.
function plainSpaces(s: string): string {
  return s.replace(/[\u2009\u202f\u00a0]/g, ' ');
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};
const TIME_ONLY: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

function instant(iso: string, which: string): DateTime {
  // Graph returns UTC; an ISO string without an offset is read as UTC, never as the server's zone.
  const dt = DateTime.fromISO(iso, { zone: 'utc' });
  if (!dt.isValid) throw new RangeError(`formatMeetingTime: ${which} is not an ISO 8601 instant: ${JSON.stringify(iso)}`);
  return dt;
}

/**
 * "Sat, Nov 28, 2026, 3:00 – 3:45 PM EST (America/New_York)" in `timeZone`.
 * Both dates are shown when the meeting crosses midnight; each end keeps its own abbreviation
 * when a DST change happens during the meeting (otherwise "1:30 – 1:15 AM EST" would look reversed).
 * An unknown zone falls back to UTC, labelled as such, so a created meeting is still shown.
 */
export function formatMeetingTime(startIso: string, endIso: string, timeZone: string, locale = 'en-US'): string {
  const zoneOk = DateTime.now().setZone(timeZone).isValid;
  const zone = zoneOk ? timeZone : 'UTC';
  const start = instant(startIso, 'start').setZone(zone).setLocale(locale);
  const end = instant(endIso, 'end').setZone(zone).setLocale(locale);

  let range: string;
  if (start.offset === end.offset && end >= start) {
    // Intl's formatRange collapses the shared date/day period the way the locale expects.
    range = Interval.fromDateTimes(start, end).toLocaleString(DATE_TIME);
  } else {
    const endFormat = start.hasSame(end, 'day') ? TIME_ONLY : DATE_TIME;
    range = `${start.toLocaleString(DATE_TIME)} – ${end.toLocaleString(endFormat)}`;
  }
  return `${plainSpaces(range)} (${zone})`;
}
