// MemoryStorage keeps every user × conversation entry for the life of the process. This wrapper forgets entries
// nobody read or wrote for `idleMs` and keeps at most `maxEntries` (least recently used go first), so a long-running
// single instance holds what its current users need and no more. A forgotten dialog is not an error: a submit of a
// form whose state is gone restarts the flow from the submitted values.
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';

export interface BoundedMemoryStorageOptions {
  idleMs: number;
  maxEntries: number;
  now?: () => number;
}

export class BoundedMemoryStorage implements Storage {
  /** MemoryStorage's own map (it sets deleted keys to undefined instead of removing them: we remove them). */
  private readonly memory: Record<string, string> = {};
  private readonly inner = new MemoryStorage(this.memory);
  /** Key → last use; Map order is least recently used first (touch() re-inserts). */
  private readonly lastUsed = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: BoundedMemoryStorageOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Entries held. */
  get size(): number {
    return this.lastUsed.size;
  }

  async read(keys: string[]): Promise<StoreItems> {
    this.sweep();
    const items = await this.inner.read(keys);
    for (const key of Object.keys(items)) this.touch(key);
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.inner.write(changes);
    for (const key of Object.keys(changes)) this.touch(key);
    this.sweep();
  }

  async delete(keys: string[]): Promise<void> {
    await this.inner.delete(keys);
    for (const key of keys) this.forget(key);
  }

  private touch(key: string): void {
    this.lastUsed.delete(key);
    this.lastUsed.set(key, this.now());
  }

  private forget(key: string): void {
    this.lastUsed.delete(key);
    delete this.memory[key];
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, at] of this.lastUsed) {
      if (now - at < this.options.idleMs && this.lastUsed.size <= this.options.maxEntries) break;
      this.forget(key);
    }
  }
}
