// Meeting Bot benchmark: throughput, turn latency, CPU and memory against an echo-bot baseline, cold start,
// 10,000 open dialogs, and HTTP calls per meeting. See bench/README.md.
//   npm run bench         full run (~10 s per scenario run, 20 users, 3 interleaved repetitions) → bench/results/latest.{json,md}
//   npm run bench:smoke   every scenario ~2 s with 3 users → test-results/bench-smoke.{json,md}; exits 1 on any functional error
// Options: --duration S --warmup S --users N --reps N --dialogs N --graph-latency MS --cold-reps N --out FILE.json
//          --only key,key (scenario keys) --skip cold,memory,calls --smoke
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordedCall } from '../support/connector-stand-in';
import { REPO_ROOT } from '../support/bot-process';
import { ECHO_BOT_ENTRY, MEETING_BOT_ENTRY, built, removeSnapshot, snapshotBuild } from './bot-proc';
import { BenchStandIns, destroyAgent } from './harness';
import { INLINE_COMMAND, scenarios, type RunMetrics, type Scenario, type ScenarioKey } from './load';
import { coldStart, loadRun, openDialogs, type ColdRecord, type RunRecord } from './runs';
import { spread, type Spread } from './stats';
import { renderMarkdown } from './report';

// ---- options -------------------------------------------------------------------

export interface Options {
  smoke: boolean;
  durationS: number;
  warmupS: number;
  users: number;
  reps: number;
  dialogs: number;
  /** Seconds the bot is left idle after the open-dialogs load before the no-forced-GC reading. */
  idleS: number;
  graphLatencyMs: number;
  coldReps: number;
  out: string;
  only?: ScenarioKey[];
  skip: Set<string>;
}

