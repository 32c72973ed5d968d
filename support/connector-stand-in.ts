// Loopback stand-in for the Bot Connector service (Teams' serviceUrl). It
// answers the REST calls botframework-connector's ConnectorClient makes
// (connectorApi/operations/conversations.js) and records them for assertions.
//
// Wire facts (checked against botbuilder 4.23.3):
// - CloudAdapter sends an activity with `replyToId` as
//   POST v3/conversations/{conversationId}/activities/{replyToId} (+ header
//   x-ms-conversation-id), otherwise POST v3/conversations/{conversationId}/activities.
// - updateActivity: PUT .../activities/{activityId}; deleteActivity: DELETE, 200/202.
// - Path parameters are encodeURIComponent'ed: a channel thread id
//   "19:x@thread.tacv2;messageid=1" travels as "19%3Ax%40thread.tacv2%3Bmessageid%3D1".
// - With an empty MicrosoftAppId there is no Authorization header. A bot with an app id sends its Bot Framework
//   token on every call; the service answers a call without one, or with one it doesn't accept, 401 ("The bot isn't
//   yet authenticated", the REST API reference's status table). Set `acceptsToken` to enforce that.
import http from 'node:http';
import { LoopbackServer, readBody } from './loopback-server';

/** Loose activity shape: tests read whatever the bot sent. */
export type WireActivity = Record<string, any>;

export type CallKind =
  | 'send' // POST /v3/conversations/{id}/activities
  | 'reply' // POST /v3/conversations/{id}/activities/{activityId}
  | 'update' // PUT  /v3/conversations/{id}/activities/{activityId}
  | 'delete' // DELETE /v3/conversations/{id}/activities/{activityId}
  | 'createConversation' // POST /v3/conversations
  | 'members' // GET /v3/conversations/{id}/members
  | 'member' // GET /v3/conversations/{id}/members/{memberId}
  | 'pagedMembers' // GET /v3/conversations/{id}/pagedmembers
  | 'unknown';

export interface RecordedCall {
  kind: CallKind;
  method: string;
  /** Raw request path (still percent-encoded), without query. */
  path: string;
  query: Record<string, string>;
  /** Decoded conversation id from the path ('' for createConversation). */
  conversationId: string;
  /** Decoded activity id from the path (reply/update/delete). */
  activityId?: string;
  memberId?: string;
  /** Parsed JSON body: the activity for send/reply/update, ConversationParameters for createConversation. */
  activity?: WireActivity;
  /** Raw body text when it was not JSON. */
  rawBody?: string;
  headers: http.IncomingHttpHeaders;
  /** Date.now() when the request arrived. */
  at: number;
  /** Status the stand-in answered with (undefined for hung/reset requests). */
  status?: number;
  /** ResourceResponse id handed back (new id for send/reply, the same id for update). */
  responseId?: string;
  /** Set when an injected fault answered this call. */
  fault?: 'status' | 'hang' | 'reset';
}

export interface ConnectorFault {
  /** HTTP status to answer with (default 500). */
  status?: number;
  /** Error code in the ErrorResponse body (default depends on status). */
  code?: string;
  /** Retry-After header value in seconds (for 429). */
  retryAfter?: number;
  /** How many matching calls fail (default 1). */
  times?: number;
  /** Never answer (until stop()). */
  hang?: boolean;
  /** Destroy the socket without answering. */
  resetConnection?: boolean;
  /** Only calls of these kinds are affected (default: send, reply, update, delete). */
  kinds?: CallKind[];
}

export interface CardRecord {
  contentType: string;
  content: any;
  /** Id of the activity carrying the card (the id the stand-in handed out, or the updated id). */
  activityId?: string;
  call: RecordedCall;
}

interface Waiter {
  predicate: (c: RecordedCall) => boolean;
  resolve: (c: RecordedCall) => void;
}

interface PendingFault extends Required<Pick<ConnectorFault, 'status' | 'times' | 'kinds'>> {
  code?: string;
  retryAfter?: number;
  hang: boolean;
  resetConnection: boolean;
}

