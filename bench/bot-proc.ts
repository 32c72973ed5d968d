// The benchmark's bots (Meeting Bot or the echo baseline), started by support/bot-process.ts from a private copy of
// the build (see snapshotBuild), with the benchmark's settings: HOST=127.0.0.1, extra node flags (--cpu-prof, a
// preload), a capped log and a tight /healthz poll for cold-start timing.
// Also: readers for /proc/<pid>/stat (CPU) and /proc/<pid>/status (RSS).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, launchBot, type BotProcess } from '../support/bot-process';

export const MEETING_BOT_ENTRY = 'dist/src/index.js';
export const ECHO_BOT_ENTRY = 'dist/bench/echo-bot.js';

// Other people rebuild dist/ while a benchmark runs; bots are started from a private copy made at the start.
let buildRoot = REPO_ROOT;

/** Absolute path of a built file (in the snapshot once snapshotBuild() ran). */
export function built(rel: string): string {
  return path.isAbsolute(rel) ? rel : path.join(buildRoot, rel);
}

/**
 * Copies dist/src and dist/bench to test-results/bench-build/<pid>/ (inside the repo, so node_modules still
 * resolve) and starts every bot from there. Returns a hash of the copied dist/src, for the record.
 */
export function snapshotBuild(): { dir: string; srcSha256: string } {
  const dir = path.join(REPO_ROOT, 'test-results', 'bench-build', String(process.pid));
  fs.rmSync(dir, { recursive: true, force: true });
  for (const sub of ['dist/src', 'dist/bench']) {
    const from = path.join(REPO_ROOT, sub);
    if (!fs.existsSync(from)) throw new Error(`${sub} is missing: run npx tsc -p tsconfig.json first`);
    fs.cpSync(from, path.join(dir, sub), { recursive: true });
  }
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of fs.readdirSync(d).sort()) {
      const f = path.join(d, name);
      if (fs.statSync(f).isDirectory()) walk(f);
      else if (name.endsWith('.js')) hash.update(name).update(fs.readFileSync(f));
    }
  };
  walk(path.join(dir, 'dist/src'));
  buildRoot = dir;
  return { dir, srcSha256: hash.digest('hex').slice(0, 16) };
}

export function removeSnapshot(): void {
  if (buildRoot === REPO_ROOT) return;
  fs.rmSync(buildRoot, { recursive: true, force: true });
  buildRoot = REPO_ROOT;
}

export interface SpawnOptions {
  entry: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}

/** Spawns the bot (from the snapshot once snapshotBuild() ran) and returns at once: `ready()` polls /healthz every 20 ms. */
export function spawnBot(opts: SpawnOptions): Promise<BotProcess> {
  return launchBot({ HOST: '127.0.0.1', ...opts.env }, { entry: built(opts.entry), nodeArgs: opts.nodeArgs, maxLogChars: 64_000, pollMs: 20 });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// ---- /proc readers ----------------------------------------------------------

/** Clock ticks per second for /proc/<pid>/stat (getconf CLK_TCK; 100 on Linux x86-64/arm64). */
const CLK_TCK = 100;

/** utime + stime of a process, in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: fields after the last ')' start at field 3 (state).
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[14 - 3]);
  const stime = Number(rest[15 - 3]);
  return utime + stime;
}

export function ticksToMs(ticks: number): number {
  return (ticks * 1000) / CLK_TCK;
}

/** A field of /proc/<pid>/status in kB (VmHWM = peak RSS, VmRSS = current RSS). */
export function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`${field} not found in /proc/${pid}/status`);
  return Number(m[1]);
}
