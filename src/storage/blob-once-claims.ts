// "Create once" claims in Azure Blob storage, shared by every bot instance.
import { ContainerClient } from '@azure/storage-blob';
import type { OnceClaims } from './once-claims';

/** Shared by every instance: a blob created with If-None-Match: * — only one creator can win. */
export class BlobOnceClaims implements OnceClaims {
  private readonly container: ContainerClient;
  private ready?: Promise<unknown>;

  constructor(connectionString: string, containerName: string) {
    // A claim gates every message: the SDK's default retries (4 tries, 4 s apart and growing) would outlast the
    // turn; a few quick tries are enough, and the next turn tries again anyway.
    this.container = new ContainerClient(connectionString, containerName, {
      retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000, tryTimeoutInMs: 5000 },
    });
  }

  async claim(key: string): Promise<boolean> {
    await this.containerReady();
    const name = `once/${Buffer.from(key).toString('base64url')}`;
    try {
      await this.container.getBlockBlobClient(name).upload('1', 1, { conditions: { ifNoneMatch: '*' } });
      return true;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 409 || status === 412) return false;
      throw err;
    }
  }

  /** The container exists and a read answers (a blob that never exists: 404 is an answer). */
  async answers(): Promise<boolean> {
    await this.containerReady();
    await this.container.getBlockBlobClient('once/healthz-probe').exists();
    return true;
  }

  /**
   * Creates the container once per process. A failed attempt (403 from a firewall or a rotated key, a 5xx, a
   * timeout) is forgotten, so the next claim tries again instead of failing for the rest of the process's life.
   */
  private containerReady(): Promise<unknown> {
    if (!this.ready) {
      const attempt = this.container.createIfNotExists();
      this.ready = attempt;
      attempt.catch(() => {
        if (this.ready === attempt) this.ready = undefined;
      });
    }
    return this.ready;
  }
}
