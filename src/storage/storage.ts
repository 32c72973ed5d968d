// Bot state storage: in memory for one instance, Azure Blob storage when several instances share state.
import type { Storage, StoreItems } from 'botbuilder';
import type { StorageConfig } from '../config';
import { MemoryOnceClaims, type OnceClaims } from './once-claims';
import { BoundedMemoryStorage } from './bounded-memory-storage';

// The Azure SDKs take a noticeable share of start-up time: load them only when Blob storage is configured.
export function createStorage(config: StorageConfig): Storage {
  if (config.kind === 'blob') {
    const { BlobsStorage } = require('botbuilder-azure-blobs') as typeof import('botbuilder-azure-blobs');
    return new ContainerRetryingStorage(new BlobsStorage(config.connectionString, config.container));
  }
  return new BoundedMemoryStorage({ maxEntries: config.maxEntries, idleMs: config.idleMs });
}

/** How long memory mode keeps a meeting record nobody touched: meetings are mostly scheduled within a month. */
const MEETING_RECORD_IDLE_MS = 35 * 24 * 60 * 60 * 1000;

/**
 * Where meeting records and form cards live: the state store when it is shared (Blob). In memory, a store of their
 * own, so the short idle expiry meant for dialogs doesn't forget a meeting scheduled for next week.
 */
export function createMeetingStorage(config: StorageConfig, state: Storage): Storage {
  if (config.kind === 'blob') return state;
  return new BoundedMemoryStorage({ maxEntries: config.maxEntries, idleMs: Math.max(config.idleMs, MEETING_RECORD_IDLE_MS) });
}

/**
 * botbuilder's BlobsStorage creates its container on first use and keeps that promise, so one failed attempt (a
 * 403 from a firewall or a rotated key, a 5xx, a timeout) would fail every later read and write for the life of
 * the process. After a failed call, a rejected creation is forgotten so the next call tries again. (The promise is
 * a private field of botbuilder-azure-blobs 4.23.3; when it is not there, nothing changes.)
 */
export class ContainerRetryingStorage implements Storage {
  constructor(private readonly inner: Storage) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.retryable(() => this.inner.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.retryable(() => this.inner.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.retryable(() => this.inner.delete(keys));
  }

  private async retryable<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      const inner = this.inner as unknown as { _initializePromise?: Promise<unknown> };
      const creation = inner._initializePromise;
      if (creation) {
        await creation.then(
          () => undefined,
          () => {
            if (inner._initializePromise === creation) inner._initializePromise = undefined;
          },
        );
      }
      throw err;
    }
  }
}

/** "First one wins" claims (SSO exchange and redelivery de-duplication), shared when the state is. */
export function createOnceClaims(config: StorageConfig): OnceClaims {
  if (config.kind === 'blob') {
    const { BlobOnceClaims } = require('./blob-once-claims') as typeof import('./blob-once-claims');
    return new BlobOnceClaims(config.connectionString, config.container);
  }
  return new MemoryOnceClaims();
}

/**
 * Whether a state write lost to another writer. Both botbuilder stores turn the lost race (Blob's 412 on If-Match,
 * MemoryStorage's eTag compare) into a plain Error with this wording and no status or code, so the wording is
 * all there is to go by; a store that keeps the status (412) is recognised by it.
 */
export function isConcurrentWriteError(err: unknown): boolean {
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 412 || status === 409) return true;
  return status === undefined && /due to eTag conflict/.test((err as Error | undefined)?.message ?? '');
}

/** Health probe: a read of a key that never exists must answer (and quickly). */
export async function storageAnswers(storage: Storage, timeoutMs = 2000): Promise<boolean> {
  return answersWithin(() => storage.read(['healthz/probe']), timeoutMs);
}

export interface StoreHealth {
  ok: boolean;
  /** Dialog state. */
  storage: { kind: string; ok: boolean; entries?: number };
  /** Once-claims (redelivery guard, SSO exchange de-duplication). */
  claims: { kind: string; ok: boolean };
  /** The stores that did not answer, by name. */
  down: Array<'state' | 'claims'>;
}

/** Every store a turn depends on, each probed with its own time limit, and which of them is down. */
export async function storeHealth(kind: string, storage: Storage, claims: OnceClaims, timeoutMs = 2000): Promise<StoreHealth> {
  const [stateOk, claimsOk] = await Promise.all([storageAnswers(storage, timeoutMs), answersWithin(() => claims.answers(), timeoutMs)]);
  const down: StoreHealth['down'] = [];
  if (!stateOk) down.push('state');
  if (!claimsOk) down.push('claims');
  const state: StoreHealth['storage'] = { kind, ok: stateOk };
  if (storage instanceof BoundedMemoryStorage) state.entries = storage.size;
  return { ok: down.length === 0, storage: state, claims: { kind, ok: claimsOk }, down };
}

async function answersWithin(probe: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('storage timeout')), timeoutMs);
      }),
    ]);
    return answer !== false;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
