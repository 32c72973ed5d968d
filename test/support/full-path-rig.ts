// A real bot process on the full path (SANDBOX=false) with the token-service, https Graph and connector stand-ins:
// the end-to-end, reliability and fuzz tests all start it this way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { ALICE, BOB, channelMessage, type InboundActivity, type TeamsUser } from './activities';
import { postActivity, startBot, type BotProcess } from './bot-process';
import { ConnectorStandIn, type RecordedCall } from './connector-stand-in';
import { GraphStandIn } from './graph-stand-in';
import { makeTestCa } from './tls';
import { TokenServiceStandIn } from './token-service-stand-in';
import { isJoin } from './wire-cards';

export const CONNECTION = 'GraphConnection';
export const TOKENS: Record<string, string> = { 'graph-token-alice': ALICE.aadObjectId, 'graph-token-bob': BOB.aadObjectId };

export interface RigOptions {
  /** Give the bot its own TMPDIR (inside the rig's temp dir), to check it leaves nothing there. */
  ownTempDir?: boolean;
}

export class Rig {
  graph!: GraphStandIn;
  tokens!: TokenServiceStandIn;
  connector!: ConnectorStandIn;
  bot!: BotProcess;
  serviceUrl!: string;
  /** The bot's TMPDIR with `ownTempDir`. */
  botTempDir?: string;
  private tmp!: string;
  private botEnv: Record<string, string> = {};

  async start(extraEnv: Record<string, string> = {}, opts: RigOptions = {}): Promise<void> {
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-rig-'));
    const ca = await makeTestCa(this.tmp);
    if (opts.ownTempDir) {
      this.botTempDir = path.join(this.tmp, 'bot-tmp');
      fs.mkdirSync(this.botTempDir);
      extraEnv = { TMPDIR: this.botTempDir, ...extraEnv };
    }
    this.graph = new GraphStandIn({
      cert: ca.cert,
      key: ca.key,
      tokenOwner: (t) => TOKENS[t],
      users: { [ALICE.aadObjectId]: { displayName: ALICE.name }, [BOB.aadObjectId]: { displayName: BOB.name } },
    });
    await this.graph.start();
    this.tokens = new TokenServiceStandIn({ connectionName: CONNECTION });
    await this.tokens.start();
    this.connector = new ConnectorStandIn();
    this.serviceUrl = await this.connector.start();
    this.botEnv = {
      SANDBOX: 'false',
      HOST: '127.0.0.1',
      OAUTH_CONNECTION_NAME: CONNECTION,
      OAuthUrl: this.tokens.url,
      GRAPH_BASE_URL: this.graph.baseUrl,
      NODE_EXTRA_CA_CERTS: ca.caPem,
      LOG_LEVEL: 'info',
      ...extraEnv,
    };
    this.bot = await startBot(this.botEnv);
  }

  /** A new bot process with the same settings (after a crash: the old one is gone or killed first). */
  async restartBot(): Promise<BotProcess> {
    await this.bot.stop(); // at once when it is already gone
    this.bot = await startBot(this.botEnv);
    return this.bot;
  }

  async stop(): Promise<void> {
    await this.bot?.stop();
    await Promise.all([this.graph?.stop(), this.tokens?.stop(), this.connector?.stop()]);
    if (this.tmp) fs.rmSync(this.tmp, { recursive: true, force: true });
  }

  async post(activity: InboundActivity): Promise<{ status: number; body: unknown; ms: number }> {
    const started = Date.now();
    const res = await postActivity(this.bot.messagesUrl, activity);
    return { ...res, ms: Date.now() - started };
  }

  /** A new channel thread started by `user`. */
  message(text: string, user: TeamsUser = ALICE, extra: Partial<Parameters<typeof channelMessage>[0]> = {}): InboundActivity {
    return channelMessage({ serviceUrl: this.serviceUrl, text, user, tz: 'America/New_York', ...extra });
  }

  /** Calls recorded for one conversation (thread). */
  callsIn(conversationId: string): RecordedCall[] {
    return this.connector.calls.filter((c) => c.conversationId === conversationId);
  }

  /** Distinct bot activities carrying a Join card in a thread (an updated card counts once). */
  joinCardsIn(conversationId: string): Set<string> {
    const ids = new Set<string>();
    for (const c of this.callsIn(conversationId).filter(isJoin)) ids.add(c.kind === 'update' ? c.activityId! : c.responseId!);
    return ids;
  }

  /** The meetings Graph holds for a user. */
  meetingsOf(user: TeamsUser) {
    return [...this.graph.meetings.values()].filter((m) => m.ownerId === user.aadObjectId);
  }

  /** After a fault, an ordinary request by the same user must work. */
  async assertNormalRequestWorks(user: TeamsUser = ALICE): Promise<void> {
    const msg = this.message(`schedule Check-in after fault ${Date.now()} tomorrow 9am`, user);
    const res = await this.post(msg);
    assert.equal(res.status, 200);
    await this.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c), 15_000);
  }
}
