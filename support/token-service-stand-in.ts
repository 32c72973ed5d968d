// Loopback stand-in for the Bot Framework token service (setting `OAuthUrl`),
// speaking what botframework-connector's UserTokenClientImpl / TokenApiClient
// send (tokenApi/operations/userToken.js, botSignIn.js):
//
//   GET    api/usertoken/GetToken?userId&connectionName[&channelId][&code]   200 TokenResponse | 404 (empty)
//   POST   api/usertoken/exchange?userId&connectionName&channelId  {token?,uri?}  200 | 400/404 ErrorResponse
//   DELETE api/usertoken/SignOut?userId[&connectionName][&channelId]             200
//   GET    api/usertoken/GetTokenStatus?userId[&channelId][&include]            200 TokenStatus[]
//   POST   api/usertoken/GetAadTokens?userId&connectionName[&channelId] {resourceUrls}  200 {url: TokenResponse}
//   GET    api/botsignin/GetSignInResource?state[&code_challenge][&emulatorUrl][&finalRedirect]  200 SignInUrlResponse
//   GET    api/botsignin/GetSignInUrl?state[...]                                 200 text/plain link
//
// Client-side surprises worth knowing when reading tests:
// - 404 (GetToken) and 400/404 (exchange) are *declared* responses in the
//   operation specs, so the client does NOT throw: GetToken-404 yields
//   `undefined`, a failed exchange yields the parsed `{error:{…}}` body (no
//   `token`). OAuthPrompt and TeamsSSOTokenExchangeMiddleware both treat "no
//   token" and "threw" the same: invoke response 412.
// - Any other status (5xx, 401, …) makes the client throw a RestError.
// - `state` is base64(JSON {connectionName, conversation: ConversationReference,
//   relatesTo, msAppId}); the conversation reference carries `user` = activity.from.
//
// Keying: the real service stores a user's token per bot (msAppId), user id and
// connection name; a user id is channel-specific already (Teams "29:…"), so the
// channelId query adds nothing and is only recorded. One bot per stand-in here,
// so tokens are keyed by (userId, connectionName).
//
// Error codes in the ErrorResponse bodies are this stand-in's choice; botbuilder
// never branches on them.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { LoopbackServer, readBody } from './loopback-server';

export interface TokenRequestRecord {
  method: string;
  /** Path as received (no query). */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or the raw text when not JSON. */
  body?: unknown;
  at: number;
  status?: number;
}

interface TokenResponseBody {
  channelId: string;
  connectionName: string;
  token: string;
  expiration: string;
}

/** A GetSignInResource call, with its decoded state. */
export interface SignInRecord {
  signInId: string;
  signInLink: string;
  tokenExchangeResource: { id: string; uri: string; providerId: string };
  state: {
    connectionName?: string;
    msAppId?: string;
    conversation?: Record<string, any>;
    relatesTo?: unknown;
  };
  query: Record<string, string>;
}

interface Stored {
  token: string;
  expiration: string;
}

export interface TokenServiceOptions {
  /** The OAuth connection the bot is configured with (default 'GraphConnection'). */
  connectionName?: string;
  /** Further OAuth connections of the bot (each user holds a token per connection), e.g. a calendar connection. */
  moreConnections?: readonly string[];
  /** Requests naming a connection not configured get 400 (default true): catches misconfiguration. */
  strictConnectionName?: boolean;
  /** Token lifetime reported in `expiration` (default 1 h). */
  tokenLifetimeMs?: number;
}

const PROVIDER_ID = '6d8e1f8c-4a0e-4c2b-9d1f-0a5c3e7b2f11'; // fixed: stands for "Azure AD v2"

export class TokenServiceStandIn {
  readonly requests: TokenRequestRecord[] = [];
  readonly signIns: SignInRecord[] = [];
  readonly connectionName: string;
  /** Every connection the bot has: `connectionName` first. */
  readonly connectionNames: readonly string[];

  private server?: LoopbackServer;
  private port = 0;
  private readonly tokens = new Map<string, Stored>();
  private readonly magicCodes = new Map<string, { code: string; token: string }[]>();
  private readonly exchanges = new Map<string, { userId: string; token: string; connectionName: string }>();
  private failStatus?: number;
  private hanging = false;
  private readonly strict: boolean;
  private readonly lifetimeMs: number;

  constructor(opts: TokenServiceOptions = {}) {
    this.connectionName = opts.connectionName ?? 'GraphConnection';
    this.connectionNames = [this.connectionName, ...(opts.moreConnections ?? [])];
    this.strict = opts.strictConnectionName ?? true;
    this.lifetimeMs = opts.tokenLifetimeMs ?? 3_600_000;
  }

