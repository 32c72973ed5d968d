// Clients that are costly to build (HTTP pipelines holding credentials), kept by key and shared.
import { LRUCache } from 'lru-cache';

/** Clients being built or built, by key: the least recently used goes first past `max`. */
export type ClientCache<T> = LRUCache<string, Promise<T>>;

export function clientCache<T>(max: number): ClientCache<T> {
  return new LRUCache<string, Promise<T>>({ max });
}

/**
 * The client kept under `key`, else a new one from `create`. Callers asking while it is being built share it; a
 * creation that fails is not kept, so the next call tries again.
 */
export function cachedClient<T>(cache: ClientCache<T>, key: string, create: () => Promise<T>): Promise<T> {
  const kept = cache.get(key);
  if (kept) return kept;
  const created = create();
  cache.set(key, created);
  created.catch(() => {
    // Only when it is still the one kept: after an eviction a later call may have put another there.
    if (cache.peek(key) === created) cache.delete(key);
  });
  return created;
}
