// Runs the Azure CLI as a child process — never through a shell, so no argument is ever re-parsed — with JSON output.
import { spawn } from 'node:child_process';

/** A failed az command: `message` is one line (az's own ERROR line when it printed one). */
export class AzError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'AzError';
  }

  /** az's answer for "no such object" (exit code 3, or the not-found wording of Graph and ARM). */
  get notFound(): boolean {
    return this.exitCode === 3 || /does not exist|doesn't exist|could not be found|ResourceNotFound|ResourceGroupNotFound/i.test(this.stderr);
  }
}

/** az is not installed (or not on PATH). */
export class AzMissingError extends Error {
  constructor() {
    super('the Azure CLI (az) is not installed or not on PATH: install it from https://aka.ms/azure-cli, then run `az login`');
    this.name = 'AzMissingError';
  }
}

export interface Az {
  /** Runs `az <args> --output json --only-show-errors` and parses stdout (null when az printed nothing). */
  json<T>(args: string[]): Promise<T>;
  /** Like json(), but a not-found answer is null instead of an error. */
  find<T>(args: string[]): Promise<T | null>;
}

/** The first line az wrote that says what went wrong ("ERROR: …"), else the last non-empty line. */
function errorLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => l.startsWith('ERROR:')) ?? lines.at(-1) ?? '';
  return line.replace(/^ERROR:\s*/, '');
}

export function azCli(command = 'az'): Az {
  const run = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(command, [...args, '--output', 'json', '--only-show-errors'], { shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new AzMissingError() : e));
      child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    });

  const json = async <T>(args: string[]): Promise<T> => {
    const { code, stdout, stderr } = await run(args);
    if (code !== 0) {
      // Only the command words, never option values: a value may be a file path or an id, not worth echoing.
      const words = args.filter((a, i) => !a.startsWith('-') && (i === 0 || !args[i - 1].startsWith('-'))).join(' ');
      throw new AzError(`az ${words} failed: ${errorLine(stderr) || `exit code ${code}`}`, code, stderr);
    }
    const text = stdout.trim();
    if (!text) return null as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AzError(`az ${args.slice(0, 3).join(' ')} printed something that is not JSON`, code, stderr);
    }
  };

  return {
    json,
    find: async <T>(args: string[]): Promise<T | null> => {
      try {
        return await json<T>(args);
      } catch (e) {
        if (e instanceof AzError && e.notFound) return null;
        throw e;
      }
    },
  };
}
