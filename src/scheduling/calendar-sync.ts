// The meeting in the organizer's Outlook calendar: the event is created right after the meeting, follows every
// change and is cancelled with the meeting. The record says what the event should be; `record.calendar` says how far
// the event has followed (calendarBehind). Everything here returns the calendar state to store; the caller writes it
// with the rest of the record, so one write settles both.
import { translator } from '../i18n/translate';
import { calendarProblemOf, eventTransactionId, type CalendarEvent, type CalendarEventsMode, type CalendarProblem, type CalendarService } from '../meetings/calendar-events';
import { calendarBehind, type CalendarState, type MeetingRecord } from '../meetings/meeting-record';
import { MeetingServiceError } from '../meetings/meeting-service-error';
import { budgetOf, TURN_BUDGET_MS, type Turn } from '../teams/turn';
import { organizerLocale } from './meeting-views';
import type { PresserTokens } from './turn-io';

export interface CalendarDeps {
  service: CalendarService;
  /** CALENDAR_EVENTS; `off` keeps every new meeting off the calendar. */
  mode: CalendarEventsMode;
  /**
   * The calendar token comes from its own OAuth connection (CALENDAR_CONNECTION_NAME): signing in for meetings never
   * asks for calendar consent, and the organizer is offered that sign-in on the card. Without one, the meetings token
   * is used (its connection must then hold Calendars.ReadWrite, or Graph answers 403).
   */
  separateConnection: boolean;
}

/** Reasons the bot tries again by itself on the organizer's next press or refresh; the others wait for the button. */
const RETRIED_BY_ITSELF: ReadonlySet<CalendarProblem | undefined> = new Set([undefined, 'busy', 'signIn']);

/** Reasons the organizer is offered "Send Outlook invitations" for (an event that doesn't exist yet). */
const OFFERED_AGAIN: ReadonlySet<CalendarProblem | undefined> = new Set(['signIn', 'busy', 'forbidden', 'failed']);

/** The calendar state of a new meeting, before anything was sent: none when CALENDAR_EVENTS=off. */
export function newCalendarState(deps: CalendarDeps | undefined): CalendarState | undefined {
  return deps && deps.mode !== 'off' ? { mode: deps.mode } : undefined;
}

/** Whether the organizer's card offers "Send Outlook invitations": a meeting whose event could still be made. */
export function offersInvitations(record: MeetingRecord): boolean {
  const calendar = record.calendar;
  return record.status === 'scheduled' && calendar !== undefined && calendar.eventId === undefined && OFFERED_AGAIN.has(calendar.problem);
}

/**
 * Whether a change or cancellation of the meeting should take the event along: an event that exists always follows;
 * a missing one is created on the way only when nothing but time or a sign-in stood in its way.
 */
export function followsChange(record: MeetingRecord): boolean {
  return calendarBehind(record) && (record.calendar?.eventId !== undefined || RETRIED_BY_ITSELF.has(record.calendar?.problem));
}

/** Whether the organizer's next press or refresh should try to bring the event in line without being asked. */
export function followsByItself(record: MeetingRecord): boolean {
  return calendarBehind(record) && RETRIED_BY_ITSELF.has(record.calendar?.problem);
}

/**
 * The event as the record says it should be: subject, times, the organizer's zone, the join link and where it was
 * scheduled (in the organizer's language), and the attendees Outlook can invite (those with an address).
 */
export function eventOf(record: MeetingRecord): CalendarEvent {
  const t = translator(organizerLocale(record));
  const where = record.personalChat ? 'chat' : record.listKey !== record.conversationId ? 'channel' : 'groupChat';
  const invite = record.calendar?.mode !== 'organizer';
  return {
    subject: record.subject,
    startIso: record.startIso,
    endIso: record.endIso,
    timeZone: record.timeZone,
    text: { lines: [t(`calendar.eventWhere.${where}`)], joinText: t('calendar.eventJoin'), joinUrl: record.joinWebUrl, location: t('calendar.location') },
    attendees: invite ? (record.attendees ?? []).filter((a) => a.upn).map((a) => ({ name: a.name, address: a.upn! })) : [],
  };
}

/**
 * Brings the Outlook event in line with `record` — creates it (with the meeting's transactionId, so a repeat makes no
 * second one), updates it to the record's version, or cancels it with the meeting — and returns the calendar state to
 * store. `token` is the calendar token when the caller has it (a press that signed in, or the meetings token when
 * there is no separate connection); otherwise the one the token service holds is used, and none means "sign in".
 */
export async function followInCalendar(turn: Turn, tokens: PresserTokens, deps: CalendarDeps | undefined, record: MeetingRecord, token?: string): Promise<CalendarState | undefined> {
  const calendar = record.calendar;
  if (!deps || !calendar || !calendarBehind(record)) return calendar;
  let calendarToken = token;
  if (!calendarToken) {
    try {
      calendarToken = await tokens.atHand();
    } catch {
      return { ...calendar, problem: 'busy' };
    }
  }
  if (!calendarToken) return { ...calendar, problem: 'signIn' };
  const signal = budgetOf(turn, TURN_BUDGET_MS);
  try {
    if (record.status === 'cancelled') {
      const name = record.cancelledBy || translator(organizerLocale(record))('common.theOrganizer');
      await deps.service.cancel(calendar.eventId!, translator(organizerLocale(record))('calendar.cancelComment', { name }), calendarToken, signal);
      return withoutProblem({ ...calendar, cancelled: true });
    }
    if (calendar.eventId === undefined) {
      const { id } = await deps.service.create({ ...eventOf(record), transactionId: eventTransactionId(record.externalId) }, calendarToken, signal);
      return withoutProblem({ ...calendar, eventId: id, syncedVersion: record.version });
    }
    await deps.service.update(calendar.eventId, eventOf(record), calendarToken, signal);
    return withoutProblem({ ...calendar, syncedVersion: record.version });
  } catch (err) {
    if (!(err instanceof MeetingServiceError)) throw err;
    const problem = calendarProblemOf(err);
    // Cancelling an event that is already gone from the calendar: cancelled is what it is.
    if (problem === 'gone' && record.status === 'cancelled') return withoutProblem({ ...calendar, cancelled: true });
    // A calendar token Graph refused: forgotten (its own connection only), so the follow-up press signs in afresh —
    // where the organizer can also grant the calendar permission.
    if (deps.separateConnection && (problem === 'signIn' || problem === 'forbidden')) await tokens.forget().catch(() => undefined);
    return { ...calendar, problem };
  }
}

function withoutProblem(calendar: CalendarState): CalendarState {
  const { problem: _problem, ...rest } = calendar;
  return rest;
}
