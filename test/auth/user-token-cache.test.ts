// How long the bot reuses a user's token from the token service (auth/user-token-cache.ts).
import assert from 'node:assert/strict';
import { UserTokenCache } from '../../src/auth/user-token-cache';

const ALICE = { connectionName: 'graph', channelId: 'msteams', userId: '29:alice' };
const MINUTE = 60_000;

function at(start: number) {
  const clock = { now: start };
  return { clock, cache: (ttlMs: number) => new UserTokenCache(ttlMs, () => clock.now) };
}
const iso = (ms: number) => new Date(ms).toISOString();

describe('UserTokenCache', () => {
  it('keeps a token for its time to live, then asks again', () => {
    const { clock, cache } = at(Date.parse('2026-12-07T10:00:00Z'));
    const tokens = cache(60_000);
    tokens.put(ALICE, 'token-a', iso(clock.now + 60 * MINUTE));
    assert.equal(tokens.get(ALICE), 'token-a');
    clock.now += 59_000;
    assert.equal(tokens.get(ALICE), 'token-a');
    clock.now += 2_000;
    assert.equal(tokens.get(ALICE), undefined);
  });

  it('never keeps a token into the five minutes before it expires, nor one without an expiry', () => {
    const { clock, cache } = at(Date.parse('2026-12-07T10:00:00Z'));
    const tokens = cache(10 * MINUTE);
    tokens.put(ALICE, 'expiring', iso(clock.now + 4 * MINUTE));
    assert.equal(tokens.get(ALICE), undefined, 'expires within the margin: not kept');
    tokens.put(ALICE, 'six-minutes', iso(clock.now + 6 * MINUTE));
    clock.now += MINUTE - 1;
    assert.equal(tokens.get(ALICE), 'six-minutes');
    clock.now += 2;
    assert.equal(tokens.get(ALICE), undefined, 'gone five minutes before its expiry, before the ten-minute lifetime');
    tokens.put(ALICE, 'no-expiry', undefined);
    assert.equal(tokens.get(ALICE), undefined);
  });

  it('one entry per connection, channel and user; forget drops only that one', () => {
    const { clock, cache } = at(Date.parse('2026-12-07T10:00:00Z'));
    const tokens = cache(60_000);
    const calendar = { ...ALICE, connectionName: 'calendar' };
    const bob = { ...ALICE, userId: '29:bob' };
    for (const [owner, token] of [[ALICE, 'a'], [calendar, 'a-cal'], [bob, 'b']] as const) tokens.put(owner, token, iso(clock.now + 60 * MINUTE));
    tokens.forget(ALICE);
    assert.deepEqual([tokens.get(ALICE), tokens.get(calendar), tokens.get(bob)], [undefined, 'a-cal', 'b']);
  });

  it('TOKEN_CACHE_SECONDS=0 keeps nothing', () => {
    const { clock, cache } = at(Date.parse('2026-12-07T10:00:00Z'));
    const tokens = cache(0);
    tokens.put(ALICE, 'a', iso(clock.now + 60 * MINUTE));
    assert.equal(tokens.get(ALICE), undefined);
  });
});
