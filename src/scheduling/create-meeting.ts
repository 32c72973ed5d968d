// Creating the meeting and deciding what the user sees next: the one place both the no-dialog path and the
// schedule dialog go through.
import type { Said } from '../i18n/translate';
import { meetingErrorMessage } from '../meetings/error-messages';
import { externalIdFor } from '../meetings/external-id';
import { MeetingServiceError } from '../meetings/meeting-service-error';
import { recordIdFor, type MeetingRecord } from '../meetings/meeting-record';
import { lobbyScopeFor } from '../meetings/people';
import type { CreatedMeeting, MeetingService, ValidMeeting } from '../meetings/types';
import type { PostedForms } from '../storage/posted-forms';
import type { MeetingRecords } from '../storage/meeting-record-store';
import { budgetOf, listKeyOf, TURN_BUDGET_MS, type Turn } from '../teams/turn';
import { sharedCard, viewerCard, viewerZone } from './meeting-views';
import type { Reminders } from './reminder-delivery';
import type { ScheduleRequest } from './schedule-request';
import type { Reply, TurnIO } from './turn-io';
import { followInCalendar, newCalendarState, type CalendarDeps } from './calendar-sync';

/** What scheduling needs from the rest of the bot. */
export interface SchedulingDeps {
  meetings: MeetingService;
  /** What the bot remembers of each meeting it created (change, cancel, list). */
  records: MeetingRecords;
  /** Which activity holds which form. */
  forms: PostedForms;
  now: () => Date;
  /** Reminders in the meeting's conversation; absent = none (the form then has no reminder input). */
  reminders?: Reminders;
  /** Where handled-but-notable failures are reported (logging). */
  onError?: (err: unknown, what: string) => void;
  /** The meeting as an Outlook event with the attendees invited (absent: no calendar events at all). */
  calendar?: CalendarDeps;
}

export type CreateOutcome =
  /** The join card is in the conversation (in place of the form when there was one); `reply` is the presser's. */
  | { kind: 'created'; reply: Reply }
  /** Graph rejected the token, which has been forgotten: sign the user in again, then create. */
  | { kind: 'signInAgain' }
  /** Nothing was created: show the form again with this reason on top. */
  | { kind: 'form'; banner: Said };

export const SIGN_IN_UNAVAILABLE: Said = { key: 'signIn.unavailable' };

/**
 * Creates (or gets) the meeting as the token's owner and shows the join card. A Graph failure becomes the outcome
 * the user sees next; a 401 asks for one more sign-in when `mayReauthenticate`, else it is reported on the form.
 */
export async function createMeeting(
  turn: Turn,
  io: TurnIO,
  deps: SchedulingDeps,
  meeting: ValidMeeting,
  request: ScheduleRequest,
  token: string,
  opts: { mayReauthenticate: boolean },
): Promise<CreateOutcome> {
  try {
    return { kind: 'created', reply: await createAndShow(turn, io, deps, meeting, request, token) };
  } catch (err) {
    if (!(err instanceof MeetingServiceError)) throw err;
    if (err.kind === 'unauthorized' && opts.mayReauthenticate) {
      await io.tokens.forget().catch((e: unknown) => deps.onError?.(e, 'sign-out before re-sign-in failed'));
      return { kind: 'signInAgain' };
    }
    return { kind: 'form', banner: meetingErrorMessage(err) };
  }
}

