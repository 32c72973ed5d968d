// HTTP only: restify routes for the Bot Framework endpoint and a health check.
//
// /api/messages does what CloudAdapter.process does, in an order and with answers that hold up under hostile input:
//   1. transport: JSON only (415), identity encoding only (415), body ≤ maxBodyBytes (413), valid JSON (400) —
//      before anything else;
//   2. who is calling: the Authorization header is validated before the body is looked at; every authentication
//      failure is a 401 (stock CloudAdapter answers 500 for some bad tokens), key-endpoint outages a 503;
//   3. what was sent: activityShapeProblem → 400 (stock CloudAdapter turns some malformed activities into 500s or
//      failed turns); a channel we don't serve, or (without authentication) a serviceUrl off this machine → 403;
//   4. the turn: CloudAdapter's own pipeline (middleware, bot, onTurnError) with the authentication result;
//      invoke responses keep their status, except botbuilder's 501 — an invoke name the bot doesn't handle is
//      answered 400 with an error body, and an invoke whose turn failed 500 (not 501: it was our fault).
import restify, { type Request, type Response, type Server } from 'restify';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, type BotFrameworkAuthentication } from 'botframework-connector';
import type { Logger } from '../logger';
import { isLoopbackHost } from '../config';
import type { Locale } from '../i18n/locale';
import { localeOf } from '../teams/activity-context';
import { activityShapeProblem, isOverlongMessage, overlongMessageReply } from './activity-shape';
import { bodyTooLarge, readJsonBody, type RefuseBody } from './json-body';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth';
import type { BotAdapter } from './bot-adapter';

export interface ServerDeps {
  adapter: BotAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** The stores' health; `fresh` for callers on this machine, otherwise a recent answer may do. */
  health: (fresh: boolean) => Promise<Record<string, unknown>>;
  /** Largest accepted request body. Teams activities are a few KB; cards submits a little more. */
  maxBodyBytes?: number;
  /** Validates inbound tokens. Default: the adapter's own (the one it was built with). */
  authentication?: BotFrameworkAuthentication;
  /** /healthz details for every caller; otherwise only loopback callers see more than ok / not ok. */
  healthDetails?: boolean;
  /** Channels served (activity.channelId, exact); others are refused before any turn. Default: every channel. */
  allowedChannels?: ReadonlySet<string>;
  /**
   * Replies go to the activity's serviceUrl. Without authentication nothing vouches for it, so the bot would post
   * to any address a caller names: then only loopback serviceUrls are accepted.
   */
  loopbackServiceUrlOnly?: boolean;
  /** The language of the overlong-message answer when the activity names none (DEFAULT_LOCALE). */
  defaultLocale?: Locale;
}

/** application/json or any +json type, with or without parameters (Teams: "application/json; charset=utf-8"). */
const JSON_CONTENT_TYPE = /^\s*application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

export function createServer(deps: ServerDeps): Server {
  const authentication = deps.authentication ?? deps.adapter.authentication;

  const server = restify.createServer({ name: 'meeting-bot', handleUncaughtExceptions: false });

  const maxBodyBytes = deps.maxBodyBytes ?? 256 * 1024;
  // A request must arrive within 30 s (Node's default is 5 min: a slow sender could hold sockets that long).
  server.server.requestTimeout = 30_000;
  server.server.headersTimeout = 20_000;

  const refuse: RefuseBody = (req, res, next, status, error) => {
    const header = (name: string): string | undefined => (req.headers[name] === undefined ? undefined : String(req.headers[name]).slice(0, 100));
    deps.logger.warn({ status, path: req.path(), contentType: header('content-type'), contentEncoding: header('content-encoding') }, 'request rejected');
    res.send(status, { error });
    next(false);
  };

  server.pre((req, res, next) => {
    // Activities are JSON. restify's generic bodyParser would also take multipart bodies — streamed by formidable
    // into files in the temp directory, past maxBodySize (up to 200 MB a file), before any authentication — and
    // forms: only JSON is read at all.
    if (req.method === 'POST' && !JSON_CONTENT_TYPE.test(String(req.headers['content-type'] ?? ''))) {
      return refuse(req, res, next, 415, 'Content-Type must be application/json');
    }
    // Compressed bodies (a bogus gzip body used to crash restify's body parser): identity encoding only.
    const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== '') return refuse(req, res, next, 415, 'Content-Encoding is not supported');
    // Refuse a declared oversize body at once instead of waiting for it (Node then discards what the client still
    // sends, within requestTimeout).
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) return refuse(req, res, next, 413, bodyTooLarge(maxBodyBytes));
    return next();
  });
  server.use(readJsonBody(maxBodyBytes, refuse));

  server.post('/api/messages', async (req, res) => {
    const body: unknown = req.body;

    // 2. Who is calling — before the body's shape, so a stranger learns nothing from our 400s.
    let auth: AuthenticateRequestResult;
    try {
      auth = await authentication.authenticateRequest(authenticationView(body), authorizationHeader(req));
    } catch (err) {
      const status = authenticationFailureStatus(err);
      const log = { status, err: { name: errorName(err), message: errorMessage(err) } };
      if (status === 503) deps.logger.error(log, 'could not load the signing keys to validate the caller');
      else if (isExpectedAuthenticationError(err)) deps.logger.warn(log, 'request rejected: not authenticated');
      else deps.logger.error({ ...log, err: errorSummary(err) }, 'request rejected: the token could not be validated');
      if (status === 401) res.header('WWW-Authenticate', 'Bearer');
      send(res, status, { error: status === 401 ? 'Unauthorized' : 'Authentication is temporarily unavailable' });
      return;
    }

    // 3. What was sent: nothing nested deeper than an activity ever is, then the activity's shape.
    const problem = nestedDeeperThan(body, MAX_JSON_DEPTH) ? `the activity nests deeper than ${MAX_JSON_DEPTH} levels` : activityShapeProblem(body);
    if (problem) {
      deps.logger.warn({ status: 400, problem }, 'request rejected: malformed activity');
      send(res, 400, { error: problem });
      return;
    }
    // 3b. Whom it is for: a channel we serve, and (unauthenticated) a serviceUrl on this machine.
    const refusal = inboundRefusal(body as Activity, deps);
    if (refusal) {
      deps.logger.warn({ status: 403, problem: refusal, channelId: String((body as Activity).channelId).slice(0, 64) }, 'request rejected');
      send(res, 403, { error: refusal });
      return;
    }
    const activity = withDates(body as Activity);

    // 4. The turn.
    const turn = { completed: false };
    const logic = async (context: TurnContext): Promise<void> => {
      if (isOverlongMessage(context.activity)) {
        await context.sendActivity(overlongMessageReply(localeOf(context.activity, deps.defaultLocale ?? 'en-US')));
      } else {
        await deps.logic(context);
      }
      turn.completed = true;
    };
    let result: InvokeResponse | undefined;
    try {
      result = await deps.adapter.runTurn(auth, activity, logic);
    } catch (err) {
      deps.logger.error({ err: errorSummary(err), activityType: activity.type }, 'activity processing failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      return;
    }
    if (activity.type === 'invoke' && result?.status === 501) {
      // botbuilder's answer both for "no handler for this name" and for "the turn threw".
      result = turn.completed ? unsupportedInvoke(activity.name) : { status: 500, body: { error: 'internal error' } };
    }
    if (!res.headersSent) send(res, result?.status ?? 200, result?.body);
  });

  server.get('/healthz', async (req, res) => {
    const local = isLoopbackHost(req.socket.remoteAddress ?? '');
    // A caller from elsewhere may get an answer a few seconds old: its GETs don't each reach the stores.
    const health = await deps.health(local);
    const ok = health.ok !== false;
    // Which stores exist and which are down is for the operator on the machine, not for the internet.
    const details = deps.healthDetails === true || local;
    res.send(ok ? 200 : 503, details ? health : { ok });
  });

  server.on('restifyError', (req, res, err, callback) => {
    // Keep restify's own 4xx answers (bad JSON, too large) but never leak internals.
    deps.logger.warn({ status: err.statusCode, code: err.code, path: req.path() }, 'request rejected');
    return callback();
  });

  return server;
}

