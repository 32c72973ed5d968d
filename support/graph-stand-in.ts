// Loopback https stand-in for Microsoft Graph online meetings. https because the
// Graph client only attaches the bearer token to https URLs of Graph hosts or
// `customHosts`; the bot child process trusts our CA via NODE_EXTRA_CA_CERTS.
//
// Implements (paths case-insensitive, like Graph):
//   POST   /beta/me/onlineMeetings/createOrGet   201 new | 200 existing (per user + externalId)
//   POST   /{v1.0|beta}/me/onlineMeetings         201 (always a new meeting)
//   GET    /{v1.0|beta}/me/onlineMeetings/{id}    200 | 404
//   PATCH  /{v1.0|beta}/me/onlineMeetings/{id}    200 updated meeting
//   DELETE /{v1.0|beta}/me/onlineMeetings/{id}    204
//   POST   /{v1.0|beta}/me/events                 201 event; the same transactionId again → the same event, no second one
//   GET    /{v1.0|beta}/me/events/{id}            200 | 404 ErrorItemNotFound
//   PATCH  /{v1.0|beta}/me/events/{id}            200 updated event (attendees replaced by the list sent)
//   POST   /{v1.0|beta}/me/events/{id}/cancel     202 Accepted, no body (organizer only; an attendee's copy: 400)
//   DELETE /{v1.0|beta}/me/events/{id}            204
// Events: a token without Calendars.ReadWrite (when `tokenScopes` says what a token holds) → 403 ErrorAccessDenied; a
// user without an Exchange Online mailbox (withoutMailbox) → 404 MailboxNotEnabledForRESTAPI; a property the event
// type doesn't have, or a value of the wrong shape, enum or time zone → 400 (graph-events.ts). Attendees who are
// users of the stand-in get a copy in their own calendar (isOrganizer false), which a cancel or update follows.
// Every response carries request-id / client-request-id and JSON errors use
// Graph's shape {error:{code,message,innerError:{date,request-id,client-request-id}}}.
import { randomInt, randomUUID } from 'node:crypto';
import type http from 'node:http';
import https from 'node:https';
import { setTimeout as pause } from 'node:timers/promises';
import { checkEventBody, dateTimeTimeZoneToUtc, utcDateTime, type Json } from './graph-events';
import { LoopbackServer, readBody } from './loopback-server';

export type { Json };

export interface GraphUserInfo {
  displayName?: string;
  /** Also the user's mail address (an event's organizer, and how an attendee is matched to a user). */
  upn?: string;
}

/** The delegated permission Outlook's event endpoints need. */
export const CALENDARS_READ_WRITE = 'Calendars.ReadWrite';

export interface GraphStandInOptions {
  /** Server certificate and key (PEM contents), e.g. from makeTestCa(). */
  cert: string;
  key: string;
  /** Who owns a bearer token: the user's AAD object id, or undefined for an invalid token (401). */
  tokenOwner: (token: string) => string | undefined;
  /** Display data for organizers, keyed by the id tokenOwner returns. */
  users?: Record<string, GraphUserInfo>;
  /** Tenant id used in join URLs and identities. */
  tenantId?: string;
  /**
   * Date-times without offset: real Graph reads them as UTC; by default the
   * stand-in rejects them (400) so a bot sending wall-clock times is caught.
   */
  naiveDateTimes?: 'reject' | 'utc';
  /**
   * The delegated permissions a token carries (its `scp`), or undefined for "all of them" (the default for every
   * token). Only the event endpoints check it: they need Calendars.ReadWrite.
   */
  tokenScopes?: (token: string) => readonly string[] | undefined;
}

export interface GraphFault {
  /** HTTP status (default 503). */
  status?: number;
  /** Graph error code (default depends on status). */
  code?: string;
  message?: string;
  /** Retry-After header in seconds (the Graph client honours it for 429/503/504). */
  retryAfter?: number;
  /** How many requests this fault applies to (default 1). */
  times?: number;
  /** Never answer (the request stays open until stop()). */
  hang?: boolean;
  /** Drop the TCP connection without an answer (the Graph client reports statusCode -1). */
  resetConnection?: boolean;
  /** Handle the request normally (create the meeting), then fail/hang/reset instead of answering: a lost response. */
  afterCreate?: boolean;
  /** Only requests matching this predicate consume the fault (default: all). */
  match?: (req: GraphRequestRecord) => boolean;
}

export interface GraphRequestRecord {
  method: string;
  /** Path as received (no query). */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  authorization?: string;
  /** Parsed JSON body (undefined when empty or not JSON; see rawBody). */
  body?: Json;
  rawBody?: string;
  at: number;
  /** Caller according to tokenOwner (when the token was accepted). */
  userId?: string;
  status?: number;
  fault?: 'status' | 'hang' | 'reset';
  requestId?: string;
}

export interface StoredMeeting {
  ownerId: string;
  externalId?: string;
  /** The onlineMeeting resource as returned to the caller (without @odata.context). */
  meeting: Json;
  via: 'createOrGet' | 'create';
  /** Number of createOrGet calls that returned it (1 = just created). */
  hits: number;
}

/** An event in one user's calendar. */
export interface StoredEvent {
  ownerId: string;
  /** The event resource as returned to its owner (without @odata.context). */
  event: Json;
  /** The client's transactionId on the POST that created it (organizer's events only). */
  transactionId?: string;
  /** Number of POSTs that returned it (1 = just created; more = retries with the same transactionId). */
  posts: number;
  /** PATCHes applied to it. */
  patches: Json[];
  /** Set by POST …/cancel: the comment sent to the attendees. The event has left the calendar. */
  cancelled?: { comment?: string };
  /** For an attendee's copy: the organizer's event it copies. */
  copyOf?: string;
}

