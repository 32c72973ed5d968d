// Reads env/.env.<name> the way the Agents Toolkit does, without touching process.env.
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';

export class EnvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

/** Environment names that have an env/.env.<name> file (user-secret files `.env.<name>.user` excluded). */
export function listEnvNames(root: string): string[] {
  const dir = path.join(root, 'env');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('.env.') && !f.endsWith('.user'))
    .map((f) => f.slice('.env.'.length))
    .sort();
}

function envFilePath(root: string, envName: string): string {
  // A plain name only: no separators, no "..", so the file is always env/.env.<name>.
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(envName)) {
    throw new EnvFileError(`"${envName}" is not an environment name (letters, digits, - and _ only)`);
  }
  return path.join(root, 'env', `.env.${envName}`);
}

/** Parses env/.env.<envName>; values are returned, never put into process.env. */
export function readEnvFile(root: string, envName: string): { file: string; vars: Record<string, string> } {
  const file = envFilePath(root, envName);
  if (!fs.existsSync(file)) {
    const known = listEnvNames(root);
    throw new EnvFileError(
      `env/.env.${envName} does not exist${known.length ? ` (environments: ${known.join(', ')})` : ''}`,
    );
  }
  return { file, vars: dotenv.parse(fs.readFileSync(file)) };
}
