// Spawns a bot (Meeting Bot or the echo baseline) as its own process, like test/support/bot-process.ts
// (clean environment: PATH, HOME, APP_ENV=test, PORT + the scenario's variables), but also takes extra
// node flags (--cpu-prof, a preload) and records when it was spawned, for cold-start timing.
// Also: readers for /proc/<pid>/stat (CPU) and /proc/<pid>/status (RSS).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../test/support/bot-process';
import { spawnNode } from '../test/support/child-process';

/** dist/bench -> repo root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
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

export interface SpawnedBot {
  pid: number;
  port: number;
  url: string;
  messagesUrl: string;
  /** performance.now() just before spawn(). */
  spawnedAt: number;
  logs(): string;
  /** Resolves once GET /healthz answers 200 (polls every `pollMs`). */
  ready(timeoutMs?: number): Promise<void>;
  /** SIGTERM, SIGKILL after 3 s; resolves when the process is gone. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  entry: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
  pollMs?: number;
}

export async function spawnBot(opts: SpawnOptions): Promise<SpawnedBot> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    APP_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...opts.env,
  };
  const spawnedAt = performance.now();
  const child = spawnNode(['--disable-warning=DEP0111', ...(opts.nodeArgs ?? []), built(opts.entry)], { cwd: REPO_ROOT, env, maxLogChars: 64_000 });
  const url = `http://127.0.0.1:${port}`;
  const pollMs = opts.pollMs ?? 20;

  const ready = async (timeoutMs = 20_000): Promise<void> => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (child.hasExited()) throw new Error(`bot exited (code ${await child.exited}) before /healthz answered. Output:\n${child.logs()}`);
      if (performance.now() > deadline) {
        await child.stop();
        throw new Error(`bot /healthz did not answer within ${timeoutMs} ms. Output:\n${child.logs()}`);
      }
      if ((await getStatus(`${url}/healthz`)) === 200) return;
      await sleep(pollMs);
    }
  };

  return { pid: child.pid, port, url, messagesUrl: `${url}/api/messages`, spawnedAt, logs: child.logs, ready, stop: child.stop, exited: child.exited };
}

function getStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// ---- /proc readers ----------------------------------------------------------

/** Clock ticks per second for /proc/<pid>/stat (getconf CLK_TCK; 100 on Linux x86-64/arm64). */
export const CLK_TCK = 100;

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
