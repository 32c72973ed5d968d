// SSO token-exchange de-duplication against real Blob storage (Azurite), including upstream bug botbuilder-js#4800.
import assert from 'node:assert/strict';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { BlobOnceClaims } from '../../src/storage/blob-once-claims';
import { MemoryOnceClaims } from '../../src/storage/once-claims';
import { SsoExchangeDedupStorage } from '../../src/storage/sso-exchange-dedup-storage';
import { startAzurite, type Azurite } from '../support/azurite';
import { recordScenario } from '../support/reliability-log';

describe('SSO token-exchange de-duplication storage', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => azurite?.stop());

  it("shows the upstream bug: BlobsStorage rejects even the first exchange's write as an eTag conflict", async () => {
    const stock = new BlobsStorage(azurite.connectionString, 'upstream-bug');
    await assert.rejects(stock.write({ 'msteams/conv/exchange': { eTag: 'exchange-id-1' } }), /eTag conflict/);
  });

  it('lets exactly one of two instances through for the same exchange id, and the next id again', async () => {
    const instanceA = new SsoExchangeDedupStorage(new BlobOnceClaims({ connectionString: azurite.connectionString }, 'sso-dedup'));
    const instanceB = new SsoExchangeDedupStorage(new BlobOnceClaims({ connectionString: azurite.connectionString }, 'sso-dedup'));
    const write = (s: SsoExchangeDedupStorage, id: string) =>
      s.write({ 'msteams/conv/key': { eTag: id } }).then(() => 'first', (err: Error) => (/eTag conflict/.test(err.message) ? 'duplicate' : `error: ${err.message}`));

    const results = await Promise.all([write(instanceA, 'x-1'), write(instanceB, 'x-1'), write(instanceA, 'x-1'), write(instanceB, 'x-1')]);
    assert.deepEqual([...results].sort(), ['duplicate', 'duplicate', 'duplicate', 'first']);
    assert.equal(await write(instanceB, 'x-2'), 'first', 'a new exchange id is new');
    recordScenario({ scenario: 'SSO token exchange delivered to two instances at once (Blob store)', runs: 4, outcome: 'exactly one proceeds; stock BlobsStorage would drop all (botbuilder-js#4800)', test: 'test/auth/sso-exchange-dedup.test.ts' });
  });

  it('in memory: the first claim wins, the duplicate is recognised by the middleware wording', async () => {
    const storage = new SsoExchangeDedupStorage(new MemoryOnceClaims());
    await storage.write({ k: { eTag: 'id-1' } });
    await assert.rejects(storage.write({ k: { eTag: 'id-1' } }), /etag conflict/i);
    await storage.write({ k: { eTag: 'id-2' } });
  });

  it("per user: another user's exchange with the same key and id is not this user's duplicate", async () => {
    const claims = new MemoryOnceClaims();
    await new SsoExchangeDedupStorage(claims, 'user-b').write({ k: { eTag: 'id-1' } });
    await new SsoExchangeDedupStorage(claims, 'user-a').write({ k: { eTag: 'id-1' } });
    await assert.rejects(new SsoExchangeDedupStorage(claims, 'user-a').write({ k: { eTag: 'id-1' } }), /etag conflict/i);
  });
});
