// Posts the bot's messages to the Bot Connector (Teams' serviceUrl), and replaces the cards it posted, over one
// keep-alive connection per host.
//
// Why not botbuilder's ConnectorClient for these: every reply went through the operation's serializer, which walks
// the whole Activity model, and an @azure/core-rest-pipeline pipeline of a dozen policies. That was the largest
// single cost of a scheduling turn: 0.33 ms of CPU per join card against 0.12 ms for one POST of the same JSON
// (bench/results/reply-cost.md), about a fifth of the turn. What the client did that matters is kept here: the
// bot's own token from botbuilder's credentials (their cache, their refresh), retries of throttled and failed
// calls as its pipeline makes them (Retry-After honoured; 408 and 5xx and dropped connections with a growing
// pause), and the status and the connector's error code on failure. A proxy is botbuilder's to handle: a host that
// HTTPS_PROXY, HTTP_PROXY or ALL_PROXY would send through a proxy keeps botbuilder's client (see `takes`).
import http from 'node:http';
import https from 'node:https';
import { setTimeout as pause } from 'node:timers/promises';
import type { Activity, ResourceResponse } from 'botbuilder';
import { AppCredentials, AuthenticationConstants } from 'botframework-connector';
import { isLoopbackHost } from '../config';

/** How long an idle connection is kept (as for Graph: well under Azure's 4-minute idle drop). */
const IDLE_MS = 60_000;
/** Retries after the first attempt, as botbuilder's pipeline makes them. */
const MAX_RETRIES = 3;
const FIRST_PAUSE_MS = 1_000;
/** A Retry-After longer than this is not waited for: the reply fails and the turn's error handling runs. */
const MAX_RETRY_AFTER_MS = 60_000;
/** Errors of a connection that dropped or never opened: the reply is tried again. */
const DROPPED = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);

/** A reply the Bot Connector refused: its status and, when it said one, its error code ("ConversationNotFound"). */
export class ConnectorError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export interface ConnectorRepliesOptions {
  /** The proxy settings in force (process.env). */
  env?: NodeJS.ProcessEnv;
  /** The first pause before a retry without Retry-After; it doubles each time. */
  firstPauseMs?: number;
}

/** The message or typing activity to post, with where it goes (botbuilder has applied the conversation reference). */
type Outgoing = Partial<Activity> & { serviceUrl: string; conversation: { id: string } };

