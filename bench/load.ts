// Closed-loop load: N simulated users, each posting an activity to /api/messages and waiting until the bot's
// answer reaches the connector stand-in before its next turn. Turn latency = POST start → answer received
// at the connector (not the HTTP 200). Bot CPU is read from /proc/<pid>/stat around a steady-state window.
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { RecordedCall } from '../support/connector-stand-in';
import { cardOf, createButtonDataOf, joinUrlOf } from '../support/wire-cards';
import type { BotProcess } from '../support/bot-process';
import { cpuTicks, sleep, statusKb, ticksToMs } from './bot-proc';
import {
  TIME_ZONE,
  describeAnswer,
  formPress,
  postJson,
  userMessage,
  type HttpCounts,
  type SimUser,
  type BenchStandIns,
} from './harness';

export const INLINE_COMMAND = 'schedule Design review tomorrow 3pm for 45 min';
/** The same request as a Chinese Teams user types it (client language zh-CN). */
const INLINE_COMMAND_ZH = '安排 设计评审 明天下午3点 45分钟';

export type ScenarioKey = 'echo' | 'help' | 'inline-sandbox' | 'inline-zh' | 'inline-full' | 'inline-full-latency' | 'form-sandbox' | 'form-full';

export interface Scenario {
  key: ScenarioKey;
  label: string;
  bot: 'echo' | 'meeting';
  /** Meeting Bot mode (ignored for echo). */
  mode: 'sandbox' | 'full';
  graphLatencyMs: number;
  /** Meetings one iteration creates (0 for echo/help). */
  meetingsPerIteration: number;
  /** Turns (posted activities) per iteration. */
  turnsPerIteration: number;
  iterate(ctx: IterationContext, user: SimUser): Promise<void>;
}

interface IterationContext {
  stands: BenchStandIns;
  bot: BotProcess;
  timeoutMs: number;
  /** One turn: post `activity`, wait for the answer, check it (`check` returns an error text or undefined). */
  turn(step: string, activity: Record<string, any>, check: (c: RecordedCall) => string | undefined, updateOf?: string): Promise<RecordedCall>;
}

interface TurnSample {
  step: string;
  /** ms from POST start to the answer at the connector. */
  latencyMs: number;
  /** ms from POST start to the HTTP response. */
  httpMs: number;
  /** performance.now() when the answer arrived. */
  at: number;
}

// ---- scenarios ----------------------------------------------------------------

const expectEcho = (c: RecordedCall): string | undefined =>
  typeof c.activity?.text === 'string' && c.activity.text.startsWith('Echo:') ? undefined : `expected the echo, got ${describeAnswer(c)}`;

const expectHelp = (c: RecordedCall): string | undefined => {
  const card = cardOf(c);
  return card && JSON.stringify(card).includes('schedule <subject>') ? undefined : `expected the help card, got ${describeAnswer(c)}`;
};

