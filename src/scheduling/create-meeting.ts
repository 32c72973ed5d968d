// Creating the meeting and deciding what the user sees next: the one place both the no-dialog path and the
// schedule dialog go through.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { SignIn } from '../auth/sign-in';
import type { Said } from '../i18n/translate';
import { meetingErrorMessage } from '../meetings/error-messages';
import { externalIdFor } from '../meetings/external-id';
import { MeetingServiceError } from '../meetings/meeting-service-error';
import { recordIdFor, type MeetingRecord } from '../meetings/meeting-record';
import { lobbyScopeFor } from '../meetings/people';
import type { CreatedMeeting, MeetingService, ValidMeeting } from '../meetings/types';
import type { FormCards } from '../storage/form-cards';
import type { MeetingRecords } from '../storage/meeting-records';
import { channelThreadIdOf, conversationKind, turnLocale } from '../teams/activity-context';
import { tenantOf } from '../teams/tenant';
import type { MemberDirectory } from './member-directory';
import { sharedCard, viewerCard } from './meeting-views';
import type { Reminders } from './reminders';
import type { ScheduleRequest } from './schedule-request';
import { isCardInvoke, showCard } from './show-card';
import { turnSignal, withinTurn } from './turn-deadline';

const MEETING_SHOWN = Symbol('meetingShown');

/** From here on the meeting exists for the user; a later failure in the turn must not tell them to try again. */
function markMeetingShown(context: TurnContext): void {
  context.turnState.set(MEETING_SHOWN, true);
}

/** Whether this turn created a meeting and showed it. */
export function meetingShownInTurn(context: TurnContext): boolean {
  return context.turnState.get(MEETING_SHOWN) === true;
}

/** What scheduling needs from the rest of the bot. */
export interface SchedulingDeps {
  meetings: MeetingService;
  /** What the bot remembers of each meeting it created (change, cancel, list). */
  records: MeetingRecords;
  /** Which activity holds which form. */
  forms: FormCards;
  signIn: SignIn;
  now: () => Date;
  /** Reminders in the meeting's conversation; absent = none (the form then has no reminder input). */
  reminders?: Reminders;
  /** Looks up the people a request @mentions. */
  directory?: MemberDirectory;
  /** Where handled-but-notable failures are reported (logging). */
  onError?: (err: unknown, what: string) => void;
}

export type CreateOutcome =
  /** The join card is in the conversation (in place of the form when there was one). */
  | { kind: 'created' }
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
  context: TurnContext,
  deps: SchedulingDeps,
  meeting: ValidMeeting,
  request: ScheduleRequest,
  token: string,
  opts: { mayReauthenticate: boolean },
): Promise<CreateOutcome> {
  try {
    await createAndShow(context, deps, meeting, request, token);
    return { kind: 'created' };
  } catch (err) {
    if (!(err instanceof MeetingServiceError)) throw err;
    if (err.kind === 'unauthorized' && opts.mayReauthenticate) {
      await forgetRejectedToken(context, deps);
      return { kind: 'signInAgain' };
    }
    return { kind: 'form', banner: meetingErrorMessage(err) };
  }
}

async function createAndShow(
  context: TurnContext,
  deps: SchedulingDeps,
  meeting: ValidMeeting,
  request: ScheduleRequest,
  token: string,
): Promise<void> {
  const activity = context.activity;
  // Teams documents typing indicators for personal and group chats; in a channel thread Agents Playground even
  // loses the reply that follows one.
  if (conversationKind(activity) !== 'channel') await context.sendActivity({ type: ActivityTypes.Typing });
  const externalId = externalIdFor({
    conversationId: activity.conversation?.id ?? '',
    userId: request.ownerId,
    formId: request.formId,
    subject: meeting.subject,
    startIso: meeting.startIso,
    endIso: meeting.endIso,
  });
  const created = await deps.meetings.createOrGet(
    {
      externalId,
      subject: meeting.subject,
      startIso: meeting.startIso,
      endIso: meeting.endIso,
      channelThreadId: channelThreadIdOf(activity),
      ...(request.people && request.people.attendees.length > 0 ? { attendees: request.people.attendees } : {}),
      ...(lobbyScopeFor(request.people) ? { lobbyScope: lobbyScopeFor(request.people) } : {}),
      signal: turnSignal(context),
    },
    token,
  );
  const record = recordOf(context, created, meeting, request, externalId, deps.reminders);
  // Everyone gets the shared card; the organizer pressing Create gets their own version at once.
  markMeetingShown(context);
  // (Only a button press has a presser to answer: a typed command's turn doesn't build the second card.)
  const shared = sharedCard(record, meeting.notes);
  const forPresser = isCardInvoke(context) ? viewerCard(record, request.ownerId, meeting.timeZone) : shared;
  record.cardActivityId = await showCard(context, request.cardActivityId, shared, forPresser);
  try {
    const stored = await deps.records.create(record, created.created);
    // A repeated request finds the record already there: scheduling its reminder again is harmless (one posts).
    await deps.reminders?.schedule(stored);
  } catch (err) {
    // The meeting exists and its card is posted; only changing it from the card won't work.
    deps.onError?.(err, 'could not store the meeting record');
  }
}

function recordOf(context: TurnContext, created: CreatedMeeting, meeting: ValidMeeting, request: ScheduleRequest, externalId: string, reminders?: Reminders): MeetingRecord {
  const { activity } = context;
  const conversationId = activity.conversation?.id ?? '';
  const reminderMinutes = reminders ? request.reminderMinutes ?? reminders.defaultMinutes : undefined;
  const people = request.people;
  return {
    id: recordIdFor(created.id),
    meetingId: created.id,
    joinWebUrl: created.joinWebUrl,
    externalId,
    organizer: { id: request.ownerId, aadObjectId: activity.from?.aadObjectId, name: created.organizerName ?? request.ownerName },
    tenantId: tenantOf(activity),
    channelId: activity.channelId ?? '',
    conversationId,
    serviceUrl: activity.serviceUrl ?? '',
    listKey: channelThreadIdOf(activity) ?? conversationId,
    personalChat: conversationKind(activity) === 'personal',
    subject: created.subject || meeting.subject,
    startIso: created.startIso,
    endIso: created.endIso,
    timeZone: meeting.timeZone,
    locale: turnLocale(context),
    dialIn: created.dialIn,
    simulated: created.simulated,
    ...(people && people.attendees.length > 0 ? { attendees: people.attendees } : {}),
    ...(people && people.unresolved.length > 0 ? { unresolved: people.unresolved } : {}),
    ...(lobbyScopeFor(people) ? { lobbyScope: lobbyScopeFor(people) } : {}),
    ...(reminderMinutes !== undefined ? { reminderMinutes } : {}),
    ...(reminders?.plan(created.startIso, reminderMinutes, 1) ? { reminder: reminders.plan(created.startIso, reminderMinutes, 1) } : {}),
    botId: activity.recipient?.id,
    status: 'scheduled',
    version: 1,
    updatedAt: new Date().toISOString(),
  };
}

/** Graph rejected the token service's token (expired/revoked): forget it so the next sign-in gets a fresh one. */
async function forgetRejectedToken(context: TurnContext, deps: SchedulingDeps): Promise<void> {
  try {
    await withinTurn(context, 'the token service', deps.signIn.signOut(context));
  } catch (err) {
    deps.onError?.(err, 'sign-out before re-sign-in failed');
  }
}
