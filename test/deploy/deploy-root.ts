// A throw-away copy of what `npm run deploy` reads — package files, .webappignore, appPackage/, env/.env.dev, the
// built dist/src and dist/scripts — with the stand-ins for the infra branch's files (fixtures/), and a runner for the
// compiled deploy script in it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../scripts/app-package/paths';

export const REPO_ROOT = repoRoot(__dirname);
export const FIXTURES = path.join(REPO_ROOT, 'test', 'deploy', 'fixtures');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface DeployRoot {
  root: string;
  /** node dist/scripts/deploy.js <args> in the copy, with exactly `env`. */
  deploy(args: string[], env: NodeJS.ProcessEnv): Promise<Run>;
  remove(): void;
}

export function makeDeployRoot(): DeployRoot {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-root-'));
  const copy = (from: string, to = from): void => fs.cpSync(path.join(REPO_ROOT, from), path.join(root, to), { recursive: true });
  for (const file of ['package.json', 'package-lock.json', '.webappignore', 'env/.env.dev', 'dist/src', 'dist/scripts']) copy(file);
  for (const file of ['manifest.json', 'zh-cn.json', 'color.png', 'outline.png']) copy(`appPackage/${file}`);
  fs.mkdirSync(path.join(root, 'infra'));
  fs.copyFileSync(path.join(FIXTURES, 'azure.json'), path.join(root, 'infra', 'azure.json'));
  fs.copyFileSync(path.join(FIXTURES, 'azure.parameters.json'), path.join(root, 'infra', 'azure.parameters.json'));
  fs.copyFileSync(path.join(FIXTURES, 'aad.manifest.json'), path.join(root, 'aad.manifest.json'));
  // The script's own imports (dotenv, adm-zip, ignore, @microsoft/app-manifest) resolve from the real install.
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');

  return {
    root,
    deploy: (args, env) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(root, 'dist', 'scripts', 'deploy.js'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
        child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      }),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** The environment a developer's shell gives the script, without anything of this test process (npm_*, mocha). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir() };
  // npm's cache (where `npm ci --prefer-offline` finds the packages) when it is not the default one.
  if (process.env.npm_config_cache) env.npm_config_cache = process.env.npm_config_cache;
  return { ...env, ...extra };
}
