// A Graph call that runs out of time — its own limit (GRAPH_TIMEOUT_MS) or what is left of the turn (the signal
// the caller passes) — ends on time as a 'busy' Timeout, and the request in flight is cancelled: Graph sees the
// connection closed then, instead of a request nobody waits for any more. Also while the Graph client waits before
// a retry Graph asked for (Retry-After longer than the time left): the call ends on time, and the retry is never
// sent. The service runs in a child process that trusts the test CA; the https server here answers as each
// scenario's externalId says.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { makeTestCa } from '../../support/tls';
import type { Outcome, Scenario } from './graph-cancellation-child';

describe('Graph calls out of time are cancelled (child process, https server)', function () {
  this.timeout(30_000);
  let tmp: string;
  let caPem: string;
  let server: https.Server;
  let baseUrl: string;
  const sockets = new Set<Socket>();
  /** externalId → ms from the request's arrival until the client closed its connection. */
  const closedAfter = new Map<string, number>();
  const requests = new Map<string, number>();

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-graph-cancel-'));
    const ca = await makeTestCa(tmp);
    caPem = ca.caPem;
    server = https.createServer({ cert: ca.cert, key: ca.key }, (req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const externalId = String((JSON.parse(raw) as { externalId?: string }).externalId);
        requests.set(externalId, (requests.get(externalId) ?? 0) + 1);
        const arrived = Date.now();
        req.socket.once('close', () => closedAfter.set(externalId, Date.now() - arrived));
        if (externalId.startsWith('retry-after')) {
          res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '5' });
          res.end(JSON.stringify({ error: { code: 'ServiceNotAvailable', message: 'try later' } }));
        }
        // Anything else: no answer.
      });
    });
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function run(scenarios: Scenario[]): Promise<Outcome[]> {
    const child = path.join(__dirname, 'graph-cancellation-child.js');
    const env = { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: caPem, GRAPH_BASE_URL: baseUrl, SCENARIOS: JSON.stringify(scenarios) };
    return new Promise((resolve, reject) =>
      execFile(process.execPath, [child], { env, timeout: 25_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop()!)),
      ),
    );
  }

  it('its own limit, the turn\'s signal, and a Retry-After beyond either: a busy Timeout on time, the hung requests cancelled', async () => {
    // The child stays alive until every scenario is done (≥ 6 s: past the 5 s Retry-After), so a connection closed
    // earlier was closed by the client, and a retry sent after the time ran out would have arrived.
    const outcomes = await run([
      { externalId: 'hang-own-limit', timeoutMs: 1_000 },
      { externalId: 'hang-turn-signal', timeoutMs: 10_000, turnMs: 400 },
      { externalId: 'retry-after-own-limit', timeoutMs: 1_500 },
      { externalId: 'slow-keeps-child-alive', timeoutMs: 6_000 },
    ]);
    const byId = new Map(outcomes.map((o) => [o.externalId, o]));
    for (const [id, limit] of [['hang-own-limit', 1_000], ['hang-turn-signal', 400], ['retry-after-own-limit', 1_500]] as const) {
      const o = byId.get(id)!;
      assert.deepEqual([o.kind, o.code, o.status], ['busy', 'Timeout', 0], id);
      assert.ok(o.ms >= limit - 50 && o.ms < limit + 700, `${id} ended after ${o.ms} ms (limit ${limit})`);
    }
    assert.ok((closedAfter.get('hang-own-limit') ?? Infinity) < 1_700, `own limit: connection closed after ${closedAfter.get('hang-own-limit')} ms`);
    assert.ok((closedAfter.get('hang-turn-signal') ?? Infinity) < 1_100, `turn signal: connection closed after ${closedAfter.get('hang-turn-signal')} ms`);
    assert.equal(requests.get('retry-after-own-limit'), 1, 'no retry after the time ran out, not even once the 5 s were over');
  });
});
