// Creates, changes and cancels Teams online meetings through Microsoft Graph with the organizer's delegated token.
import {
  AuthenticationHandler,
  AuthenticationHandlerOptions,
  Client,
  GraphError,
  RedirectHandler,
  RedirectHandlerOptions,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
} from '@microsoft/microsoft-graph-client';
import type { AudioConferencing, OnlineMeeting } from '@microsoft/microsoft-graph-types-beta';
import { untilAborted } from '../abort';
import { KeepAliveTransport } from './graph-transport';
import { MeetingServiceError, classifyGraphFailure } from './meeting-service-error';
import type { Attendee, CreateMeetingInput, CreatedMeeting, LobbyScope, MeetingChange, MeetingService } from './types';

const MAX_CONNECTION_ATTEMPTS = 3;

/**
 * Members of Graph's evolvable enums that come after `unknownFutureValue` (lobbyBypassScope: `invited`,
 * `organizationExcludingGuests`; onlineMeetingRole: `producer`, `coorganizer`). Graph refuses a request that uses one
 * with 400 unless it says `Prefer: include-unknown-enum-members`, and answers them as `unknownFutureValue` without it.
 */
const EVOLVABLE = { lobbyBypassScope: new Set(['invited', 'organizationExcludingGuests']), onlineMeetingRole: new Set(['producer', 'coorganizer']) };
const INCLUDE_UNKNOWN_ENUM_MEMBERS = 'include-unknown-enum-members';

export interface GraphMeetingServiceOptions {
  /** e.g. https://graph.microsoft.com — must be https (the client sends no token otherwise). */
  baseUrl: string;
  /** Extra hosts the token may be sent to (national clouds, test stand-ins). */
  customHosts: Set<string>;
  /** Upper bound for the whole call, retries included. */
  timeoutMs: number;
  /** Retries for 429/503/504 (Retry-After is honoured by the Graph client). */
  maxRetries?: number;
  retryDelaySeconds?: number;
}

/** What Graph answers: its beta onlineMeeting, with the id always present. */
type GraphOnlineMeeting = OnlineMeeting & {
  id: string;
  // Some tenants answer with this casing for the conference id.
  audioConferencing?: (AudioConferencing & { ConferenceId?: string | null }) | null;
};

export class GraphMeetingService implements MeetingService {
  private readonly client: Client;

  constructor(private readonly options: GraphMeetingServiceOptions) {
    // One client for the process; the user's token is supplied per request (see send).
    const noDefaultToken: AuthenticationProvider = { getAccessToken: async () => { throw new Error('a per-request token is required'); } };
    this.client = Client.initWithMiddleware({
      baseUrl: options.baseUrl,
      defaultVersion: 'beta',
      customHosts: options.customHosts,
      // The client's default chain (MiddlewareFactory.getDefaultMiddlewareChain on Node), except the last link:
      // requests go over one keep-alive https agent instead of the global fetch (graph-transport.ts says why).
      middleware: [
        new AuthenticationHandler(noDefaultToken),
        new RetryHandler(new RetryHandlerOptions()),
        new RedirectHandler(new RedirectHandlerOptions()),
        new TelemetryHandler(),
        new KeepAliveTransport(),
      ],
    });
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

  /**
   * One Graph call as the token's owner, within our own limit or what is left of the turn (Teams gives up after
   * 15 s), whichever comes first: at that point the request in flight is cancelled. The Graph client retries
   * 429/503/504 itself; a dropped connection it doesn't. Every call here is safe to resend (createOrGet returns the
   * meeting already created for the externalId, PATCH sets the same values, a repeated DELETE finds nothing), so we
   * do, within the same budget.
   */
  private async send<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body: OnlineMeeting | undefined,
    accessToken: string,
    turn: AbortSignal | undefined,
    read: (response: Response, json: () => Promise<unknown>) => Promise<T>,
  ): Promise<T> {
    const perRequestAuth: AuthenticationProvider = { getAccessToken: async () => accessToken };
    const ownLimit = AbortSignal.timeout(this.options.timeoutMs);
    const signal = turn ? AbortSignal.any([ownLimit, turn]) : ownLimit;

    for (let attempt = 1; ; attempt++) {
      try {
        const request = this.client
          .api(path)
          .version('beta')
          .headers(body && usesEvolvableMember(body) ? { Prefer: INCLUDE_UNKNOWN_ENUM_MEMBERS } : {})
          // The transport cancels the request (and the reading of its answer) when the signal aborts.
          .option('signal', signal)
          .middlewareOptions([
            new AuthenticationHandlerOptions(perRequestAuth),
            new RetryHandlerOptions(this.options.retryDelaySeconds ?? 1, this.options.maxRetries ?? 2),
          ])
          .responseType(ResponseType.RAW);
        const pending: Promise<Response> =
          method === 'GET' ? request.get() : method === 'POST' ? request.post(body) : method === 'PATCH' ? request.patch(body) : request.delete();
        // The client's sleep before a retry (Retry-After) doesn't listen to the signal: stop waiting at the abort.
        const response = await untilAborted(pending, signal);
        if (!response.ok) throw await graphErrorFromResponse(response);
        return await read(response, () => response.json());
      } catch (err) {
        if (signal.aborted) throw this.timedOut(ownLimit.aborted);
        const failure = toMeetingServiceError(err);
        const connectionLost = failure.kind === 'busy' && failure.details.status === -1;
        if (!connectionLost || attempt >= MAX_CONNECTION_ATTEMPTS) throw failure;
      }
    }
  }

  /** Graph took longer than we wait: worth pressing again later, like a throttled call. */
  private timedOut(ownLimit: boolean): MeetingServiceError {
    const within = ownLimit ? `within ${this.options.timeoutMs} ms` : "within what was left of the turn";
    return new MeetingServiceError('busy', `Graph did not answer ${within}`, { status: 0, code: 'Timeout' });
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

async function graphErrorFromResponse(response: Response): Promise<MeetingServiceError> {
  let code: string | undefined;
  let message = `Graph answered ${response.status}`;
  let requestId = response.headers.get('request-id') ?? undefined;
  try {
    const parsed = (await response.json()) as { error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } } };
    code = parsed.error?.code;
    if (parsed.error?.message) message = parsed.error.message;
    requestId = parsed.error?.innerError?.['request-id'] ?? requestId;
  } catch {
    // Not JSON (a proxy's error page): status alone decides.
  }
  return new MeetingServiceError(classifyGraphFailure(response.status, code), message, { status: response.status, code, requestId });
}

function toMeetingServiceError(err: unknown): MeetingServiceError {
  if (err instanceof MeetingServiceError) return err;
  if (err instanceof GraphError) {
    return new MeetingServiceError(classifyGraphFailure(err.statusCode, err.code), err.message, {
      status: err.statusCode,
      code: err.code ?? undefined,
      requestId: err.requestId ?? undefined,
    });
  }
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'AbortError') return new MeetingServiceError('busy', 'Graph request aborted', { status: 0, code: 'Timeout' });
  // fetch() failures (connection reset, refused) surface as TypeError: the meeting may or may not exist; retrying is safe.
  return new MeetingServiceError('busy', (err as Error)?.message ?? String(err), { status: -1 });
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