export class ConnectorReplies {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_MS }),
    'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_MS }),
  };
  private readonly proxied: (url: URL) => boolean;
  private readonly firstPauseMs: number;

  constructor(options: ConnectorRepliesOptions = {}) {
    this.proxied = proxyRule(options.env ?? process.env);
    this.firstPauseMs = options.firstPauseMs ?? FIRST_PAUSE_MS;
  }

  /**
   * Whether this activity is sent here: a message or typing indicator (botbuilder keeps delays, invoke responses
   * and traces), to an http(s) service URL reached without a proxy — and the bot's token only over https or to this
   * machine (the Emulator on localhost).
   */
  takes(activity: Partial<Activity>, credentials: AppCredentials): activity is Outgoing {
    if ((activity.type !== 'message' && activity.type !== 'typing') || !activity.conversation?.id || !activity.serviceUrl) return false;
    let url: URL;
    try {
      url = new URL(activity.serviceUrl);
    } catch {
      return false;
    }
    if (url.protocol !== 'https:' && (url.protocol !== 'http:' || (needsToken(credentials) && !isLoopbackHost(url.hostname)))) return false;
    return !this.proxied(url);
  }

  /** Posts the activity as a reply to `replyToId` when it has one, else to the conversation; the connector's answer. */
  post(activity: Outgoing, credentials: AppCredentials): Promise<ResourceResponse> {
    return this.deliver('POST', activity, activity.replyToId, credentials);
  }

  /** Replaces the message `activityId` (a card the bot posted) with this activity. */
  update(activity: Outgoing, activityId: string, credentials: AppCredentials): Promise<ResourceResponse> {
    return this.deliver('PUT', activity, activityId, credentials);
  }

  private async deliver(method: 'POST' | 'PUT', activity: Outgoing, activityId: string | undefined, credentials: AppCredentials): Promise<ResourceResponse> {
    const base = activity.serviceUrl.endsWith('/') ? activity.serviceUrl : `${activity.serviceUrl}/`;
    const path = `v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities` + (activityId ? `/${encodeURIComponent(activityId)}` : '');
    const url = new URL(path, base);
    const body = Buffer.from(JSON.stringify(activity), 'utf8');
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.byteLength) };
    if (needsToken(credentials)) headers.authorization = `Bearer ${await credentials.getToken()}`;

    for (let retry = 0; ; retry++) {
      let answer: Answer;
      try {
        answer = await this.send(method, url, headers, body);
      } catch (err) {
        if (retry < MAX_RETRIES && DROPPED.has((err as NodeJS.ErrnoException).code ?? '')) {
          await pause(this.backoff(retry));
          continue;
        }
        throw err;
      }
      if (answer.status >= 200 && answer.status < 300) return resourceOf(answer);
      const wait = retry < MAX_RETRIES ? this.retryPause(answer, retry) : undefined;
      if (wait === undefined) throw connectorError(answer);
      await pause(wait);
    }
  }

  /** How long to wait before trying again, or undefined when the answer is final. */
  private retryPause(answer: Answer, retry: number): number | undefined {
    const retryAfter = retryAfterMs(answer.headers['retry-after']);
    if (retryAfter !== undefined && (answer.status === 429 || answer.status === 503)) return retryAfter <= MAX_RETRY_AFTER_MS ? retryAfter : undefined;
    if (answer.status === 429 || answer.status === 408 || (answer.status >= 500 && answer.status !== 501 && answer.status !== 505)) return this.backoff(retry);
    return undefined;
  }

  /** 1 s, 2 s, 4 s, each within ±20 % so many replies refused together don't come back together. */
  private backoff(retry: number): number {
    return Math.round(this.firstPauseMs * 2 ** retry * (0.8 + Math.random() * 0.4));
  }

  private send(method: 'POST' | 'PUT', url: URL, headers: Record<string, string>, body: Buffer): Promise<Answer> {
    const agent = this.agents[url.protocol as 'http:' | 'https:'];
    const request = url.protocol === 'https:' ? https.request : http.request;
    return new Promise<Answer>((resolve, reject) => {
      const req = request(url, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
        res.on('close', () => {
          if (!res.complete) reject(Object.assign(new Error('the Bot Connector closed the connection before the whole answer arrived'), { code: 'ECONNRESET' }));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** As botbuilder's credentials sign a request: a token for a configured app id (none in the Emulator, none anonymous). */
function needsToken(credentials: AppCredentials): boolean {
  return Boolean(credentials.appId) && credentials.appId !== AuthenticationConstants.AnonymousSkillAppId;
}

function resourceOf(answer: Answer): ResourceResponse {
  const parsed = parseJson(answer.text) as { id?: unknown } | undefined;
  return { id: typeof parsed?.id === 'string' ? parsed.id : '' };
}

function connectorError(answer: Answer): ConnectorError {
  const parsed = parseJson(answer.text) as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof parsed?.error?.code === 'string' ? parsed.error.code : undefined;
  const said = typeof parsed?.error?.message === 'string' ? `: ${parsed.error.message.slice(0, 200)}` : '';
  return new ConnectorError(answer.status, code, `the Bot Connector answered ${answer.status}${code ? ` ${code}` : ''}${said}`);
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Whether a URL may go through a proxy under the usual variables (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY in either
 * case; NO_PROXY's hosts, domain suffixes and "*" go direct). Erring towards "proxied" only costs the faster path.
 */
export function proxyRule(env: NodeJS.ProcessEnv): (url: URL) => boolean {
  const proxy = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || env.ALL_PROXY || env.all_proxy;
  if (!proxy) return () => false;
  const bypass = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  return (url) => {
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    return !bypass.some((entry) => {
      if (entry === '*') return true;
      const name = entry.replace(/:\d+$/, '').replace(/^\*?\./, '');
      return host === name || host.endsWith(`.${name}`);
    });
  };
}
