// Runs the real bot (compiled dist/src/index.js) as a child process with a
// clean environment, the way it runs in production, and posts activities to it.
import net from 'node:net';
import path from 'node:path';
import { spawnNode } from './child-process';

export interface BotProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + /api/messages */
  messagesUrl: string;
  pid: number;
  /** Everything the process wrote to stdout and stderr so far (interleaved). */
  logs(): string;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL at once (crash simulation). */
  kill9(): Promise<void>;
  /** Exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** dist/test/support -> repo root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

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
 * Spawn `node dist/src/index.js` with only PATH, HOME, APP_ENV=test and PORT
 * from here (the developer's shell env must not leak in), merged with `env`.
 * Resolves when GET /healthz answers 200 (or one of `healthStatuses`); rejects with the output otherwise.
 */
export async function startBot(
  env: Record<string, string>,
  opts: { cwd?: string; timeoutMs?: number; entry?: string; /** /healthz answers that count as started (default 200). */ healthStatuses?: number[] } = {},
): Promise<BotProcess> {
  const cwd = opts.cwd ?? REPO_ROOT;
  const port = await freePort();
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    APP_ENV: 'test',
    PORT: String(port),
    ...env,
  };
  const child = spawnNode(['--disable-warning=DEP0111', opts.entry ?? 'dist/src/index.js'], { cwd, env: childEnv });
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    if (child.hasExited()) {
      throw new Error(`bot exited (code ${await child.exited}) before /healthz answered. Output:\n${child.logs()}`);
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`bot /healthz did not answer 200 within ${opts.timeoutMs ?? 20_000} ms. Output:\n${child.logs()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if ((opts.healthStatuses ?? [200]).includes(res.status)) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    messagesUrl: `${url}/api/messages`,
    pid: child.pid,
    logs: child.logs,
    stop: child.stop,
    kill9: child.kill9,
    exited: child.exited,
  };
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
