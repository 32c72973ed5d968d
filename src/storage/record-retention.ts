// Meeting records, and the form links that point at them, are deleted by the bot RECORD_RETENTION_DAYS after the
// meeting ended (or was cancelled, if that was earlier), in every storage mode.
//
// Without scanning: storage offers no "list keys" (memory and Blob alike, through botbuilder's Storage), and reading
// every record each hour would grow with everything ever stored. Instead every record is filed, when it is written,
// under the UTC day its retention runs from — small items per day listing the keys filed that day, split into
// DAY_SHARDS by a hash of the key (`meetings/retention/day/<yyyy-mm-dd>/<shard>`: most meetings of a tenant end on a
// few days, and one list per day would be one ever-growing item every instance rewrites for every meeting), plus
// one item listing the days that have lists (`meetings/retention/days`). The sweep (hourly, like the claims sweep) reads only the days whose retention has run
// out, deletes what is due in them and then the day's list: its work follows what is due, not what is stored, and one
// sweep handles at most MAX_KEYS_PER_SWEEP keys (the rest waits for the next hour).
//
// Filing costs a read and a write of the day's list, once per record and day: the stored record keeps the day it was
// filed under (`retentionDay`), so later writes of the same record (a reminder's claim, say) file nothing; a record
// moved or cancelled gets a new day and is filed again. The sweep checks each record's current day before deleting:
// one moved later since it was filed is filed anew instead.
//
// Form links (`forms/<id>`) are filed under the day the form was posted: one nobody submitted goes when that day's
// retention runs out; one that created a meeting goes with the meeting (filed again under the meeting's day while the
// meeting is kept).
import { sha256 } from '../sha256';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { StorageConfig } from '../config';
import type { MeetingRecord } from '../meetings/meeting-record';
import { BoundedMemoryStorage } from './bounded-memory-storage';
import { RECORD_KEY_PREFIX } from './meeting-record-store';
import { FORM_KEY_PREFIX, type PostedForm } from './posted-forms';
import { isConcurrentWriteError } from './storage';

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS_KEY = 'meetings/retention/days';
/** Lists per day: a key's list is chosen by its hash, so writers of one day rarely meet and each list stays short. */
const DAY_SHARDS = 128;
const dayKey = (day: string, shard: number): string => `meetings/retention/day/${day}/${shard}`;
const shardOf = (key: string): number => sha256(key).readUInt32BE(0) % DAY_SHARDS;
/** At most this many filed keys are looked at per sweep, so one sweep stays short whatever piled up. */
const MAX_KEYS_PER_SWEEP = 2000;
/** How often each instance sweeps, and how soon after start it first does. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;
const FIRST_SWEEP_AFTER_MS = 2 * 60 * 1000;

/** The field a filed record or form link carries: the day it is filed under. */
type Filed = StoreItem & { retentionDay?: string };

export interface SweepResult {
  /** Meeting records deleted (their list entries with them). */
  records: number;
  /** Form links deleted. */
  forms: number;
  /** Keys filed under a later day (a meeting moved later, a form whose meeting is kept). */
  refiled: number;
  /** Day lists finished and deleted. */
  days: number;
}

export interface RecordRetentionOptions {
  /** Where records and form links live (the meeting storage), as the stores would use it without retention. */
  storage: Storage;
  /** Where the day lists live: the same storage in Blob mode (see retentionIndexStorage). */
  index: Storage;
  days: number;
  /** The bot's clock. */
  now?: () => Date;
}

/** The meeting's end, or its cancellation if earlier: where its retention runs from. */
export function retentionStart(record: Pick<MeetingRecord, 'status' | 'endIso' | 'updatedAt'>): number {
  const end = Date.parse(record.endIso);
  if (record.status !== 'cancelled') return end;
  const cancelled = Date.parse(record.updatedAt);
  return Number.isFinite(cancelled) ? Math.min(end, cancelled) : end;
}

