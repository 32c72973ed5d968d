// `npm start` while another process holds the port: the built bot ends with one line on stderr naming PORT and
// exit code 1 — like a configuration error — instead of Node's stack trace for an unhandled EADDRINUSE.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import net from 'node:net';
import { REPO_ROOT } from '../../support/bot-process';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBot(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--disable-warning=DEP0111', 'dist/src/index.js'],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', APP_ENV: 'test', ...env }, timeout: 20_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: unknown }).code as number | null) ?? null : 0, stdout, stderr }),
    );
  });
}

describe('start with the port already in use (real bot process)', function () {
  this.timeout(30_000);
  let holder: net.Server;
  let port: number;

  before(async () => {
    holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    port = (holder.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('exits 1 with one line on stderr naming PORT, no stack trace', async () => {
    const run = await runBot({ PORT: String(port), HOST: '127.0.0.1' });
    assert.equal(run.code, 1, `exit code; stderr: ${run.stderr}`);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0]!, new RegExp(`^Port ${port} is already in use \\(PORT\\): `));
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.doesNotMatch(run.stdout, /listening on/, 'it never claims to listen');
  });
});
