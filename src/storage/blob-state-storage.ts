// Bot state in Azure Blob storage: botbuilder's BlobsStorage, with its container created (and re-created) here.
//
// BlobsStorage creates its container on first use and keeps that promise for its lifetime, so one failed attempt (a
// 403 from a firewall or a rotated key, a 5xx, a timeout) would fail every later read and write until a restart.
// Here the container is created first, by BlobContainer, which tries again after a failure; a BlobsStorage is opened
// only once the container exists, and one that has never answered is replaced after a failure (its own creation
// may be what failed).
import type { Storage, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { StorageAccess } from '../config';
import { BlobContainer } from './blob-container';
import { containerClient, hostCredential } from './storage-access';

export class BlobStateStorage implements Storage {
  private store?: Storage;
  /** The store that answered a call: its container creation succeeded, so it is kept whatever fails later. */
  private proven?: Storage;

  constructor(
    private readonly container: Pick<BlobContainer, 'within' | 'recreations'>,
    private readonly open: () => Storage,
  ) {}

  /** How often the container was found deleted while running and created again (reported by /healthz). */
  get containerRecreations(): number {
    return this.container.recreations;
  }

  static open(access: StorageAccess, containerName: string): BlobStateStorage {
    return new BlobStateStorage(new BlobContainer(containerClient(access, containerName)), () =>
      access.connectionString !== undefined
        ? new BlobsStorage(access.connectionString, containerName)
        : // With a credential BlobsStorage takes the container's own URL (it ignores containerName then).
          new BlobsStorage('', containerName, undefined, `${access.serviceUrl}/${encodeURIComponent(containerName)}`, hostCredential()),
    );
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.call((store) => store.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.call((store) => store.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.call((store) => store.delete(keys));
  }

  private call<T>(operation: (store: Storage) => Promise<T>): Promise<T> {
    return this.container.within(async () => {
      const store = (this.store ??= this.open());
      try {
        const result = await operation(store);
        this.proven ??= store;
        return result;
      } catch (err) {
        if (this.proven !== store && this.store === store) this.store = undefined;
        throw err;
      }
    });
  }
}
