// Meeting records in the bot's storage (memory or Blob, the same store as the dialog state). Writes of an existing
// record carry its eTag, so of two instances or two clicks changing the same meeting exactly one wins.
import { createHash } from 'node:crypto';
import type { Storage, StoreItem } from 'botbuilder';
import { isUpcoming, type MeetingRecord } from '../meetings/meeting-record';
import { isConcurrentWriteError } from './storage';

/** A record as read, with the eTag a conditional write needs. */
export type StoredRecord = MeetingRecord & { eTag?: string };

/** The record's contents, without the eTag it was read with (to write a next version from). */
export function withoutETag(record: StoredRecord): MeetingRecord {
  const { eTag: _eTag, ...rest } = record;
  return rest;
}

/** Another writer changed the record since it was read. */
export class RecordConflictError extends Error {
  constructor(id: string) {
    super(`meeting record ${id} changed concurrently`);
    this.name = 'RecordConflictError';
  }
}

interface ListIndex extends StoreItem {
  ids: string[];
}

/** How many record ids one conversation's list keeps (oldest dropped first): `meetings` shows the next 10. */
const INDEX_LIMIT = 200;

export class MeetingRecords {
  constructor(private readonly storage: Storage) {}

  async get(id: string): Promise<StoredRecord | undefined> {
    const key = recordKey(id);
    return (await this.storage.read([key]))[key] as StoredRecord | undefined;
  }

  /**
   * Stores the record of a meeting and lists it. `isNew` (Graph answered 201) skips looking for an earlier record
   * of the same meeting — the common case, one read less; a meeting Graph already had keeps its record.
   */
  async create(record: MeetingRecord, isNew: boolean): Promise<StoredRecord> {
    if (!isNew) {
      const existing = await this.get(record.id);
      if (existing) return existing;
    }
    // eTag "*": written whatever is there; two creators of the same record write the same meeting.
    await this.storage.write({ [recordKey(record.id)]: { ...record, eTag: '*' } });
    await this.addToList(record.listKey, record.id);
    return record;
  }

  /** Writes `next` only if the record is still as `read` left it; RecordConflictError otherwise. */
  async replace(read: StoredRecord, next: MeetingRecord): Promise<StoredRecord> {
    try {
      await this.storage.write({ [recordKey(next.id)]: { ...next, eTag: read.eTag ?? '*' } });
    } catch (err) {
      if (isConcurrentWriteError(err)) throw new RecordConflictError(next.id);
      throw err;
    }
    return (await this.get(next.id)) ?? next;
  }

  /** The upcoming, not cancelled meetings listed under `listKey`, soonest first. */
  async upcoming(listKey: string, now: Date, limit: number): Promise<MeetingRecord[]> {
    const indexKey = listIndexKey(listKey);
    const index = (await this.storage.read([indexKey]))[indexKey] as ListIndex | undefined;
    if (!index || index.ids.length === 0) return [];
    const keys = index.ids.map(recordKey);
    const items = await this.storage.read(keys);
    return keys
      .map((k) => items[k] as MeetingRecord | undefined)
      .filter((r): r is MeetingRecord => r !== undefined && isUpcoming(r, now))
      .sort((a, b) => Date.parse(a.startIso) - Date.parse(b.startIso))
      .slice(0, limit);
  }

  private async addToList(listKey: string, id: string): Promise<void> {
    const key = listIndexKey(listKey);
    // Two meetings created at once in one conversation: retry on a lost race rather than lose one.
    for (let attempt = 1; ; attempt++) {
      const index = (await this.storage.read([key]))[key] as ListIndex | undefined;
      if (index?.ids.includes(id)) return;
      const ids = [...(index?.ids ?? []), id].slice(-INDEX_LIMIT);
      try {
        await this.storage.write({ [key]: { ids, eTag: index?.eTag ?? '*' } });
        return;
      } catch (err) {
        if (!isConcurrentWriteError(err) || attempt >= 5) throw err;
      }
    }
  }
}

function recordKey(id: string): string {
  return `meetings/record/${id}`;
}

function listIndexKey(listKey: string): string {
  return `meetings/list/${createHash('sha256').update(listKey).digest('base64url').slice(0, 32)}`;
}
