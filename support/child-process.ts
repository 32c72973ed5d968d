// A child Node process whose output is kept and which can always be stopped: what the bot launcher (bot-process.ts)
// and the Playground launcher (playground-process.ts) run their process in.
import { spawn } from 'node:child_process';

export interface NodeChild {
  pid: number;
  /** Everything the process wrote to stdout and stderr so far (interleaved; the tail when capped). */
  logs(): string;
  /** Exit code (null when killed by a signal or it could not start). */
  exited: Promise<number | null>;
  /** True once the process is gone. */
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL at once (crash simulation). */
  kill9(): Promise<void>;
}

export interface SpawnNodeOptions {
  cwd: string;
  env: Record<string, string>;
  /** Keep only about this many characters of output (default: all of it). */
  maxLogChars?: number;
  /** Called with every chunk the process writes (stdout and stderr), after it is kept. */
  onOutput?: (chunk: string) => void;
  /** The Node executable (default: the one running this process); the production artifact test runs another version. */
  nodePath?: string;
}

export function spawnNode(args: string[], opts: SpawnNodeOptions): NodeChild {
  const child = spawn(opts.nodePath ?? process.execPath, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (c: Buffer): void => {
    const text = c.toString('utf8');
    output += text;
    if (opts.maxLogChars && output.length > opts.maxLogChars) output = output.slice(-Math.floor(opts.maxLogChars / 2));
    opts.onOutput?.(text);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  let gone = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      gone = true;
      resolve(code);
    });
    child.once('error', (err) => {
      output += `\n[spawn error] ${err.message}\n`;
      gone = true;
      resolve(null);
    });
  });

  return {
    pid: child.pid ?? -1,
    logs: () => output,
    exited,
    hasExited: () => gone,
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
    async kill9() {
      if (gone) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
