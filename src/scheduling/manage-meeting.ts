// A meeting's life after creation, from its card: each viewer's own card, and the organizer's Change and Cancel.
// Everything a press carries is untrusted: the record id is looked up, the presser must be the stored organizer,
// and the only activity ever updated is the one stored in the record.
import { actionStyleFor } from '../cards/card-actions';
import type { AdaptiveCard } from '../cards/card-elements';
import { buildFormCard } from '../cards/form-card';
import { formatMeetingTime } from '../cards/format-meeting-time';
import { buildCancelConfirmCard } from '../cards/meeting-cards';
import type { Said } from '../i18n/translate';
import { meetingErrorMessage } from '../meetings/error-messages';
import { draftOf, isPending, isRecordId, isUnsettled, type MeetingRecord } from '../meetings/meeting-record';
import { MeetingServiceError } from '../meetings/meeting-service-error';
import { validateDraft } from '../meetings/validate-draft';
import { RecordConflictError, type StoredRecord, withoutETag } from '../storage/meeting-record-store';
import { sameAttendees } from '../meetings/people';
import { choicesFrom, draftFrom, text, type CardPress } from '../teams/card-press';
import { budgetOf, listKeyOf, TURN_BUDGET_MS, type Turn } from '../teams/turn';
import { addablePeople, attendeesAfterEdit, unresolvedAfterEdit } from './attendee-edit';
import type { SchedulingDeps } from './create-meeting';
import { sharedCard, viewerCard, viewerZone } from './meeting-views';
import { THIS_PROCESS } from '../process-owner';
import { reconcile, type Reconciled } from './reconcile-meeting';
import { followInCalendar, followsByItself, followsChange } from './calendar-sync';
import type { CalendarState } from '../meetings/meeting-record';
import type { Reply, TurnIO } from './turn-io';

const MEETING_GONE: Said = { key: 'reply.meetingGone' };
const TOKEN_UNAVAILABLE: Said = { key: 'signIn.unavailableForAction' };

/** What one press on a meeting's card does, given the stored record it names. */
export type MeetingAction = (turn: Turn, io: TurnIO, deps: SchedulingDeps, record: StoredRecord, press: CardPress) => Promise<Reply>;

/**
 * Loads the record a press names and runs `action` on it. Everything the press carries is untrusted: the record id
 * is looked up, and every action but `refresh` is the stored organizer's alone.
 */
export async function onMeeting(turn: Turn, io: TurnIO, deps: SchedulingDeps, press: CardPress, action: MeetingAction, organizerOnly = true): Promise<Reply> {
  const recordId = press.data.recordId;
  let record = isRecordId(recordId) ? await deps.records.get(recordId) : undefined;
  if (!record) return { text: turn.t(MEETING_GONE) };
  // A record id can travel (a copied card, a forged press): the meeting answers only where it was scheduled.
  if (!isHome(record, turn)) return { text: turn.t('reply.otherConversation') };
  const isOrganizer = turn.user.id === record.organizer.id;
  // A change or cancellation left unfinished by a process that died is settled with Graph's word first.
  if (isOrganizer && isUnsettled(record, deps.now())) {
    const settledNow = await settleUnfinished(turn, io, deps, record);
    if (settledNow.outcome === 'notApplied') return toPresser(settledNow.record, viewerCardFor(turn, settledNow.record, [{ key: 'change.notApplied' }]));
    record = settledNow.record;
  }
  // An Outlook event left behind (Graph busy, a calendar sign-in since, a process that died before it followed) is
  // brought in line with the organizer's token at hand — no sign-in is asked for this.
  if (isOrganizer && followsByItself(record) && !isPending(record, deps.now())) record = await catchUpCalendar(turn, io, deps, record);
  if (!organizerOnly) return action(turn, io, deps, record, press);
  if (!isOrganizer) {
    // Teams never shows these buttons to anyone else: this press came from a modified client.
    return { text: turn.t('reply.onlyOrganizer', { name: record.organizer.name || turn.t('common.theOrganizer') }) };
  }
  // A cancelled meeting can only be looked at.
  if (record.status === 'cancelled') return toPresser(record, viewerCardFor(turn, record));
  return action(turn, io, deps, record, press);
}

/**
 * "Send Outlook invitations" on the organizer's card: the calendar token (Teams signs the organizer in to the calendar
 * connection first, the same Universal Actions sign-in as for meetings), then the event, with the meeting's
 * transactionId. Everyone's card then says who was invited.
 */
