// Runs shared by run.ts (the benchmark) and whatif.ts (fix experiments): one load run on a fresh bot process,
// and one cold start.
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import type { RecordedCall } from '../test/support/connector-stand-in';
import { ECHO_BOT_ENTRY, MEETING_BOT_ENTRY, sleep, spawnBot, type SpawnedBot } from './bot-proc';
import { StandIns, clearTemplates, makeUsers, postJson, userMessage, type HttpCounts } from './harness';
import { metricsOf, runLoad, type RunMetrics, type Scenario, type ScenarioKey } from './load';

export interface LoadRunOptions {
  users: number;
  warmupS: number;
  durationS: number;
}

/** Extra node flags / environment for the bot process (profiling, experiments). */
export interface BotExtras {
  nodeArgs?: string[];
  env?: Record<string, string>;
}

const loadavg1 = (): number => os.loadavg()[0]!;

// ---- bots -------------------------------------------------------------------------

export async function startFor(s: Scenario, stands: StandIns, extra: BotExtras = {}): Promise<SpawnedBot> {
  const env: Record<string, string> =
    s.bot === 'echo' ? {} : s.mode === 'full' ? stands.fullPathEnv() : { SANDBOX: 'true' };
  const bot = await spawnBot({ entry: s.bot === 'echo' ? ECHO_BOT_ENTRY : MEETING_BOT_ENTRY, env: { ...env, ...extra.env }, nodeArgs: extra.nodeArgs });
  await bot.ready();
  return bot;
}

// ---- throughput / latency / CPU runs ----------------------------------------------------

export interface RunRecord {
  scenario: ScenarioKey;
  rep: number;
  order: number;
  metrics: RunMetrics;
  counts: HttpCounts;
  iterationsCompleted: number;
  errors: string[];
}

let tagSeq = 0;
export function nextTag(): number {
  return ++tagSeq;
}
export async function loadRun(s: Scenario, stands: StandIns, o: LoadRunOptions, rep: number, order: number, extra: BotExtras = {}, label: string = s.key): Promise<RunRecord> {
  stands.resetCounts();
  clearTemplates();
  stands.graphLatencyMs = s.graphLatencyMs;
  const users = makeUsers(o.users, `L${++tagSeq}`);
  if (s.bot === 'meeting' && s.mode === 'full') stands.signIn(users);
  const bot = await startFor(s, stands, extra);
  try {
    const r = await runLoad(s, bot, stands, { users, warmupMs: o.warmupS * 1000, durationMs: o.durationS * 1000, timeoutMs: 15_000 }, loadavg1);
    const metrics = metricsOf(s, r);
    const counts = stands.counts();
    const line = `  ${label.padEnd(20)} rep ${rep}: ${metrics.turnsPerSec.toFixed(0).padStart(5)} turns/s  p50 ${metrics.latency.p50.toFixed(1)} p95 ${metrics.latency.p95.toFixed(1)} p99 ${metrics.latency.p99.toFixed(1)} ms  cpu ${metrics.cpuMsPerTurn.toFixed(2)} ms/turn (bot ${metrics.botCores.toFixed(2)} cores, gen ${metrics.genCores.toFixed(2)})  peak RSS ${metrics.peakRssMb.toFixed(0)} MB  load ${metrics.load1.toFixed(1)}${r.errors.length ? `  ERRORS ${r.errors.length}: ${r.errors[0]}` : ''}`;
    console.log(line);
    return { scenario: s.key, rep, order, metrics, counts, iterationsCompleted: r.iterationsCompleted, errors: r.errors };
  } finally {
    await bot.stop();
  }
}

// ---- cold start -------------------------------------------------------------------------

export interface ColdRecord {
  case: string;
  spawnToListenMs: number;
  spawnToAnswerMs: number;
  firstTurnMs: number;
}

export async function coldStart(caseName: string, s: Scenario, text: string, stands: StandIns, expect: (c: RecordedCall) => boolean, extra: BotExtras = {}): Promise<ColdRecord> {
  stands.resetCounts();
  clearTemplates();
  const [user] = makeUsers(1, `C${++tagSeq}`);
  if (s.mode === 'full') stands.signIn([user!]);
  const env: Record<string, string> = s.bot === 'echo' ? {} : s.mode === 'full' ? stands.fullPathEnv() : { SANDBOX: 'true' };
  const bot = await spawnBot({ entry: s.bot === 'echo' ? ECHO_BOT_ENTRY : MEETING_BOT_ENTRY, env: { ...env, ...extra.env }, nodeArgs: extra.nodeArgs });
  try {
    const activity = userMessage(stands.serviceUrl, user!, text);
    const answer = stands.answerTo(activity, 20_000);
    answer.catch(() => undefined);
    let exited = false;
    void bot.exited.then(() => (exited = true));
    const deadline = performance.now() + 20_000;
    let postedAt = 0;
    for (;;) {
      if (exited || performance.now() > deadline) throw new Error(`${caseName}: bot ${exited ? 'exited' : 'never accepted a connection'}. Output:\n${bot.logs()}`);
      const t = performance.now();
      try {
        const res = await postJson(bot.messagesUrl, activity, 20_000);
        if (res.status !== 200) throw new Error(`${caseName}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
        postedAt = t;
        break;
      } catch (err) {
        if (!/ECONNREFUSED|ECONNRESET|socket hang up/.test((err as Error).message)) throw err;
        await sleep(5);
      }
    }
    const call = await answer;
    const answeredAt = performance.now();
    if (!expect(call)) throw new Error(`${caseName}: unexpected first answer ${JSON.stringify(call.activity).slice(0, 300)}`);
    return { case: caseName, spawnToListenMs: postedAt - bot.spawnedAt, spawnToAnswerMs: answeredAt - bot.spawnedAt, firstTurnMs: answeredAt - postedAt };
  } finally {
    await bot.stop();
  }
}

