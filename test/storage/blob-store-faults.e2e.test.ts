// Blob storage outages (real bot process, Azurite behind a fault-injecting proxy): while the account refuses to
// create the container, /healthz says which store is down and messages are not answered with cards; once the
// account works again, both stores recover on their own — no restart — and so does /healthz.
import assert from 'node:assert/strict';
import os from 'node:os';
import { ContainerClient } from '@azure/storage-blob';
import { personalMessage } from '../../support/activities';
import { startAzurite, type Azurite } from '../support/azurite';
import { BlobFaultProxy, isContainerCreate } from '../support/blob-fault-proxy';
import { postActivity, startBot, type BotProcess } from '../../support/bot-process';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { recordScenario } from '../support/reliability-log';
import { cardOf } from '../../support/wire-cards';

const TEST = 'test/storage/blob-store-faults.e2e.test.ts';

describe('Blob store outage at start (real bot process, Azurite behind a fault proxy)', function () {
  this.timeout(90_000);
  let azurite: Azurite;
  let proxy: BlobFaultProxy;
  let connector: ConnectorStandIn;
  let serviceUrl: string;
  let bot: BotProcess;

  before(async () => {
    azurite = await startAzurite();
    proxy = new BlobFaultProxy(azurite.connectionString);
    await proxy.start();
    connector = new ConnectorStandIn();
    serviceUrl = await connector.start();
  });
  after(async () => {
    await bot?.stop();
    await Promise.all([proxy?.stop(), connector?.stop()]);
    await azurite?.stop();
  });
  it('the container deleted while the bot runs: the next messages are answered (it is created again), and /healthz says so', async () => {
    await bot?.stop();
    bot = await startBot({ HOST: '127.0.0.1', SANDBOX: 'true', STORAGE: 'blob', BLOB_CONNECTION_STRING: proxy.connectionString, BLOB_CONTAINER: 'deleted' });
    const first = personalMessage({ serviceUrl, text: 'help' });
    assert.equal((await postActivity(bot.messagesUrl, first)).status, 200);
    await connector.waitFor((c) => c.activityId === first.id && Boolean(cardOf(c)), 10_000);

    await new ContainerClient(azurite.connectionString, 'deleted').delete();
    for (let i = 0; i < 3; i++) {
      const after = personalMessage({ serviceUrl, text: 'help' });
      assert.equal((await postActivity(bot.messagesUrl, after)).status, 200);
      const reply = await connector.waitFor((c) => c.activityId === after.id, 10_000);
      assert.ok(cardOf(reply), `message ${i + 1} after the delete got the help card, not "something went wrong": ${JSON.stringify(reply.activity).slice(0, 200)}`);
    }
    const now = await health();
    assert.equal(now.status, 200);
    assert.ok(now.body.containerRecreated >= 1, JSON.stringify(now.body));
    assert.ok(await new ContainerClient(azurite.connectionString, 'deleted').exists(), 'the container exists again');
    recordScenario({ scenario: 'Blob container deleted while the bot runs', runs: 3, outcome: `3/3 messages answered (the container is created again on ContainerNotFound); /healthz 200 with containerRecreated ${now.body.containerRecreated}`, test: TEST });
  });

  it('500 /healthz GETs from another address while the store is up cost a handful of Blob requests, not two each', async function () {
    // The reuse is for callers from elsewhere (a caller on the machine always gets a fresh check): this needs the
    // machine's own non-loopback address, as the exposure tests do.
    const external = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!external) this.skip();
    await bot?.stop();
    bot = await startBot({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true', SANDBOX: 'true', STORAGE: 'blob', BLOB_CONNECTION_STRING: proxy.connectionString, BLOB_CONTAINER: 'amplify' });
    const url = `http://${external}:${new URL(bot.url).port}/healthz`;
    const before = proxy.requests.length;
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(Array.from({ length: 50 }, async () => (await fetch(url)).status));
      assert.ok(answers.every((s) => s === 200));
    }
    const blobRequests = proxy.requests.length - before;
    assert.ok(blobRequests <= 8, `${blobRequests} Blob requests for 500 health checks`);
    recordScenario({ scenario: '500 unauthenticated /healthz GETs from another address (Blob store up)', runs: 1, outcome: `${blobRequests} Blob requests (one check at a time, a good answer reused for 5 s)`, test: TEST });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && bot) console.log('--- bot log ---\n' + bot.logs().split('\n').slice(-30).join('\n'));
  });

  const health = async (): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${bot.url}/healthz`);
    return { status: res.status, body: await res.json() };
  };

  it('403 on every container create: /healthz 503 naming both stores; afterwards both recover without a restart', async () => {
    // A firewall rule or a rotated key: the account refuses to create the container (403 is not retried by the SDK).
    proxy.fail({ match: isContainerCreate, status: 403 });
    await bot?.stop();
    bot = await startBot(
      { HOST: '127.0.0.1', SANDBOX: 'true', STORAGE: 'blob', BLOB_CONNECTION_STRING: proxy.connectionString, BLOB_CONTAINER: 'outage' },
      { healthStatuses: [200, 503] },
    );

    const down = await health();
    assert.equal(down.status, 503);
    assert.equal(down.body.ok, false);
    assert.deepEqual(down.body.storage, { kind: 'blob', ok: false }, 'the state store is reported down');
    assert.deepEqual(down.body.claims, { kind: 'blob', ok: false }, 'the claims store is reported down');
    assert.deepEqual([...down.body.down].sort(), ['claims', 'state']);

    const during = personalMessage({ serviceUrl, text: 'help' });
    assert.equal((await postActivity(bot.messagesUrl, during)).status, 200);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(connector.calls.filter((c) => c.activityId === during.id && cardOf(c)).length, 0, 'no help card while the store is down');
    assert.ok(proxy.faulted(isContainerCreate) >= 2, 'the container creates were refused');

    // The account works again.
    proxy.clear();
    const up = await health();
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.deepEqual(up.body.down, []);

    for (let i = 0; i < 3; i++) {
      const after = personalMessage({ serviceUrl, text: 'help' });
      assert.equal((await postActivity(bot.messagesUrl, after)).status, 200);
      const reply = await connector.waitFor((c) => c.activityId === after.id && Boolean(cardOf(c)), 10_000);
      assert.match(JSON.stringify(cardOf(reply)), /schedule/i, 'help card: the claim and the state read work again');
    }
    recordScenario({
      scenario: 'Blob account refuses to create the container (403) at start, then recovers',
      runs: 1,
      outcome: '/healthz 503 naming state and claims while down; afterwards 200 and 3/3 messages answered, no restart',
      test: TEST,
    });
  });
});