const ACTIVITY_KINDS: CallKind[] = ['send', 'reply', 'update', 'delete'];
const ACTIVITY_WRITES: ReadonlySet<CallKind> = new Set(['send', 'reply', 'update', 'createConversation']);

function errorCodeFor(status: number): string {
  switch (status) {
    case 400: return 'BadArgument';
    case 401: return 'Unauthorized';
    case 403: return 'Forbidden';
    case 404: return 'ConversationNotFound';
    case 412: return 'PreconditionFailed';
    case 413: return 'MessageSizeTooBig';
    case 429: return 'Throttled';
    default: return 'ServiceError';
  }
}

export class ConnectorStandIn {
  readonly calls: RecordedCall[] = [];
  /** Returned by GET .../members and, a page at a time, by GET .../pagedmembers; members/{id} looks up here too. */
  members: Array<Record<string, any>> = [];
  /** Page size pagedmembers uses when the caller names none (Teams' own default isn't documented; any works). */
  defaultPageSize = 200;

  private server?: LoopbackServer;
  private waiters: Waiter[] = [];
  private faults: PendingFault[] = [];
  /**
   * When set, the service's authentication: a call whose Authorization header this refuses (none counts as '') is
   * answered 401 and goes no further. Unset, as for a bot without an app id, any call is accepted.
   */
  acceptsToken?: (authorization: string) => boolean;
  private nextId: number;
  private serviceUrlValue?: string;

  /**
   * @param opts.basePath path prefix of the serviceUrl, e.g. 'amer/' like
   *   https://smba.trafficmanager.net/amer/ (default: none).
   */
  constructor(private readonly opts: { basePath?: string } = {}) {
    // Teams message ids are millisecond timestamps; keep them increasing.
    this.nextId = Date.now();
  }

  get serviceUrl(): string {
    if (!this.serviceUrlValue) throw new Error('ConnectorStandIn not started');
    return this.serviceUrlValue;
  }

