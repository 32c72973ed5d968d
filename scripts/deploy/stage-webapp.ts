// build/webapp/: exactly what App Service runs — dist/src, package.json (start script only), package-lock.json and
// production node_modules. The ARM template sets WEBSITE_RUN_FROM_PACKAGE=1 and no build on deploy, so the zip
// must carry its dependencies; the Toolkit's zipDeploy (m365agents.yml) deploys this same folder.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const stageDir = (root: string): string => path.join(root, 'build', 'webapp');
/** Hash of the lock file the staged node_modules were installed from (next to, not inside, the staged folder). */
const modulesStamp = (root: string): string => path.join(root, 'build', 'webapp.modules.sha256');

export class StageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageError';
  }
}

const sha256 = (...parts: Array<string | Buffer>): string => {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

/**
 * `npm ci --omit=dev --omit=optional --ignore-scripts` in `dir`:
 * - --omit=optional: npm keeps "devOptional" packages with --omit=dev alone — i18next's optional peer typescript
 *   (23 MB) would ship; restify's optional dtrace-provider is native and unused.
 * - --ignore-scripts: no prepare (tsc, a devDependency) and no botbuilder-dialogs postinstall (`npx rimraf`, which
 *   npm 11 aborts without a terminal).
 * - --prefer-offline: the packages are in the npm cache after the developer's own `npm ci`.
 * Run through the npm that runs `npm run deploy` when there is one (npm_execpath), else `npm` on PATH, never a shell.
 */
function installProductionDependencies(dir: string): Promise<void> {
  const args = ['ci', '--omit=dev', '--omit=optional', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
  const npmCli = process.env.npm_execpath;
  const [command, argv] = npmCli && /npm-cli\.c?js$/.test(npmCli) ? [process.execPath, [npmCli, ...args]] : ['npm', args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: dir, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => output.push(b));
    child.stderr.on('data', (b: Buffer) => output.push(b));
    child.on('error', (err) => reject(new StageError(`could not run npm: ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const last = Buffer.concat(output).toString('utf8').trim().split('\n').filter(Boolean).at(-1) ?? `exit code ${code}`;
      reject(new StageError(`npm ci --omit=dev in ${path.relative(process.cwd(), dir) || dir} failed: ${last}`));
    });
  });
}

/** The package.json App Service sees: `npm start` must not run the repository's prestart (it compiles src/). */
function runtimePackageJson(pkg: Record<string, unknown>): object {
  const scripts = (pkg.scripts ?? {}) as Record<string, string>;
  return {
    name: pkg.name,
    version: pkg.version,
    private: true,
    description: pkg.description,
    license: pkg.license,
    engines: pkg.engines,
    main: pkg.main,
    scripts: { start: scripts.start ?? 'node dist/src/index.js' },
    dependencies: pkg.dependencies,
  };
}

/**
 * Stages build/webapp from dist/src (already built) and the lock file. node_modules are reinstalled only when
 * package-lock.json or the dependencies changed since the last staging.
 */
export async function stageWebapp(root: string, log: (line: string) => void = () => {}): Promise<{ dir: string; installed: boolean }> {
  const builtEntry = path.join(root, 'dist', 'src', 'index.js');
  if (!fs.existsSync(builtEntry)) throw new StageError('dist/src/index.js does not exist: run `npm run build` first');
  const dir = stageDir(root);
  const pkgText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const lock = fs.readFileSync(path.join(root, 'package-lock.json'));
  const pkg = JSON.parse(pkgText) as Record<string, unknown>;
  const stamp = sha256(lock, JSON.stringify(pkg.dependencies ?? {}));

  const installed = !fs.existsSync(path.join(dir, 'node_modules')) || !fs.existsSync(modulesStamp(root)) || fs.readFileSync(modulesStamp(root), 'utf8').trim() !== stamp;
  if (installed) {
    log('installing production dependencies (npm ci --omit=dev) into build/webapp …');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(modulesStamp(root), { force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), pkgText);
    fs.writeFileSync(path.join(dir, 'package-lock.json'), lock);
    await installProductionDependencies(dir);
    fs.writeFileSync(modulesStamp(root), stamp + '\n');
  }
  fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  fs.cpSync(path.join(root, 'dist', 'src'), path.join(dir, 'dist', 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package-lock.json'), lock);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(runtimePackageJson(pkg), null, 2) + '\n');
  return { dir, installed };
}
