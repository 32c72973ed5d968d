// Runs Microsoft 365 Agents Playground (the offline Teams-like client) as a child process on loopback.
import path from 'node:path';
import { REPO_ROOT } from './bot-process';
import { spawnNode } from './child-process';

const PLAYGROUND_CLI = path.join(REPO_ROOT, 'node_modules', '.bin', 'agentsplayground');
/** `node -r` preload: a listen() without a host binds 127.0.0.1 (the Playground has no host option). */
const LOOPBACK_PRELOAD = path.join(REPO_ROOT, 'scripts', 'loopback-listen.cjs');
export const DEFAULT_PLAYGROUND_PORT = 56150;

export interface PlaygroundProcess {
  /** http://localhost:PORT — the page to open. */
  url: string;
  port: number;
  pid: number;
  logs(): string;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the process is gone. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botMessagesUrl: string;
  /** Requested port; the Playground silently moves to a random one when it is busy. */
  port?: number;
  /** Where .m365agentsplayground.yml is read from (and devTools/ is written). */
  cwd?: string;
  /** Environment for the child (defaults to PATH and HOME only), merged with the no-browser/no-telemetry variables. */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Called with every chunk the Playground writes (stdout and stderr). */
  onOutput?: (chunk: string) => void;
}

export async function startPlayground(opts: PlaygroundOptions): Promise<PlaygroundProcess> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const env: Record<string, string> = {
    ...(opts.env ?? { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' }),
    // Don't open a browser; don't phone home (without the second it still probes Azure metadata and a telemetry host).
    TEAMSAPPTESTER_BROWSER: 'none',
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  };
  const args = [
    '-r',
    LOOPBACK_PRELOAD,
    PLAYGROUND_CLI,
    '-e',
    opts.botMessagesUrl,
    '-c',
    'msteams',
    '-p',
    String(opts.port ?? DEFAULT_PLAYGROUND_PORT),
    '--disable-telemetry',
  ];
  let onListening: ((port: number) => void) | undefined;
  const child = spawnNode(args, {
    cwd: opts.cwd ?? REPO_ROOT,
    env,
    onOutput: (text) => {
      opts.onOutput?.(text);
      const m = /Listening on (\d+)/.exec(child.logs());
      if (m && onListening) {
        onListening(Number(m[1]));
        onListening = undefined;
      }
    },
  });
  const { exited, stop } = child;

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Agents Playground printed no "Listening on <port>" within ${timeoutMs} ms. Output:\n${child.logs()}`));
    }, timeoutMs);
    onListening = (p) => {
      clearTimeout(timer);
      resolve(p);
    };
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Agents Playground exited (code ${code}) before listening. Output:\n${child.logs()}`));
    });
  }).catch(async (err: Error) => {
    await stop();
    throw err;
  });

  // The port is open once it says so; make sure the page and its config really answer.
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/_internal/v1/config`, { signal: AbortSignal.timeout(2000) });
      const body = await res.text();
      if (res.ok) break;
      if (Date.now() > deadline) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)}`);
    } catch (err) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`Agents Playground on port ${port} did not serve its config: ${(err as Error).message}. Output:\n${child.logs()}`);
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return { url, port, pid: child.pid, logs: child.logs, stop, exited };
}
