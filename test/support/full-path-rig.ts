// Real bot processes on the full path (SANDBOX=false) with one set of loopback stand-ins (token service, https
// Graph, connector: support/stand-ins.ts) and, when asked, one Azurite whose Blob store (and queue) they share.
// One instance or several alike: the end-to-end, reliability, fuzz and scale-out tests all start bots this way.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { ALICE, BOB, channelMessage, type InboundActivity, type TeamsUser } from '../../support/activities';
import { postActivity, startBot, type BotProcess } from '../../support/bot-process';
import type { RecordedCall } from '../../support/connector-stand-in';
import { CALENDAR_CONNECTION, CONNECTION, StandIns } from '../../support/stand-ins';
import type { GraphUserInfo } from '../../support/graph-stand-in';
import { isJoin } from '../../support/wire-cards';
import { startAzurite, type Azurite } from './azurite';

/**
 * For tests that change what the token service holds between turns (a sign-out elsewhere, a token given or taken
 * away) and expect the bot to see it at once: the bot's own short token cache is off (TOKEN_CACHE_SECONDS=0). With
 * the default, a sign-out outside the bot reaches it within TOKEN_CACHE_SECONDS (test/e2e/token-cache.e2e.test.ts).
 */
export const TOKEN_SERVICE_DECIDES = { TOKEN_CACHE_SECONDS: '0' } as const;

export { CALENDAR_CONNECTION, CONNECTION };
export const TOKENS: Record<string, string> = { 'graph-token-alice': ALICE.aadObjectId, 'graph-token-bob': BOB.aadObjectId };

export interface RigOptions {
  /** Give the bot its own TMPDIR (inside the rig's temp dir), to check it leaves nothing there. */
  ownTempDir?: boolean;
  /** How many bot processes to start, all with the same settings (default 1). */
  instances?: number;
  /**
   * Keep the bots' state in Azure Blob storage on Azurite, shared by every instance (STORAGE=blob, this container);
   * with `queue`, Azurite's queue service runs too and the connection string names it (reminders on a Storage queue).
   */
  blob?: { container: string; queue?: boolean };
  /** Leave the bots in sandbox mode (no sign-in, simulated Graph): only the connector stand-in is talked to. */
  sandbox?: boolean;
  /**
   * Graph as the test needs it: more tokens (token → AAD object id, beside TOKENS), the delegated permissions a token
   * carries (a token not listed carries all), more users (mail addresses for Outlook events).
   */
  graph?: { tokens?: Record<string, string>; scopes?: Record<string, readonly string[]>; users?: Record<string, GraphUserInfo> };
}

export class Rig {
  readonly standIns = new StandIns();
  /** Every running instance, in the order started; a restarted one takes its predecessor's place. */
  readonly bots: BotProcess[] = [];
  azurite?: Azurite;
  /** The bot's TMPDIR with `ownTempDir`. */
  botTempDir?: string;
  private botEnv: Record<string, string> = {};

  get graph() {
    return this.standIns.graph;
  }
  get tokens() {
    return this.standIns.tokens;
  }
  get connector() {
    return this.standIns.connector;
  }
  get serviceUrl(): string {
    return this.standIns.serviceUrl;
  }
  /** The first instance (the only one without `instances`). */
  get bot(): BotProcess {
    return this.bots[0];
  }

  /** `extraEnv` may be a function: it is read just before the bots start, after the stand-ins and Azurite. */
  async start(extraEnv: Record<string, string> | (() => Record<string, string>) = {}, opts: RigOptions = {}): Promise<void> {
    const tokens = { ...TOKENS, ...opts.graph?.tokens };
    await this.standIns.start({
      tokenOwner: (t) => tokens[t],
      tokenScopes: (t) => opts.graph?.scopes?.[t],
      users: { [ALICE.aadObjectId]: { displayName: ALICE.name }, [BOB.aadObjectId]: { displayName: BOB.name }, ...opts.graph?.users },
      tempPrefix: 'meeting-bot-rig-',
    });
    const env: Record<string, string> = { ...(opts.sandbox ? {} : this.standIns.fullPathEnv()), HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    if (opts.ownTempDir) {
      this.botTempDir = path.join(this.standIns.dir, 'bot-tmp');
      fs.mkdirSync(this.botTempDir);
      env.TMPDIR = this.botTempDir;
    }
    if (opts.blob) {
      this.azurite = await startAzurite({ queue: opts.blob.queue });
      Object.assign(env, { STORAGE: 'blob', BLOB_CONNECTION_STRING: this.azurite.connectionString, BLOB_CONTAINER: opts.blob.container });
    }
    this.botEnv = { ...env, ...(typeof extraEnv === 'function' ? extraEnv() : extraEnv) };
    this.bots.push(...(await Promise.all(Array.from({ length: opts.instances ?? 1 }, () => startBot(this.botEnv)))));
  }

  /** A new bot process with the same settings in `bot`'s place (after a crash: the old one is gone or killed first; else it is stopped). */
  async restartBot(bot: BotProcess = this.bot): Promise<BotProcess> {
    const at = this.bots.indexOf(bot);
    assert.ok(at >= 0, "restartBot: not one of the rig's bots");
    await bot.stop(); // at once when it is already gone
    this.bots[at] = await startBot(this.botEnv);
    return this.bots[at];
  }

  /** One more instance with the rig's settings and `extraEnv` (say, another machine's WEBSITE_INSTANCE_ID). */
  async addBot(extraEnv: Record<string, string> = {}): Promise<BotProcess> {
    const bot = await startBot({ ...this.botEnv, ...extraEnv });
    this.bots.push(bot);
    return bot;
  }

  async stop(): Promise<void> {
    await Promise.all(this.bots.map((b) => b.stop()));
    await this.standIns.stop();
    await this.azurite?.stop();
  }

  async post(activity: InboundActivity, bot: BotProcess = this.bot): Promise<{ status: number; body: unknown; ms: number }> {
    const started = Date.now();
    const res = await postActivity(bot.messagesUrl, activity);
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
