// The cache behind BotAuthentication's connector and user-token clients: one client per key, shared while it is
// being built, bounded, and a failed creation is never kept.
import assert from 'node:assert/strict';
import { cachedClient, clientCache } from '../../src/http/client-cache';

describe('client cache', () => {
  it('builds one client per key and shares it, also with callers that ask while it is being built', async () => {
    const cache = clientCache<{ n: number }>(4);
    let built = 0;
    const create = async () => ({ n: ++built });
    const [a, b] = await Promise.all([cachedClient(cache, 'k', create), cachedClient(cache, 'k', create)]);
    assert.equal(a, b);
    assert.equal(await cachedClient(cache, 'k', create), a);
    assert.notEqual(await cachedClient(cache, 'other', create), a);
    assert.equal(built, 2);
  });

  it('a failed creation is not kept: the next call builds again', async () => {
    const cache = clientCache<string>(4);
    let calls = 0;
    const flaky = async () => {
      if (++calls === 1) throw new Error('token endpoint down');
      return 'client';
    };
    await assert.rejects(cachedClient(cache, 'k', flaky), /token endpoint down/);
    assert.equal(await cachedClient(cache, 'k', flaky), 'client');
    assert.equal(await cachedClient(cache, 'k', flaky), 'client');
    assert.equal(calls, 2);
  });

  it('keeps at most max clients, dropping the least recently used', async () => {
    const cache = clientCache<string>(2);
    const make = (name: string) => async () => name;
    const a = cachedClient(cache, 'a', make('a'));
    cachedClient(cache, 'b', make('b'));
    assert.equal(cachedClient(cache, 'a', make('a again')), a, 'a is used again, so b is now the oldest');
    cachedClient(cache, 'c', make('c'));
    assert.equal(cache.size, 2);
    assert.equal(await cachedClient(cache, 'b', make('b rebuilt')), 'b rebuilt');
  });

  it('a failure of a client already evicted does not drop the one built after it', async () => {
    const cache = clientCache<string>(1);
    let fail!: (err: Error) => void;
    const first = cachedClient(cache, 'k', () => new Promise<string>((_, reject) => (fail = reject)));
    cachedClient(cache, 'other', async () => 'other'); // evicts k
    const second = cachedClient(cache, 'k', async () => 'second'); // evicts other
    fail(new Error('late failure'));
    await assert.rejects(first, /late failure/);
    assert.equal(cachedClient(cache, 'k', async () => 'third'), second);
  });
});
