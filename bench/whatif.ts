// Measures proposed fixes before they are made: the same load / cold-start runs as the benchmark, with the
// bot preloaded with bench/experiments.ts (which emulates each fix from outside src/). Interleaved with the
// unmodified bot and the echo baseline in every repetition.
//   node dist/bench/whatif.js [--scenario inline-sandbox] [--variants "zone-cache;template-cache;no-typing;zone-cache,template-cache,no-typing"]
//        [--cold-variants "lazy-blobs;dialogs-deep;lazy-blobs,dialogs-deep,template-cache"] [--reps 3] [--duration 8] [--users 20] [--cold-reps 3]
//        [--mem-variants "template-cache,zone-cache;--max-old-space-size=160" --dialogs 10000]  (a variant starting with -- is a node flag, entry:<file> another build of the bot)
// Writes bench/results/whatif.{json,md}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/bot-process';
import { built, removeSnapshot, snapshotBuild } from './bot-proc';
import { BenchStandIns, destroyAgent } from './harness';
import { scenarios, type ScenarioKey } from './load';
import { coldStart, loadRun, openDialogs, type BotExtras, type ColdRecord, type RunRecord } from './runs';
import { spread } from './stats';

function extrasFor(variant: string): BotExtras {
  if (variant === 'base') return {};
  // "entry:<file>": another build of the bot, e.g. an esbuild bundle of dist/src/index.js.
  if (variant.startsWith('entry:')) return { entry: path.resolve(REPO_ROOT, variant.slice('entry:'.length)) };
  if (variant.startsWith('--')) return { nodeArgs: variant.split(' ') };
  return { nodeArgs: ['-r', built('dist/bench/experiments.js')], env: { BENCH_EXPERIMENTS: variant } };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const get = (name: string, dflt: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : dflt;
  };
  const key = get('--scenario', 'inline-sandbox') as ScenarioKey;
  const variants = ['base', ...get('--variants', 'zone-cache;template-cache;no-typing;zone-cache,template-cache,no-typing').split(';').filter(Boolean)];
  const coldVariants = ['base', ...get('--cold-variants', 'lazy-blobs;dialogs-deep;lazy-blobs,dialogs-deep,template-cache').split(';').filter(Boolean)];
  const memVariants = get('--mem-variants', '').split(';').filter(Boolean);
  const dialogs = Number(get('--dialogs', '10000'));
  const reps = Number(get('--reps', '3'));
  const coldReps = Number(get('--cold-reps', '3'));
  const o = { users: Number(get('--users', '20')), warmupS: Number(get('--warmup', '3')), durationS: Number(get('--duration', '8')) };
  const all = scenarios(50);
  snapshotBuild();
  const stands = new BenchStandIns();
  await stands.start();
  const runs: Array<RunRecord & { variant: string }> = [];
  const cold: Array<ColdRecord & { variant: string }> = [];
  const memory: Array<Record<string, any>> = [];
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-whatif-'));
  try {
    if (variants.length > 1) {
      for (let rep = 1; rep <= reps; rep++) {
        console.log(`repetition ${rep}/${reps}`);
        runs.push({ ...(await loadRun(all.echo, stands, o, rep, 0, {}, 'echo')), variant: 'echo' });
        // Rotate so no variant always runs right after echo.
        const order = variants.map((_, i) => variants[(i + rep - 1) % variants.length]!);
        for (const v of order) runs.push({ ...(await loadRun(all[key], stands, o, rep, 1, extrasFor(v), v)), variant: v });
      }
    }
    if (coldVariants.length > 1) {
      console.log('cold start (spawn → first help answered, sandbox)');
      const isHelp = (c: { activity?: Record<string, any> }): boolean => JSON.stringify(c.activity ?? {}).includes('schedule <subject>');
      for (let rep = 0; rep < coldReps; rep++) {
        for (const v of coldVariants) {
          const r = await coldStart('meeting-sandbox-help', all.help, 'help', stands, isHelp, extrasFor(v));
          cold.push({ ...r, variant: v });
          console.log(`  ${v.padEnd(44)} spawn→listening ${r.spawnToListenMs.toFixed(0)} ms, spawn→answered ${r.spawnToAnswerMs.toFixed(0)} ms`);
        }
      }
    }
    if (memVariants.length) {
      console.log(`${dialogs} open dialogs`);
      for (const v of ['base', ...memVariants]) {
        const flags = extrasFor(v);
        memory.push({ variant: v, ...(await openDialogs(stands, { dialogs, users: o.users, idleS: 0 }, tmpDir, flags, `${v}: `)) });
      }
    }
  } finally {
    await stands.stop();
    destroyAgent();
    fs.rmSync(tmpDir, { recursive: true, force: true });
    removeSnapshot();
  }

  const lines: string[] = [];
  lines.push(`# What-if: proposed fixes emulated from outside src/ (bench/experiments.ts)`);
  lines.push('');
  lines.push(
    `${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join('/')} at end. ` +
      `Scenario ${all[key].label}; ${o.users} users, ${o.warmupS} s warm-up + ${o.durationS} s per run, ${reps} repetitions, each with its own echo run. Median (min–max) over repetitions.`,
  );
  lines.push('');
  if (runs.length) {
    lines.push('| Variant | turns/s | p99 ms | bot CPU ms/turn | CPU ÷ echo | turns/s ÷ echo | p99 ÷ echo | errors |');
    lines.push('|---|---|---|---|---|---|---|---|');
    const echoOf = (rep: number): RunRecord => runs.find((r) => r.variant === 'echo' && r.rep === rep)!;
    const f = (s: ReturnType<typeof spread>, d: number): string => (s.min === s.max ? s.median.toFixed(d) : `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`);
    for (const v of ['echo', ...variants]) {
      const mine = runs.filter((r) => r.variant === v);
      const ratio = (pick: (r: RunRecord) => number): string => f(spread(mine.map((r) => pick(r) / pick(echoOf(r.rep)))), 2) + '×';
      lines.push(
        `| ${v === 'base' ? 'unmodified bot' : v} | ${f(spread(mine.map((r) => r.metrics.turnsPerSec)), 0)} | ${f(spread(mine.map((r) => r.metrics.latency.p99)), 1)} | ` +
          `${f(spread(mine.map((r) => r.metrics.cpuMsPerTurn)), 2)} | ${v === 'echo' ? '1' : ratio((r) => r.metrics.cpuMsPerTurn)} | ${v === 'echo' ? '1' : ratio((r) => r.metrics.turnsPerSec)} | ` +
          `${v === 'echo' ? '1' : ratio((r) => r.metrics.latency.p99)} | ${mine.reduce((a, r) => a + r.errors.length, 0)} |`,
      );
    }
    lines.push('');
  }
  if (cold.length) {
    lines.push('Cold start, spawn → first `help` answered (sandbox):');
    lines.push('');
    lines.push('| Variant | spawn → listening ms | spawn → answered ms |');
    lines.push('|---|---|---|');
    for (const v of coldVariants) {
      const mine = cold.filter((c) => c.variant === v);
      const a = spread(mine.map((c) => c.spawnToListenMs));
      const b = spread(mine.map((c) => c.spawnToAnswerMs));
      lines.push(`| ${v === 'base' ? 'unmodified bot' : v} | ${a.median.toFixed(0)} (${a.min.toFixed(0)}–${a.max.toFixed(0)}) | ${b.median.toFixed(0)} (${b.min.toFixed(0)}–${b.max.toFixed(0)}) |`);
    }
    lines.push('');
  }
  if (memory.length) {
    lines.push(`${dialogs} open dialogs (sandbox, ${o.users} users at a time):`);
    lines.push('');
    lines.push('| Variant | extra RSS, no forced GC | extra RSS after full GC | heapUsed growth | peak RSS | state B/dialog |');
    lines.push('|---|---|---|---|---|---|');
    for (const m of memory) {
      lines.push(`| ${m.variant === 'base' ? 'unmodified bot' : m.variant} | ${m.rssGrowthRawMb.toFixed(1)} MB | ${m.rssGrowthMb.toFixed(1)} MB | ${m.heapUsedGrowthMb.toFixed(1)} MB | ${m.peakRssMb.toFixed(0)} MB | ${m.stateBytesPerDialog.mean.toFixed(0)} |`);
    }
    lines.push('');
  }
  const out = path.join(REPO_ROOT, get('--out', 'bench/results/whatif.json'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), key, variants, coldVariants, memVariants, options: o, runs, cold, memory }, null, 2) + '\n');
  fs.writeFileSync(out.replace(/\.json$/, '.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
