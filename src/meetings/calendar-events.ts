// The meeting as an event in the organizer's Outlook calendar, with the invited people as attendees, so Exchange
// sends them invitations and follows every change and the cancellation. Online meetings made through Graph's
// onlineMeetings API are on nobody's calendar; this puts them there. Plain data and pure functions: the services
// that talk to Graph (graph-calendar-service.ts) or simulate it (simulated-calendar-service.ts) take these.
import { sha256Base64Url } from '../sha256';
import { isValidTimeZone, requireZone } from './zoned-time';
import type { MeetingServiceError } from './meeting-service-error';

/** CALENDAR_EVENTS: attendees invited by Outlook, an event in the organizer's calendar only, or no event at all. */
export type CalendarEventsMode = 'invite' | 'organizer' | 'off';

/** Someone invited by email (Outlook sends them the invitation). */
export interface EventInvitee {
  name: string;
  /** Their mail address or user principal name. */
  address: string;
}

/** The event's words, in the organizer's language: what the body and the location say. */
export interface EventText {
  /** Plain-text paragraphs before the join link (e.g. where the meeting was scheduled). */
  lines: string[];
  /** The join link's text and target: the Teams meeting's own join link. */
  joinText: string;
  joinUrl: string;
  /** "Microsoft Teams meeting". */
  location: string;
}

/** What the event is: the meeting's details, its text and who is invited. */
export interface CalendarEvent {
  subject: string;
  /** UTC ISO instants. */
  startIso: string;
  endIso: string;
  /** The organizer's zone (IANA): Outlook shows the event in it for the organizer. */
  timeZone: string;
  text: EventText;
  attendees: EventInvitee[];
}

export interface CalendarService {
  /**
   * Creates the event in the token owner's calendar. `transactionId` makes a repeated create (a retry after a lost
   * answer, a replayed press) return the event already made instead of a second one. Throws MeetingServiceError.
   */
  create(event: CalendarEvent & { transactionId: string }, accessToken: string, signal?: AbortSignal): Promise<{ id: string }>;
  /** Brings the event to these details and attendees (Outlook sends the attendees the update). */
  update(eventId: string, event: CalendarEvent, accessToken: string, signal?: AbortSignal): Promise<void>;
  /** Cancels the event (organizer only): attendees get the cancellation with `comment`. */
  cancel(eventId: string, comment: string, accessToken: string, signal?: AbortSignal): Promise<void>;
}

/** The event's transactionId: derived from the meeting's externalId, so every attempt for one meeting uses the same. */
export function eventTransactionId(externalId: string): string {
  return `meeting-bot-event-${sha256Base64Url(`event\u0000${externalId}`).slice(0, 32)}`;
}

/** Why an event couldn't be created, changed or cancelled, as the card explains it. */
export type CalendarProblem =
  /** Graph said 403: the calendar permission (Calendars.ReadWrite) isn't granted for this token. */
  | 'forbidden'
  /** Graph said 404 MailboxNotEnabledForRESTAPI: the organizer has no Exchange Online mailbox. */
  | 'noMailbox'
  /** No calendar token yet: the organizer is offered the sign-in (the follow-up button). */
  | 'signIn'
  /** Throttled, unavailable, timed out: the next look at the card tries again. */
  | 'busy'
  /** The event is no longer in the organizer's calendar (deleted in Outlook). */
  | 'gone'
  /** Anything else Graph refused. */
  | 'failed';

/** Graph's failure as the card's reason. Branches on status and code, never on the message. */
export function calendarProblemOf(err: MeetingServiceError): CalendarProblem {
  if (err.details.code === 'MailboxNotEnabledForRESTAPI') return 'noMailbox';
  switch (err.kind) {
    case 'forbidden':
      return 'forbidden';
    case 'notFound':
      return 'gone';
    case 'busy':
      return 'busy';
    case 'unauthorized':
      return 'signIn';
    default:
      return 'failed';
  }
}

/**
 * The zone and wall-clock times Graph's dateTimeTimeZone takes for an instant in `ianaZone`. Graph accepts Windows
 * zone names and only a fixed list of IANA names (dateTimeTimeZone's reference page), so the organizer's IANA zone
 * is sent as its Windows name (CLDR's mapping); a zone without one is sent as UTC, which is the same instant.
 */
export function graphDateTimes(ianaZone: string, startIso: string, endIso: string): { timeZone: string; start: string; end: string } {
  const windows = windowsZoneOf(ianaZone);
  const zone = windows && isValidTimeZone(ianaZone) ? requireZone(ianaZone) : undefined;
  // The wall clock from the zone's offset at that instant (remembered per hour), not a formatted DateTime per call.
  const wall = (iso: string): string => {
    const ms = Date.parse(iso);
    return new Date(ms + (zone ? zone.offset(ms) : 0) * 60_000).toISOString().slice(0, 19);
  };
  return { timeZone: zone ? windows! : 'UTC', start: wall(startIso), end: wall(endIso) };
}

/**
 * The Windows name of an IANA zone, remembered: windows-iana searches its whole table (aliases included) on every
 * call, a tenth of what writing an event costs. Only valid zone names are remembered, so the map stays small.
 */
function windowsZoneOf(ianaZone: string): string | undefined {
  let windows = windowsZones.get(ianaZone);
  if (windows === undefined && !windowsZones.has(ianaZone)) {
    // Loaded when an event is first written: a start doesn't need the zone table.
    const { findWindows } = require('windows-iana') as typeof import('windows-iana');
    windows = findWindows(ianaZone)[0];
    if (isValidTimeZone(ianaZone) && windowsZones.size < 2000) windowsZones.set(ianaZone, windows);
  }
  return windows;
}
const windowsZones = new Map<string, string | undefined>();

/** The event's body as HTML: every text escaped, the join link's target an https URL or nothing. */
export function eventBodyHtml(text: EventText): string {
  const paragraphs = text.lines.filter((line) => line.trim() !== '').map((line) => `<p>${escapeHtml(line)}</p>`);
  const link = isHttpsUrl(text.joinUrl) ? `<p><a href="${escapeHtml(text.joinUrl)}">${escapeHtml(text.joinText)}</a></p>` : '';
  return [...paragraphs, link].join('');
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
