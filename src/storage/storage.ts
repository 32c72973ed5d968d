// Bot state storage: in memory for one instance, Azure Blob storage when several instances share state.
import { MemoryStorage, type Storage } from 'botbuilder';
import type { StorageConfig } from '../config';
import { MemoryOnceClaims, type OnceClaims } from './once-claims';

// The Azure SDKs take a noticeable share of start-up time: load them only when Blob storage is configured.
export function createStorage(config: StorageConfig): Storage {
  if (config.kind === 'blob') {
    const { BlobsStorage } = require('botbuilder-azure-blobs') as typeof import('botbuilder-azure-blobs');
    return new BlobsStorage(config.connectionString, config.container);
  }
  return new MemoryStorage();
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
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      storage.read(['healthz/probe']),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('storage timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
