// A meeting's life after creation, from its card: each viewer's own card, and the organizer's Change and Cancel.
// Everything a press carries is untrusted: the record id is looked up, the presser must be the stored organizer,
// and the only activity ever updated is the one stored in the record.
import type { TurnContext } from 'botbuilder';
import { actionStyleFor, VERBS } from '../cards/card-actions';
import { buildFormCard } from '../cards/form-card';
import { formatMeetingTime } from '../cards/format-meeting-time';
import { buildCancelConfirmCard } from '../cards/meeting-cards';
import type { Locale } from '../i18n/locale';
import { translator, type Said } from '../i18n/translate';
import { meetingErrorMessage } from '../meetings/error-messages';
import { draftOf, isPending, isRecordId, type MeetingRecord } from '../meetings/meeting-record';
import { MeetingServiceError } from '../meetings/meeting-service-error';
import { validateDraft } from '../meetings/validate-draft';
import { RecordConflictError, type StoredRecord, withoutETag } from '../storage/meeting-records';
import { timeZoneOf, turnLocale } from '../teams/activity-context';
import { sameAttendees } from '../meetings/people';
import { addablePeople, attendeesAfterEdit, unresolvedAfterEdit } from './attendee-edit';
import { choicesFrom, draftFrom, text, type CardActionPress } from './card-action';
import type { SchedulingDeps } from './create-meeting';
import { sharedCard, viewerCard } from './meeting-views';
import { showCard, showToPresser, tell, textsFor } from './show-card';
import { TURN_BUDGET_MS, turnSignal } from './turn-deadline';

/** Where the presser's token comes from: the invoke's sign-in protocol in Teams, the token at hand elsewhere. */
export type TokenSource = (context: TurnContext) => Promise<string | undefined>;

export const MEETING_GONE: Said = { key: 'reply.meetingGone' };

/** Handles a press on a join card, a change form or a cancel confirmation. */
export async function manageMeeting(context: TurnContext, deps: SchedulingDeps, press: CardActionPress, token: TokenSource): Promise<void> {
  const recordId = press.data.recordId;
  const record = isRecordId(recordId) ? await deps.records.get(recordId) : undefined;
  if (!record) return tell(context, MEETING_GONE);
  const viewerId = context.activity.from?.id;
  const zone = timeZoneOf(context.activity, record.timeZone);
  // The presser's own views are in their language; the shared card stays in the organizer's.
  const t = textsFor(context);
  const locale = t.locale;

  if (press.verb === VERBS.refresh) return showToPresser(context, undefined, viewerCard(record, viewerId, zone, locale));
  if (viewerId !== record.organizer.id) {
    // Teams never shows these buttons to anyone else: this press came from a modified client.
    return tell(context, { key: 'reply.onlyOrganizer', params: { name: record.organizer.name || t('common.theOrganizer') } });
  }
  if (record.status === 'cancelled') return showToPresser(context, record.cardActivityId, viewerCard(record, viewerId, zone, locale));

  switch (press.verb) {
    case VERBS.back:
      return showToPresser(context, record.cardActivityId, viewerCard(record, viewerId, zone, locale));
    case VERBS.change:
      return showToPresser(context, record.cardActivityId, await changeForm(context, deps, record, zone, locale, draftOf(record, zone)));
    case VERBS.cancelMeeting:
      return showToPresser(
        context,
        record.cardActivityId,
        buildCancelConfirmCard({
          recordId: record.id,
          subject: record.subject,
          when: formatMeetingTime(record.startIso, record.endIso, zone, locale),
          actionStyle: actionStyleFor(record.channelId),
          locale,
        }),
      );
    case VERBS.saveChange:
      return saveChange(context, deps, press, record, zone, token);
    case VERBS.confirmCancel:
      return cancelMeeting(context, deps, record, zone, token);
    default:
      return tell(context, MEETING_GONE);
  }
}

/**
 * The organizer's Change form, prefilled with `draft`. In a Teams channel or group chat the attendee list also offers
 * the conversation's members; `shown.ticked` keeps what a rejected save had ticked.
 */
