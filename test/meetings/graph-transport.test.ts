// The Graph client's last link, against a loopback https server: what it sends (the request's headers as fetch
// would merge them) and the answer it hands back (a fetch Response read whole, readable once).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Context } from '@microsoft/microsoft-graph-client';
import { KeepAliveTransport } from '../../src/meetings/graph-transport';
import { makeTestCa } from '../../support/tls';

describe('Graph transport (loopback https)', function () {
  let server: https.Server;
  let base: string;
  let transport: KeepAliveTransport;
  let seen: IncomingHttpHeaders | undefined;

  before(async function () {
    const ca = await makeTestCa(path.join(os.tmpdir(), `graph-transport-${process.pid}`));
    server = https.createServer({ cert: ca.cert, key: ca.key }, (req, res) => {
      seen = req.headers;
      if (req.url === '/empty') {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(req.url === '/missing' ? 404 : 201, req.url === '/missing' ? 'Not Found' : 'Created', [
        ['Content-Type', 'application/json'],
        ['request-id', 'r-1'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
      ]);
      res.end(JSON.stringify({ id: 'm1', subject: 'Design review – 设计评审' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    transport = new KeepAliveTransport(new https.Agent({ keepAlive: true, ca: await readFile(ca.caPem) }));
  });

  after(async function () {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function call(pathname: string, options: RequestInit): Promise<Response> {
    const context: Context = { request: `${base}${pathname}`, options };
    await transport.execute(context);
    return context.response!;
  }

  it('sends the headers as one set (names without case, repeated values joined) and the body with its length', async function () {
    await call('/created', {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json', prefer: 'a', Prefer: 'b' },
      body: JSON.stringify({ subject: '设计评审' }),
    });
    assert.equal(seen?.authorization, 'Bearer t');
    assert.equal(seen?.['content-type'], 'application/json');
    assert.equal(seen?.prefer, 'a, b');
    assert.equal(seen?.['content-length'], String(Buffer.byteLength(JSON.stringify({ subject: '设计评审' }))));

    await call('/created', { method: 'GET', headers: new Headers({ 'X-One': '1' }) });
    assert.equal(seen?.['x-one'], '1', 'a Headers object is read too');
  });

  it('answers with a Response: status, headers without case, the JSON body read once', async function () {
    const response = await call('/created', { method: 'GET' });
    assert.equal(response.url, `${base}/created`);
    assert.equal(response.redirected, false);
    assert.equal(response.status, 201);
    assert.equal(response.ok, true);
    assert.equal(response.statusText, 'Created');
    assert.equal(response.headers.get('Request-Id'), 'r-1');
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(response.bodyUsed, false);
    assert.deepEqual(await response.json(), { id: 'm1', subject: 'Design review – 设计评审' });
    assert.equal(response.bodyUsed, true);
    await assert.rejects(response.text(), TypeError, 'a body is read once, as with fetch');
    assert.throws(() => response.clone(), TypeError, 'nor cloned once read');
  });

  it('a copy made before reading reads on its own; bytes, blobs and repeated headers as fetch gives them', async function () {
    const response = await call('/created', { method: 'GET' });
    const copy = response.clone();
    assert.equal(new TextDecoder().decode(await response.bytes()), JSON.stringify({ id: 'm1', subject: 'Design review – 设计评审' }));
    const blob = await copy.blob();
    assert.equal(blob.type, 'application/json');
    assert.deepEqual(JSON.parse(await blob.text()), { id: 'm1', subject: 'Design review – 设计评审' });
    assert.equal(response.headers.get('set-cookie'), 'a=1, b=2');
    assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
  });

  it('an error status is an answer, not a failure; an answer without a body reads as empty', async function () {
    const missing = await call('/missing', { method: 'GET' });
    assert.equal(missing.status, 404);
    assert.equal(missing.ok, false);
    assert.equal((await missing.text()).length > 0, true);

    const empty = await call('/empty', { method: 'DELETE' });
    assert.equal(empty.status, 204);
    assert.equal(await empty.text(), '');
  });

  it('refuses a URL that is not https, before anything is sent', async function () {
    seen = undefined;
    const context: Context = { request: base.replace('https:', 'http:') + '/created', options: { method: 'GET' } };
    await assert.rejects(transport.execute(context), /only https URLs/);
    assert.equal(seen, undefined);
  });
});