export const sendInvitations: MeetingAction = async (turn, io, deps, read) => {
  if (!deps.calendar || !read.calendar || read.calendar.eventId !== undefined) return toPresser(read, viewerCardFor(turn, read));
  const token = await io.calendarTokens.forPress(TOKEN_UNAVAILABLE);
  if ('reply' in token) return token.reply;
  const calendar = await followInCalendar(turn, io.calendarTokens, deps.calendar, read, token.token);
  const final = await storeCalendar(deps, read, calendar);
  return showToAll(io, final, viewerCardFor(turn, final));
};

/** The Outlook event brought in line without asking the organizer anything; the shared card follows when it changed. */
async function catchUpCalendar(turn: Turn, io: TurnIO, deps: SchedulingDeps, record: StoredRecord): Promise<StoredRecord> {
  const calendar = await followInCalendar(turn, io.calendarTokens, deps.calendar, record);
  if (JSON.stringify(calendar) === JSON.stringify(record.calendar)) return record;
  const final = await storeCalendar(deps, record, calendar);
  if (final.cardActivityId && final !== record) await io.conversation.update(final.cardActivityId, sharedCard(final));
  return final;
}

/**
 * Writes the record's calendar state (not a change of the meeting: its version stays, so open forms stay valid). Of
 * two writers, the other's record stands: the event has the same transactionId either way.
 */
async function storeCalendar(deps: SchedulingDeps, read: StoredRecord, calendar: CalendarState | undefined): Promise<StoredRecord> {
  try {
    return await deps.records.replace(read, { ...withoutETag(read), calendar, updatedAt: new Date().toISOString() });
  } catch (err) {
    if (!(err instanceof RecordConflictError)) throw err;
    return (await deps.records.get(read.id)) ?? read;
  }
}

/** The viewer's own version of the card, asked for by their client (the card's automatic refresh). */
export const refreshCard: MeetingAction = async (turn, _io, _deps, record) => ({ card: viewerCardFor(turn, record) });

/** Back to the meeting's card from the Change form or the cancel confirmation, nothing changed. */
export const backToCard: MeetingAction = async (turn, _io, _deps, record) => toPresser(record, viewerCardFor(turn, record));

/** The organizer's Change form, prefilled. */
export const showChangeForm: MeetingAction = async (turn, io, deps, record) => {
  const zone = viewerZone(turn, record);
  return toPresser(record, await changeForm(turn, io, deps, record, zone, draftOf(record, zone)));
};

/** "Cancel the meeting for everyone?" */
export const confirmCancel: MeetingAction = async (turn, _io, _deps, record) =>
  toPresser(
    record,
    buildCancelConfirmCard({
      recordId: record.id,
      subject: record.subject,
      when: formatMeetingTime(record.startIso, record.endIso, viewerZone(turn, record), turn.locale),
      actionStyle: actionStyleFor(record.channelId),
      locale: turn.locale,
    }),
  );

/** Whether the turn comes from the meeting's own tenant and conversation (a channel: any thread of it). */
function isHome(record: MeetingRecord, turn: Turn): boolean {
  return record.channelId === turn.channelId && (record.tenantId ?? '') === (turn.tenantId ?? '') && record.listKey === listKeyOf(turn);
}

/** The presser's view of a meeting: times in their zone (else the meeting's), texts in their language. */
function viewerCardFor(turn: Turn, record: MeetingRecord, notes?: Said[]): AdaptiveCard {
  return viewerCard(record, turn.user.id, viewerZone(turn, record), turn.locale, notes);
}

/** Settles an unfinished change with the organizer's token, if the token service has it at hand (no sign-in asked). */
async function settleUnfinished(turn: Turn, io: TurnIO, deps: SchedulingDeps, record: StoredRecord): Promise<Reconciled> {
  const token = await io.tokens.atHand().catch(() => undefined);
  return token ? reconcile(turn, io, deps, record, token) : { outcome: 'unknown', record };
}

/**
 * A card for the presser only (a confirmation, the organizer's form): the invoke answer in Teams; where presses
 * arrive as messages (the Emulator: one person, one chat) it replaces the meeting's card.
 */
function toPresser(record: MeetingRecord, card: AdaptiveCard): Reply {
  return { card, replaces: record.cardActivityId };
}

/**
 * The organizer's Change form, prefilled with `draft`. In a Teams channel or group chat the attendee list also offers
 * the conversation's members; `shown.ticked` keeps what a rejected save had ticked.
 */
