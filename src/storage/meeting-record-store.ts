// Meeting records in the bot's storage (memory or Blob, the same store as the dialog state). Writes of an existing
// record carry its eTag, so of two instances or two clicks changing the same meeting exactly one wins.
import { sha256Base64Url } from '../sha256';
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

/** A listed meeting and where it is in time: [record id, start ms, end ms]. */
type ListEntry = [id: string, startMs: number, endMs: number];

/**
 * One conversation's upcoming meetings, soonest first, as far as listing them goes. Every create reads and writes
 * it, so it is one compact string ("id,start,length;…", minutes in base 36: about 32 characters a meeting) rather
 * than an array of entries, which costs several times as much to store and read back. `capped`: more were upcoming
 * than the list keeps (the furthest ahead were left out). `ids` is the form before lists (read once, then replaced).
 */
interface ListIndex extends StoreItem {
  list?: string;
  /** How many entries `list` holds: a create appends until the list is due to be compacted. */
  count?: number;
  capped?: boolean;
  ids?: string[];
}

function encodeList(entries: readonly ListEntry[]): string {
  return entries.map(([id, startMs, endMs]) => {
    const start = Math.floor(startMs / 60_000);
    return `${id},${start.toString(36)},${(Math.ceil(endMs / 60_000) - start).toString(36)}`;
  }).join(';');
}

function decodeList(list: string): ListEntry[] {
  if (list === '') return [];
  return list.split(';').map((item) => {
    const [id, start, length] = item.split(',');
    const startMin = parseInt(start!, 36);
    return [id!, startMin * 60_000, (startMin + parseInt(length!, 36)) * 60_000];
  });
}

/**
 * How many upcoming meetings one conversation's list keeps: ended and cancelled ones leave it, and beyond this many
 * the furthest ahead are left out, so the soonest are always there.
 */
const INDEX_LIMIT = 200;
/** A create appends its entry; only once the list holds this many is it compacted (ended ones out, sorted, cut). */
const COMPACT_AT = INDEX_LIMIT + 50;

/** Upcoming meetings, soonest first, and how many more there are than were read (at least, when `moreAtLeast`). */
export interface UpcomingMeetings {
  meetings: MeetingRecord[];
  more: number;
  moreAtLeast: boolean;
}

