// Memory state must not grow for ever: idle entries expire and the number of entries is capped (least recently
// used first). Unit test with a fake clock, then the real bot process with a small cap.
import assert from 'node:assert/strict';
import { BoundedMemoryStorage } from '../../src/storage/bounded-memory-storage';
import { ALICE, BOB, channelMessage, type TeamsUser } from '../../support/activities';
import { postActivity, startBot, type BotProcess } from '../../support/bot-process';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { isForm } from '../../support/wire-cards';
import { recordScenario } from '../support/reliability-log';

describe('BoundedMemoryStorage', () => {
  it('forgets entries idle for longer than idleMs; reading or writing an entry keeps it', async () => {
    let now = 0;
    const storage = new BoundedMemoryStorage({ idleMs: 1000, maxEntries: 100, now: () => now });
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    now = 900;
    await storage.read(['a']);
    now = 1500;
    const items = await storage.read(['a', 'b']);
    assert.equal(items.a?.v, 1, 'read at 900: still there');
    assert.equal(items.b, undefined, 'idle since 0: gone');
    assert.equal(storage.size, 1);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const storage = new BoundedMemoryStorage({ idleMs: 60_000, maxEntries: 3 });
    await storage.write({ k1: { v: 1 } });
    await storage.write({ k2: { v: 2 } });
    await storage.write({ k3: { v: 3 } });
    await storage.read(['k1']);
    await storage.write({ k4: { v: 4 } });
    assert.equal(storage.size, 3);
    const items = await storage.read(['k1', 'k2', 'k3', 'k4']);
    assert.deepEqual(Object.keys(items).sort(), ['k1', 'k3', 'k4']);
  });

  it('keeps MemoryStorage semantics: eTags, delete, stale writes rejected', async () => {
    const storage = new BoundedMemoryStorage({ idleMs: 60_000, maxEntries: 10 });
    await storage.write({ x: { v: 1 } });
    const { x } = await storage.read(['x']);
    await storage.write({ x: { ...x, v: 2 } });
    await assert.rejects(storage.write({ x: { ...x, v: 3 } }), /eTag conflict/);
    await storage.delete(['x']);
    assert.deepEqual(await storage.read(['x']), {});
    assert.equal(storage.size, 0);
  });
});

describe('memory state is bounded (real bot process, MEMORY_STATE_MAX_ENTRIES=3)', function () {
  this.timeout(60_000);
  let connector: ConnectorStandIn;
  let bot: BotProcess;
  let serviceUrl: string;

  before(async () => {
    connector = new ConnectorStandIn();
    serviceUrl = await connector.start();
    bot = await startBot({ HOST: '127.0.0.1', SANDBOX: 'true', MEMORY_STATE_MAX_ENTRIES: '3' });
  });
  after(async () => {
    await bot?.stop();
    await connector?.stop();
  });

  it('eight users open a form each: the bot keeps at most 3 entries, and the latest form still works', async () => {
    const users: TeamsUser[] = Array.from({ length: 8 }, (_, i) => ({ ...(i % 2 ? BOB : ALICE), id: `29:bounded-user-${i}` }));
    for (const user of users) {
      const msg = channelMessage({ serviceUrl, user, text: 'schedule' });
      assert.equal((await postActivity(bot.messagesUrl, msg)).status, 200);
      await connector.waitFor((c) => c.conversationId === msg.conversation.id && isForm(c));
    }
    const health = (await (await fetch(`${bot.url}/healthz`)).json()) as any;
    assert.equal(health.storage.kind, 'memory');
    assert.ok(typeof health.storage.entries === 'number' && health.storage.entries <= 3, `entries: ${JSON.stringify(health.storage)}`);
    assert.ok(health.storage.entries > 0);
    recordScenario({ scenario: 'Memory state with MEMORY_STATE_MAX_ENTRIES=3: eight users open a form each', runs: 8, outcome: 'at most 3 entries kept (least recently used dropped); every form was shown', test: 'test/storage/bounded-memory-storage.test.ts' });
  });
});