function inboundRefusal(activity: Activity, deps: ServerDeps): string | undefined {
  if (deps.allowedChannels && !deps.allowedChannels.has(activity.channelId)) return 'this channel is not served';
  if (deps.loopbackServiceUrlOnly && !isLoopbackHost(new URL(activity.serviceUrl).hostname)) {
    return 'serviceUrl must be a loopback address: this bot runs without authentication';
  }
  return undefined;
}

function send(res: Response, status: number, body: unknown): void {
  if (body === undefined || body === null) {
    res.status(status);
    res.end();
  } else {
    res.send(status, body);
  }
}

function authorizationHeader(req: Request): string {
  const value = req.headers.authorization;
  return typeof value === 'string' ? value : '';
}

/** The fields authentication reads (channel for endorsements, serviceUrl for its claim), whatever the body is. */
function authenticationView(body: unknown): Activity {
  const b = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const recipient = b.recipient && typeof b.recipient === 'object' ? (b.recipient as Record<string, unknown>) : {};
  const view: Partial<Activity> = {
    channelId: typeof b.channelId === 'string' ? b.channelId : undefined,
    serviceUrl: typeof b.serviceUrl === 'string' ? b.serviceUrl : undefined,
    recipient: { id: '', name: '', role: typeof recipient.role === 'string' ? recipient.role : undefined },
  };
  return view as Activity;
}

const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function isExpectedAuthenticationError(err: unknown): boolean {
  return err instanceof AuthenticationError || TOKEN_ERRORS.has(errorName(err));
}

/**
 * 503 when the signing keys could not be fetched (nothing is wrong with the caller; the channel may retry),
 * 401 for everything else that stops authentication: a request we cannot authenticate is not let in.
 */
function authenticationFailureStatus(err: unknown): 401 | 503 {
  if (err instanceof AuthenticationError) return err.statusCode >= 500 ? 503 : 401;
  if (errorName(err) === 'FetchError') return 503;
  return 401;
}

/** botbuilder's validateAndFixActivity: the date fields become Dates (activityShapeProblem checked they parse). */
function withDates(activity: Activity): Activity {
  const a = activity as Activity & Record<string, unknown>;
  for (const key of ['timestamp', 'expiration', 'localTimestamp'] as const) {
    const raw = a[key];
    if (typeof raw === 'string') {
      const rawKey = `raw${key[0].toUpperCase()}${key.slice(1)}`;
      a[rawKey] = raw;
      a[key] = new Date(raw);
    }
  }
  return activity;
}

/** The Bot Framework error shape (as for adaptiveCard/action); Teams shows its own "couldn't complete" message. */
function unsupportedInvoke(name: unknown): InvokeResponse {
  const label = typeof name === 'string' && name ? `"${name.slice(0, 100)}"` : 'without a name';
  return {
    status: 400,
    body: {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'NotSupported', message: `Meeting Bot does not handle invoke activities ${label}.` },
    },
  };
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function errorSummary(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { value: String(err) };
}