  /** Base URL for the bot's `OAuthUrl` setting (no trailing slash). */
  get url(): string {
    if (!this.port) throw new Error('TokenServiceStandIn not started');
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    await this.listen(0);
    return this.url;
  }

  async stop(): Promise<void> {
    await this.close();
    this.port = 0;
  }

  /** Outage: the port refuses connections until up(). */
  async down(): Promise<void> {
    await this.close();
  }

  /** Back after down(), on the same port. */
  async up(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  /** Answer every request with this status and an ErrorResponse until recover(). */
  /** Every request is recorded and never answered (a hung service), until recover(). */
  hang(): void {
    this.hanging = true;
  }

  failAll(status: number): void {
    this.failStatus = status;
  }

  recover(): void {
    this.hanging = false;
    this.failStatus = undefined;
  }

  /** The user is already signed in: GetToken returns this token. */
  setToken(userId: string, token: string, connectionName = this.connectionName): void {
    this.tokens.set(key(userId, connectionName), { token, expiration: this.expiration() });
  }

  /** The user signs out elsewhere (or was never signed in): GetToken finds nothing. */
  forget(userId: string, connectionName = this.connectionName): void {
    this.tokens.delete(key(userId, connectionName));
  }

  /** Current token of a user, if signed in. */
  tokenOf(userId: string, connectionName = this.connectionName): string | undefined {
    return this.tokens.get(key(userId, connectionName))?.token;
  }

  /** Sign-in button flow: GetToken with this code for this user stores and returns the token (code is single-use). */
  issueMagicCode(userId: string, code: string, token: string, connectionName = this.connectionName): void {
    const k = key(userId, connectionName);
    const list = this.magicCodes.get(k) ?? [];
    list.push({ code, token });
    this.magicCodes.set(k, list);
  }

  /** Silent SSO: exchanging `ssoToken` for `userId` succeeds with `token`; any other exchange fails (400). */
  allowExchange(ssoToken: string, userId: string, token: string, connectionName = this.connectionName): void {
    this.exchanges.set(ssoToken, { userId, token, connectionName });
  }

  /** Requests whose path matches (case-insensitive), e.g. requestsTo('/api/usertoken/exchange'). */
  requestsTo(path: string, method?: string): TokenRequestRecord[] {
    const p = path.toLowerCase();
    return this.requests.filter((r) => r.path.toLowerCase() === p && (!method || r.method === method));
  }

  private expiration(): string {
    return new Date(Date.now() + this.lifetimeMs).toISOString();
  }

  private async listen(port: number): Promise<void> {
    const server = new LoopbackServer(http.createServer((req, res) => void this.handle(req, res)));
    this.port = await server.listen(port);
    this.server = server;
  }

  private async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await server.close();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = Object.fromEntries(url.searchParams);
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const rec: TokenRequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: q,
      headers: req.headers,
      body,
      at: Date.now(),
    };
    this.requests.push(rec);

    const send = (status: number, payload?: unknown, contentType = 'application/json; charset=utf-8'): void => {
      rec.status = status;
      if (payload === undefined) {
        res.writeHead(status, { 'Content-Length': '0' }).end();
        return;
      }
      const text = typeof payload === 'string' && !contentType.startsWith('application/json') ? payload : JSON.stringify(payload);
      res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
    };
    const fail = (status: number, code: string, message: string): void => send(status, { error: { code, message } });

    if (this.hanging) return;
    if (this.failStatus !== undefined) {
      fail(this.failStatus, 'ServiceError', `Injected outage (${this.failStatus})`);
      return;
    }

    // The real service is ASP.NET: routes are case-insensitive.
    const route = `${rec.method} ${url.pathname.toLowerCase()}`;
    const needUser = (): boolean => {
      if (!q.userId) {
        fail(400, 'BadArgument', 'userId is required');
        return false;
      }
      return true;
    };
    const needConnection = (name: string | undefined): name is string => {
      if (!name) {
        fail(400, 'BadArgument', 'connectionName is required');
        return false;
      }
      if (this.strict && !this.connectionNames.includes(name)) {
        fail(400, 'ConnectionNotFound', `No OAuth connection named '${name}' is configured for this bot`);
        return false;
      }
      return true;
    };
    const tokenResponse = (connectionName: string, s: Stored): TokenResponseBody => ({
      channelId: q.channelId ?? '',
      connectionName,
      token: s.token,
      expiration: s.expiration,
    });

