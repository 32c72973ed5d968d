// Without an app id nobody who calls the bot is authenticated: the real bot process then listens on loopback
// only, refuses to start on another interface unless ALLOW_UNAUTHENTICATED=true, says so when the real sign-in
// path runs unauthenticated, and /healthz tells a caller from elsewhere no more than ok / not ok.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { freePort, REPO_ROOT, startBot, type BotProcess } from '../../support/bot-process';
import { recordScenario } from '../support/reliability-log';

/** This machine's first non-loopback IPv4 address (the tests that need one are skipped without it). */
function externalAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

async function status(url: string): Promise<number | string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    return String((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message);
  }
}

describe('no app id: where the bot listens and what /healthz tells (real bot process)', function () {
  this.timeout(60_000);
  const external = externalAddress();
  const bots: BotProcess[] = [];
  after(async () => Promise.all(bots.map((b) => b.stop())));

  it('without HOST it listens on loopback only', async function () {
    if (!external) this.skip();
    const bot = await startBot({});
    bots.push(bot);
    const port = new URL(bot.url).port;
    assert.equal(await status(`http://127.0.0.1:${port}/healthz`), 200);
    assert.equal(await status(`http://${external}:${port}/healthz`), 'ECONNREFUSED', 'not reachable on the machine\'s other address');
  });

  it('HOST=0.0.0.0 without an app id: exits at start with one line naming ALLOW_UNAUTHENTICATED=true', async () => {
    const result = spawnSync(process.execPath, ['--disable-warning=DEP0111', 'dist/src/index.js'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', APP_ENV: 'test', HOST: '0.0.0.0', PORT: String(await freePort()) },
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], /^Configuration error: HOST .*ALLOW_UNAUTHENTICATED=true/);
  });

  it('SANDBOX=false without an app id: a warning that inbound authentication is off', async () => {
    const bot = await startBot({ SANDBOX: 'false', OAUTH_CONNECTION_NAME: 'GraphConnection' });
    bots.push(bot);
    const warning = bot
      .logs()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .find((l) => /inbound authentication is off/i.test(l.msg));
    assert.ok(warning, bot.logs());
    assert.equal(warning.level, 40, 'warn');
  });

  it('ALLOW_UNAUTHENTICATED=true, HOST=0.0.0.0: /healthz gives details to loopback callers only', async function () {
    if (!external) this.skip();
    const bot = await startBot({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' });
    bots.push(bot);
    const port = new URL(bot.url).port;
    const fromLoopback = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Record<string, unknown>;
    assert.equal(fromLoopback.ok, true);
    assert.ok('storage' in fromLoopback && 'sandbox' in fromLoopback, JSON.stringify(fromLoopback));
    const fromElsewhere = await fetch(`http://${external}:${port}/healthz`);
    assert.equal(fromElsewhere.status, 200);
    assert.deepEqual(await fromElsewhere.json(), { ok: true });
    recordScenario({ scenario: 'No app id: reaching the bot from another address; HOST=0.0.0.0 without the opt-in; /healthz from elsewhere', runs: 3, outcome: 'connection refused (loopback only by default); start refused with one line naming ALLOW_UNAUTHENTICATED=true; {ok} only, details for loopback callers', test: 'test/http/inbound-exposure.e2e.test.ts' });
  });

  it('HEALTHZ_DETAILS=true: details for every caller', async function () {
    if (!external) this.skip();
    const bot = await startBot({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true', HEALTHZ_DETAILS: 'true' });
    bots.push(bot);
    const port = new URL(bot.url).port;
    const body = (await (await fetch(`http://${external}:${port}/healthz`)).json()) as Record<string, unknown>;
    assert.ok('storage' in body, JSON.stringify(body));
  });
});