export class MeetingRecords {
  /** `now`: the bot's clock, which decides which meetings have ended and leave the lists. */
  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
    await this.relist(record, 'new');
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
    // Moved or cancelled: the list follows (a record that failed to relist is still checked when listed).
    if (read.status !== next.status || read.startIso !== next.startIso || read.endIso !== next.endIso) await this.relist(next);
    return (await this.get(next.id)) ?? next;
  }

  /** Deletes the record (retention); its conversation's list drops it as if it were cancelled, and every ended entry. */
  async remove(record: MeetingRecord): Promise<void> {
    await this.storage.delete([recordKey(record.id)]);
    await this.relist({ ...record, status: 'cancelled' });
  }

  /**
   * The next `limit` upcoming, not cancelled meetings listed under `listKey`, soonest first, and how many more there
   * are. Only the records shown are read (each checked, in case the list is behind a change).
   */
  async upcoming(listKey: string, now: Date, limit: number): Promise<UpcomingMeetings> {
    const index = await this.readList(listKey, now);
    // Creates append, so the list is sorted here (and an id listed twice counts once).
    const seen = new Set<string>();
    const candidates = index.entries
      .filter(([id, , endMs]) => endMs > now.getTime() && !seen.has(id) && seen.add(id))
      .sort((a, b) => a[1] - b[1]);
    const meetings: MeetingRecord[] = [];
    let next = 0;
    while (meetings.length < limit && next < candidates.length) {
      const batch = candidates.slice(next, next + (limit - meetings.length));
      next += batch.length;
      const keys = batch.map(([id]) => recordKey(id));
      const items = await this.storage.read(keys);
      for (const k of keys) {
        const record = items[k] as MeetingRecord | undefined;
        if (record && isUpcoming(record, now)) meetings.push(record);
      }
    }
    meetings.sort((a, b) => Date.parse(a.startIso) - Date.parse(b.startIso));
    return { meetings, more: candidates.length - next, moreAtLeast: index.capped === true };
  }

  /** The list as stored; a list in the earlier form (ids only) is read once and rewritten. */
  private async readList(listKey: string, now: Date): Promise<{ entries: ListEntry[]; capped?: boolean }> {
    const key = listIndexKey(listKey);
    const index = (await this.storage.read([key]))[key] as ListIndex | undefined;
    if (!index) return { entries: [] };
    if (index.list !== undefined) return { entries: decodeList(index.list), capped: index.capped };
    const entries = await this.entriesOfIds(index.ids ?? [], now);
    await this.storage.write({ [key]: { list: encodeList(entries), eTag: index.eTag ?? '*' } }).catch(() => undefined);
    return { entries };
  }

  private async entriesOfIds(ids: readonly string[], now: Date): Promise<ListEntry[]> {
    const items = ids.length > 0 ? await this.storage.read(ids.map(recordKey)) : {};
    return listable(Object.values(items) as MeetingRecord[], now);
  }

  /** Puts the record's place in its conversation's list up to date: listed while scheduled, gone once cancelled. */
  /**
   * Puts the record's place in its conversation's list up to date: listed while scheduled, gone once cancelled. A new
   * meeting is appended (every create does this, so it stays cheap); a move or a cancellation, or a list due for
   * compaction, rewrites it: ended ones out, soonest first, at most INDEX_LIMIT.
   */
  private async relist(record: MeetingRecord, change: 'new' | 'changed' = 'changed'): Promise<void> {
    const key = listIndexKey(record.listKey);
    // Two meetings created or changed at once in one conversation: retry on a lost race rather than lose one.
    for (let attempt = 1; ; attempt++) {
      const index = (await this.storage.read([key]))[key] as ListIndex | undefined;
      const now = this.now();
      let next: Pick<ListIndex, 'list' | 'count' | 'capped'>;
      if (change === 'new' && index?.list !== undefined && (index.count ?? 0) + 1 < COMPACT_AT && isUpcoming(record, now)) {
        const entry = encodeList(listable([record], now));
        next = { list: index.list === '' ? entry : `${index.list};${entry}`, count: (index.count ?? 0) + 1, capped: index.capped };
      } else {
        const listed = index?.list !== undefined ? decodeList(index.list) : await this.entriesOfIds(index?.ids ?? [], now);
        const others = listed.filter(([id, , endMs]) => id !== record.id && endMs > now.getTime());
        const entries = listable([record], now).concat(others).sort((a, b) => a[1] - b[1]);
        // Once meetings were left out, counts of "more" are lower bounds from then on.
        const kept = entries.slice(0, INDEX_LIMIT);
        next = { list: encodeList(kept), count: kept.length, capped: entries.length > INDEX_LIMIT || index?.capped === true };
      }
      try {
        await this.storage.write({ [key]: { list: next.list, count: next.count, ...(next.capped ? { capped: true } : {}), eTag: index?.eTag ?? '*' } });
        return;
      } catch (err) {
        if (!isConcurrentWriteError(err) || attempt >= 5) throw err;
      }
    }
  }
}

/** The list entries of the records that are upcoming, soonest first. */
function listable(records: readonly MeetingRecord[], now: Date): ListEntry[] {
  return records
    .filter((r) => r && isUpcoming(r, now))
    .map((r): ListEntry => [r.id, Date.parse(r.startIso), Date.parse(r.endIso)])
    .sort((a, b) => a[1] - b[1]);
}

/** Where records are kept: this prefix and the record id (record-retention.ts files what is written under it). */
export const RECORD_KEY_PREFIX = 'meetings/record/';

function recordKey(id: string): string {
  return `${RECORD_KEY_PREFIX}${id}`;
}

function listIndexKey(listKey: string): string {
  return `meetings/list/${sha256Base64Url(listKey).slice(0, 32)}`;
}
