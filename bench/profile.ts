// CPU profile of the bot under the benchmark load: `node --cpu-prof` on the bot process, then a summary of
// where the time goes (self and inclusive, by function and by package/file), skipping start-up and warm-up.
//   node dist/bench/profile.js [--scenario inline-sandbox,echo] [--duration 10] [--warmup 3] [--users 20]
// Writes test-results/profiles/<scenario>.cpuprofile (open in Chrome DevTools) and bench/results/profile-<scenario>.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '../support/bot-process';
import { ECHO_BOT_ENTRY, MEETING_BOT_ENTRY, built, removeSnapshot, sleep, snapshotBuild, spawnBot } from './bot-proc';
import { BenchStandIns, clearTemplates, destroyAgent, makeUsers, postJson, userMessage } from './harness';
import { metricsOf, runLoad, scenarios, type ScenarioKey } from './load';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function moduleOf(url: string): string {
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return url.replace(/^node:/, 'node:').split('/')[0]!.replace(/^(node:internal).*/, '$1');
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + '/dist/'.length).replace(/\.js$/, '.ts');
  return url.replace(/^file:\/\//, '');
}

function frameName(f: CallFrame): string {
  const fn = f.functionName || '(anonymous)';
  if (!f.url) return fn;
  return `${fn} — ${moduleOf(f.url)}${f.url.includes('/node_modules/') ? '/' + f.url.split('/').slice(-1)[0] : ''}:${f.lineNumber + 1}`;
}