const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export class RecordRetention {
  /** The meeting storage as MeetingRecords and PostedForms should use it: what they write is filed. */
  readonly storage: Storage;
  private readonly now: () => Date;
  /** Days this instance knows are in the list of days (see fileUnder). */
  private readonly listedDays = new Set<string>();

  constructor(private readonly opts: RecordRetentionOptions) {
    this.now = opts.now ?? (() => new Date());
    this.storage = new FilingStorage(opts.storage, (changes) => this.file(changes));
  }

  /**
   * Deletes every record whose meeting ended (or was cancelled) more than `days` days ago, its list entry, and the
   * form links filed with it; `remove` is MeetingRecords.remove (the record and its list entry).
   */
  async sweep(remove: (record: MeetingRecord) => Promise<void>): Promise<SweepResult> {
    const result: SweepResult = { records: 0, forms: 0, refiled: 0, days: 0 };
    const ripe = this.ripeBefore();
    const days = ((await this.readItem(DAYS_KEY)) as { days?: string[] } | undefined)?.days ?? [];
    let budget = MAX_KEYS_PER_SWEEP;
    for (const day of days.filter((d) => d < ripe).sort()) {
      let finished = true;
      for (let shard = 0; shard < DAY_SHARDS; shard++) {
        if (budget <= 0) {
          finished = false;
          break;
        }
        const list = (await this.readItem(dayKey(day, shard))) as { keys?: string[]; eTag?: string } | undefined;
        if (!list) continue;
        const keys = list.keys ?? [];
        const batch = keys.slice(0, budget);
        budget -= batch.length;
        await this.sweepKeys(batch, remove, result);
        if (batch.length < keys.length) {
          // Out of budget within this list: what is left stays listed for the next sweep.
          await this.opts.index.write({ [dayKey(day, shard)]: { keys: keys.slice(batch.length), eTag: list.eTag ?? '*' } }).catch(() => undefined);
          finished = false;
          break;
        }
        await this.opts.index.delete([dayKey(day, shard)]);
      }
      if (!finished) break;
      await this.update(DAYS_KEY, (item) => ({ days: ((item as { days?: string[] } | undefined)?.days ?? []).filter((d) => d !== day) }));
      this.listedDays.delete(day);
      result.days++;
    }
    return result;
  }

  /** Deletes what is due among `batch` (records first: a form link whose meeting is deleted here goes too). */
  private async sweepKeys(batch: string[], remove: (record: MeetingRecord) => Promise<void>, result: SweepResult): Promise<void> {
    const items = await this.readAll(batch);
    for (const key of batch.filter((k) => k.startsWith(RECORD_KEY_PREFIX))) {
      const record = items[key] as (MeetingRecord & Filed) | undefined;
      if (!record) continue;
      if (this.isDue(record)) {
        await remove(record);
        result.records++;
      } else {
        await this.fileUnder(this.dayFor(retentionStart(record)), [key]);
        result.refiled++;
      }
    }
    for (const key of batch.filter((k) => k.startsWith(FORM_KEY_PREFIX))) {
      const form = items[key] as (PostedForm & Filed) | undefined;
      if (!form) continue;
      const record = form.recordId ? ((await this.opts.storage.read([`${RECORD_KEY_PREFIX}${form.recordId}`]))[`${RECORD_KEY_PREFIX}${form.recordId}`] as MeetingRecord | undefined) : undefined;
      if (record && !this.isDue(record)) {
        await this.fileUnder(this.dayFor(retentionStart(record)), [key]);
        result.refiled++;
      } else {
        await this.opts.storage.delete([key]);
        result.forms++;
      }
    }
  }

  /** Files the records and form links among `changes` whose day isn't the one they carry; returns them with it. */
  private async file(changes: StoreItems): Promise<StoreItems> {
    const byDay = new Map<string, string[]>();
    const out: StoreItems = { ...changes };
    for (const [key, item] of Object.entries(changes)) {
      if (!item) continue;
      let day: string | undefined;
      if (key.startsWith(RECORD_KEY_PREFIX)) day = this.dayFor(retentionStart(item as MeetingRecord));
      // A form link keeps the day it was first written (posted).
      else if (key.startsWith(FORM_KEY_PREFIX)) day = (item as Filed).retentionDay ?? this.dayFor(this.now().getTime());
      if (!day || (item as Filed).retentionDay === day) continue;
      out[key] = { ...item, retentionDay: day };
      byDay.set(day, [...(byDay.get(day) ?? []), key]);
    }
    // Filed before the items are written: a crash in between leaves a listed key with nothing behind it (skipped),
    // never an item nobody will delete.
    for (const [day, keys] of byDay) await this.fileUnder(day, keys);
    return out;
  }

  /** Adds `keys` to the day's lists and the day to the list of days. */
  private async fileUnder(day: string, keys: string[]): Promise<void> {
    const byShard = new Map<number, string[]>();
    for (const key of keys) byShard.set(shardOf(key), [...(byShard.get(shardOf(key)) ?? []), key]);
    for (const [shard, mine] of byShard) {
      await this.update(dayKey(day, shard), (item) => {
        const listed = (item as { keys?: string[] } | undefined)?.keys ?? [];
        const missing = mine.filter((k) => !listed.includes(k));
        return missing.length === 0 ? undefined : { keys: [...listed, ...missing] };
      }, (item) => mine.every((k) => ((item as { keys?: string[] } | undefined)?.keys ?? []).includes(k)));
    }
    // A day this instance saw listed stays listed until it is ripe (sweeps delete only ripe days, and nothing is
    // filed under one), so the list of days is read once per day and instance, not once per record.
    if (this.listedDays.has(day)) return;
    await this.update(DAYS_KEY, (item) => {
      const days = (item as { days?: string[] } | undefined)?.days ?? [];
      return days.includes(day) ? undefined : { days: [...days, day].sort() };
    }, (item) => ((item as { days?: string[] } | undefined)?.days ?? []).includes(day));
    const ripe = this.ripeBefore();
    for (const known of this.listedDays) if (known < ripe) this.listedDays.delete(known);
    this.listedDays.add(day);
  }

  /**
   * Read-modify-write of one index item, again when another writer got in between (eTag). `change` returns undefined
   * when nothing needs writing. A first write can't be conditional (botbuilder's "*" overwrites), so a new item is
   * read back and the change done again if another first write replaced it (`holds` says whether it is there).
   */
  private async update(key: string, change: (item: StoreItem | undefined) => StoreItem | undefined, holds?: (item: StoreItem | undefined) => boolean): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const item = await this.readItem(key);
      const next = change(item);
      if (!next) return;
      try {
        await this.opts.index.write({ [key]: { ...next, eTag: item?.eTag ?? '*' } });
        if (item || !holds || holds(await this.readItem(key))) return;
      } catch (err) {
        if (!isConcurrentWriteError(err)) throw err;
      }
      if (attempt >= 5) throw new Error(`could not update ${key}: other writers kept changing it`);
    }
  }

  /** The items, read a hundred at a time (Blob storage reads every key of one call at once). */
  private async readAll(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (let i = 0; i < keys.length; i += 100) Object.assign(items, await this.opts.storage.read(keys.slice(i, i + 100)));
    return items;
  }

  private async readItem(key: string): Promise<StoreItem | undefined> {
    return (await this.opts.index.read([key]))[key] as StoreItem | undefined;
  }

  private isDue(record: MeetingRecord): boolean {
    return retentionStart(record) + this.opts.days * DAY_MS <= this.now().getTime();
  }

  /** Day lists before this day are ripe: everything in them started its retention more than `days` days ago. */
  private ripeBefore(): string {
    return utcDay(this.now().getTime() - this.opts.days * DAY_MS);
  }

  /**
   * The day to file something whose retention starts at `startMs`: its own, unless that day is already ripe (a
   * record written long after its meeting ended); then the first day not yet ripe, whose list no sweep is working
   * on now — so nothing is added to a list being deleted, and it still goes within a day.
   */
  private dayFor(startMs: number): string {
    const own = utcDay(startMs);
    const ripe = this.ripeBefore();
    return own < ripe ? ripe : own;
  }
}

