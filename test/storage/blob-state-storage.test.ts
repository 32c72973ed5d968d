// Blob state storage recovers from a failed container creation without a restart: the container is created (and
// created again after a failure) before the store is used, and a store that never answered is replaced after a
// failure, since botbuilder's BlobsStorage keeps its own first creation attempt for good. In process, with fakes.
import assert from 'node:assert/strict';
import type { Storage, StoreItems } from 'botbuilder';
import { BlobContainer } from '../../src/storage/blob-container';
import { BlobStateStorage } from '../../src/storage/blob-state-storage';

/** createIfNotExists answering from a script: 'fail', 'ok', or 'hang' per call. */
function containerClient(script: Array<'fail' | 'ok' | 'hang'>) {
  const calls = { count: 0 };
  return {
    calls,
    createIfNotExists: (() => {
      const step = script[calls.count++] ?? 'ok';
      if (step === 'hang') return new Promise(() => undefined);
      return step === 'fail' ? Promise.reject(Object.assign(new Error('This request is not authorized'), { statusCode: 403 })) : Promise.resolve({ succeeded: true });
    }) as never,
  };
}

/** A store whose calls fail while `failing` is set. */
class FakeStore implements Storage {
  failing = false;
  calls = 0;
  async read(): Promise<StoreItems> {
    this.calls++;
    if (this.failing) throw new Error('store failed');
    return {};
  }
  async write(): Promise<void> {
    await this.read();
  }
  async delete(): Promise<void> {
    await this.read();
  }
}

describe('BlobContainer', () => {
  it('creates the container once for every caller, and again after a failed attempt', async () => {
    const client = containerClient(['fail', 'ok']);
    const container = new BlobContainer(client);
    const [a, b] = await Promise.allSettled([container.exists(), container.exists()]);
    assert.deepEqual([a.status, b.status], ['rejected', 'rejected']);
    assert.equal(client.calls.count, 1, 'one attempt shared');
    await container.exists();
    await container.exists();
    assert.equal(client.calls.count, 2, 'tried again once, then remembered');
  });

  it("a caller's signal ends its own wait, not the attempt the others wait for", async () => {
    let finish!: () => void;
    const client = { createIfNotExists: (() => new Promise<void>((resolve) => (finish = resolve))) as never };
    const container = new BlobContainer(client);
    const other = container.exists();
    await assert.rejects(container.exists(AbortSignal.timeout(10)), (err: Error) => err.name === 'TimeoutError');
    finish();
    await other;
  });
});

describe('BlobStateStorage', () => {
  it('a failed container creation fails the call without using the store; the next call creates it and works', async () => {
    const client = containerClient(['fail', 'ok']);
    const store = new FakeStore();
    let opened = 0;
    const storage = new BlobStateStorage(new BlobContainer(client), () => (opened++, store));
    await assert.rejects(storage.read(['k']), /not authorized/);
    assert.equal(store.calls, 0);
    assert.deepEqual(await storage.read(['k']), {});
    assert.equal(opened, 1);
  });

  it('a store that never answered is replaced after a failure; one that answered is kept', async () => {
    const stores: FakeStore[] = [];
    const storage = new BlobStateStorage(new BlobContainer(containerClient([])), () => {
      const store = new FakeStore();
      store.failing = stores.length === 0;
      stores.push(store);
      return store;
    });
    await assert.rejects(storage.write({ k: { v: 1 } }), /store failed/);
    await storage.write({ k: { v: 1 } });
    assert.equal(stores.length, 2, 'the first store, whose own container creation may have failed, was replaced');
    stores[1]!.failing = true;
    await assert.rejects(storage.delete(['k']), /store failed/);
    stores[1]!.failing = false;
    await storage.read(['k']);
    assert.equal(stores.length, 2, 'a store that answered once is kept');
  });
});