  async start(): Promise<string> {
    const server = new LoopbackServer(http.createServer((req, res) => void this.handle(req, res)));
    const port = await server.listen();
    this.server = server;
    const base = (this.opts.basePath ?? '').replace(/^\/+/, '').replace(/\/*$/, '/');
    this.serviceUrlValue = `http://127.0.0.1:${port}/${base === '/' ? '' : base}`;
    return this.serviceUrlValue;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await server.close();
  }

  /** Make the next matching call(s) fail. Faults queue up in order; times <= 0 queues nothing. */
  failNext(fault: ConnectorFault = {}): void {
    if ((fault.times ?? 1) <= 0) return;
    this.faults.push({
      status: fault.status ?? 500,
      times: fault.times ?? 1,
      kinds: fault.kinds ?? ACTIVITY_KINDS,
      code: fault.code,
      retryAfter: fault.retryAfter,
      hang: fault.hang ?? false,
      resetConnection: fault.resetConnection ?? false,
    });
  }

  /** Drop every queued fault that has not fired yet. */
  clearFaults(): void {
    this.faults = [];
  }

  /** Forget recorded calls (faults and members stay). */
  reset(): void {
    this.calls.length = 0;
  }

  /** Activities the bot successfully sent, replied, updated or posted as a new conversation, in order. */
  activities(): WireActivity[] {
    return this.calls
      .filter((c) => ACTIVITY_WRITES.has(c.kind) && c.status !== undefined && c.status < 300 && c.activity)
      .map((c) => (c.kind === 'createConversation' ? (c.activity!.activity as WireActivity) : c.activity!))
      .filter((a): a is WireActivity => !!a);
  }

  /** Attachments of all successfully sent/updated activities, optionally filtered by contentType. */
  cards(contentType?: string): CardRecord[] {
    const out: CardRecord[] = [];
    for (const call of this.calls) {
      if (!ACTIVITY_WRITES.has(call.kind) || call.status === undefined || call.status >= 300) continue;
      const activity = call.kind === 'createConversation' ? call.activity?.activity : call.activity;
      const attachments: unknown = activity?.attachments;
      if (!Array.isArray(attachments)) continue;
      for (const a of attachments as Array<{ contentType: string; content: unknown }>) {
        if (contentType && a.contentType !== contentType) continue;
        out.push({ contentType: a.contentType, content: a.content, activityId: call.responseId, call });
      }
    }
    return out;
  }

  /** Resolves with the first recorded call (past or future) matching the predicate. */
  waitFor(predicate: (c: RecordedCall) => boolean, timeoutMs = 10_000): Promise<RecordedCall> {
    const hit = this.calls.find(predicate);
    if (hit) return Promise.resolve(hit);
    return new Promise<RecordedCall>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (c) => {
          clearTimeout(timer);
          resolve(c);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`ConnectorStandIn.waitFor timed out after ${timeoutMs} ms. Recorded:\n${this.describe()}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** One line per recorded call, for failure messages. */
  describe(): string {
    if (this.calls.length === 0) return '  (no calls)';
    return this.calls
      .map((c, i) => {
        const a = c.kind === 'createConversation' ? c.activity?.activity : c.activity;
        const text = typeof a?.text === 'string' ? ` text=${JSON.stringify(a.text.slice(0, 120))}` : '';
        const atts = Array.isArray(a?.attachments)
          ? ` attachments=[${(a!.attachments as Array<{ contentType: string }>).map((x) => x.contentType).join(', ')}]`
          : '';
        const type = a?.type ? ` type=${a.type}` : '';
        return `  #${i} ${c.method} ${c.path} -> ${c.status ?? c.fault}${type}${text}${atts}`;
      })
      .join('\n');
  }

  private newId(): string {
    this.nextId += 1;
    return String(this.nextId);
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    const ready = this.waiters.filter((w) => w.predicate(call));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(call);
  }

  private takeFault(kind: CallKind): PendingFault | undefined {
    const f = this.faults.find((x) => x.kinds.includes(kind));
    if (!f) return undefined;
    f.times -= 1;
    if (f.times <= 0) this.faults = this.faults.filter((x) => x !== f);
    return f;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const prefix = '/' + (this.opts.basePath ?? '').replace(/^\/+|\/+$/g, '');
    let rel = url.pathname;
    if (prefix !== '/' && rel.startsWith(prefix + '/')) rel = rel.slice(prefix.length);
    const seg = rel.split('/').filter(Boolean).map(safeDecode);
    const method = req.method ?? 'GET';

    let body: WireActivity | undefined;
    let rawBody: string | undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw) as WireActivity;
      } catch {
        rawBody = raw;
      }
    }

    const call: RecordedCall = {
      kind: 'unknown',
      method,
      path: url.pathname,
      query,
      conversationId: '',
      headers: req.headers,
      at: Date.now(),
      activity: body,
      rawBody,
    };

    if (seg[0] === 'v3' && seg[1] === 'conversations') {
      const [, , conv, sub, id, extra] = seg;
      if (conv === undefined) {
        if (method === 'POST') call.kind = 'createConversation';
      } else {
        call.conversationId = conv;
        if (sub === 'activities' && id === undefined && method === 'POST') call.kind = 'send';
        else if (sub === 'activities' && id !== undefined && extra === undefined) {
          call.activityId = id;
          if (method === 'POST') call.kind = 'reply';
          else if (method === 'PUT') call.kind = 'update';
          else if (method === 'DELETE') call.kind = 'delete';
        } else if (sub === 'members' && method === 'GET') {
          if (id === undefined) call.kind = 'members';
          else {
            call.kind = 'member';
            call.memberId = id;
          }
        } else if (sub === 'pagedmembers' && method === 'GET') call.kind = 'pagedMembers';
      }
    }

    if (this.acceptsToken && !this.acceptsToken(req.headers.authorization ?? '')) {
      // The body ASP.NET's authorization filter writes; the connector's error shape is for requests it accepted.
      this.answer(res, call, 401, { message: 'Authorization has been denied for this request.' });
      return;
    }

    const fault = call.kind === 'unknown' ? undefined : this.takeFault(call.kind);
    if (fault) {
      if (fault.hang) {
        call.fault = 'hang';
        this.record(call);
        return; // socket destroyed by stop()
      }
      if (fault.resetConnection) {
        call.fault = 'reset';
        this.record(call);
        req.socket.destroy();
        return;
      }
      call.fault = 'status';
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
      this.answer(res, call, fault.status, errorBody(fault.code ?? errorCodeFor(fault.status), `Injected fault ${fault.status}`), headers);
      return;
    }

    switch (call.kind) {
      case 'send':
      case 'reply': {
        if (!body || typeof body !== 'object') {
          this.answer(res, call, 400, errorBody('BadArgument', 'Activity body is required'));
          return;
        }
        // Teams' conversation types are personal, groupChat and channel; Microsoft's own Teams client (Agents
        // Playground) refuses any other value, an empty string included, with 400.
        const conversationType: unknown = body.conversation?.conversationType;
        if (conversationType !== undefined && !['personal', 'groupChat', 'channel'].includes(conversationType as string)) {
          this.answer(res, call, 400, errorBody('BadArgument', `conversation.conversationType ${JSON.stringify(conversationType)} is not personal, groupChat or channel`));
          return;
        }
        call.responseId = this.newId();
        this.answer(res, call, 200, { id: call.responseId });
        return;
      }
      case 'update': {
        if (!body || typeof body !== 'object') {
          this.answer(res, call, 400, errorBody('BadArgument', 'Activity body is required'));
          return;
        }
        call.responseId = call.activityId;
        this.answer(res, call, 200, { id: call.responseId });
        return;
      }
      case 'delete':
        this.answer(res, call, 200, undefined);
        return;
      case 'createConversation': {
        // Teams: a new channel post gets "<channel id>;messageid=<post id>".
        const activityId = this.newId();
        const channelId: unknown = body?.channelData?.channel?.id;
        const convId =
          typeof channelId === 'string' ? `${channelId};messageid=${activityId}` : `a:${activityId.padStart(20, '1')}`;
        call.responseId = activityId;
        call.conversationId = convId;
        this.answer(res, call, 201, { id: convId, activityId });
        return;
      }
      case 'members':
        this.answer(res, call, 200, this.members);
        return;
      case 'pagedMembers': {
        // Wire shape: { members: [...], continuationToken? } — the token is opaque to callers and absent on the last page.
        const size = /^\d+$/.test(query.pageSize ?? '') ? Math.max(1, Number(query.pageSize)) : this.defaultPageSize;
        const token = query.continuationToken;
        const from = token === undefined ? 0 : pageOffset(token);
        if (from === undefined) {
          this.answer(res, call, 400, errorBody('BadArgument', 'Invalid continuation token'));
          return;
        }
        const members = this.members.slice(from, from + size);
        const next = from + size < this.members.length ? pageToken(from + size) : undefined;
        this.answer(res, call, 200, next ? { continuationToken: next, members } : { members });
        return;
      }
      case 'member': {
        // Teams takes the user's Teams id or their Entra object id (getMember's answer calls it objectId).
        const m = this.members.find((x) => x.id === call.memberId || x.aadObjectId === call.memberId || x.objectId === call.memberId);
        if (m) this.answer(res, call, 200, m);
        else this.answer(res, call, 404, errorBody('MemberNotFoundInConversation', 'The specified member was not found in the conversation'));
        return;
      }
      default:
        this.answer(res, call, 404, errorBody('NotFound', `ConnectorStandIn does not implement ${method} ${url.pathname}`));
    }
  }

  private answer(
    res: http.ServerResponse,
    call: RecordedCall,
    status: number,
    payload: unknown,
    headers: Record<string, string> = {},
  ): void {
    call.status = status;
    this.record(call);
    if (payload === undefined) {
      res.writeHead(status, headers).end();
      return;
    }
    const text = JSON.stringify(payload);
    res
      .writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(text)),
        ...headers,
      })
      .end(text);
  }
}

function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function pageToken(offset: number): string {
  return Buffer.from(`members:${offset}`).toString('base64');
}

function pageOffset(token: string): number | undefined {
  const m = /^members:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