const expectJoin = (sandbox: boolean) => (c: RecordedCall): string | undefined => {
  const url = joinUrlOf(c);
  if (!url) return `expected the join card, got ${describeAnswer(c)}`;
  if (sandbox !== /\.invalid\//.test(url)) return `join link ${url} does not fit ${sandbox ? 'sandbox' : 'the full path'}`;
  return undefined;
};

const expectForm = (c: RecordedCall): string | undefined => (createButtonDataOf(c) ? undefined : `expected the form card, got ${describeAnswer(c)}`);

function inline(key: ScenarioKey, label: string, mode: 'sandbox' | 'full', graphLatencyMs = 0, command = INLINE_COMMAND, locale = 'en-US'): Scenario {
  return {
    key,
    label,
    bot: 'meeting',
    mode,
    graphLatencyMs,
    meetingsPerIteration: 1,
    turnsPerIteration: 1,
    async iterate(ctx, user) {
      await ctx.turn('inline', userMessage(ctx.stands.serviceUrl, user, command, locale), expectJoin(mode === 'sandbox'));
    },
  };
}

function form(key: ScenarioKey, label: string, mode: 'sandbox' | 'full'): Scenario {
  return {
    key,
    label,
    bot: 'meeting',
    mode,
    graphLatencyMs: 0,
    meetingsPerIteration: 1,
    turnsPerIteration: 2,
    async iterate(ctx, user) {
      const form = await ctx.turn('form', userMessage(ctx.stands.serviceUrl, user, 'schedule'), expectForm);
      const data = createButtonDataOf(form)!;
      const cardId = form.responseId!;
      const date = DateTime.now().setZone(TIME_ZONE).plus({ days: 1 }).toISODate()!;
      const press = formPress(ctx.stands.serviceUrl, user, cardId, data, { subject: 'Design review', date, time: '15:00', duration: '45' });
      await ctx.turn('create', press, expectJoin(mode === 'sandbox'), cardId);
    },
  };
}

/**
 * Create pressed (Universal Actions invoke), the token cached: each user gets one form, then presses its Create
 * button again and again with a new subject each time, so every turn creates a meeting and updates the card.
 */

export function scenarios(graphLatencyMs: number): Record<ScenarioKey, Scenario> {
  return {
    echo: {
      key: 'echo',
      label: 'echo baseline (CloudAdapter + ActivityHandler, one text reply)',
      bot: 'echo',
      mode: 'sandbox',
      graphLatencyMs: 0,
      meetingsPerIteration: 0,
      turnsPerIteration: 1,
      async iterate(ctx, user) {
        await ctx.turn('echo', userMessage(ctx.stands.serviceUrl, user, 'hello'), expectEcho);
      },
    },
    help: {
      key: 'help',
      label: '(a) `help` → help card',
      bot: 'meeting',
      mode: 'sandbox',
      graphLatencyMs: 0,
      meetingsPerIteration: 0,
      turnsPerIteration: 1,
      async iterate(ctx, user) {
        await ctx.turn('help', userMessage(ctx.stands.serviceUrl, user, 'help'), expectHelp);
      },
    },
    'inline-sandbox': inline('inline-sandbox', '(b) inline schedule → join card, sandbox', 'sandbox'),
    'inline-zh': inline('inline-zh', '(b-zh) inline `安排 设计评审 明天下午3点 45分钟` (zh-CN client) → join card, sandbox', 'sandbox', 0, INLINE_COMMAND_ZH, 'zh-CN'),
    'inline-full': inline('inline-full', '(c) inline schedule → join card, full path (token service + https Graph)', 'full'),
    'inline-full-latency': inline(
      'inline-full-latency',
      `(c′) as (c) with ${graphLatencyMs} ms simulated Graph latency`,
      'full',
      graphLatencyMs,
    ),
    'form-sandbox': form('form-sandbox', '(d) form path: `schedule` → form card → Create pressed (invoke) → join card (update), sandbox', 'sandbox'),
    'form-full': form('form-full', '(d, full path) form path with token service + https Graph', 'full'),
  };
}

// ---- the load loop ------------------------------------------------------------------

export interface LoadOptions {
  users: SimUser[];
  warmupMs: number;
  durationMs: number;
  /** Per-turn answer timeout. */
  timeoutMs: number;
}

interface WindowSample {
  at: number;
  botTicks: number;
  genCpuUs: number;
  rssKb: number;
  load1: number;
}

export interface LoadResult {
  samples: TurnSample[];
  /** Turns answered within the window. */
  windowTurns: TurnSample[];
  windowMs: number;
  start: WindowSample;
  end: WindowSample;
  peakRssKb: number;
  errors: string[];
  iterationsCompleted: number;
  counts?: HttpCounts;
}

function sampleWindow(pid: number, loadavg: () => number): WindowSample {
  const cpu = process.cpuUsage();
  return { at: performance.now(), botTicks: cpuTicks(pid), genCpuUs: cpu.user + cpu.system, rssKb: statusKb(pid, 'VmRSS'), load1: loadavg() };
}

export async function runLoad(scenario: Scenario, bot: BotProcess, stands: BenchStandIns, opts: LoadOptions, loadavg: () => number): Promise<LoadResult> {
  const samples: TurnSample[] = [];
  const errors: string[] = [];
  let iterationsCompleted = 0;
  const t0 = performance.now();
  const stopAt = t0 + opts.warmupMs + opts.durationMs;

  const ctx: IterationContext = {
    stands,
    bot,
    timeoutMs: opts.timeoutMs,
    async turn(step, activity, check, updateOf) {
      const answer = stands.answerTo(activity, opts.timeoutMs, updateOf);
      answer.catch(() => undefined); // observed below; avoid an unhandled rejection if the POST fails first
      const sentAt = performance.now();
      let answeredAt = 0;
      const answered = answer.then((c) => {
        answeredAt = performance.now();
        return c;
      });
      answered.catch(() => undefined);
      const res = await postJson(bot.messagesUrl, activity, opts.timeoutMs);
      const httpMs = performance.now() - sentAt;
      if (res.status !== 200) throw new Error(`${step}: bot answered HTTP ${res.status} ${res.body.slice(0, 200)}`);
      const call = await answered;
      const problem = check(call);
      if (problem) throw new Error(`${step}: ${problem}`);
      samples.push({ step, latencyMs: answeredAt - sentAt, httpMs, at: answeredAt });
      stands.trim();
      return call;
    },
  };

  let start: WindowSample | undefined;
  const startTimer = setTimeout(() => (start = sampleWindow(bot.pid, loadavg)), opts.warmupMs);

  const loops = opts.users.map(async (user) => {
    while (performance.now() < stopAt) {
      try {
        await scenario.iterate(ctx, user);
        iterationsCompleted += 1;
      } catch (err) {
        if (errors.length < 50) errors.push((err as Error).message.split('\n')[0]!);
        else errors.push('…');
        await sleep(50);
      }
    }
  });
  // The window ends at stopAt: sample then, while the users are still busy (steady state), not after draining.
  const end = await new Promise<WindowSample>((resolve) => setTimeout(() => resolve(sampleWindow(bot.pid, loadavg)), stopAt - performance.now()));
  await Promise.all(loops);
  clearTimeout(startTimer);
  if (!start) throw new Error('window start was never sampled');
  const peakRssKb = statusKb(bot.pid, 'VmHWM');
  const windowTurns = samples.filter((s) => s.at >= start!.at && s.at <= end.at);
  return { samples, windowTurns, windowMs: end.at - start.at, start, end, peakRssKb, errors, iterationsCompleted };
}

// ---- statistics ------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function summarize(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN, mean };
}

