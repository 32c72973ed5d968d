// Bot state storage: in memory for one instance, Azure Blob storage when several instances share state.
import { MemoryStorage, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { StorageConfig } from './config';

export function createStorage(config: StorageConfig): Storage {
  if (config.kind === 'blob') return new BlobsStorage(config.connectionString, config.container);
  return new MemoryStorage();
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
