// Shared domain types. Plain TypeScript: nothing here knows about botbuilder or Graph's SDK.
import type { Message } from './message';

/** What we know about a meeting so far, in the user's own wall-clock terms (as typed or submitted). */
export interface MeetingDraft {
  /** Free text, untrimmed as the user gave it. */
  subject?: string;
  /** Local calendar date, `YYYY-MM-DD` (what Input.Date submits). */
  date?: string;
  /** Local wall-clock time, `HH:MM` 24 h (what Input.Time submits). */
  time?: string;
  /** Whole minutes. Absent means "not given" (the default of 30 applies at validation). */
  durationMinutes?: number;
}

/** Field names shared by the draft, the form card's input ids and validation errors. */
export type DraftField = 'subject' | 'date' | 'time' | 'duration';

/** Result of reading a typed `schedule …` command. */
export interface ParsedSchedule {
  draft: MeetingDraft;
  /**
   * Why the form must be shown even though a value was found, e.g. 'I read "at 7" as 7:00 PM — check the
   * time.' (a message code, shown in the reader's language). Keyed by field.
   */
  ambiguities: Partial<Record<DraftField, Message>>;
}

/** A draft that passed validation: exact instants plus what the user should be told. */
export interface ValidMeeting {
  subject: string; // trimmed
  /** ISO 8601 instant with offset in the user's zone, e.g. 2026-11-28T15:00:00.000-05:00 */
  startIso: string;
  endIso: string;
  durationMinutes: number;
  timeZone: string; // IANA
  /**
   * Notes about how the time was resolved, e.g. DST gap/overlap:
   * "2:30 AM doesn't exist on Mar 8, 2026 in America/New_York (clocks go forward); using 3:30 AM EDT."
   */
  notes: Message[];
}

export type ValidationResult =
  | { ok: true; meeting: ValidMeeting }
  | { ok: false; errors: Partial<Record<DraftField, Message>>; notes: Message[] };

/** A person invited to a meeting: who Teams says was @mentioned, resolved to their Entra identity. */
export interface Attendee {
  /** Teams user id ("29:…"): what a mention on a card names. */
  id: string;
  name: string;
  /** Entra object id: what Graph's participants take. */
  objectId: string;
  upn?: string;
}

/** Who may skip the lobby: the invited people only, or everyone in the organization (a channel/team mention). */
export type LobbyScope = 'invited' | 'organization';

/** What the meeting service needs to create (or get) an online meeting. */
export interface CreateMeetingInput {
  /** Deterministic id so a retried request returns the same meeting (createOrGet). */
  externalId: string;
  subject: string;
  startIso: string;
  endIso: string;
  /** Channel id (19:…@thread.tacv2) when the meeting belongs to a channel; absent otherwise. */
  channelThreadId?: string;
  /** Invited people (Graph participants.attendees); absent or empty = nobody in particular. */
  attendees?: Attendee[];
  /** Sent only when the request said who may skip the lobby. */
  lobbyScope?: LobbyScope;
  /** Aborts when the call must end (what is left of the turn); the service's own limit still applies. */
  signal?: AbortSignal;
}

/** The parts of Graph's onlineMeeting the bot shows. */
export interface CreatedMeeting {
  id: string;
  subject: string;
  startIso: string; // as Graph returned it (UTC)
  endIso: string;
  joinWebUrl: string;
  organizerName?: string;
  dialIn?: { tollNumber?: string; tollFreeNumber?: string; conferenceId?: string; dialinUrl?: string };
  /** Entra object ids of the invited people, as Graph lists them (absent when Graph's answer doesn't say). */
  attendeeObjectIds?: string[];
  /** true when created by the sandbox's simulated Graph. */
  simulated?: boolean;
  /** 201 (new) or 200 (existing meeting returned by createOrGet). */
  created: boolean;
}

/** What an organizer may change after creation; start and end always travel together. */
export interface MeetingChange {
  subject: string;
  startIso: string;
  endIso: string;
  /** The full attendee list after the change (Graph replaces the list); absent = attendees unchanged. */
  attendees?: Attendee[];
  lobbyScope?: LobbyScope;
  /** Aborts when the call must end (what is left of the turn); the service's own limit still applies. */
  signal?: AbortSignal;
}

export interface MeetingService {
  /** Creates the meeting as the user owning `accessToken`. Throws MeetingServiceError. */
  createOrGet(input: CreateMeetingInput, accessToken: string): Promise<CreatedMeeting>;
  /** Changes the organizer's meeting. Throws MeetingServiceError ('notFound' when it no longer exists). */
  update(meetingId: string, change: MeetingChange, accessToken: string): Promise<CreatedMeeting>;
  /** The organizer's meeting as Graph has it now. Throws MeetingServiceError ('notFound' when it no longer exists). */
  get(meetingId: string, accessToken: string, signal?: AbortSignal): Promise<CreatedMeeting>;
  /** Deletes the organizer's meeting. Throws MeetingServiceError ('notFound' when it no longer exists). */
  cancel(meetingId: string, accessToken: string, signal?: AbortSignal): Promise<void>;
}
