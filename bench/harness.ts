// The Teams side of the benchmark: the loopback stand-ins of support/ (Bot Connector, token service, https Graph),
// simulated users, and an HTTP client that posts activities the way the channel does.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  CHANNEL_ID,
  cardActionInvoke,
  channelConversation,
  channelMessage,
  localStamp,
  newMessageId,
  utcStamp,
  type InboundActivity,
  type TeamsUser,
} from '../support/activities';
import { VERBS } from '../src/teams/card-verbs';
import type { CallKind, RecordedCall } from '../support/connector-stand-in';
import { StandIns } from '../support/stand-ins';

export const TIME_ZONE = 'America/New_York';

// ---- simulated users --------------------------------------------------------

export interface SimUser extends TeamsUser {
  index: number;
  /** Root post of this user's own channel thread: conversation id = `${CHANNEL_ID};messageid=${rootMessageId}`. */
  rootMessageId: string;
  conversation: InboundActivity;
  /** The Graph token the token service hands out for this user (full path). */
  graphToken: string;
}

let userSeq = 0;
/** `count` users with their own Teams ids, AAD ids and channel threads. Unique within this process. */
export function makeUsers(count: number, tag: string): SimUser[] {
  const users: SimUser[] = [];
  const base = Date.now() - 86_400_000;
  for (let i = 0; i < count; i++) {
    userSeq += 1;
    const n = String(userSeq).padStart(6, '0');
    // Teams user ids are "29:1" + ~50 url-safe characters.
    const id = `29:1Bench${tag}${n}${randomUUID().replace(/-/g, '').slice(0, 40)}`;
    const rootMessageId = String(base + userSeq);
    users.push({
      index: i,
      id,
      name: `Bench User ${n}`,
      aadObjectId: randomUUID(),
      rootMessageId,
      conversation: channelConversation(CHANNEL_ID, rootMessageId),
      graphToken: `bench-graph-token-${tag}-${n}-${randomUUID()}`,
    });
  }
  return users;
}

// ---- activities -------------------------------------------------------------
// channelMessage()/cardActionInvoke() from support/activities.ts build the exact Teams shapes; the generator builds one per
// user and text, then only refreshes id and timestamps per turn, so its own CPU stays small next to the bot's.

function stamps(at: Date): { timestamp: string; localTimestamp: string } {
  return { timestamp: utcStamp(at), localTimestamp: localStamp(at, TIME_ZONE) };
}

const messageTemplates = new Map<string, InboundActivity>();

/** A channel message with the bot's @mention, in the user's own thread, as Teams posts it. */
export function userMessage(serviceUrl: string, user: SimUser, text: string, locale = 'en-US'): InboundActivity {
  const key = `${serviceUrl}\u0000${user.id}\u0000${text}\u0000${locale}`;
  let template = messageTemplates.get(key);
  if (!template) {
    template = channelMessage({ serviceUrl, text, user, tz: TIME_ZONE, rootMessageId: user.rootMessageId, locale });
    messageTemplates.set(key, template);
  }
  return { ...template, id: newMessageId(), ...stamps(new Date()) };
}

/** Forget cached templates (between runs: users are not reused across bot processes). */
export function clearTemplates(): void {
  messageTemplates.clear();
}

/** The user presses "Create meeting" on the form card in Teams: an adaptiveCard/action invoke, data + inputs. */
export function formPress(serviceUrl: string, user: SimUser, cardActivityId: string, data: Record<string, unknown>, inputs: Record<string, string>): InboundActivity {
  return cardActionInvoke({ serviceUrl, user, tz: TIME_ZONE, replyToId: cardActivityId, conversation: user.conversation, verb: VERBS.create, data: { ...data, ...inputs }, at: new Date() });
}

// ---- posting ----------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface PostResult {
  status: number;
  body: string;
}