interface Outcome {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

interface PendingFault extends GraphFault {
  remaining: number;
}

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const GRAPH_ROOT = 'https://graph.microsoft.com';
const ISO_WITH_ZONE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,7})\d*)?(Z|[+-]\d{2}:\d{2})?$/i;

function defaultCode(status: number): string {
  switch (status) {
    case 400: return 'BadRequest';
    case 401: return 'InvalidAuthenticationToken';
    case 403: return 'Forbidden';
    case 404: return 'NotFound';
    case 409: return 'Conflict';
    case 429: return 'TooManyRequests';
    case 500: return 'InternalServerError';
    case 503: return 'ServiceNotAvailable';
    case 504: return 'GatewayTimeout';
    default: return 'UnknownError';
  }
}

/** One key for a (user, client-chosen id) pair; a newline is in neither. */
function ownerKey(userId: string, id: string): string {
  return `${userId}\n${id}`;
}

/** Graph's URL encoding uses lower-case escapes (19%3ameeting_…%40thread.v2). */
function graphEncode(s: string): string {
  return encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

type ParsedDate = { ok: true; value: string } | { ok: false; reason: string };

/** ISO 8601 → Graph's UTC form with 7 fractional digits (2026-11-28T20:00:00.0000000Z). */
export function normaliseGraphDateTime(input: unknown, naive: 'reject' | 'utc' = 'reject'): ParsedDate {
  if (typeof input !== 'string') return { ok: false, reason: 'must be an ISO 8601 string' };
  const m = ISO_WITH_ZONE.exec(input.trim());
  if (!m) return { ok: false, reason: `'${input}' is not a valid ISO 8601 date-time` };
  const [, main, frac = '', zone] = m;
  if (!zone && naive === 'reject') return { ok: false, reason: `'${input}' has no UTC offset` };
  const ms = Date.parse(`${main!.length === 16 ? main + ':00' : main}${zone ?? 'Z'}`);
  // Date.parse rolls 2026-02-30 over to March 2; Graph rejects it.
  const [y, mo, d] = main!.slice(0, 10).split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (Number.isNaN(ms) || d > daysInMonth) return { ok: false, reason: `'${input}' is not a valid date-time` };
  const whole = new Date(ms).toISOString().slice(0, 19);
  return { ok: true, value: `${whole}.${frac.padEnd(7, '0')}Z` };
}

export class GraphStandIn {
  readonly requests: GraphRequestRecord[] = [];
  /** Meetings by id. */
  readonly meetings = new Map<string, StoredMeeting>();
  /** Events by id, in every user's calendar (an attendee's copy has its own id). */
  readonly events = new Map<string, StoredEvent>();
  /** Simulated network and service time: each request waits this long before it is read and answered. */
  latencyMs = 0;
  /**
   * Lookups Graph answers from an index, whatever the size of the tenant: a meeting by (owner, externalId), an
   * organizer's event by (owner, transactionId), an event's attendee copies. Each maps to ids that are checked
   * against `meetings`/`events` on use, so an entry those maps no longer hold is simply not found.
   */
  private readonly meetingByExternalId = new Map<string, string>();
  private readonly eventByTransactionId = new Map<string, string>();
  private readonly copyIds = new Map<string, Set<string>>();
  private readonly mailboxless = new Set<string>();
  private channelPosts = 0;
  private eventCount = 0;

  private server?: LoopbackServer;
  private faults: PendingFault[] = [];
  private baseUrlValue?: string;
  private readonly tenantId: string;
  private readonly naive: 'reject' | 'utc';

  constructor(private readonly opts: GraphStandInOptions) {
    this.tenantId = opts.tenantId ?? '72f988bf-86f1-41af-91ab-2d7cd011db47';
    this.naive = opts.naiveDateTimes ?? 'reject';
  }

  /** e.g. https://127.0.0.1:N (no trailing slash, no version). */
  get baseUrl(): string {
    if (!this.baseUrlValue) throw new Error('GraphStandIn not started');
    return this.baseUrlValue;
  }

  async start(): Promise<string> {
    const server = new LoopbackServer(https.createServer({ cert: this.opts.cert, key: this.opts.key }, (req, res) => void this.handle(req, res)));
    const port = await server.listen();
    this.server = server;
    this.baseUrlValue = `https://127.0.0.1:${port}`;
    return this.baseUrlValue;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await server.close();
  }

  /** Queue a fault for the next matching request(s); times <= 0 queues nothing. */
  failNext(fault: GraphFault): void {
    const remaining = fault.times ?? 1;
    if (remaining > 0) this.faults.push({ ...fault, remaining });
  }

  /** Drop every queued fault that has not fired yet. */
  clearFaults(): void {
    this.faults = [];
  }

  /** The meeting a user created with this externalId, if any. */
  meetingFor(userId: string, externalId: string): StoredMeeting | undefined {
    const m = this.meetings.get(this.meetingByExternalId.get(ownerKey(userId, externalId)) ?? '');
    return m && m.ownerId === userId && m.externalId === externalId ? m : undefined;
  }

  /** Forget every meeting, event and recorded request (faults, users without a mailbox stay). */
  forgetAll(): void {
    this.requests.length = 0;
    this.meetings.clear();
    this.events.clear();
    this.meetingByExternalId.clear();
    this.eventByTransactionId.clear();
    this.copyIds.clear();
  }

  /** The user has no Exchange Online mailbox: their event requests get 404 MailboxNotEnabledForRESTAPI. */
  withoutMailbox(userId: string): void {
    this.mailboxless.add(userId);
  }

  /** The events in a user's calendar that they organize (cancelled ones included). */
  eventsOf(userId: string): StoredEvent[] {
    return [...this.events.values()].filter((e) => e.ownerId === userId && !e.copyOf);
  }

  /** Requests to the event endpoints. */
  eventRequests(): GraphRequestRecord[] {
    return this.requests.filter((r) => /\/me\/events/i.test(r.path));
  }

  /** Requests to the online meeting endpoints (excluding anything else). */
  meetingRequests(): GraphRequestRecord[] {
    return this.requests.filter((r) => /\/me\/onlinemeetings/i.test(r.path));
  }

  private takeFault(rec: GraphRequestRecord): PendingFault | undefined {
    const f = this.faults.find((x) => !x.match || x.match(rec));
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
    return f;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.latencyMs > 0) await pause(this.latencyMs);
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const auth = req.headers.authorization;
    const rec: GraphRequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      authorization: auth,
      at: Date.now(),
      requestId: randomUUID(),
    };
    let bodyError: string | undefined;
    if (raw.length > 0) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) rec.body = parsed as Json;
        else bodyError = 'The request body must be a JSON object.';
      } catch {
        rec.rawBody = raw;
        bodyError = 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';
      }
    }
    this.requests.push(rec);

    const fault = this.takeFault(rec);
    if (fault && !fault.afterCreate) {
      this.applyFault(fault, rec, req, res);
      return;
    }
    const outcome = this.route(rec, bodyError);
    if (fault && outcome.status < 300) {
      this.applyFault(fault, rec, req, res);
      return;
    }
    this.respond(rec, req, res, outcome);
  }

  private applyFault(fault: PendingFault, rec: GraphRequestRecord, req: http.IncomingMessage, res: http.ServerResponse): void {
    if (fault.hang) {
      rec.fault = 'hang';
      return; // stop() destroys the socket
    }
    if (fault.resetConnection) {
      rec.fault = 'reset';
      req.socket.destroy();
      return;
    }
    rec.fault = 'status';
    const status = fault.status ?? 503;
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
    this.respond(rec, req, res, this.error(status, fault.code ?? defaultCode(status), fault.message ?? `Injected fault ${status}.`, headers));
  }

  /**
   * Graph's evolvable-enum rule: a request that uses an enum member after `unknownFutureValue` without
   * `Prefer: include-unknown-enum-members` is refused with 400, and answers show such members as
   * `unknownFutureValue` unless the request asked for them.
   */
  private route(rec: GraphRequestRecord, bodyError: string | undefined): Outcome {
    const includeUnknown = prefersUnknownEnumMembers(rec.headers);
    const outcome = this.routeRequest(rec, bodyError, includeUnknown);
    return includeUnknown || !outcome.body ? outcome : { ...outcome, body: maskEvolvableMembers(outcome.body) };
  }

  private routeRequest(rec: GraphRequestRecord, bodyError: string | undefined, includeUnknown: boolean): Outcome {
    const m = /^\/(v1\.0|beta)\/me\/onlinemeetings(?:\/([^/]+))?\/?$/i.exec(rec.path);
    const e = m ? undefined : /^\/(v1\.0|beta)\/me\/events(?:\/([^/]+)(?:\/(cancel))?)?\/?$/i.exec(rec.path);
    if (!m && !e) {
      return this.error(400, 'BadRequest', `Resource not found for the segment '${rec.path.split('/').filter(Boolean).pop() ?? ''}'.`);
    }

    // Authentication before anything else, as Graph does.
    const bearer = /^Bearer\s+(\S+)$/i.exec(rec.authorization ?? '');
    if (!bearer) return this.error(401, 'InvalidAuthenticationToken', 'Access token is empty.', this.authChallenge());
    const userId = this.opts.tokenOwner(bearer[1]!);
    if (!userId) return this.error(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', this.authChallenge());
    rec.userId = userId;

    if (bodyError && (rec.method === 'POST' || rec.method === 'PATCH')) return this.error(400, 'BadRequest', bodyError);
    if (e) {
      const scopes = this.opts.tokenScopes?.(bearer[1]!);
      if (scopes && !scopes.includes(CALENDARS_READ_WRITE)) return this.error(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      if (this.mailboxless.has(userId)) return this.error(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
      const version = e[1]!.toLowerCase() === 'beta' ? 'beta' : 'v1.0';
      return this.routeEvents(rec, version, userId, e[2] ? decodeURIComponent(e[2]) : undefined, e[3] !== undefined);
    }
    const version = m![1]!.toLowerCase() === 'beta' ? 'beta' : 'v1.0';
    const sub = m![2] ? decodeURIComponent(m![2]) : undefined;
    const member = (rec.method === 'POST' || rec.method === 'PATCH') && rec.body && !includeUnknown ? evolvableMemberIn(rec.body) : undefined;
    if (member) {
      return this.error(400, 'BadRequest', `The value '${member.value}' of enum type '${member.type}' can only be used with the request header 'Prefer: include-unknown-enum-members'.`);
    }

    if (sub === undefined) {
      if (rec.method !== 'POST') return this.error(405, 'Request_UnsupportedQuery', `${rec.method} is not supported on this resource.`);
      return this.create(version, userId, rec.body ?? {}, 'create');
    }
    if (sub.toLowerCase() === 'createorget') {
      if (rec.method !== 'POST') return this.error(405, 'Request_UnsupportedQuery', `${rec.method} is not supported on this resource.`);
      if (version !== 'beta') return this.error(400, 'BadRequest', "Resource not found for the segment 'createOrGet'.");
      return this.create(version, userId, rec.body ?? {}, 'createOrGet');
    }

    const stored = this.meetings.get(sub);
    if (!stored || stored.ownerId !== userId) return this.error(404, 'NotFound', 'The specified meeting could not be found.');
    switch (rec.method) {
      case 'GET':
        return { status: 200, body: this.withContext(version, userId, stored.meeting, 'entity') };
      case 'DELETE':
        this.meetings.delete(sub);
        return { status: 204 };
      case 'PATCH': {
        const patch = rec.body ?? {};
        const people = checkPeople(patch);
        if (people) return this.error(400, 'BadRequest', people);
        const times = this.times(patch, stored.meeting.startDateTime as string);
        if ('error' in times) return times.error;
        if (patch.startDateTime !== undefined || patch.endDateTime !== undefined) {
          stored.meeting.startDateTime = times.start;
          stored.meeting.endDateTime = times.end;
        }
        for (const k of ['subject', 'lobbyBypassSettings', 'allowedPresenters', 'isEntryExitAnnounced', 'recordAutomatically', 'allowMeetingChat']) {
          if (patch[k] !== undefined) stored.meeting[k] = patch[k];
        }
        // Like Graph: the attendee list is replaced by the one sent; the organizer stays.
        if (patch.participants?.attendees !== undefined) {
          stored.meeting.participants = { ...stored.meeting.participants, attendees: (patch.participants.attendees as Json[]).map((a) => ({ role: 'attendee', ...a })) };
        }
        return { status: 200, body: this.withContext(version, userId, stored.meeting, 'entity') };
      }
      default:
        return this.error(405, 'Request_UnsupportedQuery', `${rec.method} is not supported on this resource.`);
    }
  }

  private create(version: 'beta' | 'v1.0', userId: string, body: Json, via: 'createOrGet' | 'create'): Outcome {
    let externalId: string | undefined;
    if (via === 'createOrGet') {
      if (typeof body.externalId !== 'string' || body.externalId.length === 0) {
        return this.error(400, 'BadRequest', 'externalId is required for createOrGet.');
      }
      externalId = body.externalId;
      const existing = this.meetingFor(userId, externalId);
      if (existing) {
        existing.hits += 1;
        return { status: 200, body: this.withContext(version, userId, existing.meeting, 'createOrGet') };
      }
    }
    const people = checkPeople(body);
    if (people) return this.error(400, 'BadRequest', people);
    const times = this.times(body);
    if ('error' in times) return times.error;
    const meeting = this.buildMeeting(version, userId, body, times.start, times.end);
    this.meetings.set(meeting.id as string, { ownerId: userId, externalId, meeting, via, hits: 1 });
    if (externalId !== undefined) this.meetingByExternalId.set(ownerKey(userId, externalId), meeting.id as string);
    return {
      status: 201,
      body: this.withContext(version, userId, meeting, via === 'createOrGet' ? 'createOrGet' : 'entity'),
      headers: { Location: `${GRAPH_ROOT}/${version}/users('${userId}')/onlineMeetings('${meeting.id as string}')` },
    };
  }

  /** Validates start/end like Graph: default start = now, end = start + 1 h; end alone or end <= start is an error. */
  private times(body: Json, currentStart?: string): { start: string; end: string } | { error: Outcome } {
    const hasStart = body.startDateTime !== undefined && body.startDateTime !== null;
    const hasEnd = body.endDateTime !== undefined && body.endDateTime !== null;
    if (hasEnd && !hasStart && !currentStart) {
      return { error: this.error(400, 'BadRequest', 'endDateTime cannot be specified without startDateTime.') };
    }
    let start: string;
    if (hasStart) {
      const s = normaliseGraphDateTime(body.startDateTime, this.naive);
      if (!s.ok) return { error: this.error(400, 'BadRequest', `Invalid startDateTime: ${s.reason}.`) };
      start = s.value;
    } else {
      start = currentStart ?? normaliseNow(0);
    }
    let end: string;
    if (hasEnd) {
      const e = normaliseGraphDateTime(body.endDateTime, this.naive);
      if (!e.ok) return { error: this.error(400, 'BadRequest', `Invalid endDateTime: ${e.reason}.`) };
      end = e.value;
    } else {
      end = addHour(start);
    }
    // Same fixed-width UTC format: string order is time order.
    if (end <= start) return { error: this.error(400, 'BadRequest', 'endDateTime must be later than startDateTime.') };
    return { start, end };
  }

  private buildMeeting(version: 'beta' | 'v1.0', userId: string, body: Json, start: string, end: string): Json {
    const user = this.opts.users?.[userId] ?? {};
    const requestedThread: unknown = body.chatInfo?.threadId;
    const isChannel = typeof requestedThread === 'string' && requestedThread.length > 0;
    const threadId = isChannel
      ? (requestedThread as string)
      : `19:meeting_${Buffer.from(randomUUID()).toString('base64').replace(/=+$/, '')}@thread.v2`;
    // A channel meeting is a post in the channel; a standalone one lives in message 0 of its own chat.
    const messageId = isChannel ? String(Date.now() * 1000 + (this.channelPosts++ % 1000)) : '0';
    // Channel meetings share the channel's thread, so the post id must be part of the meeting id.
    const id = Buffer.from(isChannel ? `1*${userId}*0**${threadId}*${messageId}` : `1*${userId}*0**${threadId}`).toString('base64');
    const context = `{"Tid":"${this.tenantId}","Oid":"${userId}"}`;
    const joinWebUrl = `https://teams.microsoft.com/l/meetup-join/${graphEncode(threadId)}/${messageId}?context=${graphEncode(context)}`;
    const conferenceId = String(randomInt(100_000_000, 999_999_999));
    const joinMeetingId = String(randomInt(100_000_000_000, 999_999_999_999));
    const displayName = user.displayName ?? userId;
    const identityUser = { id: userId, displayName, tenantId: this.tenantId, identityProvider: 'AAD' };
    const attendees = Array.isArray(body.participants?.attendees) ? (body.participants.attendees as Json[]) : [];
    const meeting: Json = {
      id,
      creationDateTime: normaliseNow(0),
      startDateTime: start,
      endDateTime: end,
      joinWebUrl,
      meetingCode: joinMeetingId,
      subject: typeof body.subject === 'string' ? body.subject : null,
      isBroadcast: false,
      externalId: typeof body.externalId === 'string' ? body.externalId : null,
      allowedPresenters: body.allowedPresenters ?? 'everyone',
      allowMeetingChat: body.allowMeetingChat ?? 'enabled',
      allowTeamworkReactions: true,
      allowAttendeeToEnableCamera: true,
      allowAttendeeToEnableMic: true,
      isEntryExitAnnounced: body.isEntryExitAnnounced ?? true,
      recordAutomatically: body.recordAutomatically ?? false,
      shareMeetingChatHistoryDefault: 'none',
      videoTeleconferenceId: null,
      broadcastSettings: null,
      watermarkProtection: null,
      audioConferencing: {
        conferenceId,
        ConferenceId: conferenceId,
        tollNumber: '+1 323-555-0166',
        tollFreeNumber: '+1 866-555-0199',
        tollNumbers: ['+1 323-555-0166'],
        tollFreeNumbers: ['+1 866-555-0199'],
        dialinUrl: `https://dialin.teams.microsoft.com/${randomUUID()}?id=${conferenceId}`,
      },
      chatInfo: { threadId, messageId, replyChainMessageId: isChannel ? messageId : null },
      joinInformation: {
        content: `data:text/html,${encodeURIComponent(
          `<div>Microsoft Teams meeting</div><a href="${joinWebUrl}">Click here to join the meeting</a><div>Meeting ID: ${joinMeetingId}</div>`,
        )}`,
        contentType: 'html',
      },
      joinMeetingIdSettings: { isPasscodeRequired: true, joinMeetingId, passcode: randomPasscode() },
      lobbyBypassSettings: body.lobbyBypassSettings ?? { scope: 'organization', isDialInBypassEnabled: false },
      participants: {
        organizer: {
          upn: user.upn ?? `${userId}@contoso.onmicrosoft.com`,
          role: 'presenter',
          identity: { application: null, device: null, user: identityUser },
        },
        attendees: attendees.map((a) => ({ role: 'attendee', ...a })),
      },
    };
    if (version === 'beta') {
      // beta-only legacy fields
      meeting.joinUrl = joinWebUrl;
      meeting.autoAdmittedUsers = 'everyoneInCompany';
      meeting.capabilities = [];
      meeting.meetingType = null;
    }
    return meeting;
  }

  // ---- Outlook calendar events ----

  private routeEvents(rec: GraphRequestRecord, version: 'beta' | 'v1.0', userId: string, id: string | undefined, cancel: boolean): Outcome {
    if (id === undefined) {
      if (rec.method !== 'POST') return this.error(405, 'Request_UnsupportedQuery', `${rec.method} is not supported on this resource.`);
      return this.createEvent(version, userId, rec.body ?? {});
    }
    const stored = this.events.get(id);
    // Another user's event, or one that left the calendar (cancelled or deleted): not in this mailbox's calendar.
    if (!stored || stored.ownerId !== userId || stored.cancelled) return this.error(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    if (cancel) {
      if (rec.method !== 'POST') return this.error(405, 'Request_UnsupportedQuery', `${rec.method} is not supported on this resource.`);
      const params = rec.body ?? {};
      for (const key of Object.keys(params)) {
        // Action parameters are matched without regard to case (Graph's own example sends "Comment").
        if (key.toLowerCase() !== 'comment') return this.error(400, 'BadRequest', `The parameter '${key}' in the request payload is not a valid parameter for the operation 'cancel'.`);
      }
      const comment: unknown = Object.entries(params).find(([k]) => k.toLowerCase() === 'comment')?.[1];
      if (comment !== undefined && comment !== null && typeof comment !== 'string') return this.error(400, 'BadRequest', "Cannot convert the literal to the expected type 'Edm.String' (parameter 'comment').");
      if (stored.copyOf) return this.error(400, 'ErrorInvalidRequest', "Your request can't be completed. You need to be an organizer to cancel a meeting.");
      stored.cancelled = typeof comment === 'string' ? { comment } : {};
      stored.event.isCancelled = true;
      for (const copy of this.copiesOf(id)) copy.event.isCancelled = true;
      return { status: 202 };
    }
    switch (rec.method) {
      case 'GET':
        return { status: 200, body: this.eventAnswer(version, userId, stored.event) };
      case 'DELETE':
        this.events.delete(id);
        return { status: 204 };
      case 'PATCH': {
        const patch = rec.body ?? {};
        const problem = checkEventBody(patch);
        if (problem) return this.error(400, 'RequestBodyRead', problem);
        if (patch.transactionId !== undefined && patch.transactionId !== stored.transactionId) return this.error(400, 'ErrorInvalidRequest', 'The transactionId of an event cannot be changed.');
        const start = patch.start !== undefined ? this.instant(patch.start, 'start') : undefined;
        const end = patch.end !== undefined ? this.instant(patch.end, 'end') : undefined;
        const startMs = start ?? Date.parse(`${stored.event.start.dateTime.slice(0, 19)}Z`);
        const endMs = end ?? Date.parse(`${stored.event.end.dateTime.slice(0, 19)}Z`);
        if (!(endMs >= startMs)) return this.error(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
        stored.patches.push(patch);
        this.applyEventFields(stored.event, patch, startMs, endMs);
        for (const copy of this.copiesOf(id)) this.applyEventFields(copy.event, { ...patch, attendees: undefined }, startMs, endMs);
        if (patch.attendees !== undefined) this.copyToAttendees(id);
        return { status: 200, body: this.eventAnswer(version, userId, stored.event) };
      }
      default:
        return this.error(405, 'Request_UnsupportedQuery', `${rec.method} is not supported on this resource.`);
    }
  }

  private createEvent(version: 'beta' | 'v1.0', userId: string, body: Json): Outcome {
    const problem = checkEventBody(body);
    if (problem) return this.error(400, 'RequestBodyRead', problem);
    const transactionId = typeof body.transactionId === 'string' && body.transactionId !== '' ? body.transactionId : undefined;
    if (transactionId) {
      // Graph documents transactionId as what keeps a client's retried POST from creating the same event twice; it
      // doesn't say the status of the retry's answer: the stand-in answers as it did the first time.
      const existing = this.events.get(this.eventByTransactionId.get(ownerKey(userId, transactionId)) ?? '');
      if (existing && existing.ownerId === userId && existing.transactionId === transactionId && !existing.copyOf) {
        existing.posts += 1;
        return { status: 201, body: this.eventAnswer(version, userId, existing.event), headers: this.eventLocation(version, userId, existing.event.id as string) };
      }
    }
    if (body.start === undefined || body.end === undefined) return this.error(400, 'ErrorInvalidRequest', 'An event needs a start and an end.');
    const startMs = this.instant(body.start, 'start')!;
    const endMs = this.instant(body.end, 'end')!;
    if (!(endMs >= startMs)) return this.error(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
    const event = this.newEvent(userId, body, startMs, endMs, true);
    if (transactionId) event.transactionId = transactionId;
    this.events.set(event.id as string, { ownerId: userId, event, transactionId, posts: 1, patches: [] });
    if (transactionId) this.eventByTransactionId.set(ownerKey(userId, transactionId), event.id as string);
    this.copyToAttendees(event.id as string);
    return { status: 201, body: this.eventAnswer(version, userId, event), headers: this.eventLocation(version, userId, event.id as string) };
  }

  /** A dateTimeTimeZone already checked by checkEventBody, as epoch ms. */
  private instant(value: unknown, property: string): number | undefined {
    const read = dateTimeTimeZoneToUtc(value, property);
    return 'ms' in read ? read.ms : undefined;
  }

  private newEvent(ownerId: string, body: Json, startMs: number, endMs: number, isOrganizer: boolean, organizer?: Json): Json {
    const user = this.opts.users?.[ownerId] ?? {};
    const now = new Date().toISOString().replace(/Z$/, '0000Z');
    const id = `AAMkAGI1${Buffer.from(`${++this.eventCount}:${randomUUID()}`).toString('base64url').slice(0, 40)}AAA=`;
    const event: Json = {
      '@odata.etag': `W/"${randomUUID().replace(/-/g, '').slice(0, 24)}=="`,
      id,
      createdDateTime: now,
      lastModifiedDateTime: now,
      changeKey: randomUUID().replace(/-/g, '').slice(0, 24),
      categories: [],
      originalStartTimeZone: body.start?.timeZone ?? 'UTC',
      originalEndTimeZone: body.end?.timeZone ?? 'UTC',
      iCalUId: `040000008200E00074C5B7101A82E008${randomUUID().replace(/-/g, '').toUpperCase()}`,
      reminderMinutesBeforeStart: 15,
      isReminderOn: true,
      hasAttachments: false,
      subject: '',
      bodyPreview: '',
      importance: 'normal',
      sensitivity: 'normal',
      isAllDay: false,
      isCancelled: false,
      isOrganizer,
      responseRequested: true,
      seriesMasterId: null,
      showAs: isOrganizer ? 'busy' : 'tentative',
      type: 'singleInstance',
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
      onlineMeetingUrl: null,
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      allowNewTimeProposals: true,
      isDraft: false,
      hideAttendees: false,
      responseStatus: { response: isOrganizer ? 'organizer' : 'notResponded', time: '0001-01-01T00:00:00Z' },
      body: { contentType: 'html', content: '' },
      start: utcDateTime(startMs),
      end: utcDateTime(endMs),
      location: { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} },
      locations: [],
      recurrence: null,
      attendees: [],
      organizer: organizer ?? { emailAddress: { name: user.displayName ?? ownerId, address: user.upn ?? `${ownerId}@contoso.onmicrosoft.com` } },
      onlineMeeting: null,
    };
    this.applyEventFields(event, body, startMs, endMs);
    return event;
  }

  /** Writes the client's values into an event as Graph stores them (times in UTC, body wrapped in an HTML page). */
  private applyEventFields(event: Json, body: Json, startMs: number, endMs: number): void {
    event.start = utcDateTime(startMs);
    event.end = utcDateTime(endMs);
    if (body.start?.timeZone) event.originalStartTimeZone = body.start.timeZone;
    if (body.end?.timeZone) event.originalEndTimeZone = body.end.timeZone;
    for (const key of ['subject', 'isOnlineMeeting', 'allowNewTimeProposals', 'responseRequested', 'isReminderOn', 'reminderMinutesBeforeStart', 'showAs', 'importance', 'sensitivity', 'categories', 'hideAttendees']) {
      if (body[key] !== undefined) event[key] = body[key];
    }
    if (body.body !== undefined) {
      const html = String(body.body?.contentType ?? 'text').toLowerCase() === 'html';
      const content = String(body.body?.content ?? '');
      event.body = { contentType: 'html', content: `<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>${html ? content : escapeHtml(content)}</body></html>` };
      event.bodyPreview = (html ? content.replace(/<[^>]*>/g, ' ') : content).replace(/\s+/g, ' ').trim().slice(0, 255);
    }
    if (body.location !== undefined) {
      const name = String(body.location?.displayName ?? '');
      event.location = { displayName: name, locationType: body.location?.locationType ?? 'default', uniqueId: name, uniqueIdType: 'private' };
      event.locations = name ? [{ displayName: name, locationType: 'default', uniqueId: name, uniqueIdType: 'private' }] : [];
    }
    if (body.attendees !== undefined) {
      event.attendees = ((body.attendees ?? []) as Json[]).map((a) => ({
        type: String(a.type ?? 'required').toLowerCase(),
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
        emailAddress: { name: a.emailAddress.name ?? a.emailAddress.address, address: a.emailAddress.address },
      }));
    }
    event.lastModifiedDateTime = new Date().toISOString().replace(/Z$/, '0000Z');
    event.changeKey = randomUUID().replace(/-/g, '').slice(0, 24);
  }

  private copiesOf(id: string): StoredEvent[] {
    const copies: StoredEvent[] = [];
    for (const copyId of this.copyIds.get(id) ?? []) {
      const copy = this.events.get(copyId);
      if (copy?.copyOf === id) copies.push(copy);
    }
    return copies;
  }

  /** Exchange delivers the invitation: each attendee who is a user here (by mail address) has the event in their calendar. */
  private copyToAttendees(id: string): void {
    const original = this.events.get(id)!;
    const invited = new Set(((original.event.attendees ?? []) as Json[]).map((a) => String(a.emailAddress.address).toLowerCase()));
    for (const copy of this.copiesOf(id)) {
      const address = this.opts.users?.[copy.ownerId]?.upn?.toLowerCase();
      // Taken off the list: Exchange sends them a cancellation.
      if (!address || !invited.has(address)) copy.event.isCancelled = true;
    }
    for (const [userId, user] of Object.entries(this.opts.users ?? {})) {
      if (userId === original.ownerId || !user.upn || !invited.has(user.upn.toLowerCase())) continue;
      const copy = this.copiesOf(id).find((x) => x.ownerId === userId);
      if (copy) {
        copy.event.isCancelled = false;
        continue;
      }
      const startMs = Date.parse(`${original.event.start.dateTime.slice(0, 19)}Z`);
      const endMs = Date.parse(`${original.event.end.dateTime.slice(0, 19)}Z`);
      const event = this.newEvent(userId, { subject: original.event.subject }, startMs, endMs, false, original.event.organizer);
      event.body = original.event.body;
      event.attendees = original.event.attendees;
      this.events.set(event.id as string, { ownerId: userId, event, posts: 0, patches: [], copyOf: id });
      const ids = this.copyIds.get(id) ?? new Set<string>();
      this.copyIds.set(id, ids.add(event.id as string));
    }
  }

  private eventAnswer(version: string, userId: string, event: Json): Json {
    return { '@odata.context': `${GRAPH_ROOT}/${version}/$metadata#users('${userId}')/events/$entity`, ...event };
  }

  private eventLocation(version: string, userId: string, id: string): Record<string, string> {
    return { Location: `${GRAPH_ROOT}/${version}/users('${userId}')/events('${id}')` };
  }

  private withContext(version: string, userId: string, meeting: Json, kind: 'createOrGet' | 'entity'): Json {
    const ctx =
      kind === 'createOrGet'
        ? `${GRAPH_ROOT}/${version}/$metadata#onlineMeeting`
        : `${GRAPH_ROOT}/${version}/$metadata#users('${userId}')/onlineMeetings/$entity`;
    return { '@odata.context': ctx, ...meeting };
  }

  private authChallenge(): Record<string, string> {
    return {
      'WWW-Authenticate':
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
    };
  }

  private error(status: number, code: string, message: string, headers: Record<string, string> = {}): Outcome {
    // innerError is filled in respond() where the request ids are known.
    return { status, body: { error: { code, message } }, headers };
  }

  private respond(rec: GraphRequestRecord, req: http.IncomingMessage, res: http.ServerResponse, outcome: Outcome): void {
    rec.status = outcome.status;
    const clientRequestId = firstHeader(req.headers['client-request-id']) ?? randomUUID();
    const headers: Record<string, string> = {
      'Cache-Control': 'no-cache',
      'request-id': rec.requestId!,
      'client-request-id': clientRequestId,
      'x-ms-ags-diagnostic': '{"ServerInfo":{"DataCenter":"Loopback","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"stand-in"}}',
      'Strict-Transport-Security': 'max-age=31536000',
      ...outcome.headers,
    };
    let body = outcome.body;
    if (body && body.error && typeof body.error === 'object') {
      body = {
        error: {
          ...body.error,
          innerError: {
            date: new Date().toISOString().slice(0, 19),
            'request-id': rec.requestId,
            'client-request-id': clientRequestId,
          },
        },
      };
    }
    if (body === undefined) {
      res.writeHead(outcome.status, headers).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(outcome.status, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
  }
}

const ROLES = new Set(['attendee', 'presenter', 'producer', 'coorganizer']);

/** The members of Graph's evolvable enums the bot can send that come after `unknownFutureValue`. */
const EVOLVABLE_MEMBERS: Readonly<Record<string, ReadonlySet<string>>> = {
  'microsoft.graph.lobbyBypassScope': new Set(['invited', 'organizationExcludingGuests']),
  'microsoft.graph.onlineMeetingRole': new Set(['producer', 'coorganizer']),
};

function prefersUnknownEnumMembers(headers: http.IncomingHttpHeaders): boolean {
  const prefer = ([] as string[]).concat(headers.prefer ?? []).join(',');
  return prefer.split(',').some((p) => p.trim().toLowerCase() === 'include-unknown-enum-members');
}

/** The first evolvable enum member a request body uses, if any. */
function evolvableMemberIn(body: Json): { type: string; value: string } | undefined {
  const scope = body.lobbyBypassSettings?.scope;
  if (typeof scope === 'string' && EVOLVABLE_MEMBERS['microsoft.graph.lobbyBypassScope']!.has(scope)) return { type: 'microsoft.graph.lobbyBypassScope', value: scope };
  for (const a of Array.isArray(body.participants?.attendees) ? (body.participants.attendees as Json[]) : []) {
    if (typeof a?.role === 'string' && EVOLVABLE_MEMBERS['microsoft.graph.onlineMeetingRole']!.has(a.role)) return { type: 'microsoft.graph.onlineMeetingRole', value: a.role };
  }
  return undefined;
}

/** An answer as Graph gives it to a caller that didn't ask for evolvable members: those show as unknownFutureValue. */
function maskEvolvableMembers(body: Json): Json {
  const out: Json = { ...body };
  const scope = out.lobbyBypassSettings?.scope;
  if (typeof scope === 'string' && EVOLVABLE_MEMBERS['microsoft.graph.lobbyBypassScope']!.has(scope)) {
    out.lobbyBypassSettings = { ...out.lobbyBypassSettings, scope: 'unknownFutureValue' };
  }
  const attendees = out.participants?.attendees;
  if (Array.isArray(attendees)) {
    out.participants = {
      ...out.participants,
      attendees: (attendees as Json[]).map((a) => (typeof a?.role === 'string' && EVOLVABLE_MEMBERS['microsoft.graph.onlineMeetingRole']!.has(a.role) ? { ...a, role: 'unknownFutureValue' } : a)),
    };
  }
  return out;
}
const LOBBY_SCOPES = new Set(['organizer', 'organization', 'organizationAndFederated', 'everyone', 'invited', 'organizationExcludingGuests']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Graph's checks on participants and lobbyBypassSettings, as far as the bot can get them wrong: attendees is an
 * array of { identity: { user: { id: <Entra object id> } }, upn?, role? }, the organizer can't be set, and the
 * lobby scope is one of Graph's values. Returns the error message, or undefined when the body is fine.
 */
export function checkPeople(body: Json): string | undefined {
  if (body.participants !== undefined) {
    const p = body.participants;
    if (!p || typeof p !== 'object' || Array.isArray(p)) return 'Invalid participants: must be an object.';
    if (p.organizer !== undefined) return 'The organizer of a meeting cannot be changed.';
    if (p.attendees !== undefined) {
      if (!Array.isArray(p.attendees)) return 'Invalid participants.attendees: must be an array.';
      for (const [i, a] of (p.attendees as unknown[]).entries()) {
        const at = a as Json;
        if (!at || typeof at !== 'object') return `Invalid participants.attendees[${i}].`;
        const id = at.identity?.user?.id;
        if (typeof id !== 'string' || !GUID.test(id)) return `Invalid participants.attendees[${i}].identity.user.id: must be an Entra object id (GUID).`;
        if (at.upn !== undefined && (typeof at.upn !== 'string' || !at.upn.includes('@'))) return `Invalid participants.attendees[${i}].upn.`;
        if (at.role !== undefined && !ROLES.has(at.role)) return `Invalid participants.attendees[${i}].role '${String(at.role)}'.`;
      }
    }
  }
  if (body.lobbyBypassSettings !== undefined) {
    const scope = body.lobbyBypassSettings?.scope;
    if (typeof scope !== 'string' || !LOBBY_SCOPES.has(scope)) return `Invalid lobbyBypassSettings.scope '${String(scope)}'.`;
  }
  return undefined;
}

function normaliseNow(offsetMs: number): string {
  return `${new Date(Date.now() + offsetMs).toISOString().slice(0, 23)}0000Z`;
}

function addHour(utc7: string): string {
  const ms = Date.parse(utc7.slice(0, 19) + 'Z') + 3_600_000;
  return `${new Date(ms).toISOString().slice(0, 19)}${utc7.slice(19)}`;
}

function randomPasscode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

