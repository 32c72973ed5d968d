// What production runs, in one place: the files a deployment copies, how their dependencies are installed, how the
// bot is started, and which Node runs it. The Dockerfile has to spell these out again (it can't import them):
// test/production/dockerfile.test.ts checks that it says exactly this, and test/production/artifact.test.ts
// assembles exactly this in an empty folder and runs it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './bot-process';

const run = promisify(execFile);

/** The Node release production runs: the Dockerfile's base image tag and the Node the artifact test starts. */
export const PRODUCTION_NODE_VERSION = '22.23.3';

/**
 * Every file or folder of the repository (after `npm run build`) that production needs, relative to its root. Only
 * the compiled bot (dist/src): dist/ also holds the compiled tests, benchmark and scripts, which production never
 * loads. `.npmrc` keeps the install from calling the audit and funding endpoints.
 */
export const ARTIFACT_FILES: readonly string[] = ['package.json', 'package-lock.json', '.npmrc', 'dist/src'];

/**
 * How the artifact's dependencies are installed. `--omit=dev`: production needs no compiler or test tools.
 * `--ignore-scripts`: without it npm runs the project's own `prepare` (`npm run build`, but tsc is a devDependency,
 * so the install fails) and the dependencies' install scripts (allowScripts denies those anyway).
 */
export const INSTALL_COMMAND: readonly string[] = ['npm', 'ci', '--omit=dev', '--ignore-scripts'];

/**
 * How production starts the bot: node itself, not `npm start` (whose `prestart` runs scripts/build-if-stale.cjs,
 * which is not in the artifact, and npm would stand between the process manager's signals and the bot).
 * DEP0111: restify 11 warns twice at load about a Node internal it uses; nothing to act on.
 */
export const START_COMMAND: readonly string[] = ['node', '--disable-warning=DEP0111', 'dist/src/index.js'];

/** Copies ARTIFACT_FILES from `from` (default: this repository, built) into the empty folder `dir`. */
export function copyArtifact(dir: string, from: string = REPO_ROOT): void {
  for (const file of ARTIFACT_FILES) {
    const source = path.join(from, file);
    if (!fs.existsSync(source)) throw new Error(`${file} is missing in ${from}${file.startsWith('dist') ? ' (run npm run build first)' : ''}`);
    fs.cpSync(source, path.join(dir, file), { recursive: true });
  }
}

/** Runs INSTALL_COMMAND in `dir` (with the npm on PATH); rejects with npm's output when it fails. */
export async function installArtifact(dir: string): Promise<void> {
  const [command, ...args] = INSTALL_COMMAND;
  try {
    await run(command!, [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${INSTALL_COMMAND.join(' ')} failed in ${dir}: ${e.stderr || e.stdout || e.message}`);
  }
}