/** POST an activity as JSON to /api/messages over a keep-alive connection (like the channel). */
export function postJson(url: string, payload: unknown, timeoutMs = 20_000): Promise<PostResult> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`POST timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export function destroyAgent(): void {
  agent.destroy();
}

// ---- stand-ins ----------------------------------------------------------------

export interface HttpCounts {
  connector: Partial<Record<CallKind, number>>;
  connectorTotal: number;
  graph: number;
  graphMeetings: number;
  tokenService: number;
  tokenServiceByPath: Record<string, number>;
}

/**
 * The loopback services (support/stand-ins.ts), with simulated Graph latency and call counts. One instance serves
 * every run; `resetCounts()` between runs. The connector stand-in records every call and scans its list in
 * waitFor(); `trim()` keeps the list short (safe: every waiter is registered before its activity is posted and is
 * resolved synchronously on arrival).
 */
export class BenchStandIns extends StandIns {
  private readonly owners = new Map<string, string>();
  private readonly connectorCounts: Partial<Record<CallKind, number>> = {};

  override async start(): Promise<void> {
    await super.start({ tokenOwner: (t) => this.owners.get(t), tempPrefix: 'meeting-bot-bench-' });
  }

  /** Users are already signed in: the token service holds their Graph token, Graph knows whose it is. */
  signIn(users: SimUser[]): void {
    for (const u of users) {
      this.tokens.setToken(u.id, u.graphToken);
      this.owners.set(u.graphToken, u.aadObjectId);
    }
  }

  trim(): void {
    if (this.connector.calls.length < 256) return;
    this.tallyConnector();
    this.connector.reset();
  }

  private tallyConnector(): void {
    for (const c of this.connector.calls) this.connectorCounts[c.kind] = (this.connectorCounts[c.kind] ?? 0) + 1;
  }

  counts(): HttpCounts {
    this.tallyConnector();
    this.connector.reset();
    const byPath: Record<string, number> = {};
    for (const r of this.tokens.requests) byPath[`${r.method} ${r.path}`] = (byPath[`${r.method} ${r.path}`] ?? 0) + 1;
    const connector = { ...this.connectorCounts };
    return {
      connector,
      connectorTotal: Object.values(connector).reduce((a, b) => a + (b ?? 0), 0),
      graph: this.graph.requests.length,
      graphMeetings: this.graph.meetings.size,
      tokenService: this.tokens.requests.length,
      tokenServiceByPath: byPath,
    };
  }

  resetCounts(): void {
    this.connector.reset();
    for (const k of Object.keys(this.connectorCounts)) delete this.connectorCounts[k as CallKind];
    // Meetings and events too: a run's Graph starts as empty as the first run's did.
    this.graph.forgetAll();
    this.tokens.requests.length = 0;
    this.owners.clear();
  }

  /**
   * Resolves with the bot's answer to `inbound`: the first non-typing activity it replies to `inbound`
   * with, or (when `updateOf` is given) the in-place update of that card. Register BEFORE posting.
   */
  answerTo(inbound: InboundActivity, timeoutMs: number, updateOf?: string): Promise<RecordedCall> {
    const id = inbound.id as string;
    // An update of the same card by an earlier turn (a form pressed again and again) is not this turn's answer.
    const since = Date.now();
    return this.connector.waitFor(
      (c) =>
        c.at >= since &&
        c.activity?.type !== 'typing' &&
        (((c.kind === 'reply' || c.kind === 'send') && c.activityId === id) || (updateOf !== undefined && c.kind === 'update' && c.activityId === updateOf)),
      timeoutMs,
    );
  }
}

// ---- what the bot answered ----------------------------------------------------

/** One line describing an unexpected answer, for error reports. */
export function describeAnswer(call: RecordedCall): string {
  const a = call.activity ?? {};
  const text = typeof a.text === 'string' ? ` text=${JSON.stringify(a.text.slice(0, 160))}` : '';
  const atts = Array.isArray(a.attachments) ? ` attachments=[${a.attachments.map((x: any) => x.contentType).join(',')}]` : '';
  return `${call.kind} ${call.status}${text}${atts}`;
}