async function changeForm(
  turn: Turn,
  io: TurnIO,
  deps: Pick<SchedulingDeps, 'reminders'>,
  record: MeetingRecord,
  zone: string,
  draft: ReturnType<typeof draftOf>,
  shown: { errors?: Record<string, Said>; banner?: Said; ticked?: readonly string[] } = {},
): Promise<AdaptiveCard> {
  const { t, locale } = turn;
  const { errors, banner } = shown;
  const attendees = record.attendees ?? [];
  const addable = await addablePeople(turn, io.roster, record);
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
    change: { recordId: record.id, version: record.version },
  });
}

/** Save changes on the organizer's form: validated, claimed on the record, sent to Graph, shown to everyone. */
export const saveChange: MeetingAction = async (turn, io, deps, read, press) => {
  const zone = turn.activityTimeZone ?? text(press.data, 'timeZone') ?? read.timeZone;
  // A form made from an earlier version (replayed, or opened before another change) would move the meeting back:
  // the organizer is shown the meeting as it is now, and says what to change from there.
  if (press.data.version !== read.version) return toPresser(read, viewerCard(read, turn.user.id, zone, turn.locale, [{ key: 'change.staleForm' }]));
  const draft = draftFrom(press.data);
  const choices = choicesFrom(press.data);
  const ticked = choices.attendeeIds;
  const result = validateDraft(draft, { now: deps.now(), timeZone: zone });
  if (!result.ok) return toPresser(read, await changeForm(turn, io, deps, read, zone, draft, { errors: result.errors, ticked }));
  const { meeting } = result;
  // The ticked ids are untrusted: anyone who isn't an attendee yet is looked up in this conversation first.
  const edit = ticked ? await attendeesAfterEdit(turn, io.roster, read, ticked) : { attendees: read.attendees ?? [], unresolved: [] };
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
  if (unchanged) return toPresser(read, viewerCard({ ...read, unresolved }, read.organizer.id, zone, turn.locale));

  const token = await io.tokens.forPress(TOKEN_UNAVAILABLE);
  if ('reply' in token) return token.reply;
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
  const claimed = await claim(turn, deps, read, next, zone);
  if ('reply' in claimed) return claimed.reply;
  try {
    const people = attendeesChanged ? { attendees, ...(attendees.length > 0 ? { lobbyScope: lobbyAfterEdit(read, attendees) } : {}) } : {};
    const updated = await deps.meetings.update(read.meetingId, { subject: next.subject, startIso: next.startIso, endIso: next.endIso, ...people, signal: budgetOf(turn, TURN_BUDGET_MS) }, token.token);
    // Graph's word on the times (it normalises them) is what the card shows.
    const applied: MeetingRecord = { ...next, subject: updated.subject || next.subject, startIso: updated.startIso, endIso: updated.endIso, joinWebUrl: updated.joinWebUrl || next.joinWebUrl };
    // The Outlook event follows (time, subject, attendees): Outlook sends the attendees the update.
    applied.calendar = await follow(turn, io, deps, applied, token.token);
    // A new reminder version is queued before the record keeps it, and the one it replaces withdrawn after.
    const replan = deps.reminders !== undefined && next.reminder !== read.reminder;
    if (replan) applied.reminder = await deps.reminders!.queue(applied);
    const final = await deps.records.replace(claimed.record, settled(applied));
    if (replan) await deps.reminders!.withdraw(read.reminder);
    return showToAll(io, final, viewerCard(final, final.organizer.id, zone, turn.locale));
  } catch (err) {
    if (err instanceof MeetingServiceError && err.kind === 'notFound') return markDeleted(turn, io, deps, claimed.record, zone);
    // Nothing changed in Teams: put the record back as it was and show the form with the reason.
    await deps.records.replace(claimed.record, settled({ ...withoutETag(read), version: next.version + 1 })).catch((e) => deps.onError?.(e, 'could not restore the meeting record'));
    if (!(err instanceof MeetingServiceError)) throw err;
    return toPresser(read, await changeForm(turn, io, deps, read, zone, draft, { banner: meetingErrorMessage(err, 'change'), ticked }));
  }
};

