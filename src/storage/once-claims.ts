// "First one wins" claims: the redelivery guard and the SSO exchange de-duplication both need to know whether
// they are the first to see something, across instances when the state is shared.

export interface OnceClaims {
  /** True for the first caller with this key (across instances for shared stores), false afterwards. */
  claim(key: string): Promise<boolean>;
  /** Resolves true when the store answers (health check); may reject instead of resolving false. */
  answers(): Promise<boolean>;
}

/** One process: a bounded, time-limited set. */
export class MemoryOnceClaims implements OnceClaims {
  private readonly seen = new Map<string, number>();
  constructor(private readonly ttlMs = 10 * 60 * 1000, private readonly max = 10_000) {}

  async claim(key: string): Promise<boolean> {
    const now = Date.now();
    for (const [k, at] of this.seen) {
      if (now - at < this.ttlMs && this.seen.size < this.max) break;
      this.seen.delete(k); // oldest first (Map keeps insertion order)
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }

  async answers(): Promise<boolean> {
    return true;
  }
}
