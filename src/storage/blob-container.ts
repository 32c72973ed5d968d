// The bot's Blob container, created once per process — and again after a failed attempt.
import type { ContainerClient } from '@azure/storage-blob';
import { untilAborted } from '../abort';

export class BlobContainer {
  private creation?: Promise<void>;
  /** How often the container was found gone while running, and created again. */
  recreations = 0;

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

  /** The container was deleted under us (ContainerNotFound): the next call creates it again. */
  lost(): void {
    this.creation = undefined;
    this.recreations++;
  }

  /**
   * `operation`, in an existing container. When the container turns out to be gone (someone deleted it while the bot
   * runs), it is created again and the operation runs once more, instead of every later call failing.
   */
  async within<T>(operation: () => Promise<T>): Promise<T> {
    await this.exists();
    try {
      return await operation();
    } catch (err) {
      if (!isContainerNotFound(err)) throw err;
      this.lost();
      await this.exists();
      return operation();
    }
  }
}

/** Azure's answer for an operation in a container that doesn't exist (404 ContainerNotFound). */
export function isContainerNotFound(err: unknown): boolean {
  const e = err as { code?: unknown; details?: { errorCode?: unknown } } | undefined;
  return e?.code === 'ContainerNotFound' || e?.details?.errorCode === 'ContainerNotFound';
}
