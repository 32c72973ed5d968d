// The bot's own clients keep their connections between turns: Graph (https) and the Bot Framework token service
// each over one keep-alive connection — one TLS handshake for Graph — across rounds spaced further apart than
// undici's 4 s idle default, and for calls sent back to back. The servers never close idle connections nor announce
// a timeout, so what is counted is the clients' doing. The clients run in a child process that trusts the test CA.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTestCa } from '../../support/tls';
import { graphServer, tokenServer, type CountingServer } from './keep-alive-servers';

describe('keep-alive connections of the bot\'s clients (Graph, token service)', function () {
  this.timeout(60_000);
  let tmp: string;
  let caPem: string;
  let graph: CountingServer;
  let tokens: CountingServer;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-keepalive-'));
    const ca = await makeTestCa(tmp);
    caPem = ca.caPem;
    graph = await graphServer(ca);
    tokens = await tokenServer();
  });
  after(async () => {
    await Promise.all([graph?.stop(), tokens?.stop()]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function run(rounds: number, pauseMs: number): Promise<{ ok: number; error?: string }> {
    const child = path.join(__dirname, 'outbound-calls-child.js');
    const env = { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: caPem, GRAPH_BASE_URL: graph.url, OAuthUrl: tokens.url, ROUNDS: String(rounds), PAUSE_MS: String(pauseMs) };
    return new Promise((resolve, reject) =>
      execFile(process.execPath, [child], { env, timeout: 50_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop()!)),
      ),
    );
  }

  it('three rounds 4.5 s apart, each a GetToken then three Graph calls back to back: one connection per host', async () => {
    const result = await run(3, 4_500);
    assert.deepEqual(result, { ok: 3 });
    assert.equal(graph.connections(), 1, 'Graph: one TLS handshake for 9 calls');
    assert.equal(tokens.connections(), 1, 'token service: one connection for 3 calls');
  });
});