export interface RunMetrics {
  turns: number;
  turnsPerSec: number;
  meetingsPerSec: number;
  latency: LatencySummary;
  httpLatency: LatencySummary;
  byStep: Record<string, LatencySummary>;
  cpuMsPerTurn: number;
  /** Bot CPU utilisation over the window (1.0 = one core). */
  botCores: number;
  /** Generator process CPU per turn (it shares the 2 cores with the bot). */
  genCpuMsPerTurn: number;
  genCores: number;
  peakRssMb: number;
  rssEndMb: number;
  load1: number;
  errors: number;
}

export function metricsOf(scenario: Scenario, r: LoadResult): RunMetrics {
  const n = r.windowTurns.length;
  const secs = r.windowMs / 1000;
  const steps = new Map<string, number[]>();
  for (const s of r.windowTurns) {
    const list = steps.get(s.step) ?? [];
    list.push(s.latencyMs);
    steps.set(s.step, list);
  }
  const byStep: Record<string, LatencySummary> = {};
  for (const [k, v] of steps) byStep[k] = summarize(v);
  const botMs = ticksToMs(r.end.botTicks - r.start.botTicks);
  const genMs = (r.end.genCpuUs - r.start.genCpuUs) / 1000;
  return {
    turns: n,
    turnsPerSec: n / secs,
    meetingsPerSec: (n / scenario.turnsPerIteration / secs) * scenario.meetingsPerIteration,
    latency: summarize(r.windowTurns.map((s) => s.latencyMs)),
    httpLatency: summarize(r.windowTurns.map((s) => s.httpMs)),
    byStep,
    cpuMsPerTurn: botMs / Math.max(1, n),
    botCores: botMs / r.windowMs,
    genCpuMsPerTurn: genMs / Math.max(1, n),
    genCores: genMs / r.windowMs,
    peakRssMb: r.peakRssKb / 1024,
    rssEndMb: r.end.rssKb / 1024,
    load1: (r.start.load1 + r.end.load1) / 2,
    errors: r.errors.length,
  };
}
