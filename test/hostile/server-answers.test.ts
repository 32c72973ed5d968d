// createServer's answers for the failures the fuzz run never reaches (nothing fails there): an invoke whose turn
// throws, middleware that throws, each kind of authentication failure. The scenarios run in a child process
// (server-answers-child.ts): restify patches http.ServerResponse for its whole process.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { overlongMessageReply } from '../../src/http/activity-shape';
import type { ScenarioResult } from './server-answers-child';

const run = promisify(execFile);

describe('createServer: answers for failures the fuzz run never sees (child process)', function () {
  this.timeout(30_000);
  let results: Record<string, ScenarioResult>;

  before(async () => {
    const child = path.join(__dirname, 'server-answers-child.js');
    const { stdout } = await run(process.execPath, ['--disable-warning=DEP0111', child], { timeout: 25_000, env: { PATH: process.env.PATH ?? '' } });
    results = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, ScenarioResult>;
  });

  const status = (name: string): number => {
    assert.ok(results[name], `no result for "${name}"`);
    return results[name].status;
  };

  it('invoke responses keep their status (200 with body, 409)', () => {
    assert.equal(status('invoke ok'), 200);
    assert.deepEqual(results['invoke ok'].body, { ok: true });
    assert.equal(status('invoke conflict'), 409);
  });

  it('an invoke name nobody handles: 400 with a Bot Framework error body, not 501', () => {
    assert.equal(status('invoke unknown'), 400);
    const body = results['invoke unknown'].body;
    assert.equal(body.type, 'application/vnd.microsoft.error');
    assert.equal(body.value.code, 'NotSupported');
    assert.match(body.value.message, /test\/unknown/);
  });

  it('an invoke whose handler throws: 500 (our fault), not 501 and not a 4xx', () => {
    assert.equal(status('invoke throws'), 500);
    assert.equal(status('invoke throws, no onTurnError'), 500);
    assert.equal(status('invoke, middleware throws'), 500);
  });

  it('a message whose turn throws: 200 when onTurnError handled it, 500 when the adapter rethrew — never a 401', () => {
    assert.equal(status('message throws'), 200);
    assert.equal(status('message throws, no onTurnError'), 500);
  });

  it('a message longer than Teams allows is answered politely without reaching the bot; one at the limit reaches it', () => {
    assert.equal(status('message overlong'), 200);
    assert.deepEqual(results['message overlong'].replies, [overlongMessageReply('en-US')]);
    assert.equal(status('message at the limit'), 200);
    assert.match(results['message at the limit'].replies?.[0] ?? '', /^echo y/);
  });

  it('authentication failures: 401 for anything wrong with the caller, 503 when the signing keys are unavailable; no turn', () => {
    const expected: Record<string, number> = {
      'auth: AuthenticationError 401': 401,
      'auth: JsonWebTokenError': 401,
      'auth: NotBeforeError': 401,
      'auth: unexpected TypeError': 401,
      'auth: AuthenticationError 500 (keys not loaded)': 503,
      'auth: FetchError (key endpoint unreachable)': 503,
    };
    for (const [name, code] of Object.entries(expected)) {
      assert.equal(status(name), code, name);
      assert.equal(results[name].connectorCalls, 0, `${name}: a turn ran`);
    }
  });

  it('authentication comes before the shape check: a malformed body from a stranger is a 401, not a 400', () => {
    assert.equal(status('auth fails, body malformed'), 401);
  });
});