    switch (route) {
      case 'GET /api/usertoken/gettoken': {
        if (!needUser() || !needConnection(q.connectionName)) return;
        const k = key(q.userId, q.connectionName);
        if (q.code) {
          const pending = this.magicCodes.get(k) ?? [];
          const hit = pending.find((p) => p.code === q.code);
          if (hit) {
            this.magicCodes.set(k, pending.filter((p) => p !== hit));
            this.tokens.set(k, { token: hit.token, expiration: this.expiration() });
          }
        }
        const stored = this.tokens.get(k);
        if (stored) send(200, tokenResponse(q.connectionName, stored));
        else send(404);
        return;
      }
      case 'POST /api/usertoken/exchange': {
        if (!needUser() || !needConnection(q.connectionName)) return;
        const b = (body ?? {}) as { token?: unknown; uri?: unknown };
        const presented = typeof b.token === 'string' ? b.token : typeof b.uri === 'string' ? b.uri : undefined;
        if (!presented) {
          fail(400, 'BadArgument', 'A token or uri is required');
          return;
        }
        const grant = this.exchanges.get(presented);
        if (!grant || grant.userId !== q.userId || grant.connectionName !== q.connectionName) {
          fail(400, 'InvalidTokenExchange', 'The token could not be exchanged (consent required or token not for this resource)');
          return;
        }
        const stored = { token: grant.token, expiration: this.expiration() };
        this.tokens.set(key(q.userId, q.connectionName), stored);
        send(200, tokenResponse(q.connectionName, stored));
        return;
      }
      case 'DELETE /api/usertoken/signout': {
        if (!needUser()) return;
        if (q.connectionName) {
          if (!needConnection(q.connectionName)) return;
          this.tokens.delete(key(q.userId, q.connectionName));
        } else {
          // No connectionName: sign out of every connection.
          for (const k of [...this.tokens.keys()]) if (k.startsWith(q.userId + '\u0000')) this.tokens.delete(k);
        }
        send(200, {});
        return;
      }
      case 'GET /api/usertoken/gettokenstatus': {
        if (!needUser()) return;
        send(
          200,
          this.connectionNames.map((connectionName) => ({
            channelId: q.channelId ?? '',
            connectionName,
            hasToken: this.tokens.has(key(q.userId, connectionName)),
            serviceProviderDisplayName: 'Azure Active Directory v2',
          })),
        );
        return;
      }
      case 'POST /api/usertoken/getaadtokens': {
        if (!needUser() || !needConnection(q.connectionName)) return;
        const stored = this.tokens.get(key(q.userId, q.connectionName));
        const urls = ((body as { resourceUrls?: unknown })?.resourceUrls ?? []) as unknown[];
        if (!stored) {
          fail(404, 'TokenNotFound', 'The user is not signed in');
          return;
        }
        send(200, Object.fromEntries(urls.map((u) => [String(u), tokenResponse(q.connectionName, stored)])));
        return;
      }
      case 'GET /api/botsignin/getsigninresource':
      case 'GET /api/botsignin/getsigninurl': {
        const state = decodeState(q.state);
        if (!state || typeof state.connectionName !== 'string' || typeof state.msAppId !== 'string') {
          fail(400, 'BadArgument', 'state is missing or not a valid token exchange state');
          return;
        }
        if (!needConnection(state.connectionName)) return;
        const signInId = randomUUID();
        const signInLink = `${this.url}/api/oauth/signin?signin=${signInId}`;
        const record: SignInRecord = {
          signInId,
          signInLink,
          tokenExchangeResource: { id: randomUUID(), uri: `api://botid-${state.msAppId}`, providerId: PROVIDER_ID },
          state,
          query: q,
        };
        this.signIns.push(record);
        if (route.endsWith('getsigninurl')) {
          send(200, signInLink, 'text/plain; charset=utf-8');
          return;
        }
        send(200, {
          signInLink,
          tokenExchangeResource: record.tokenExchangeResource,
          tokenPostResource: { sasUrl: `${this.url}/api/sas/postToken?id=${signInId}` },
        });
        return;
      }
      case 'GET /api/oauth/signin': {
        // What the user's browser opens: shows the magic code pending for the
        // user in the state (like the real page does after the IdP round trip).
        const record = this.signIns.find((s) => s.signInId === q.signin);
        const userId: unknown = record?.state.conversation?.user?.id;
        const pending = typeof userId === 'string' ? this.magicCodes.get(key(userId, record!.state.connectionName!)) : undefined;
        const code = pending?.[pending.length - 1]?.code;
        if (!record) send(404, 'Unknown sign-in request', 'text/html; charset=utf-8');
        else send(200, `<!doctype html><title>Sign in</title><p>Your code: <b id="code">${code ?? ''}</b></p>`, 'text/html; charset=utf-8');
        return;
      }
      default:
        fail(404, 'NotFound', `TokenServiceStandIn does not implement ${rec.method} ${url.pathname}`);
    }
  }
}

function key(userId: string, connectionName: string): string {
  return `${userId}\u0000${connectionName}`;
}

function decodeState(state: string | undefined): SignInRecord['state'] | undefined {
  if (!state) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(state, 'base64').toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as SignInRecord['state']) : undefined;
  } catch {
    return undefined;
  }
}