async function changeForm(
  context: TurnContext,
  deps: Pick<SchedulingDeps, 'reminders' | 'directory'>,
  record: MeetingRecord,
  zone: string,
  locale: Locale,
  draft: ReturnType<typeof draftOf>,
  shown: { errors?: Record<string, Said>; banner?: Said; ticked?: readonly string[] } = {},
) {
  const t = translator(locale);
  const { errors, banner } = shown;
  const attendees = record.attendees ?? [];
  const addable = await addablePeople(context, deps.directory, record, locale);
  return buildFormCard({
    // The organizer may invite and uninvite people and change the reminder here.
    people: attendees.length > 0 || addable ? { attendees, unresolved: [], everyone: false } : undefined,
    addable,
    ticked: shown.ticked,
    reminderInput: deps.reminders ? record.reminderMinutes ?? 0 : undefined,
    formId: record.id,
    ownerId: record.organizer.id,
    ownerName: record.organizer.name,
    timeZone: zone,
    draft,
    errors: errors && Object.fromEntries(Object.entries(errors).map(([field, said]) => [field, t(said)])),
    banner: banner && t(banner),
    locale,
    actionStyle: actionStyleFor(record.channelId),
    change: { recordId: record.id },
  });
}

async function saveChange(
  context: TurnContext,
  deps: SchedulingDeps,
  press: CardActionPress,
  read: StoredRecord,
  viewerZone: string,
  token: TokenSource,
): Promise<void> {
  const zone = timeZoneOf(context.activity, text(press.data, 'timeZone') ?? viewerZone);
  const locale = turnLocale(context);
  const draft = draftFrom(press.data);
  const choices = choicesFrom(press.data);
  const ticked = choices.attendeeIds;
  const result = validateDraft(draft, { now: deps.now(), timeZone: zone });
  if (!result.ok) return showToPresser(context, read.cardActivityId, await changeForm(context, deps, read, zone, locale, draft, { errors: result.errors, ticked }));
  const { meeting } = result;
  // The ticked ids are untrusted: anyone who isn't an attendee yet is looked up in this conversation first.
  const edit = ticked ? await attendeesAfterEdit(context, deps.directory, read, ticked) : { attendees: read.attendees ?? [], unresolved: [] };
  const attendees = edit.attendees;
  const attendeesChanged = !sameAttendees(attendees, read.attendees);
  const unresolved = edit.unresolved.length > 0 ? unresolvedAfterEdit(read.unresolved, edit.unresolved, attendees) : read.unresolved;
  const reminderMinutes = deps.reminders ? choices.reminderMinutes ?? read.reminderMinutes : read.reminderMinutes;
  const reminderChanged = (reminderMinutes ?? 0) !== (read.reminderMinutes ?? 0);
  const unchanged =
    meeting.subject === read.subject &&
    Date.parse(meeting.startIso) === Date.parse(read.startIso) &&
    Date.parse(meeting.endIso) === Date.parse(read.endIso) &&
    !attendeesChanged &&
    !reminderChanged;
  // Nothing to apply: the organizer sees the meeting as it is, with whoever couldn't be added.
  if (unchanged) return showToPresser(context, read.cardActivityId, viewerCard({ ...read, unresolved }, read.organizer.id, zone, locale));

  const accessToken = await token(context);
  if (!accessToken) return;
  // Claim the change first: of two presses (or instances) only the one whose write lands talks to Graph.
  const moved = Date.parse(meeting.startIso) !== Date.parse(read.startIso);
  const next: MeetingRecord = {
    ...withoutETag(read),
    subject: meeting.subject,
    startIso: new Date(meeting.startIso).toISOString(),
    endIso: new Date(meeting.endIso).toISOString(),
    movedFrom: moved ? { startIso: read.startIso, by: read.organizer.name } : read.movedFrom,
    attendees: attendees.length > 0 ? attendees : undefined,
    unresolved,
    lobbyScope: lobbyAfterEdit(read, attendees),
    reminderMinutes,
    version: read.version + 1,
    updatedAt: new Date().toISOString(),
  };
  // A new time or lead plans a new reminder (a new version): the old queue message finds a mismatch and does nothing.
  if (deps.reminders && (moved || reminderChanged)) next.reminder = deps.reminders.plan(next.startIso, reminderMinutes, next.version);
  const claimed = await claim(context, deps, read, next, zone);
  if (!claimed) return;
  try {
    const people = attendeesChanged ? { attendees, ...(attendees.length > 0 ? { lobbyScope: lobbyAfterEdit(read, attendees) } : {}) } : {};
    const updated = await deps.meetings.update(read.meetingId, { subject: next.subject, startIso: next.startIso, endIso: next.endIso, ...people, signal: turnSignal(context) }, accessToken);
    // Graph's word on the times (it normalises them) is what the card shows.
    const final = await deps.records.replace(claimed, settled({ ...next, subject: updated.subject || next.subject, startIso: updated.startIso, endIso: updated.endIso, joinWebUrl: updated.joinWebUrl || next.joinWebUrl }));
    if (next.reminder !== read.reminder) await deps.reminders?.schedule(final);
    await showShared(context, final, viewerCard(final, final.organizer.id, zone, locale));
  } catch (err) {
    if (err instanceof MeetingServiceError && err.kind === 'notFound') return markDeleted(context, deps, claimed, zone);
    // Nothing changed in Teams: put the record back as it was and show the form with the reason.
    await deps.records.replace(claimed, settled({ ...withoutETag(read), version: next.version + 1 })).catch((e) => deps.onError?.(e, 'could not restore the meeting record'));
    if (!(err instanceof MeetingServiceError)) throw err;
    return showToPresser(context, read.cardActivityId, await changeForm(context, deps, read, zone, locale, draft, { banner: meetingErrorMessage(err, 'change'), ticked }));
  }
}

