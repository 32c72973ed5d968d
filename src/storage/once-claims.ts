// "First one wins" claims: the redelivery guard and the SSO exchange de-duplication both need to know whether
// they are the first to see something, across instances when the state is shared.

/**
 * What `begin` found. `started`: this caller does the work and must call `finish` (or `release` when the work
 * failed); `takenOver` says an earlier attempt never finished. `in-progress`: someone began less than
 * `retryAfterMs` ago. `done`: the work was finished.
 */
export type TurnClaim =
  | { state: 'started'; takenOver: boolean; finish(): Promise<void>; release(): Promise<void> }
  | { state: 'in-progress'; since: number }
  | { state: 'done' };

export interface OnceClaims {
  /** True for the first caller with this key (across instances for shared stores), false afterwards. */
  claim(key: string): Promise<boolean>;
  /**
   * Work that must happen once but can die half-way (a turn in a process that is killed): the claim says "in
   * progress since T" until `finish` marks it done. An in-progress claim older than `retryAfterMs` is presumed
   * dead and handed to the next caller; a done claim never is.
   */
  begin(key: string, retryAfterMs: number): Promise<TurnClaim>;
  /** Resolves true when the store answers (health check); may reject instead of resolving false. `signal` cancels the probe. */
  answers(signal?: AbortSignal): Promise<boolean>;
}

interface MemoryClaim {
  state: 'in-progress' | 'done';
  /** When it was claimed (in progress) or finished (done). */
  at: number;
  /** Tells this attempt from a later one that took over. */
  attempt: number;
}

/** One process: a bounded, time-limited map. */
export class MemoryOnceClaims implements OnceClaims {
  private readonly claims = new Map<string, MemoryClaim>();
  private attempts = 0;

  constructor(private readonly lifetimeMs = 24 * 60 * 60 * 1000, private readonly max = 50_000, private readonly now: () => number = Date.now) {}

  async claim(key: string): Promise<boolean> {
    if (this.current(key)) return false;
    this.put(key, { state: 'done', at: this.now(), attempt: ++this.attempts });
    return true;
  }

  async begin(key: string, retryAfterMs: number): Promise<TurnClaim> {
    const existing = this.current(key);
    if (existing?.state === 'done') return { state: 'done' };
    if (existing && this.now() - existing.at < retryAfterMs) return { state: 'in-progress', since: existing.at };
    const mine: MemoryClaim = { state: 'in-progress', at: this.now(), attempt: ++this.attempts };
    this.put(key, mine);
    const stillMine = (): boolean => this.claims.get(key)?.attempt === mine.attempt;
    return {
      state: 'started',
      takenOver: existing !== undefined,
      finish: async () => {
        if (stillMine()) this.put(key, { ...mine, state: 'done', at: this.now() });
      },
      release: async () => {
        if (stillMine()) this.claims.delete(key);
      },
    };
  }

  async answers(): Promise<boolean> {
    return true;
  }

  /** The key's claim unless it outlived its lifetime; drops the oldest entries past the lifetime or the cap. */
  private current(key: string): MemoryClaim | undefined {
    const now = this.now();
    for (const [k, claim] of this.claims) {
      if (now - claim.at < this.lifetimeMs && this.claims.size < this.max) break;
      this.claims.delete(k); // oldest first (Map keeps insertion order; put() re-inserts)
    }
    return this.claims.get(key);
  }

  private put(key: string, claim: MemoryClaim): void {
    this.claims.delete(key);
    this.claims.set(key, claim);
  }
}