export function summarizeProfile(p: CpuProfile, skipUs: number, top = 30): { totalMs: number; self: [string, number][]; inclusive: [string, number][]; modules: [string, number][]; modulesInclusive: [string, number][] } {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of p.nodes) {
    byId.set(node.id, node);
    for (const c of node.children ?? []) parent.set(c, node.id);
  }
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  const mods = new Map<string, number>();
  const modsIncl = new Map<string, number>();
  let t = p.startTime;
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]!;
    // The delta before the next sample is this sample's weight.
    const weight = p.timeDeltas[i + 1] ?? 0;
    if (t - p.startTime < skipUs) continue;
    const node = byId.get(p.samples[i]!)!;
    const name = frameName(node.callFrame);
    if (name === '(idle)') continue;
    total += weight;
    self.set(name, (self.get(name) ?? 0) + weight);
    const mod = node.callFrame.url ? moduleOf(node.callFrame.url) : name;
    mods.set(mod, (mods.get(mod) ?? 0) + weight);
    const seen = new Set<string>();
    const seenMods = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      const n = frameName(f);
      if (!seen.has(n)) {
        seen.add(n);
        incl.set(n, (incl.get(n) ?? 0) + weight);
      }
      const m = f.url ? moduleOf(f.url) : undefined;
      if (m && !seenMods.has(m)) {
        seenMods.add(m);
        modsIncl.set(m, (modsIncl.get(m) ?? 0) + weight);
      }
    }
  }
  const sorted = (m: Map<string, number>): [string, number][] => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs: total / 1000, self: sorted(self), inclusive: sorted(incl), modules: sorted(mods), modulesInclusive: sorted(modsIncl) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const get = (name: string, dflt: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
  };
  if (args.includes('--cold')) return coldProfile(get('--cold-text', 'help'), Number(get('--reps', '3')));
  const keys = get('--scenario', 'inline-sandbox,echo').split(',') as ScenarioKey[];
  const durationMs = Number(get('--duration', '10')) * 1000;
  const warmupMs = Number(get('--warmup', '3')) * 1000;
  const userCount = Number(get('--users', '20'));
  const all = scenarios(Number(get('--graph-latency', '50')));
  // --experiments a,b: profile the bot with bench/experiments.ts fixes applied (file names get a suffix).
  const experiments = get('--experiments', '');
  const suffix = experiments ? `-with-${experiments.replace(/,/g, '+')}` : '';
  snapshotBuild();
  const stands = new BenchStandIns();
  await stands.start();
  const rawDir = path.join(REPO_ROOT, 'test-results', 'profiles');
  fs.mkdirSync(rawDir, { recursive: true });
  try {
    for (const key of keys) {
      const s = all[key];
      if (!s) throw new Error(`unknown scenario ${key}`);
      stands.resetCounts();
      clearTemplates();
      stands.graph.latencyMs = s.graphLatencyMs;
      const users = makeUsers(userCount, `P${key.length}${Date.now() % 100000}`);
      if (s.bot === 'meeting' && s.mode === 'full') stands.signIn(users);
      const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-prof-'));
      const env = s.bot === 'echo' ? {} : s.mode === 'full' ? stands.fullPathEnv() : { SANDBOX: 'true' };
      const bot = await spawnBot({
        entry: s.bot === 'echo' ? ECHO_BOT_ENTRY : MEETING_BOT_ENTRY,
        env: { ...env, ...(experiments ? { BENCH_EXPERIMENTS: experiments } : {}) },
        nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=250', ...(experiments ? ['-r', built('dist/bench/experiments.js')] : [])],
      });
      await bot.ready();
      const readyMs = performance.now() - bot.spawnedAt;
      const r = await runLoad(s, bot, stands, { users, warmupMs, durationMs, timeoutMs: 15_000 }, () => os.loadavg()[0]!);
      await bot.stop();
      const m = metricsOf(s, r);
      const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`no .cpuprofile written for ${key}`);
      const raw = path.join(rawDir, `${key}${suffix}.cpuprofile`);
      fs.copyFileSync(path.join(profDir, file), raw);
      fs.rmSync(profDir, { recursive: true, force: true });
      const prof = JSON.parse(fs.readFileSync(raw, 'utf8')) as CpuProfile;
      // Skip start-up and warm-up: samples in the first (ready + warm-up) ms of the profile.
      const sum = summarizeProfile(prof, (readyMs + warmupMs) * 1000);
      const turns = r.samples.filter((x) => x.at >= r.start.at).length;
      const pct = (v: number): string => ((100 * v) / 1000 / sum.totalMs).toFixed(1);
      const perTurn = (v: number): string => (v / 1000 / Math.max(1, turns)).toFixed(3);
      const lines: string[] = [];
      lines.push(`# CPU profile: ${s.label}${experiments ? ` — with bench/experiments.ts: ${experiments}` : ''}`);
      lines.push('');
      lines.push(
        `${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join('/')}. ` +
          `${userCount} users, ${warmupMs / 1000} s warm-up (excluded) + ${durationMs / 1000} s. Profiled run: ${m.turnsPerSec.toFixed(0)} turns/s, ` +
          `${m.cpuMsPerTurn.toFixed(2)} ms CPU/turn (/proc), p99 ${m.latency.p99.toFixed(1)} ms, errors ${r.errors.length}. ` +
          `Sampled (non-idle) time after warm-up: ${sum.totalMs.toFixed(0)} ms over ${turns} turns (${(sum.totalMs / Math.max(1, turns)).toFixed(2)} ms/turn; sampling adds overhead). ` +
          `Raw profile: test-results/profiles/${key}${suffix}.cpuprofile (not committed).`,
      );
      lines.push('');
      const table = (title: string, rows: [string, number][]): void => {
        lines.push(`## ${title}`);
        lines.push('');
        lines.push('| | % of busy time | ms per turn |');
        lines.push('|---|---|---|');
        for (const [name, us] of rows) lines.push(`| ${name.replace(/\|/g, '\\|')} | ${pct(us)} | ${perTurn(us)} |`);
        lines.push('');
      };
      table('By package / file, inclusive (time with any of its functions on the stack)', sum.modulesInclusive.slice(0, 25));
      table('By package / file, self time', sum.modules.slice(0, 20));
      table('Functions, inclusive', sum.inclusive.slice(0, 40));
      table('Functions, self time', sum.self.slice(0, 30));
      const md = path.join(REPO_ROOT, 'bench', 'results', `profile-${key}${suffix}.md`);
      fs.mkdirSync(path.dirname(md), { recursive: true });
      fs.writeFileSync(md, lines.join('\n'));
      console.log(`${key}: ${m.turnsPerSec.toFixed(0)} turns/s, ${m.cpuMsPerTurn.toFixed(2)} ms CPU/turn → ${path.relative(REPO_ROOT, md)}`);
      console.log('  top inclusive modules: ' + sum.modulesInclusive.slice(0, 12).map(([n, us]) => `${n} ${pct(us)}%`).join(', '));
      console.log('  top self functions:    ' + sum.self.slice(0, 12).map(([n, us]) => `${n} ${pct(us)}%`).join(', '));
    }
  } finally {
    await stands.stop();
    destroyAgent();
    removeSnapshot();
  }
}

