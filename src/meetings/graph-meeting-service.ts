// Creates, changes and cancels Teams online meetings through Microsoft Graph with the organizer's delegated token.
import type { AudioConferencing, OnlineMeeting } from '@microsoft/microsoft-graph-types-beta';
import { GraphCalls, type GraphCallsOptions } from './graph-calls';
import { MeetingServiceError } from './meeting-service-error';
import type { Attendee, CreateMeetingInput, CreatedMeeting, LobbyScope, MeetingChange, MeetingService } from './types';

/**
 * Members of Graph's evolvable enums that come after `unknownFutureValue` (lobbyBypassScope: `invited`,
 * `organizationExcludingGuests`; onlineMeetingRole: `producer`, `coorganizer`). Graph refuses a request that uses one
 * with 400 unless it says `Prefer: include-unknown-enum-members`, and answers them as `unknownFutureValue` without it.
 */
const EVOLVABLE = { lobbyBypassScope: new Set(['invited', 'organizationExcludingGuests']), onlineMeetingRole: new Set(['producer', 'coorganizer']) };
const INCLUDE_UNKNOWN_ENUM_MEMBERS = 'include-unknown-enum-members';

export type GraphMeetingServiceOptions = GraphCallsOptions;

/** What Graph answers: its beta onlineMeeting, with the id always present. */
type GraphOnlineMeeting = OnlineMeeting & {
  id: string;
  // Some tenants answer with this casing for the conference id.
  audioConferencing?: (AudioConferencing & { ConferenceId?: string | null }) | null;
};

export class GraphMeetingService implements MeetingService {
  private readonly calls: GraphCalls;

  /** Its own Graph calls, or those it shares with the calendar service (one client, one keep-alive connection). */
  constructor(options: GraphMeetingServiceOptions | GraphCalls) {
    this.calls = options instanceof GraphCalls ? options : new GraphCalls(options);
  }

  async createOrGet(input: CreateMeetingInput, accessToken: string): Promise<CreatedMeeting> {
    const body: OnlineMeeting = {
      externalId: input.externalId,
      subject: input.subject,
      startDateTime: input.startIso,
      endDateTime: input.endIso,
    };
    // chatInfo binds the meeting to a channel; Graph documents it for createOrGet on beta only.
    if (input.channelThreadId) body.chatInfo = { threadId: input.channelThreadId };
    Object.assign(body, peopleBody(input.attendees, input.lobbyScope));
    // The raw response tells a new meeting (201) from an existing one (200).
    return this.send('POST', '/me/onlineMeetings/createOrGet', body, accessToken, input.signal, async (response, json) =>
      toCreatedMeeting((await json()) as GraphOnlineMeeting, response.status === 201),
    );
  }

  async update(meetingId: string, change: MeetingChange, accessToken: string): Promise<CreatedMeeting> {
    // Graph wants start and end together; the organizer can't be changed.
    const body: OnlineMeeting = { subject: change.subject, startDateTime: change.startIso, endDateTime: change.endIso };
    // Graph replaces the attendee list with what a PATCH sends: always the full list.
    if (change.attendees) Object.assign(body, peopleBody(change.attendees, change.lobbyScope), { participants: { attendees: change.attendees.map(toParticipant) } });
    return this.send('PATCH', `/me/onlineMeetings/${encodeURIComponent(meetingId)}`, body, accessToken, change.signal, async (_response, json) =>
      toCreatedMeeting((await json()) as GraphOnlineMeeting, false),
    );
  }

  async get(meetingId: string, accessToken: string, signal?: AbortSignal): Promise<CreatedMeeting> {
    return this.send('GET', `/me/onlineMeetings/${encodeURIComponent(meetingId)}`, undefined, accessToken, signal, async (_response, json) =>
      toCreatedMeeting((await json()) as GraphOnlineMeeting, false),
    );
  }

  async cancel(meetingId: string, accessToken: string, signal?: AbortSignal): Promise<void> {
    await this.send('DELETE', `/me/onlineMeetings/${encodeURIComponent(meetingId)}`, undefined, accessToken, signal, async () => undefined);
  }

  /** One beta call (channel meetings are documented on beta only), with the Prefer header a body naming an evolvable member needs. */
  private send<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body: OnlineMeeting | undefined,
    accessToken: string,
    signal: AbortSignal | undefined,
    read: (response: Response, json: () => Promise<unknown>) => Promise<T>,
  ): Promise<T> {
    const headers: Record<string, string> = body && usesEvolvableMember(body) ? { Prefer: INCLUDE_UNKNOWN_ENUM_MEMBERS } : {};
    return this.calls.send({ method, version: 'beta', path, body, headers, signal, read }, accessToken);
  }
}

/** Whether a request body names a member of an evolvable enum that Graph accepts only with the Prefer header. */
function usesEvolvableMember(body: OnlineMeeting): boolean {
  const scope = body.lobbyBypassSettings?.scope;
  if (scope && EVOLVABLE.lobbyBypassScope.has(scope)) return true;
  return (body.participants?.attendees ?? []).some((a) => a?.role != null && EVOLVABLE.onlineMeetingRole.has(a.role));
}

/** Graph's participants and lobby settings for invited people (createOrGet sends them only when there are any). */
function peopleBody(attendees: Attendee[] | undefined, lobbyScope: LobbyScope | undefined): Pick<OnlineMeeting, 'participants' | 'lobbyBypassSettings'> {
  const body: Pick<OnlineMeeting, 'participants' | 'lobbyBypassSettings'> = {};
  if (attendees && attendees.length > 0) body.participants = { attendees: attendees.map(toParticipant) };
  if (lobbyScope) body.lobbyBypassSettings = { scope: lobbyScope };
  return body;
}

function toParticipant(a: Attendee): NonNullable<NonNullable<OnlineMeeting['participants']>['attendees']>[number] {
  return { identity: { user: { id: a.objectId } }, ...(a.upn ? { upn: a.upn } : {}), role: 'attendee' };
}

function toCreatedMeeting(m: GraphOnlineMeeting, created: boolean): CreatedMeeting {
  const joinWebUrl = m.joinWebUrl ?? m.joinUrl;
  if (!joinWebUrl) throw new MeetingServiceError('failed', 'Graph returned a meeting without a join link', { status: 200 });
  if (!m.startDateTime || !m.endDateTime) throw new MeetingServiceError('failed', 'Graph returned a meeting without its times', { status: 200 });
  const audio = m.audioConferencing ?? undefined;
  const conferenceId = audio?.conferenceId ?? audio?.ConferenceId ?? undefined;
  const dialIn = audio && (audio.tollNumber || audio.tollFreeNumber || conferenceId)
    ? {
        tollNumber: audio.tollNumber ?? undefined,
        tollFreeNumber: audio.tollFreeNumber ?? undefined,
        conferenceId,
        dialinUrl: audio.dialinUrl ?? undefined,
      }
    : undefined;
  return {
    id: m.id,
    subject: m.subject ?? '',
    startIso: m.startDateTime,
    endIso: m.endDateTime,
    joinWebUrl,
    organizerName: m.participants?.organizer?.identity?.user?.displayName ?? m.participants?.organizer?.upn ?? undefined,
    dialIn,
    ...(m.participants?.attendees ? { attendeeObjectIds: m.participants.attendees.map((a) => a?.identity?.user?.id).filter((id): id is string => !!id) } : {}),
    created,
  };
}
