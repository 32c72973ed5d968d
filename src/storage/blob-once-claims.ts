// "Create once" claims in Azure Blob storage, shared by every bot instance.
import { ContainerClient } from '@azure/storage-blob';
import type { OnceClaims } from './once-claims';

/** Shared by every instance: a blob created with If-None-Match: * — only one creator can win. */
export class BlobOnceClaims implements OnceClaims {
  private readonly container: ContainerClient;
  private ready?: Promise<unknown>;

  constructor(connectionString: string, containerName: string) {
    this.container = new ContainerClient(connectionString, containerName);
  }

  async claim(key: string): Promise<boolean> {
    this.ready ??= this.container.createIfNotExists();
    await this.ready;
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
}