function parseArgs(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const opts: Options = smoke
    ? { smoke, durationS: 2, warmupS: 0.5, users: 3, reps: 1, dialogs: 200, idleS: 1, graphLatencyMs: 50, coldReps: 1, out: 'test-results/bench-smoke.json', skip: new Set() }
    : { smoke, durationS: 10, warmupS: 3, users: 20, reps: 5, dialogs: 10_000, idleS: 30, graphLatencyMs: 50, coldReps: 9, out: 'bench/results/latest.json', skip: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const num = (): number => {
      const v = Number(next());
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a non-negative number`);
      return v;
    };
    switch (a) {
      case '--smoke': break;
      case '--duration': opts.durationS = num(); break;
      case '--warmup': opts.warmupS = num(); break;
      case '--users': opts.users = Math.max(1, Math.round(num())); break;
      case '--reps': opts.reps = Math.max(1, Math.round(num())); break;
      case '--dialogs': opts.dialogs = Math.round(num()); break;
      case '--idle': opts.idleS = num(); break;
      case '--graph-latency': opts.graphLatencyMs = num(); break;
      case '--cold-reps': opts.coldReps = Math.max(1, Math.round(num())); break;
      case '--out': opts.out = next(); break;
      case '--only': opts.only = next().split(',') as ScenarioKey[]; break;
      case '--skip': for (const s of next().split(',')) opts.skip.add(s); break;
      default: throw new Error(`unknown option ${a}`);
    }
  }
  return opts;
}

// ---- machine -------------------------------------------------------------------

function machine(): Record<string, unknown> {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const sh = (cmd: string, args: string[]): string => {
    try {
      return execFileSync(cmd, args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    nproc: Number(sh('nproc', [])) || os.cpus().length,
    cpuModel: model,
    node: process.version,
    clkTck: Number(sh('getconf', ['CLK_TCK'])),
    memTotalMb: Math.round(os.totalmem() / 1048576),
    commit: sh('git', ['rev-parse', '--short', 'HEAD']),
    dirty: sh('git', ['status', '--porcelain', '--', 'src']) !== '',
    loadavgAtStart: os.loadavg(),
  };
}


// ---- aggregation --------------------------------------------------------------------------------

export interface ScenarioSummary {
  key: ScenarioKey;
  label: string;
  runs: number;
  turnsPerSec: Spread;
  meetingsPerSec: Spread;
  p50: Spread;
  p95: Spread;
  p99: Spread;
  cpuMsPerTurn: Spread;
  peakRssMb: Spread;
  genCores: Spread;
  botCores: Spread;
  errors: number;
  byStep: Record<string, { p50: Spread; p95: Spread; p99: Spread }>;
  /** Ratio to the echo run(s) of the same repetition, then median/min/max over repetitions. */
  ratio: { turnsPerSec: Spread; p50: Spread; p99: Spread; cpuMsPerTurn: Spread; peakRssMb: Spread };
  calls?: { meetings: number; graphPerMeeting: number; tokenServicePerMeeting: number; connectorPerMeeting: number; tokenServiceByPath: Record<string, number>; connector: Partial<Record<string, number>> };
}

function aggregate(all: Record<ScenarioKey, Scenario>, runs: RunRecord[]): ScenarioSummary[] {
  const keys = [...new Set(runs.map((r) => r.scenario))];
  // The baseline of a run: the mean of the echo runs right before and right after it (its bracket).
  const echoes = runs.filter((r) => r.scenario === 'echo').sort((a, b) => a.order - b.order);
  const echoAround = (run: RunRecord, pick: (m: RunMetrics) => number): number => {
    const before = [...echoes].reverse().find((e) => e.order < run.order);
    const after = echoes.find((e) => e.order > run.order);
    const e = [before, after].filter((x): x is RunRecord => x !== undefined).map((x) => pick(x.metrics));
    return e.length ? e.reduce((a, b) => a + b, 0) / e.length : Number.NaN;
  };
  return keys.map((key) => {
    const mine = runs.filter((r) => r.scenario === key);
    const pick = (f: (m: RunMetrics) => number): Spread => spread(mine.map((r) => f(r.metrics)));
    const ratio = (f: (m: RunMetrics) => number): Spread => spread(mine.map((r) => f(r.metrics) / echoAround(r, f)));
    const steps = [...new Set(mine.flatMap((r) => Object.keys(r.metrics.byStep)))];
    const byStep: ScenarioSummary['byStep'] = {};
    if (steps.length > 1) {
      for (const st of steps) {
        byStep[st] = {
          p50: spread(mine.map((r) => r.metrics.byStep[st]?.p50 ?? Number.NaN)),
          p95: spread(mine.map((r) => r.metrics.byStep[st]?.p95 ?? Number.NaN)),
          p99: spread(mine.map((r) => r.metrics.byStep[st]?.p99 ?? Number.NaN)),
        };
      }
    }
    const s = all[key];
    let calls: ScenarioSummary['calls'];
    if (s.meetingsPerIteration > 0) {
      const meetings = mine.reduce((a, r) => a + r.iterationsCompleted * s.meetingsPerIteration, 0);
      const byPath: Record<string, number> = {};
      const connector: Record<string, number> = {};
      for (const r of mine) {
        for (const [p, n] of Object.entries(r.counts.tokenServiceByPath)) byPath[p] = (byPath[p] ?? 0) + n;
        for (const [k, n] of Object.entries(r.counts.connector)) connector[k] = (connector[k] ?? 0) + (n ?? 0);
      }
      calls = {
        meetings,
        graphPerMeeting: mine.reduce((a, r) => a + r.counts.graph, 0) / Math.max(1, meetings),
        tokenServicePerMeeting: mine.reduce((a, r) => a + r.counts.tokenService, 0) / Math.max(1, meetings),
        connectorPerMeeting: mine.reduce((a, r) => a + r.counts.connectorTotal, 0) / Math.max(1, meetings),
        tokenServiceByPath: byPath,
        connector,
      };
    }
    return {
      key,
      label: s.label,
      runs: mine.length,
      turnsPerSec: pick((m) => m.turnsPerSec),
      meetingsPerSec: pick((m) => m.meetingsPerSec),
      p50: pick((m) => m.latency.p50),
      p95: pick((m) => m.latency.p95),
      p99: pick((m) => m.latency.p99),
      cpuMsPerTurn: pick((m) => m.cpuMsPerTurn),
      peakRssMb: pick((m) => m.peakRssMb),
      genCores: pick((m) => m.genCores),
      botCores: pick((m) => m.botCores),
      errors: mine.reduce((a, r) => a + r.errors.length, 0),
      byStep,
      ratio: {
        turnsPerSec: ratio((m) => m.turnsPerSec),
        p50: ratio((m) => m.latency.p50),
        p99: ratio((m) => m.latency.p99),
        cpuMsPerTurn: ratio((m) => m.cpuMsPerTurn),
        peakRssMb: ratio((m) => m.peakRssMb),
      },
      calls,
    };
  });
}

// ---- targets ---------------------------------------------------------------------------------------

export interface TargetCheck {
  target: string;
  limit: string;
  measured: string;
  met: boolean;
}

function checkTargets(summary: ScenarioSummary[], cold: ColdRecord[], memory: Record<string, any> | undefined, o: Options): TargetCheck[] {
  const out: TargetCheck[] = [];
  const b = summary.find((s) => s.key === 'inline-sandbox');
  const fmt = (s: Spread, d = 2): string => `${s.median.toFixed(d)}× (reps ${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
  if (b && summary.some((s) => s.key === 'echo')) {
    out.push({ target: `CPU per inline schedule turn (b) vs echo`, limit: '≤ 1.5×', measured: `${fmt(b.ratio.cpuMsPerTurn)}; ${b.cpuMsPerTurn.median.toFixed(2)} ms/turn`, met: b.ratio.cpuMsPerTurn.median <= 1.5 });
    out.push({ target: `Throughput (b) vs echo, ${o.users} users`, limit: '≥ 0.5×', measured: `${fmt(b.ratio.turnsPerSec)}; ${b.turnsPerSec.median.toFixed(0)} turns/s`, met: b.ratio.turnsPerSec.median >= 0.5 });
    out.push({ target: `p99 turn latency (b) vs echo, ${o.users} users`, limit: '≤ 1.3×', measured: `${fmt(b.ratio.p99)}; ${b.p99.median.toFixed(1)} ms`, met: b.ratio.p99.median <= 1.3 });
  }
  const c = summary.find((s) => s.key === 'inline-full');
  if (c && summary.some((s) => s.key === 'echo')) {
    out.push({ target: 'CPU per inline schedule turn, full path (c) vs echo', limit: '≤ 2.5×', measured: `${fmt(c.ratio.cpuMsPerTurn)}; ${c.cpuMsPerTurn.median.toFixed(2)} ms/turn`, met: c.ratio.cpuMsPerTurn.median <= 2.5 });
    out.push({ target: `p99 turn latency (c) vs echo, ${o.users} users`, limit: '≤ 2.5×', measured: `${fmt(c.ratio.p99)}; ${c.p99.median.toFixed(1)} ms`, met: c.ratio.p99.median <= 2.5 });
  }
  const firstHelp = cold.filter((c) => c.case === 'meeting-sandbox-help');
  const echoCold = cold.filter((c) => c.case === 'echo');
  if (firstHelp.length && echoCold.length) {
    const s = spread(firstHelp.map((c) => c.spawnToAnswerMs));
    const echo = spread(echoCold.map((c) => c.spawnToAnswerMs));
    const ratio = s.median / echo.median;
    out.push({ target: 'Cold start: spawn → first answered turn (help, sandbox) vs the echo bot, medians', limit: '≤ 1.3×', measured: `${ratio.toFixed(2)}×: ${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}, n=${firstHelp.length}) vs echo ${echo.median.toFixed(0)} ms`, met: ratio <= 1.3 });
  }
  if (memory) {
    const limitMb = (60 * memory.dialogs) / 10_000;
    // RSS after GC can end up below the "before" reading (V8 gives back more pages after a big heap), so the
    // larger of the RSS and heapUsed growth is what counts as retained.
    const retainedMb = Math.max(memory.rssGrowthMb, memory.heapUsedGrowthMb);
    out.push({ target: `${memory.dialogs} open dialogs: extra memory retained after full GC (larger of RSS and V8 heapUsed growth)`, limit: `≤ ${limitMb} MB`, measured: `${retainedMb.toFixed(1)} MB (RSS ${memory.rssGrowthMb >= 0 ? '+' : ''}${memory.rssGrowthMb.toFixed(1)} MB, heapUsed +${memory.heapUsedGrowthMb.toFixed(1)} MB)`, met: retainedMb <= limitMb });
    out.push({ target: `${memory.dialogs} open dialogs: extra RSS as the load left it (no forced GC)`, limit: `≤ ${limitMb} MB`, measured: `${memory.rssGrowthRawMb.toFixed(1)} MB`, met: memory.rssGrowthRawMb <= limitMb });
    out.push({ target: `${memory.dialogs} open dialogs: extra RSS ${memory.idleSeconds} s after the load (no forced GC)`, limit: `≤ ${limitMb} MB`, measured: `${memory.rssGrowthIdleMb.toFixed(1)} MB`, met: memory.rssGrowthIdleMb <= limitMb });
    out.push({ target: 'Serialized state per open dialog', limit: '≤ 2048 B', measured: `${memory.stateBytesPerDialog.mean.toFixed(0)} B mean, ${memory.stateBytesPerDialog.max} B max`, met: memory.stateBytesPerDialog.max <= 2048 });
  }
  for (const key of ['inline-full', 'inline-full-latency', 'form-full'] as ScenarioKey[]) {
    const s = summary.find((x) => x.key === key);
    if (!s?.calls) continue;
    // The online meeting and its Outlook event (CALENDAR_EVENTS=invite, the default): two, never a retry more.
    out.push({ target: `HTTP calls per meeting, cached token (${key}): Graph (meeting + Outlook event)`, limit: '= 2', measured: `${s.calls.graphPerMeeting.toFixed(3)} (${s.calls.meetings} meetings)`, met: Math.abs(s.calls.graphPerMeeting - 2) < 1e-9 });
    out.push({ target: `HTTP calls per meeting, cached token (${key}): token service`, limit: '≤ 1', measured: `${s.calls.tokenServicePerMeeting.toFixed(3)}`, met: s.calls.tokenServicePerMeeting <= 1 });
  }
  return out;
}

// ---- main ---------------------------------------------------------------------------------------------

/** `--render FILE.json`: recompute the targets of a finished run and rewrite its markdown (after changing the report). */
function render(file: string): void {
  const json = path.resolve(REPO_ROOT, file);
  const r = JSON.parse(fs.readFileSync(json, 'utf8')) as Record<string, any>;
  r.targets = checkTargets(r.summary, r.coldStart?.runs ?? [], r.openDialogs, { ...r.options, skip: new Set(r.options.skip) });
  fs.writeFileSync(json, JSON.stringify(r, null, 2) + '\n');
  fs.writeFileSync(json.replace(/\.json$/, '') + '.md', renderMarkdown(r));
}

async function main(): Promise<void> {
  const renderAt = process.argv.indexOf('--render');
  if (renderAt > 0) return render(process.argv[renderAt + 1] ?? 'bench/results/latest.json');
  const o = parseArgs(process.argv.slice(2));
  const started = new Date();
  const mach = machine();
  console.log(`Meeting Bot benchmark${o.smoke ? ' (smoke)' : ''}: ${mach.nproc} cores ${mach.cpuModel}, node ${mach.node}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`  ${o.users} users, ${o.warmupS} s warm-up + ${o.durationS} s window per run, ${o.reps} repetition(s)`);
  const all = scenarios(o.graphLatencyMs);
  // Per repetition: echo first and again halfway, so every scenario has a baseline from minutes around it.
  const scenarioOrder: ScenarioKey[] = ['inline-sandbox', 'help', 'inline-zh', 'inline-full', 'form-sandbox', 'inline-full-latency'];
  const wanted = (k: ScenarioKey): boolean => !o.only || o.only.includes(k);
  // Every bot of this run starts from one copy of the build: others may rebuild dist/ meanwhile.
  const snapshot = snapshotBuild();
  mach.distSrcSha256 = snapshot.srcSha256;
  const stands = new BenchStandIns();
  await stands.start();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-bench-run-'));
  const runs: RunRecord[] = [];
  const cold: ColdRecord[] = [];
  let memory: Record<string, any> | undefined;
  let callsCheck: RunRecord | undefined;
  let failed = false;
  try {
    for (const entry of [MEETING_BOT_ENTRY, ECHO_BOT_ENTRY, 'dist/bench/state-probe.js']) {
      if (!fs.existsSync(built(entry))) throw new Error(`${entry} is missing: run npx tsc -p tsconfig.json first`);
    }
    // Echo brackets every scenario run: echo, 2 scenarios, echo, 3 scenarios, [next repetition's] echo, …, echo.
    // The scenario order rotates between repetitions so none always runs in the same slot.
    let seq = 0;
    const rest = scenarioOrder.filter(wanted);
    for (let rep = 1; rep <= o.reps; rep++) {
      console.log(`repetition ${rep}/${o.reps}`);
      const rotated = [...rest.slice((rep - 1) % rest.length), ...rest.slice(0, (rep - 1) % rest.length)];
      const plan: ScenarioKey[] = ['echo', ...rotated.slice(0, 2), ...(rotated.length > 2 ? ['echo' as const, ...rotated.slice(2)] : [])];
      for (const key of plan) runs.push(await loadRun(all[key], stands, o, rep, seq++));
    }
    runs.push(await loadRun(all.echo, stands, o, o.reps, seq++));

    if (!o.skip.has('calls')) {
      console.log('calls per meeting on the full form path (cached token)');
      callsCheck = await loadRun(all['form-full'], stands, { ...o, durationS: Math.min(3, o.durationS), warmupS: 0.5, users: Math.min(5, o.users) }, 0, 0);
    }

    if (!o.skip.has('cold')) {
      console.log('cold start (spawn → first answered turn)');
      const isHelp = (c: RecordedCall): boolean => JSON.stringify(c.activity ?? {}).includes('schedule <subject>');
      const isJoin = (c: RecordedCall): boolean => JSON.stringify(c.activity ?? {}).includes('Action.OpenUrl');
      const cases: Array<[string, Scenario, string, (c: any) => boolean]> = [
        ['echo', all.echo, 'hello', (c) => typeof c.activity?.text === 'string' && c.activity.text.startsWith('Echo:')],
        ['meeting-sandbox-help', all.help, 'help', isHelp],
        ['meeting-sandbox-inline', all['inline-sandbox'], INLINE_COMMAND, isJoin],
        ['meeting-full-inline', all['inline-full'], INLINE_COMMAND, isJoin],
      ];
      for (let rep = 0; rep < o.coldReps; rep++) {
        // The order rotates per repetition, as the load runs' does: a start right after another process's exit
        // was measured slower, and no case should always be the one in that place.
        const order = cases.map((_, i) => cases[(i + rep) % cases.length]!);
        for (const [name, s, text, expect] of order) {
          const r = await coldStart(name, s, text, stands, expect);
          cold.push(r);
          console.log(`  ${name.padEnd(24)} spawn→listening ${r.spawnToListenMs.toFixed(0)} ms, spawn→answered ${r.spawnToAnswerMs.toFixed(0)} ms (first turn ${r.firstTurnMs.toFixed(0)} ms)`);
        }
      }
    }

    if (!o.skip.has('memory') && o.dialogs > 0) {
      console.log(`memory with ${o.dialogs} open dialogs (MemoryStorage, sandbox)`);
      memory = await openDialogs(stands, o, tmpDir);
    }
  } catch (err) {
    failed = true;
    console.error((err as Error).stack ?? String(err));
  } finally {
    await stands.stop();
    destroyAgent();
    fs.rmSync(tmpDir, { recursive: true, force: true });
    removeSnapshot();
  }

  const summaryRuns = callsCheck ? [...runs, callsCheck] : runs;
  const summary = aggregate(all, summaryRuns);
  const targets = checkTargets(summary, cold, memory, o);
  const coldSummary = Object.fromEntries(
    [...new Set(cold.map((c) => c.case))].map((name) => {
      const mine = cold.filter((c) => c.case === name);
      return [name, { spawnToAnswerMs: spread(mine.map((c) => c.spawnToAnswerMs)), spawnToListenMs: spread(mine.map((c) => c.spawnToListenMs)), firstTurnMs: spread(mine.map((c) => c.firstTurnMs)) }];
    }),
  );
  const result = {
    kind: o.smoke ? 'smoke' : 'full',
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { ...mach, loadavgAtEnd: os.loadavg() },
    options: { ...o, skip: [...o.skip] },
    summary,
    targets,
    coldStart: { runs: cold, summary: coldSummary },
    openDialogs: memory,
    runs,
    callsCheck,
  };
  const errorCount = summaryRuns.reduce((a, r) => a + r.errors.length, 0) + (memory?.errors ?? 0);
  const outJson = path.resolve(REPO_ROOT, o.out);
  fs.mkdirSync(path.dirname(outJson), { recursive: true });
  fs.writeFileSync(outJson, JSON.stringify(result, null, 2) + '\n');
  const outMd = outJson.replace(/\.json$/, '') + '.md';
  fs.writeFileSync(outMd, renderMarkdown(result));
  console.log(`\nwrote ${path.relative(REPO_ROOT, outJson)} and ${path.relative(REPO_ROOT, outMd)}`);
  for (const t of targets) console.log(`  ${t.met ? 'MET   ' : 'MISSED'} ${t.target}: ${t.measured} (target ${t.limit})`);
  if (failed || errorCount > 0) {
    console.error(`benchmark ${failed ? 'failed' : `saw ${errorCount} functional error(s)`}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