async function cancelMeeting(context: TurnContext, deps: SchedulingDeps, read: StoredRecord, zone: string, token: TokenSource): Promise<void> {
  const accessToken = await token(context);
  if (!accessToken) return;
  // An empty name is kept as it is: each reader's card says "the organizer" in their own language.
  const next: MeetingRecord = { ...withoutETag(read), status: 'cancelled', cancelledBy: read.organizer.name, version: read.version + 1, updatedAt: new Date().toISOString() };
  const claimed = await claim(context, deps, read, next, zone);
  if (!claimed) return;
  let final = claimed;
  try {
    await deps.meetings.cancel(read.meetingId, accessToken, turnSignal(context));
  } catch (err) {
    if (!(err instanceof MeetingServiceError)) throw err;
    if (err.kind !== 'notFound') {
      await deps.records.replace(claimed, settled({ ...withoutETag(read), version: next.version + 1 })).catch((e) => deps.onError?.(e, 'could not restore the meeting record'));
      return tell(context, meetingErrorMessage(err, 'cancel'));
    }
    // Already deleted in Teams: cancelled is what it is.
  }
  final = await deps.records.replace(claimed, settled(withoutETag(claimed)));
  await showShared(context, final, viewerCard(final, final.organizer.id, zone, turnLocale(context)));
}

/**
 * Writes `next` over `read`, marked as being applied for the rest of the turn, so of two presses (or instances)
 * only the one whose write lands talks to Graph. On a lost race, or while another change is being applied, shows
 * the presser the meeting as it now is and returns undefined.
 */
async function claim(context: TurnContext, deps: SchedulingDeps, read: StoredRecord, next: MeetingRecord, zone: string): Promise<StoredRecord | undefined> {
  const now = deps.now();
  if (isPending(read, now)) {
    await showToPresser(context, read.cardActivityId, viewerCard(read, context.activity.from?.id, zone, turnLocale(context)));
    return undefined;
  }
  try {
    return await deps.records.replace(read, { ...next, pendingUntil: new Date(now.getTime() + TURN_BUDGET_MS).toISOString() });
  } catch (err) {
    if (!(err instanceof RecordConflictError)) throw err;
    const current = (await deps.records.get(read.id)) ?? read;
    await showToPresser(context, current.cardActivityId, viewerCard(current, context.activity.from?.id, zone, turnLocale(context)));
    return undefined;
  }
}

/** Graph says the meeting is gone (deleted in Teams or by another client): the card says so for everyone. */
async function markDeleted(context: TurnContext, deps: SchedulingDeps, claimed: StoredRecord, zone: string): Promise<void> {
  const gone = await deps.records.replace(claimed, settled({ ...withoutETag(claimed), status: 'cancelled', cancelledBy: undefined, version: claimed.version + 1 }));
  await showShared(context, gone, viewerCard(gone, gone.organizer.id, zone, turnLocale(context)));
}

/** The shared card for everyone (the stored activity), and the presser's own version as the answer. */
async function showShared(context: TurnContext, record: MeetingRecord, forPresser: ReturnType<typeof viewerCard>): Promise<void> {
  if (record.cardActivityId) await showCard(context, record.cardActivityId, sharedCard(record), forPresser);
  else await showToPresser(context, undefined, forPresser);
}

/**
 * Who skips the lobby after an attendee change: a meeting open to the organization stays open (added people are
 * invited too); otherwise the invited people once there are any.
 */
function lobbyAfterEdit(read: MeetingRecord, attendees: readonly unknown[]): MeetingRecord['lobbyScope'] {
  if (read.lobbyScope === 'organization') return 'organization';
  return attendees.length > 0 ? 'invited' : read.lobbyScope;
}

/** The record with the change applied (or undone): no longer pending. */
function settled(record: MeetingRecord): MeetingRecord {
  const { pendingUntil: _pending, ...rest } = record;
  return rest;
}

