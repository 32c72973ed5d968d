// Runs shared by run.ts (the benchmark) and whatif.ts (fix experiments): one load run on a fresh bot process,
// and one cold start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RecordedCall } from '../support/connector-stand-in';
import { isForm } from '../support/wire-cards';
import type { BotProcess } from '../support/bot-process';
import { ECHO_BOT_ENTRY, MEETING_BOT_ENTRY, built, sleep, spawnBot, statusKb } from './bot-proc';
import { BenchStandIns, clearTemplates, makeUsers, postJson, userMessage, type HttpCounts } from './harness';
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
  /** Another build of the bot (e.g. a bundle) instead of dist/src/index.js. */
  entry?: string;
}

const loadavg1 = (): number => os.loadavg()[0]!;

// ---- bots -------------------------------------------------------------------------

async function startFor(s: Scenario, stands: BenchStandIns, extra: BotExtras = {}): Promise<BotProcess> {
  const env: Record<string, string> =
    s.bot === 'echo' ? {} : s.mode === 'full' ? stands.fullPathEnv() : { SANDBOX: 'true' };
  const bot = await spawnBot({ entry: s.bot === 'echo' ? ECHO_BOT_ENTRY : (extra.entry ?? MEETING_BOT_ENTRY), env: { ...env, ...extra.env }, nodeArgs: extra.nodeArgs });
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
function nextTag(): number {
  return ++tagSeq;
}
export async function loadRun(s: Scenario, stands: BenchStandIns, o: LoadRunOptions, rep: number, order: number, extra: BotExtras = {}, label: string = s.key): Promise<RunRecord> {
  stands.resetCounts();
  clearTemplates();
  stands.graph.latencyMs = s.graphLatencyMs;
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

export async function coldStart(caseName: string, s: Scenario, text: string, stands: BenchStandIns, expect: (c: RecordedCall) => boolean, extra: BotExtras = {}): Promise<ColdRecord> {
  stands.resetCounts();
  clearTemplates();
  const [user] = makeUsers(1, `C${++tagSeq}`);
  if (s.mode === 'full') stands.signIn([user!]);
  const env: Record<string, string> = s.bot === 'echo' ? {} : s.mode === 'full' ? stands.fullPathEnv() : { SANDBOX: 'true' };
  const bot = await spawnBot({ entry: s.bot === 'echo' ? ECHO_BOT_ENTRY : (extra.entry ?? MEETING_BOT_ENTRY), env: { ...env, ...extra.env }, nodeArgs: extra.nodeArgs });
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

// ---- 10,000 open dialogs ------------------------------------------------------------------------

interface ProbeReport {
  gcForced: boolean;
  memoryUsage: NodeJS.MemoryUsage;
  allKeys: number;
  allBytes: number;
  matched: { match: string; count: number; totalValueBytes: number; totalKeyBytes: number; minValueBytes: number; medianValueBytes: number; maxValueBytes: number };
  sample?: { key: string; value: unknown };
}

async function probe(bot: BotProcess, file: string): Promise<ProbeReport> {
  fs.rmSync(file, { force: true });
  process.kill(bot.pid, 'SIGUSR2');
  const deadline = performance.now() + 30_000;
  while (!fs.existsSync(file)) {
    if (performance.now() > deadline) throw new Error('state probe did not answer');
    await sleep(20);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ProbeReport;
}

/**
 * RSS after V8 has had the chance to give memory back: three forced full GCs one second apart; the lowest
 * RSS and heapUsed seen (a single reading right after a load is dominated by how big the heap happened to grow).
 */
async function settled(bot: BotProcess, file: string): Promise<{ report: ProbeReport; rssKb: number }> {
  let best: ProbeReport | undefined;
  let rssKb = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(1000);
    const r = await probe(bot, file);
    rssKb = Math.min(rssKb, statusKb(bot.pid, 'VmRSS'));
    if (!best || r.memoryUsage.heapUsed < best.memoryUsage.heapUsed) best = r;
  }
  return { report: best!, rssKb };
}

/** Posts `text` once for every user (concurrency `parallel`), expecting `check` to accept each answer. */
async function eachUserOnce(users: ReturnType<typeof makeUsers>, text: string, stands: BenchStandIns, bot: BotProcess, parallel: number, check: (c: RecordedCall) => boolean): Promise<number> {
  let next = 0;
  let errors = 0;
  const worker = async (): Promise<void> => {
    while (next < users.length) {
      const user = users[next++]!;
      const activity = userMessage(stands.serviceUrl, user, text);
      const answer = stands.answerTo(activity, 15_000);
      answer.catch(() => undefined);
      try {
        const res = await postJson(bot.messagesUrl, activity);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        if (!check(await answer)) throw new Error('unexpected answer');
      } catch {
        errors += 1;
      }
      stands.trim();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return errors;
}

export async function openDialogs(stands: BenchStandIns, o: { dialogs: number; users: number; idleS: number }, tmpDir: string, extra: BotExtras = {}, label = ''): Promise<Record<string, any>> {
  stands.resetCounts();
  clearTemplates();
  const tag = nextTag();
  const match = `Mem${tag}x`;
  const probeFile = path.join(tmpDir, 'probe.json');
  const bot = await spawnBot({
    entry: MEETING_BOT_ENTRY,
    env: { SANDBOX: 'true', BENCH_PROBE_OUT: probeFile, BENCH_PROBE_MATCH: match, ...extra.env },
    nodeArgs: ['--expose-gc', '-r', built('dist/bench/state-probe.js'), ...(extra.nodeArgs ?? [])],
  });
  await bot.ready();
  try {
    // Warm-up (JIT, lazily loaded code) with other users whose forms are then cancelled.
    const warm = makeUsers(200, `W${tag}`);
    let warmErrors = await eachUserOnce(warm, 'schedule', stands, bot, o.users, isForm);
    warmErrors += await eachUserOnce(warm, 'cancel', stands, bot, o.users, (c) => typeof c.activity?.text === 'string');
    await sleep(500);
    const { report: before, rssKb: rssBeforeKb } = await settled(bot, probeFile);

    const users = makeUsers(o.dialogs, match);
    const t0 = performance.now();
    const errors = await eachUserOnce(users, 'schedule', stands, bot, o.users, isForm);
    const loadSecs = (performance.now() - t0) / 1000;
    clearTemplates();
    const rssRawAfterKb = statusKb(bot.pid, 'VmRSS'); // before any forced GC
    // A bot between bursts: no forced GC, V8's own (idle-time memory reducer) decides what to give back.
    await sleep(o.idleS * 1000);
    const rssIdleAfterKb = statusKb(bot.pid, 'VmRSS');
    const { report: after, rssKb: rssAfterKb } = await settled(bot, probeFile);
    const peakKb = statusKb(bot.pid, 'VmHWM');
    const growthMb = (rssAfterKb - rssBeforeKb) / 1024;
    const result = {
      dialogs: o.dialogs,
      openDialogsStored: after.matched.count,
      errors: errors + warmErrors,
      loadSeconds: loadSecs,
      rssBeforeMb: rssBeforeKb / 1024,
      rssAfterMb: rssAfterKb / 1024,
      rssGrowthMb: growthMb,
      rssGrowthRawMb: (rssRawAfterKb - rssBeforeKb) / 1024,
      idleSeconds: o.idleS,
      rssGrowthIdleMb: (rssIdleAfterKb - rssBeforeKb) / 1024,
      rssGrowthBytesPerDialog: ((rssAfterKb - rssBeforeKb) * 1024) / Math.max(1, o.dialogs),
      heapUsedGrowthMb: (after.memoryUsage.heapUsed - before.memoryUsage.heapUsed) / 1048576,
      heapUsedGrowthBytesPerDialog: (after.memoryUsage.heapUsed - before.memoryUsage.heapUsed) / Math.max(1, o.dialogs),
      peakRssMb: peakKb / 1024,
      gcForced: after.gcForced,
      stateBytesPerDialog: {
        mean: after.matched.totalValueBytes / Math.max(1, after.matched.count),
        median: after.matched.medianValueBytes,
        max: after.matched.maxValueBytes,
        keyBytesMean: after.matched.totalKeyBytes / Math.max(1, after.matched.count),
      },
      sampleState: after.sample,
    };
    console.log(
      `  ${label}${o.dialogs} open dialogs: RSS ${result.rssBeforeMb.toFixed(1)} → ${result.rssAfterMb.toFixed(1)} MB (+${growthMb.toFixed(1)} MB after GC, +${result.rssGrowthRawMb.toFixed(1)} MB as the load left it, +${result.rssGrowthIdleMb.toFixed(1)} MB after ${o.idleS} s idle), heapUsed +${result.heapUsedGrowthMb.toFixed(1)} MB, state ${result.stateBytesPerDialog.mean.toFixed(0)} B/dialog (max ${result.stateBytesPerDialog.max}), stored ${after.matched.count}, errors ${result.errors}`,
    );
    return result;
  } finally {
    await bot.stop();
  }
}
