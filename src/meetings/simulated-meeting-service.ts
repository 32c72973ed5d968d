// Sandbox stand-in for Graph: same interface and response shape, no network, links clearly fake.
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { sha256 } from '../sha256';
import { MeetingServiceError } from './meeting-service-error';
import { isoInstantMs } from './zoned-time';
import type { CreateMeetingInput, CreatedMeeting, MeetingChange, MeetingService } from './types';

/** Host under the reserved .invalid TLD: can never resolve, so nobody mistakes it for a real meeting. */
const SIMULATED_JOIN_BASE = 'https://meeting-bot.sandbox.invalid/simulated-join/';

/** Meetings the simulation remembers for createOrGet; the oldest are forgotten beyond this (a long sandbox session). */
const SIMULATED_MEETINGS_KEPT = 5_000;

export class SimulatedMeetingService implements MeetingService {
  // Keyed like Graph's createOrGet: (user, externalId) → the same meeting every time (for the most recent ones).
  private readonly meetings: LRUCache<string, CreatedMeeting>;
  /** Meeting id → its key above, for change and cancel by id: an entry leaves with its meeting. */
  private readonly keysById = new Map<string, string>();

  constructor(
    private readonly organizerNameFor: (accessToken: string) => string | undefined = () => undefined,
    keep = SIMULATED_MEETINGS_KEPT,
  ) {
    this.meetings = new LRUCache({
      max: keep,
      // A change replaces the meeting under the same id: only a meeting that leaves (forgotten or cancelled) takes
      // its id along.
      noDisposeOnSet: true,
      dispose: (meeting) => this.keysById.delete(meeting.id),
    });
  }

  async createOrGet(input: CreateMeetingInput, accessToken: string): Promise<CreatedMeeting> {
    if (!accessToken) throw new MeetingServiceError('unauthorized', 'no token', { status: 401 });
    const key = `${accessToken}\u0000${input.externalId}`;
    const existing = this.meetings.get(key);
    if (existing) return { ...existing, created: false };

    const start = isoInstantMs(input.startIso);
    const end = isoInstantMs(input.endIso);
    if (!(end > start)) {
      throw new MeetingServiceError('failed', 'endDateTime must be after startDateTime', { status: 400, code: 'BadRequest', requestId: randomUUID() });
    }
    const digest = sha256(key);
    const id = digest.toString('base64url').slice(0, 24);
    const meeting: CreatedMeeting = {
      id: `sandbox_${id}`,
      subject: input.subject,
      // Graph normalises to UTC; so does the simulation.
      startIso: new Date(start).toISOString(),
      endIso: new Date(end).toISOString(),
      joinWebUrl: `${SIMULATED_JOIN_BASE}${id}`,
      organizerName: this.organizerNameFor(accessToken),
      // Nine digits like a real conference id, from the same hash (the id's letters made many of them 000000000).
      dialIn: { conferenceId: String(digest.readUInt32BE(0) % 1_000_000_000).padStart(9, '0') },
      attendeeObjectIds: (input.attendees ?? []).map((a) => a.objectId),
      simulated: true,
      created: true,
    };
    // Beyond `keep`, the meeting nobody asked for the longest is forgotten.
    this.meetings.set(key, meeting);
    this.keysById.set(meeting.id, key);
    return meeting;
  }

  async update(meetingId: string, change: MeetingChange, accessToken: string): Promise<CreatedMeeting> {
    const key = this.keyOf(meetingId, accessToken);
    const start = isoInstantMs(change.startIso);
    const end = isoInstantMs(change.endIso);
    if (!(end > start)) {
      throw new MeetingServiceError('failed', 'endDateTime must be after startDateTime', { status: 400, code: 'BadRequest', requestId: randomUUID() });
    }
    const updated: CreatedMeeting = {
      ...this.meetings.get(key)!,
      subject: change.subject,
      startIso: new Date(start).toISOString(),
      endIso: new Date(end).toISOString(),
      ...(change.attendees ? { attendeeObjectIds: change.attendees.map((a) => a.objectId) } : {}),
      created: false,
    };
    this.meetings.set(key, updated);
    return updated;
  }

  async get(meetingId: string, accessToken: string): Promise<CreatedMeeting> {
    return { ...this.meetings.get(this.keyOf(meetingId, accessToken))!, created: false };
  }

  async cancel(meetingId: string, accessToken: string): Promise<void> {
    this.meetings.delete(this.keyOf(meetingId, accessToken));
  }

  /** Like Graph: only the organizer's own meetings exist for their token; anything else is 404. */
  private keyOf(meetingId: string, accessToken: string): string {
    if (!accessToken) throw new MeetingServiceError('unauthorized', 'no token', { status: 401 });
    const key = this.keysById.get(meetingId);
    if (!key || !key.startsWith(`${accessToken}\u0000`)) {
      throw new MeetingServiceError('notFound', 'The specified meeting could not be found.', { status: 404, code: 'NotFound' });
    }
    return key;
  }
}
