// A change or cancellation is claimed on the record (with the record as it was, in `before`) before Graph is called,
// and settled after. If the process dies in between (kill -9, a crash, a scale-in), the record, the shared card, the
// reminder and Graph can disagree. The organizer's next press or card refresh finds the claim lapsed and asks Graph
// which one holds: the change went through (finish it: reminder, shared card) or it didn't (put the record back, and
// tell the organizer).
import { sharedCard } from './meeting-views';
import { MeetingServiceError } from '../meetings/meeting-service-error';
import { isUnsettled, type MeetingRecord } from '../meetings/meeting-record';
import type { CreatedMeeting } from '../meetings/types';
import { RecordConflictError, withoutETag, type StoredRecord } from '../storage/meeting-record-store';
import { budgetOf, TURN_BUDGET_MS, type Turn } from '../teams/turn';
import type { SchedulingDeps } from './create-meeting';
import type { TurnIO } from './turn-io';
import { followInCalendar, followsChange } from './calendar-sync';

/** What Graph said about an unsettled change: it holds, it never reached Teams, or Graph couldn't say now. */
export type Reconciled = { outcome: 'applied' | 'notApplied' | 'unknown'; record: StoredRecord };

/**
 * Settles `record` if an earlier change or cancellation on it was never finished, as the organizer (`token`).
 * Anything else is returned as it is.
 */
export async function reconcile(turn: Turn, io: TurnIO, deps: SchedulingDeps, record: StoredRecord, token: string): Promise<Reconciled> {
  const before = record.before;
  if (!before || !isUnsettled(record, deps.now())) return { outcome: 'unknown', record };
  let inGraph: CreatedMeeting | undefined;
  try {
    inGraph = await deps.meetings.get(record.meetingId, token, budgetOf(turn, TURN_BUDGET_MS));
  } catch (err) {
    // Graph can't say now (busy, a token it refused): the next press asks again.
    if (!(err instanceof MeetingServiceError) || err.kind !== 'notFound') return { outcome: 'unknown', record };
  }
  const version = record.version + 1;
  let next: MeetingRecord;
  let outcome: Reconciled['outcome'];
  if (!inGraph) {
    // Gone from Teams (the cancellation went through, or someone deleted it): cancelled is what it is.
    next = { ...withoutETag(record), status: 'cancelled', cancelledBy: record.status === 'cancelled' ? record.cancelledBy : undefined, version };
    outcome = record.status === 'cancelled' ? 'applied' : 'notApplied';
  } else if (record.status === 'scheduled' && holds(inGraph, record)) {
    next = { ...withoutETag(record), subject: inGraph.subject || record.subject, startIso: inGraph.startIso, endIso: inGraph.endIso, version };
    outcome = 'applied';
  } else {
    // The change never reached Teams (or the cancellation didn't): the meeting is what Graph has.
    next = { ...before, subject: inGraph.subject || before.subject, startIso: inGraph.startIso, endIso: inGraph.endIso, version };
    outcome = 'notApplied';
  }
  delete next.before;
  delete next.pendingUntil;
  delete next.pendingBy;
  // The Outlook event follows whichever version holds (or the cancellation): its change may have been sent or not.
  if (next.calendar && next.calendar.eventId !== undefined) next.calendar = { ...next.calendar, syncedVersion: undefined };
  if (followsChange(next)) next.calendar = await followInCalendar(turn, io.calendarTokens, deps.calendar, next, deps.calendar?.separateConnection ? undefined : token);
  // One waiting reminder, for the version that now holds; the one planned for the earlier version is withdrawn.
  const reminders = deps.reminders;
  if (reminders && next.status === 'scheduled' && !next.reminder?.sentAt) {
    next.reminder = reminders.plan(next.startIso, next.reminderMinutes, version);
    if (next.reminder) next.reminder = await reminders.queue(next);
  }
  let final: StoredRecord;
  try {
    final = await deps.records.replace(record, next);
  } catch (err) {
    // Another press settled it first: theirs stands.
    if (!(err instanceof RecordConflictError)) throw err;
    await reminders?.withdraw(next.reminder);
    return { outcome: 'unknown', record: (await deps.records.get(record.id)) ?? record };
  }
  await reminders?.withdraw(before.reminder);
  await reminders?.withdraw(record.reminder);
  if (final.cardActivityId) await io.conversation.update(final.cardActivityId, sharedCard(final));
  return { outcome, record: final };
}

/** Whether Graph has the values the unsettled change asked for. */
function holds(inGraph: CreatedMeeting, record: MeetingRecord): boolean {
  const sameTimes = Date.parse(inGraph.startIso) === Date.parse(record.startIso) && Date.parse(inGraph.endIso) === Date.parse(record.endIso);
  if (!sameTimes || (inGraph.subject && inGraph.subject !== record.subject)) return false;
  if (!inGraph.attendeeObjectIds) return true;
  const asked = new Set((record.attendees ?? []).map((a) => a.objectId));
  return inGraph.attendeeObjectIds.length === asked.size && inGraph.attendeeObjectIds.every((id) => asked.has(id));
}
