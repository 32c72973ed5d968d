// Bot state storage: in memory for one instance, Azure Blob storage when several instances share state.
import type { Storage } from 'botbuilder';
import type { StorageConfig } from '../config';
import { untilAborted } from '../abort';
import { MemoryOnceClaims, type OnceClaims } from './once-claims';
import { BoundedMemoryStorage } from './bounded-memory-storage';

// The Azure SDKs take a noticeable share of start-up time: load them only when Blob storage is configured.
export function createStorage(config: StorageConfig): Storage {
  if (config.kind === 'blob') {
    const { BlobStateStorage } = require('./blob-state-storage') as typeof import('./blob-state-storage');
    return BlobStateStorage.open(config, config.container);
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

/** "First one wins" claims (SSO exchange and redelivery de-duplication), shared when the state is. */
export function createOnceClaims(config: StorageConfig): OnceClaims {
  if (config.kind === 'blob') {
    const { BlobOnceClaims } = require('./blob-once-claims') as typeof import('./blob-once-claims');
    return new BlobOnceClaims(config, config.container);
  }
  return new MemoryOnceClaims();
}

/** How often each instance deletes Blob claims past their lifetime (a day), and how soon after start it first does. */
const CLAIM_SWEEP_EVERY_MS = 60 * 60 * 1000;
const FIRST_CLAIM_SWEEP_AFTER_MS = 60 * 1000;

/**
 * Deletes aged "first one wins" claims now and then, where they are Blobs (memory claims forget on their own). Every
 * instance sweeps; two sweeping at once delete each claim once (If-Match). Returns what stops it.
 */
export function sweepAgedClaims(claims: OnceClaims, report: (deleted: number | Error) => void): () => void {
  const sweepable = claims as OnceClaims & { sweep?: () => Promise<number> };
  if (typeof sweepable.sweep !== 'function') return () => undefined;
  const run = (): void => void sweepable.sweep!().then(report, (err: Error) => report(err));
  const first = setTimeout(run, FIRST_CLAIM_SWEEP_AFTER_MS);
  const every = setInterval(run, CLAIM_SWEEP_EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
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
  /** How often a store's Blob container was found deleted while running and created again. */
  containerRecreated?: number;
}

/** Every store a turn depends on, each probed with its own time limit, and which of them is down. */
export async function storeHealth(kind: string, storage: Storage, claims: OnceClaims, timeoutMs = 2000): Promise<StoreHealth> {
  const [stateOk, claimsOk] = await Promise.all([storageAnswers(storage, timeoutMs), answersWithin((signal) => claims.answers(signal), timeoutMs)]);
  const down: StoreHealth['down'] = [];
  if (!stateOk) down.push('state');
  if (!claimsOk) down.push('claims');
  const state: StoreHealth['storage'] = { kind, ok: stateOk };
  if (storage instanceof BoundedMemoryStorage) state.entries = storage.size;
  const recreated = recreationsOf(storage) + recreationsOf(claims);
  return { ok: down.length === 0, storage: state, claims: { kind, ok: claimsOk }, down, ...(recreated > 0 ? { containerRecreated: recreated } : {}) };
}

function recreationsOf(store: unknown): number {
  const n = (store as { containerRecreations?: unknown }).containerRecreations;
  return typeof n === 'number' ? n : 0;
}

/** Whether the probe answers (anything but false) before `timeoutMs`; a probe that takes the signal is cancelled then. */
async function answersWithin(probe: (signal: AbortSignal) => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // Storage.read takes no signal: for it, only the wait ends.
    return (await untilAborted(probe(signal), signal)) !== false;
  } catch {
    return false;
  }
}