/** A Storage that files records and form links (RecordRetention.file) before writing them. */
class FilingStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly file: (changes: StoreItems) => Promise<StoreItems>,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    await this.inner.write(await this.file(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

/**
 * Where the day lists live. Blob: beside the records. Memory: a store of their own without idle expiry, so a list for
 * a day months ahead isn't forgotten while its records are still kept (the meeting store forgets what nobody used
 * for weeks); it holds a few small items per day.
 */
export function retentionIndexStorage(config: StorageConfig, meetingStorage: Storage): Storage {
  if (config.kind === 'blob') return meetingStorage;
  return new BoundedMemoryStorage({ maxEntries: config.maxEntries, idleMs: Number.MAX_SAFE_INTEGER });
}

/** Sweeps now and then (a couple of minutes after start, then hourly) until the returned function stops it. */
export function sweepRetention(retention: RecordRetention, remove: (record: MeetingRecord) => Promise<void>, report: (result: SweepResult | Error) => void): () => void {
  let running = false;
  const run = (): void => {
    // One sweep at a time per instance: a slow one isn't overtaken by the next hour's.
    if (running) return;
    running = true;
    void retention
      .sweep(remove)
      .then(report, (err: Error) => report(err))
      .finally(() => (running = false));
  };
  const first = setTimeout(run, FIRST_SWEEP_AFTER_MS);
  const every = setInterval(run, SWEEP_EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
