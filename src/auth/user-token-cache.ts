// The user's Graph token as the token service last gave it, kept in this process's memory for a short while, so a
// user's next turn (pressing Create after a typed `schedule`, Save after Change, the next meeting) doesn't ask the
// token service again: that call cost more CPU than the rest of a schedule turn together, and its latency is in
// every meeting created.
//
// Only here, only in memory: never in storage, logs or cards. An entry lives TOKEN_CACHE_SECONDS (default 60) and
// never past five minutes before the token expires. The bot forgets it when the user signs out here or Graph refuses
// it (401). What it can't see: a sign-out through another instance, or at the token service directly — this
// instance may then use the token it holds for up to TOKEN_CACHE_SECONDS more (Graph would accept it until it
// expires either way). TOKEN_CACHE_SECONDS=0 turns the cache off.
import { LRUCache } from 'lru-cache';

/** A token is not kept closer than this to its expiry: Graph must still accept it when the turn's call arrives. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
/** Users held at once (a few KB each). */
const MAX_USERS = 10_000;

/** Whose token: the token service's own key (connection, channel, user). */
export interface TokenOwner {
  connectionName: string;
  channelId: string;
  userId: string;
}

export class UserTokenCache {
  private readonly tokens: LRUCache<string, string> | undefined;

  private readonly now: () => number;

  /** `ttlMs` 0 = nothing is kept. `now`: a clock of the tests' own (epoch ms). */
  constructor(ttlMs: number, now?: () => number) {
    this.now = now ?? Date.now;
    // A test clock is read on every check (lru-cache otherwise reuses a reading for a millisecond).
    const clock = now ? { perf: { now }, ttlResolution: 0 } : {};
    this.tokens = ttlMs > 0 ? new LRUCache<string, string>({ max: MAX_USERS, ttl: ttlMs, ...clock }) : undefined;
  }

  get(owner: TokenOwner): string | undefined {
    return this.tokens?.get(keyOf(owner));
  }

  /** Keeps the token the token service gave, unless it expires too soon (`expiration`: ISO time, as it says). */
  put(owner: TokenOwner, token: string, expiration: string | undefined): void {
    if (!this.tokens) return;
    const expiresAt = expiration ? Date.parse(expiration) : Number.NaN;
    // Without a known expiry the token isn't kept: there would be no way to tell it is still good.
    if (!Number.isFinite(expiresAt)) return;
    const left = expiresAt - EXPIRY_MARGIN_MS - this.now();
    if (left <= 0) return;
    const ttl = Math.min(this.tokens.ttl, left);
    this.tokens.set(keyOf(owner), token, { ttl });
  }

  forget(owner: TokenOwner): void {
    this.tokens?.delete(keyOf(owner));
  }
}

function keyOf(owner: TokenOwner): string {
  return `${owner.connectionName}\u0000${owner.channelId}\u0000${owner.userId}`;
}