/** Profiles start-up: spawn → first answered `text` turn (sandbox), `reps` times; one summary over all reps. */
async function coldProfile(text: string, reps: number): Promise<void> {
  snapshotBuild();
  const stands = new BenchStandIns();
  await stands.start();
  const rawDir = path.join(REPO_ROOT, 'test-results', 'profiles');
  fs.mkdirSync(rawDir, { recursive: true });
  const merged: { self: Map<string, number>; mods: Map<string, number>; modsIncl: Map<string, number>; total: number } = { self: new Map(), mods: new Map(), modsIncl: new Map(), total: 0 };
  const times: number[] = [];
  try {
    for (let i = 0; i < reps; i++) {
      const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-prof-'));
      const [user] = makeUsers(1, `PC${i}${Date.now() % 100000}`);
      const bot = await spawnBot({ entry: MEETING_BOT_ENTRY, env: { SANDBOX: 'true' }, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=250'] });
      const activity = userMessage(stands.serviceUrl, user!, text);
      const answer = stands.answerTo(activity, 20_000);
      for (let tries = 0; ; tries++) {
        try {
          await postJson(bot.messagesUrl, activity, 20_000);
          break;
        } catch (err) {
          if (tries > 4000) throw err;
          await sleep(5);
        }
      }
      await answer;
      times.push(performance.now() - bot.spawnedAt);
      await bot.stop();
      const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!;
      fs.copyFileSync(path.join(profDir, file), path.join(rawDir, `cold-${i}.cpuprofile`));
      const prof = JSON.parse(fs.readFileSync(path.join(profDir, file), 'utf8')) as CpuProfile;
      fs.rmSync(profDir, { recursive: true, force: true });
      const sum = summarizeProfile(prof, 0, 1000);
      merged.total += sum.totalMs;
      for (const [k, v] of sum.self) merged.self.set(k, (merged.self.get(k) ?? 0) + v / 1000);
      for (const [k, v] of sum.modules) merged.mods.set(k, (merged.mods.get(k) ?? 0) + v / 1000);
      for (const [k, v] of sum.modulesInclusive) merged.modsIncl.set(k, (merged.modsIncl.get(k) ?? 0) + v / 1000);
    }
  } finally {
    await stands.stop();
    destroyAgent();
    removeSnapshot();
  }
  const top = (m: Map<string, number>, k: number): string[] =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, ms]) => `| ${n.replace(/\|/g, '\\|')} | ${(ms / reps).toFixed(0)} | ${((100 * ms) / merged.total).toFixed(1)} |`);
  const lines = [
    `# CPU profile: cold start (spawn → first \`${text}\` answered, sandbox)`,
    '',
    `${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(1)).join('/')}. ${reps} runs; spawn → answered ${times.map((t) => t.toFixed(0)).join(', ')} ms. ` +
      `Busy (sampled) CPU per run: ${(merged.total / reps).toFixed(0)} ms. Raw: test-results/profiles/cold-*.cpuprofile.`,
    '',
    '## By package / file, self time (ms per start)',
    '',
    '| | ms | % |',
    '|---|---|---|',
    ...top(merged.mods, 30),
    '',
    '## By package / file, inclusive (includes the packages it requires while loading)',
    '',
    '| | ms | % |',
    '|---|---|---|',
    ...top(merged.modsIncl, 30),
    '',
    '## Functions, self time',
    '',
    '| | ms | % |',
    '|---|---|---|',
    ...top(merged.self, 25),
    '',
  ];
  const md = path.join(REPO_ROOT, 'bench', 'results', 'profile-cold-start.md');
  fs.writeFileSync(md, lines.join('\n'));
  console.log(`cold start ${times.map((t) => t.toFixed(0)).join(', ')} ms → ${path.relative(REPO_ROOT, md)}`);
  console.log(lines.slice(6, 26).join('\n'));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
