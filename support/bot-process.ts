// Runs a built bot (dist/src/index.js, or another entry such as the benchmark's echo bot) as a child process with a
// clean environment, the way it runs in production, and posts activities to it. The one launcher of the tests, the
// benchmark and `npm run playground`.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnNode } from './child-process';

export interface BotProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + /api/messages */
  messagesUrl: string;
  port: number;
  pid: number;
  /** performance.now() just before the process was spawned (cold-start timing). */
  spawnedAt: number;
  /** Everything the process wrote to stdout and stderr so far (interleaved; the tail with `maxLogChars`). */
  logs(): string;
  /** Resolves once GET /healthz answers 200 (or one of `healthStatuses`); rejects with the output when the process exits or `timeoutMs` passes. */
  ready(timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL at once (crash simulation). */
  kill9(): Promise<void>;
  /** Exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export interface BotOptions {
  /** Working directory of the process (default: the repository root). */
  cwd?: string;
  /** The script to run, relative to `cwd` or absolute (default dist/src/index.js). */
  entry?: string;
  /** Node flags before the entry (--cpu-prof, -r preload…). */
  nodeArgs?: string[];
  /** Keep only about this many characters of output (default: all of it). */
  maxLogChars?: number;
  /** startBot(): how long /healthz may take to answer (default 20 s). */
  timeoutMs?: number;
  /** How often /healthz is polled (default 100 ms). */
  pollMs?: number;
  /** /healthz answers that count as started (default 200). */
  healthStatuses?: number[];
  /** The Node executable (default: the one running the tests). */
  nodePath?: string;
}

/** The repository root: the nearest folder above this file holding package.json (works from dist/support and support/). */
export const REPO_ROOT = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
})();

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `node [nodeArgs] <entry>` with only PATH, HOME, APP_ENV=test and PORT from here (the developer's shell env
 * must not leak in), merged with `env`, and returns at once: `ready()` waits for /healthz.
 */
export async function launchBot(env: Record<string, string>, opts: BotOptions = {}): Promise<BotProcess> {
  const port = await freePort();
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    APP_ENV: 'test',
    PORT: String(port),
    ...env,
  };
  const spawnedAt = performance.now();
  const child = spawnNode(['--disable-warning=DEP0111', ...(opts.nodeArgs ?? []), opts.entry ?? 'dist/src/index.js'], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: childEnv,
    maxLogChars: opts.maxLogChars,
    nodePath: opts.nodePath,
  });
  const url = `http://127.0.0.1:${port}`;
  const healthy = opts.healthStatuses ?? [200];

  const ready = async (timeoutMs = 20_000): Promise<void> => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (child.hasExited()) throw new Error(`bot exited (code ${await child.exited}) before /healthz answered. Output:\n${child.logs()}`);
      if (performance.now() > deadline) {
        await child.stop();
        throw new Error(`bot /healthz did not answer ${healthy.join(' or ')} within ${timeoutMs} ms. Output:\n${child.logs()}`);
      }
      if (healthy.includes(await getStatus(`${url}/healthz`))) return;
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 100));
    }
  };

  return { url, messagesUrl: `${url}/api/messages`, port, pid: child.pid, spawnedAt, logs: child.logs, ready, stop: child.stop, kill9: child.kill9, exited: child.exited };
}

/** launchBot(), then waits until /healthz answers; rejects with the output otherwise. */
export async function startBot(env: Record<string, string>, opts: BotOptions = {}): Promise<BotProcess> {
  const bot = await launchBot(env, opts);
  await bot.ready(opts.timeoutMs);
  return bot;
}

/** The status of a GET (0 when nothing answered within a second). */
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

/** POST an activity as JSON, like the channel does. Body is parsed JSON when possible, else text ('' when empty). */
export async function postActivity(
  messagesUrl: string,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(messagesUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown = text;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, body, headers: res.headers };
}
