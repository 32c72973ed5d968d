// env/.env.<env> (ids, host names: may be committed) and env/.env.<env>.user (secrets: git-ignored, owner-only) —
// the Agents Toolkit's two files, read and updated in place so comments and the Toolkit's own keys stay as they are.
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';

export interface EnvFiles {
  /** env/.env.<env> */
  file: string;
  /** env/.env.<env>.user */
  userFile: string;
}

export const envFiles = (root: string, env: string): EnvFiles => ({
  file: path.join(root, 'env', `.env.${env}`),
  userFile: path.join(root, 'env', `.env.${env}.user`),
});

/** The file's variables (dotenv syntax), or none when it does not exist. */
export function readEnvValues(file: string): Record<string, string> {
  return fs.existsSync(file) ? dotenv.parse(fs.readFileSync(file)) : {};
}

/** A value as dotenv reads it back unchanged: bare when it is plain, else single-quoted (no escapes inside). */
function formatValue(value: string): string {
  if (/^[\w.~:/@+=,-]*$/.test(value)) return value;
  if (value.includes("'") || /[\r\n]/.test(value)) throw new Error(`cannot write a value with a quote or a line break to an env file`);
  return `'${value}'`;
}

/**
 * Sets `values` in the env file: an existing `KEY=` line is rewritten where it is, a new key is appended; every other
 * line is kept. `secret` files are created and kept readable by the owner only (0600). Written to a temporary file
 * first and renamed, so an interrupted run never leaves half a file.
 */
export function updateEnvFile(file: string, values: Readonly<Record<string, string>>, options: { secret?: boolean } = {}): void {
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split(/\r?\n/) : [];
  if (lines.at(-1) === '') lines.pop();
  const pending = new Map(Object.entries(values));
  const out = lines.map((line) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (!m || !pending.has(m[1])) return line;
    const value = pending.get(m[1])!;
    pending.delete(m[1]);
    return `${m[1]}=${formatValue(value)}`;
  });
  for (const [key, value] of pending) out.push(`${key}=${formatValue(value)}`);

  const mode = options.secret ? 0o600 : fs.existsSync(file) ? fs.statSync(file).mode & 0o777 : 0o644;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A secret's temporary file ends in .user too, so the git-ignore rule covers it if a crash leaves it behind.
  const temp = file.endsWith('.user') ? `${file.slice(0, -'.user'.length)}.tmp-${process.pid}.user` : `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, out.join('\n') + '\n', { mode });
  fs.chmodSync(temp, mode);
  fs.renameSync(temp, file);
}
