// What the bot remembers about a meeting it created, so the meeting can be changed, cancelled and listed later
// from its card. Graph has no "list my online meetings"; this record is the bot's own list.
import { sha256Base64Url } from '../sha256';
import { DateTime } from 'luxon';
import { ownerIsGone } from '../process-owner';
import type { CalendarProblem } from './calendar-events';
import type { UnresolvedMention } from './people';
import type { Attendee, CreatedMeeting, LobbyScope, MeetingDraft } from './types';

type MeetingStatus = 'scheduled' | 'cancelled';

export interface MeetingRecord {
  /** The record's id; cards carry it (never the Graph id itself). */
  id: string;
  meetingId: string;
  joinWebUrl: string;
  externalId: string;
  organizer: { id: string; aadObjectId?: string; name: string };
  tenantId?: string;
  /** Bot Framework channel (msteams, emulator) and the conversation the card is in (a thread, for channels). */
  channelId: string;
  conversationId: string;
  serviceUrl: string;
  /** The bot's own account in that conversation (recipient of the request): proactive posts speak as it. */
  botId?: string;
  /** What `meetings` lists under: the Teams channel (all its threads), else the conversation. */
  listKey: string;
  /** A personal chat: the organizer is the only one who sees the card. */
  personalChat?: boolean;
  /** The join card as the bot posted it: the only activity the bot updates for this meeting. */
  cardActivityId?: string;
  subject: string;
  /** UTC ISO instants. */
  startIso: string;
  endIso: string;
  /** The organizer's zone: what the shared card shows (labelled). */
  timeZone: string;
  /** The organizer's language (a BCP 47 tag): what the shared card is written in. Absent: English. */
  locale?: string;
  dialIn?: CreatedMeeting['dialIn'];
  simulated?: boolean;
  /** Invited people, as Graph has them. */
  attendees?: Attendee[];
  /** Mentioned people who couldn't be invited (shown on the card). */
  unresolved?: UnresolvedMention[];
  lobbyScope?: LobbyScope;
  /** Minutes before the start the thread is reminded; 0 or absent = no reminder. */
  reminderMinutes?: number;
  /** The reminder planned for the current time, if any. */
  reminder?: ReminderState;
  /** The meeting as an event in the organizer's Outlook calendar (absent: CALENDAR_EVENTS=off when it was created). */
  calendar?: CalendarState;
  status: MeetingStatus;
  /** Bumped on every change; a change or cancel is only applied to the version it was asked for. */
  version: number;
  /** The last time change, shown as "Moved from … by …". */
  movedFrom?: { startIso: string; by: string };
  cancelledBy?: string;
  /**
   * A change or cancellation is being applied in Graph until this instant (ISO): nobody else starts another one
   * meanwhile. It lapses on its own if the instance applying it dies.
   */
  pendingUntil?: string;
  /** The process applying it (host:pid): one found gone on this machine needn't be waited for. */
  pendingBy?: string;
  /**
   * The record as it was before the change or cancellation being applied, kept until it is settled. If the instance
   * applying it dies (pendingUntil lapses with this still here), Graph is asked which of the two holds.
   */
  before?: Omit<MeetingRecord, 'before' | 'pendingUntil' | 'pendingBy'>;
  updatedAt: string;
}

/**
 * One reminder per meeting: a queue message carries the record id and `version`; only a message for the current
 * version may post, after claiming `sendingUntil` with the record's eTag, and `sentAt` ends it for good.
 */
export interface ReminderState {
  /** When it is due (ISO). */
  at: string;
  /** The record version it was planned for; a moved meeting plans a new one and the old message finds a mismatch. */
  version: number;
  /** An instance is posting it until then (ISO); after that the claim has lapsed (the instance died). */
  sendingUntil?: string;
  /** The queue's handle for this version's job, so a newer version can withdraw it (one waiting job a meeting). */
  queued?: string;
  sentAt?: string;
}

/**
 * The Outlook event that follows the meeting: the record says what the event should be (its subject, times,
 * attendees, status), and this says how far the event has followed. The event is "behind" while `syncedVersion` isn't
 * the record's version (or the meeting is cancelled and the event isn't): the organizer's next press or card refresh
 * brings it in line.
 */
export interface CalendarState {
  /** invite: attendees invited by Outlook; organizer: the event in the organizer's calendar only. */
  mode: 'invite' | 'organizer';
  /** Graph's id of the event in the organizer's calendar, once it exists. */
  eventId?: string;
  /** The record version the event shows. */
  syncedVersion?: number;
  /** The event was cancelled (attendees told) after the meeting was. */
  cancelled?: true;
  /** Why the event is missing or behind, as the card explains it. */
  problem?: CalendarProblem;
}

/** Whether the Outlook event doesn't show the record as it is (missing, a version behind, or not yet cancelled). */
export function calendarBehind(record: Pick<MeetingRecord, 'calendar' | 'status' | 'version'>): boolean {
  const calendar = record.calendar;
  if (!calendar) return false;
  if (record.status === 'cancelled') return calendar.eventId !== undefined && !calendar.cancelled;
  return calendar.eventId === undefined || calendar.syncedVersion !== record.version;
}

/** Whether another change or cancellation is being applied right now. */
export function isPending(record: MeetingRecord, now: Date): boolean {
  return record.pendingUntil !== undefined && Date.parse(record.pendingUntil) > now.getTime();
}

/** A change or cancellation that was never settled: its instance died between the claim and the end. */
export function isUnsettled(record: MeetingRecord, now: Date): boolean {
  return record.before !== undefined && (!isPending(record, now) || ownerIsGone(record.pendingBy));
}

/** Record ids derive from Graph's meeting id: the same meeting (createOrGet again) is the same record. */
export function recordIdFor(meetingId: string): string {
  return `m${sha256Base64Url(meetingId).slice(0, 22)}`;
}

/** A record id as cards carry it: anything else a client sends is not looked up at all. */
export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && /^m[A-Za-z0-9_-]{22}$/.test(value);
}

/** Upcoming (not ended) and not cancelled. */
export function isUpcoming(record: MeetingRecord, now: Date): boolean {
  return record.status === 'scheduled' && Date.parse(record.endIso) > now.getTime();
}

/** The record's details as a form shows them: local date and time in `timeZone`, duration in minutes. */
export function draftOf(record: Pick<MeetingRecord, 'subject' | 'startIso' | 'endIso'>, timeZone: string): MeetingDraft {
  const start = DateTime.fromISO(record.startIso, { zone: 'utc' }).setZone(timeZone);
  return {
    subject: record.subject,
    date: start.toFormat('yyyy-MM-dd'),
    time: start.toFormat('HH:mm'),
    durationMinutes: Math.round((Date.parse(record.endIso) - Date.parse(record.startIso)) / 60_000),
  };
}
