// Once-claims, in memory and in real Blob storage (Azurite): "in progress since T" → "done", takeover of a claim
// whose first attempt died, and only one winner among instances racing for the same key.
import assert from 'node:assert/strict';
import { ContainerClient } from '@azure/storage-blob';
import { BlobOnceClaims } from '../../src/storage/blob-once-claims';
import { MemoryOnceClaims, type OnceClaims, type TurnClaim } from '../../src/storage/once-claims';
import { startAzurite, type Azurite } from '../support/azurite';
import { recordScenario } from '../support/reliability-log';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const started = (c: TurnClaim): Extract<TurnClaim, { state: 'started' }> => {
  assert.equal(c.state, 'started');
  return c as Extract<TurnClaim, { state: 'started' }>;
};

function behaviour(name: string, make: () => OnceClaims) {
  describe(name, () => {
    it('begin → in progress for the next caller → finish → done for every later caller', async () => {
      const claims = make();
      const first = started(await claims.begin('k1', 60_000));
      assert.equal(first.takenOver, false);
      assert.equal((await claims.begin('k1', 60_000)).state, 'in-progress');
      await first.finish();
      assert.equal((await claims.begin('k1', 0)).state, 'done', 'a done claim is never handed out again, whatever its age');
    });

    it('an in-progress claim older than retryAfterMs is taken over; the dead attempt cannot finish it', async () => {
      const claims = make();
      const dead = started(await claims.begin('k2', 300));
      await sleep(350);
      const second = started(await claims.begin('k2', 300));
      assert.equal(second.takenOver, true);
      await dead.finish(); // too late: the second attempt owns the claim now
      assert.equal((await claims.begin('k2', 60_000)).state, 'in-progress');
      await second.finish();
      assert.equal((await claims.begin('k2', 0)).state, 'done');
    });

    it('release: the work did not happen, the next caller starts it again', async () => {
      const claims = make();
      await started(await claims.begin('k3', 60_000)).release();
      started(await claims.begin('k3', 60_000));
    });

    it('claim(): the first caller wins, later ones lose (SSO exchange de-duplication)', async () => {
      const claims = make();
      assert.equal(await claims.claim('s1'), true);
      assert.equal(await claims.claim('s1'), false);
      assert.equal(await claims.claim('s2'), true);
    });
  });
}

describe('once-claims', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => azurite?.stop());

  behaviour('in memory', () => new MemoryOnceClaims());
  behaviour('in Blob storage', () => new BlobOnceClaims({ connectionString: azurite.connectionString }, 'claims-behaviour'));

  describe('in Blob storage, several instances', () => {
    it('8 instances begin the same key at once: exactly one starts', async () => {
      const instances = Array.from({ length: 8 }, () => new BlobOnceClaims({ connectionString: azurite.connectionString }, 'claims-race'));
      const results = await Promise.all(instances.map((c) => c.begin('race-1', 60_000)));
      assert.deepEqual(results.map((r) => r.state).sort(), ['in-progress', 'in-progress', 'in-progress', 'in-progress', 'in-progress', 'in-progress', 'in-progress', 'started']);
    });

    it('8 instances find the same dead claim at once: exactly one takes it over (If-Match)', async () => {
      const instances = Array.from({ length: 8 }, () => new BlobOnceClaims({ connectionString: azurite.connectionString }, 'claims-race'));
      started(await instances[0].begin('race-2', 200));
      await sleep(250);
      const results = await Promise.all(instances.map((c) => c.begin('race-2', 200)));
      assert.equal(results.filter((r) => r.state === 'started').length, 1);
      recordScenario({ scenario: 'Eight instances find the same dead (in-progress, stale) delivery claim at once (Blob)', runs: 8, outcome: 'exactly one took it over (If-Match on the eTag read); the others saw it in progress', test: 'test/storage/once-claims.test.ts' });
    });

    it('claims have a lifetime: one older than a day is overwritten (claim and begin), a younger one is not', async () => {
      let now = Date.now();
      const claims = new BlobOnceClaims({ connectionString: azurite.connectionString }, 'claims-lifetime', { now: () => now });
      assert.equal(await claims.claim('sso|x'), true);
      await started(await claims.begin('delivery|y', 60_000)).finish();
      now += 23 * 3600_000;
      assert.equal(await claims.claim('sso|x'), false, 'still within its lifetime');
      assert.equal((await claims.begin('delivery|y', 60_000)).state, 'done');
      now += 2 * 3600_000;
      assert.equal(await claims.claim('sso|x'), true, 'a day old: overwritten, the caller wins again');
      assert.equal(await claims.claim('sso|x'), false, 'and the new claim holds');
      started(await claims.begin('delivery|y', 60_000));
      recordScenario({ scenario: 'Blob once-claims past their one-day lifetime (fake clock)', runs: 2, outcome: 'overwritten by the next caller with the key (claim and delivery); younger claims held', test: 'test/storage/once-claims.test.ts' });
    });

    it('the bot deletes claims past their lifetime itself (no lifecycle rule needed): 30 aged ones go, a fresh one stays', async () => {
      // A lifetime of 1.5 s instead of a day: Azurite's own clock stamps the blobs, as the account's does.
      const claims = new BlobOnceClaims({ connectionString: azurite.connectionString }, 'claims-sweep', { lifetimeMs: 1500 });
      for (let i = 0; i < 30; i++) await started(await claims.begin(`delivery|msteams|conv|help-${i}`, 60_000)).finish();
      const container = new ContainerClient(azurite.connectionString, 'claims-sweep');
      const count = async () => {
        let n = 0;
        for await (const _ of container.listBlobsFlat({ prefix: 'once/' })) n++;
        return n;
      };
      assert.equal(await count(), 30);
      assert.equal(await claims.sweep(), 0, 'nothing has outlived its lifetime yet');
      await new Promise((resolve) => setTimeout(resolve, 2100));
      assert.equal(await claims.claim('sso|fresh'), true);
      assert.equal(await claims.sweep(), 30);
      assert.equal(await count(), 1, 'only the fresh claim is left');
      assert.equal(await claims.claim('sso|fresh'), false, 'and it still holds');
      recordScenario({ scenario: '30 `help` messages leave 30 delivery claims; after their lifetime the bot sweeps them (Blob)', runs: 1, outcome: '30 aged claims deleted by the bot itself, the fresh one kept (the lifecycle rule stays the production cleanup too)', test: 'test/storage/once-claims.test.ts' });
    });

    it('a claim written before claims had a body ("1") counts as done', async () => {
      const container = new ContainerClient(azurite.connectionString, 'claims-legacy');
      await container.createIfNotExists();
      const key = 'delivery|msteams|conv|1';
      await container.getBlockBlobClient(`once/${Buffer.from(key).toString('base64url')}`).upload('1', 1);
      assert.equal((await new BlobOnceClaims({ connectionString: azurite.connectionString }, 'claims-legacy').begin(key, 0)).state, 'done');
    });
  });
});
