// The bot's Blob container, created once per process — and again after a failed attempt.
import type { ContainerClient } from '@azure/storage-blob';
import { untilAborted } from '../abort';

export class BlobContainer {
  private creation?: Promise<void>;

  constructor(private readonly client: Pick<ContainerClient, 'createIfNotExists'>) {}

  /**
   * Resolves once the container exists. A failed attempt (403 from a firewall or a rotated key, a 5xx, a timeout)
   * is forgotten, so the next call tries again instead of failing for the rest of the process's life. Every caller
   * shares one attempt: a caller's signal ends only its own wait, never the attempt the others wait for.
   */
  exists(signal?: AbortSignal): Promise<void> {
    if (!this.creation) {
      const attempt = this.client.createIfNotExists().then(() => undefined);
      this.creation = attempt;
      attempt.catch(() => {
        if (this.creation === attempt) this.creation = undefined;
      });
    }
    return untilAborted(this.creation, signal);
  }
}