async function createAndShow(turn: Turn, io: TurnIO, deps: SchedulingDeps, meeting: ValidMeeting, request: ScheduleRequest, token: string): Promise<Reply> {
  // A posted form creates one meeting: a replayed Create (or one pressed after the meeting was cancelled) shows that
  // meeting as it is, and nothing reaches Graph.
  const earlier = request.cardActivityId ? await createdBefore(deps, request.formId) : undefined;
  if (earlier) return asItIs(turn, earlier);
  // Teams documents typing indicators for personal and group chats; in a channel thread Agents Playground even
  // loses the reply that follows one.
  if (turn.conversationKind !== 'channel') await io.conversation.typing();
  const externalId = externalIdFor({
    conversationId: turn.conversationId,
    userId: request.ownerId,
    formId: request.formId,
    subject: meeting.subject,
    startIso: meeting.startIso,
    endIso: meeting.endIso,
  });
  const lobbyScope = lobbyScopeFor(request.people);
  const created = await deps.meetings.createOrGet(
    {
      externalId,
      subject: meeting.subject,
      startIso: meeting.startIso,
      endIso: meeting.endIso,
      channelThreadId: turn.channelThreadId,
      ...(request.people && request.people.attendees.length > 0 ? { attendees: request.people.attendees } : {}),
      ...(lobbyScope ? { lobbyScope } : {}),
      signal: budgetOf(turn, TURN_BUDGET_MS),
    },
    token,
  );
  // Graph already had it (a retry, a double click): the stored record, if there is one, is what the meeting is.
  const stored = created.created ? undefined : await deps.records.get(recordIdFor(created.id));
  if (stored) return asItIs(turn, stored);
  const record = recordOf(turn, created, meeting, request, externalId, deps.reminders);
  // The Outlook event right after the meeting, before the card, so the card says who was invited. A repeat of this
  // turn (a retried Create, a redelivery after a crash) sends the same transactionId: still one event.
  record.calendar = newCalendarState(deps.calendar);
  if (record.calendar) record.calendar = await followInCalendar(turn, io.calendarTokens, deps.calendar, record, deps.calendar!.separateConnection ? undefined : token);
  // Everyone gets the shared card; the organizer pressing Create gets their own version at once.
  // (Only a button press has a presser to answer: a typed command's turn doesn't build the second card.)
  const shared = sharedCard(record, meeting.notes);
  if (request.cardActivityId) await io.conversation.update(request.cardActivityId, shared);
  record.cardActivityId = request.cardActivityId ?? (await io.conversation.post(shared));
  try {
    // Queued before the record is written, so the record keeps the queue's handle (a later change withdraws it).
    if (deps.reminders && record.reminder) record.reminder = await deps.reminders.queue(record);
    const kept = await deps.records.create(record, created.created);
    if (request.cardActivityId) await deps.forms.linkMeeting(request.formId, kept.id);
  } catch (err) {
    // The meeting exists and its card is posted; only changing it from the card won't work.
    deps.onError?.(err, 'could not store the meeting record');
  }
  return { card: turn.isCardInvoke ? viewerCard(record, request.ownerId, meeting.timeZone) : shared, shownToAll: true };
}

/** A meeting that already exists, shown to the presser as it is (in place of its card where presses are messages). */
function asItIs(turn: Turn, record: MeetingRecord): Reply {
  return { card: viewerCard(record, turn.user.id, viewerZone(turn, record), turn.locale), replaces: record.cardActivityId };
}

/** The meeting a form created earlier, if the form created one and its record is still there. */
async function createdBefore(deps: SchedulingDeps, formId: string): Promise<MeetingRecord | undefined> {
  const recordId = await deps.forms.meetingOf(formId);
  return recordId ? deps.records.get(recordId) : undefined;
}

function recordOf(turn: Turn, created: CreatedMeeting, meeting: ValidMeeting, request: ScheduleRequest, externalId: string, reminders?: Reminders): MeetingRecord {
  const reminderMinutes = reminders ? request.reminderMinutes ?? reminders.defaultMinutes : undefined;
  const reminder = reminders?.plan(created.startIso, reminderMinutes, 1);
  const people = request.people;
  const lobbyScope = lobbyScopeFor(people);
  return {
    id: recordIdFor(created.id),
    meetingId: created.id,
    joinWebUrl: created.joinWebUrl,
    externalId,
    organizer: { id: request.ownerId, aadObjectId: turn.user.aadObjectId, name: created.organizerName ?? request.ownerName },
    tenantId: turn.tenantId,
    channelId: turn.channelId,
    conversationId: turn.conversationId,
    serviceUrl: turn.serviceUrl,
    listKey: listKeyOf(turn),
    personalChat: turn.conversationKind === 'personal',
    subject: created.subject || meeting.subject,
    startIso: created.startIso,
    endIso: created.endIso,
    timeZone: meeting.timeZone,
    locale: turn.locale,
    dialIn: created.dialIn,
    simulated: created.simulated,
    ...(people && people.attendees.length > 0 ? { attendees: people.attendees } : {}),
    ...(people && people.unresolved.length > 0 ? { unresolved: people.unresolved } : {}),
    ...(lobbyScope ? { lobbyScope } : {}),
    ...(reminderMinutes !== undefined ? { reminderMinutes } : {}),
    ...(reminder ? { reminder } : {}),
    botId: turn.botId,
    status: 'scheduled',
    version: 1,
    updatedAt: new Date().toISOString(),
  };
}