/** "Yes, cancel it": the meeting is cancelled in Graph and the card says so for everyone. */
export const cancelMeeting: MeetingAction = async (turn, io, deps, read) => {
  const zone = viewerZone(turn, read);
  const token = await io.tokens.forPress(TOKEN_UNAVAILABLE);
  if ('reply' in token) return token.reply;
  // An empty name is kept as it is: each reader's card says "the organizer" in their own language.
  const next: MeetingRecord = { ...withoutETag(read), status: 'cancelled', cancelledBy: read.organizer.name, version: read.version + 1, updatedAt: new Date().toISOString() };
  const claimed = await claim(turn, deps, read, next, zone);
  if ('reply' in claimed) return claimed.reply;
  try {
    await deps.meetings.cancel(read.meetingId, token.token, budgetOf(turn, TURN_BUDGET_MS));
  } catch (err) {
    if (!(err instanceof MeetingServiceError)) throw err;
    if (err.kind !== 'notFound') {
      await deps.records.replace(claimed.record, settled({ ...withoutETag(read), version: next.version + 1 })).catch((e) => deps.onError?.(e, 'could not restore the meeting record'));
      return { text: turn.t(meetingErrorMessage(err, 'cancel')) };
    }
    // Already deleted in Teams: cancelled is what it is.
  }
  const cancelled = settled(withoutETag(claimed.record));
  // The Outlook event is cancelled too, with a comment: Outlook tells the attendees.
  cancelled.calendar = await follow(turn, io, deps, cancelled, token.token);
  const final = await deps.records.replace(claimed.record, cancelled);
  // Its reminder would find the meeting cancelled; withdrawn, it doesn't wait in the queue until then.
  await deps.reminders?.withdraw(read.reminder);
  return showToAll(io, final, viewerCard(final, final.organizer.id, zone, turn.locale));
};

/**
 * Writes `next` over `read`, marked as being applied for the rest of the turn, so of two presses (or instances)
 * only the one whose write lands talks to Graph. On a lost race, or while another change is being applied, the
 * presser is shown the meeting as it now is.
 */
async function claim(turn: Turn, deps: SchedulingDeps, read: StoredRecord, next: MeetingRecord, zone: string): Promise<{ record: StoredRecord } | { reply: Reply }> {
  const now = deps.now();
  if (isPending(read, now)) return { reply: toPresser(read, viewerCard(read, turn.user.id, zone, turn.locale)) };
  try {
    // The record as it was travels along, so a process that dies before settling leaves what is needed to reconcile.
    const { before: _earlier, pendingUntil: _lapsed, pendingBy: _by, ...previous } = withoutETag(read);
    const pendingUntil = new Date(now.getTime() + TURN_BUDGET_MS).toISOString();
    return { record: await deps.records.replace(read, { ...next, pendingUntil, pendingBy: THIS_PROCESS, before: previous }) };
  } catch (err) {
    if (!(err instanceof RecordConflictError)) throw err;
    const current = (await deps.records.get(read.id)) ?? read;
    return { reply: toPresser(current, viewerCard(current, turn.user.id, zone, turn.locale)) };
  }
}

/** Graph says the meeting is gone (deleted in Teams or by another client): the card says so for everyone. */
async function markDeleted(turn: Turn, io: TurnIO, deps: SchedulingDeps, claimed: StoredRecord, zone: string): Promise<Reply> {
  const next = settled({ ...withoutETag(claimed), status: 'cancelled', cancelledBy: undefined, version: claimed.version + 1 });
  next.calendar = await follow(turn, io, deps, next);
  const gone = await deps.records.replace(claimed, next);
  return showToAll(io, gone, viewerCard(gone, gone.organizer.id, zone, turn.locale));
}

/**
 * The Outlook event after a change or cancellation of `record`: with the presser's token when it is the calendar token
 * too (no separate calendar connection), else the calendar connection's token at hand.
 */
async function follow(turn: Turn, io: TurnIO, deps: SchedulingDeps, record: MeetingRecord, meetingsToken?: string): Promise<MeetingRecord['calendar']> {
  if (!followsChange(record)) return record.calendar;
  return followInCalendar(turn, io.calendarTokens, deps.calendar, record, deps.calendar?.separateConnection ? undefined : meetingsToken);
}

/** The shared card for everyone (the stored activity), and the presser's own version as the answer. */
async function showToAll(io: TurnIO, record: MeetingRecord, forPresser: AdaptiveCard): Promise<Reply> {
  if (!record.cardActivityId) return { card: forPresser };
  const shared = sharedCard(record);
  await io.conversation.update(record.cardActivityId, shared);
  return { card: forPresser, shownToAll: true };
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
  const { pendingUntil: _pending, pendingBy: _by, before: _before, ...rest } = record;
  return rest;
}

