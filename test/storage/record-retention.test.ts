// RECORD_RETENTION_DAYS: meeting records (with their list entries and form links) are deleted by the bot's sweep
// once the meeting ended, or was cancelled, more than that many days ago; newer ones stay. Through the whole bot in
// process (TestAdapter) on memory storage and on Blob storage (Azurite), then the filing rules on their own.
import assert from 'node:assert/strict';
import { MemoryStorage, type Activity, type Storage, type StoreItems } from 'botbuilder';
import { ContainerClient } from '@azure/storage-blob';
import { SandboxSignIn } from '../../src/auth/sandbox-sign-in';
import type { StorageConfig } from '../../src/config';
import type { MeetingRecord } from '../../src/meetings/meeting-record';
import { BlobStateStorage } from '../../src/storage/blob-state-storage';
import { MeetingRecords } from '../../src/storage/meeting-record-store';
import { PostedForms } from '../../src/storage/posted-forms';
import { RecordRetention, retentionIndexStorage, retentionStart } from '../../src/storage/record-retention';
import { startAzurite, type Azurite } from '../support/azurite';
import { ALICE, cardIn, cardText, createHarness, onlyCard, pressButton, refreshInvoke, threadMessage } from '../support/test-adapter-harness';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-27T14:00:00Z');
const RETENTION_DAYS = 30;

/** The keys a store holds, as the test can see them. */
type KeysOf = () => Promise<string[]>;

interface Store {
  storage: Storage;
  config: StorageConfig;
  keys: KeysOf;
  /** Blob names as stored (what lifecycle rules match), for Blob storage. */
  blobNames?: () => Promise<string[]>;
}

function memoryStore(): Store {
  const memory: Record<string, string> = {};
  return {
    storage: new MemoryStorage(memory),
    config: { kind: 'memory', maxEntries: 1000, idleMs: DAY },
    // MemoryStorage leaves deleted keys behind as undefined.
    keys: async () => Object.keys(memory).filter((k) => memory[k] !== undefined),
  };
}

function blobStore(azurite: Azurite, container: string): Store {
  const config: StorageConfig = { kind: 'blob', container, connectionString: azurite.connectionString };
  const client = new ContainerClient(azurite.connectionString, container);
  return {
    storage: BlobStateStorage.open(config, container),
    config,
    // BlobsStorage names a blob after its key, URI-encoded.
    keys: async () => {
      const names: string[] = [];
      for await (const blob of client.listBlobsFlat()) names.push(decodeURIComponent(blob.name));
      return names;
    },
    blobNames: async () => {
      const names: string[] = [];
      for await (const blob of client.listBlobsFlat()) names.push(blob.name);
      return names;
    },
  };
}

const recordIdOf = (card: Record<string, any> | undefined): string => card?.refresh?.action?.data?.recordId;

/** The whole bot on `store`, with retention, on a clock the test moves. */
function botOn(store: Store) {
  const clock = { now: NOW };
  const retention = new RecordRetention({ storage: store.storage, index: retentionIndexStorage(store.config, store.storage), days: RETENTION_DAYS, now: () => clock.now });
  const options: { storage: Storage; now: Date } = { storage: retention.storage, now: NOW };
  const h = createHarness(new SandboxSignIn(), options);
  const records = new MeetingRecords(retention.storage, () => clock.now);
  return {
    h,
    records,
    /** Moves the bot's and the sweep's clock. */
    at(instant: Date) {
      clock.now = instant;
      options.now = instant;
    },
    sweep: () => retention.sweep((r) => records.remove(r)),
  };
}

function retentionSuite(name: string, open: () => Promise<Store>, close: () => Promise<void> = async () => undefined) {
  describe(`retention through the whole bot (${name})`, function () {
    this.timeout(60_000);
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(close);

    it('deletes a meeting, its list entry and its form link RECORD_RETENTION_DAYS after it ended; a newer meeting and its form link stay until theirs', async () => {
      const bot = botOn(store);
      const { h } = bot;
      // A: tomorrow 3 pm New York, created at once (ends 2026-11-28 20:45 UTC).
      const a = onlyCard(await h.send(threadMessage('schedule Design review tomorrow at 3pm for 45 minutes')));
      const aId = recordIdOf(cardIn(a));
      // B: through the form (a form link to it), six weeks ahead.
      const form = onlyCard(await h.send(threadMessage('schedule Planning')));
      await h.send(pressButton(form, { subject: 'Planning', date: '2027-01-11', time: '10:00', duration: '30' }));
      const b = h.adapter.updates.at(-1)!;
      const bId = recordIdOf(cardIn(b));
      // A form nobody submitted.
      onlyCard(await h.send(threadMessage('schedule Someday')));
      assert.ok(aId && bId && aId !== bId);
      const before = await store.keys();
      assert.ok(before.includes(`meetings/record/${aId}`) && before.includes(`meetings/record/${bId}`));
      assert.equal(before.filter((k) => k.startsWith('forms/')).length, 2, 'two form links: the submitted one and the open one');

      // A day before A's retention runs out: nothing goes.
      bot.at(new Date(Date.parse('2026-11-28T20:45:00Z') + (RETENTION_DAYS - 1) * DAY));
      assert.deepEqual(await bot.sweep(), { records: 0, forms: 0, refiled: 0, days: 0 });
      assert.ok((await store.keys()).includes(`meetings/record/${aId}`));

      // Past it (2026-12-29): A goes; the open form (posted 2026-11-27) goes; B's form link stays with B.
      bot.at(new Date('2026-12-29T00:30:00Z'));
      const swept = await bot.sweep();
      assert.equal(swept.records, 1, JSON.stringify(swept));
      assert.equal(swept.forms, 1);
      assert.equal(swept.refiled, 1, "B's form link is filed again under B's day");
      const after = await store.keys();
      assert.ok(!after.includes(`meetings/record/${aId}`), 'A is gone');
      assert.ok(after.includes(`meetings/record/${bId}`), 'B stays');
      const forms = after.filter((k) => k.startsWith('forms/'));
      assert.equal(forms.length, 1);
      assert.equal(((await store.storage.read(forms))[forms[0]!] as { recordId?: string }).recordId, bId, "the one left is B's");
      const lists = JSON.stringify(await store.storage.read(after.filter((k) => k.startsWith('meetings/list/'))));
      assert.ok(!lists.includes(aId) && lists.includes(bId), `A left its conversation's list, B is in it: ${lists}`);

      // What the organizer sees: A's card finds nothing; B's still works and B is the one listed.
      await h.send(refreshInvoke(a, ALICE));
      assert.match(h.lastInvokeResponse()!.body.value, /can't find that meeting any more/);
      await h.send(refreshInvoke(b as Partial<Activity>, ALICE));
      assert.match(cardText(h.lastInvokeResponse()!.body.value), /Planning/);
      const list = cardText(cardIn(onlyCard(await h.send(threadMessage('meetings')))));
      assert.match(list, /Planning/);
      assert.doesNotMatch(list, /Design review/);

      // Past B's (2027-01-11 15:30 UTC + 30 days): B and its form link go too, and the retention lists with them.
      bot.at(new Date('2027-02-11T00:00:00Z'));
      const last = await bot.sweep();
      assert.equal(last.records, 1);
      assert.equal(last.forms, 1);
      const left = await store.keys();
      assert.deepEqual(left.filter((k) => k.startsWith('meetings/record/') || k.startsWith('forms/') || k.startsWith('meetings/retention/day/')), []);
      await h.send(refreshInvoke(b as Partial<Activity>, ALICE));
      assert.match(h.lastInvokeResponse()!.body.value, /can't find that meeting any more/);
    });
  });
}

retentionSuite('memory', async () => memoryStore());

describe('Blob names the lifecycle rules match (Azurite)', function () {
  this.timeout(60_000);
  let blobAzurite: Azurite | undefined;
  after(async () => blobAzurite?.stop());

  it("an open form's dialog state is under the dialog-state rule's prefix; meeting records and form links are not", async () => {
    blobAzurite = await startAzurite();
    const store = blobStore(blobAzurite, 'lifecycle');
    const { h } = botOn(store);
    onlyCard(await h.send(threadMessage('schedule Design review tomorrow at 3pm for 45 minutes')));
    onlyCard(await h.send(threadMessage('schedule Planning')));
    const names = await store.blobNames!();
    // infra/azure.json's rules: "<container>/once/" and "<container>/msteams%2Fconversations%2F" (a test there keeps them).
    const dialogState = names.filter((n) => n.startsWith('msteams%2Fconversations%2F'));
    assert.ok(dialogState.length > 0, `the open form's state is under the rule's prefix: ${names.join(', ')}`);
    const meetingData = names.filter((n) => /^(meetings|forms)/.test(decodeURIComponent(n)));
    assert.ok(meetingData.length > 0);
    assert.deepEqual(meetingData.filter((n) => n.startsWith('msteams%2F') || n.startsWith('once/')), [], 'no rule deletes meeting data');
  });
});

let azurite: Azurite | undefined;
retentionSuite(
  'Blob storage on Azurite',
  async () => {
    azurite = await startAzurite();
    return blobStore(azurite, 'retention');
  },
  async () => {
    await azurite?.stop();
  },
);

/** A MemoryStorage that counts writes per key prefix (how much filing costs). */
class CountingStorage extends MemoryStorage {
  readonly writes: string[] = [];
  readonly reads: string[] = [];
  override async read(keys: string[]): Promise<StoreItems> {
    this.reads.push(...keys);
    return super.read(keys);
  }
  override async write(changes: StoreItems): Promise<void> {
    this.writes.push(...Object.keys(changes));
    return super.write(changes);
  }
}

function record(id: string, startIso: string, endIso: string, extra: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    id,
    meetingId: `graph-${id}`,
    joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/x',
    externalId: `ext-${id}`,
    organizer: { id: ALICE.id, name: ALICE.name },
    channelId: 'msteams',
    conversationId: 'conv',
    serviceUrl: 'https://smba.test.invalid/',
    listKey: 'conv',
    subject: id,
    startIso,
    endIso,
    timeZone: 'UTC',
    status: 'scheduled',
    version: 1,
    updatedAt: NOW.toISOString(),
    ...extra,
  };
}

describe('retention: what is filed where (memory)', () => {
  function setup() {
    const clock = { now: NOW };
    const storage = new CountingStorage();
    const retention = new RecordRetention({ storage, index: storage, days: RETENTION_DAYS, now: () => clock.now });
    const records = new MeetingRecords(retention.storage, () => clock.now);
    return { clock, storage, retention, records, sweep: () => retention.sweep((r) => records.remove(r)) };
  }
  const id = (n: number) => `m${String(n).padStart(22, '0')}`;

  it('files a record once per day it belongs to: later writes of the same day (a reminder claim) file nothing', async () => {
    const { storage, records } = setup();
    const created = await records.create(record(id(1), '2026-12-01T10:00:00Z', '2026-12-01T10:30:00Z'), true);
    const read = (await records.get(created.id))!;
    const filed = storage.writes.filter((k) => k.startsWith('meetings/retention/')).length;
    await records.replace(read, { ...read, reminder: { at: '2026-12-01T09:50:00Z', version: 1, sendingUntil: '2026-12-01T09:51:00Z' } });
    assert.equal(storage.writes.filter((k) => k.startsWith('meetings/retention/')).length, filed, 'no filing for a same-day write');
  });

  it('a meeting moved later is kept until its new end; a cancelled one goes RECORD_RETENTION_DAYS after the cancellation', async () => {
    const { clock, records, sweep } = setup();
    const moved = await records.create(record(id(2), '2026-12-01T10:00:00Z', '2026-12-01T10:30:00Z'), true);
    await records.replace((await records.get(moved.id))!, { ...moved, startIso: '2027-03-01T10:00:00Z', endIso: '2027-03-01T10:30:00Z', version: 2 });
    const cancelled = await records.create(record(id(3), '2027-06-01T10:00:00Z', '2027-06-01T10:30:00Z'), true);
    const cancelledAt = '2026-11-28T09:00:00.000Z';
    await records.replace((await records.get(cancelled.id))!, { ...cancelled, status: 'cancelled', updatedAt: cancelledAt, version: 2 });
    assert.equal(retentionStart((await records.get(cancelled.id))!), Date.parse(cancelledAt));

    clock.now = new Date('2027-01-02T00:00:00Z'); // past Dec 1 and Nov 28 + 30 days
    const first = await sweep();
    assert.equal(first.records, 1, JSON.stringify(first));
    assert.ok(await records.get(moved.id), 'the moved meeting stays');
    assert.equal(await records.get(cancelled.id), undefined, 'the cancelled one went 30 days after its cancellation, not after its planned end');

    clock.now = new Date('2027-04-01T00:00:00Z');
    assert.equal((await sweep()).records, 1);
    assert.equal(await records.get(moved.id), undefined);
  });

  it('a record written long after its meeting ended is filed under the next day to ripen, and goes within a day', async () => {
    const { clock, records, sweep } = setup();
    clock.now = new Date('2027-01-15T12:00:00Z');
    await records.create(record(id(4), '2026-11-01T10:00:00Z', '2026-11-01T10:30:00Z'), true);
    clock.now = new Date('2027-01-16T12:00:00Z');
    assert.equal((await sweep()).records, 1);
  });

  it('many meetings of one day: each instance reads the list of days once, and every meeting is still swept', async () => {
    const { clock, storage, records, sweep } = setup();
    // A second instance on the same storage, filing meetings of the same day.
    const other = new MeetingRecords(new RecordRetention({ storage, index: storage, days: RETENTION_DAYS, now: () => clock.now }).storage, () => clock.now);
    for (let n = 10; n < 30; n++) await (n % 2 ? records : other).create(record(id(n), '2026-12-01T10:00:00Z', '2026-12-01T10:30:00Z'), true);
    // Once per instance, plus the first writer's read-back of the item it created (20 meetings read it 40 times before).
    assert.equal(storage.reads.filter((k) => k === 'meetings/retention/days').length, 3);
    clock.now = new Date('2027-01-02T00:00:00Z');
    assert.equal((await sweep()).records, 20);
  });

  it('two writers filing into a new day at once both stay filed (a first write of a list overwrites)', async () => {
    const { clock, storage, retention, sweep } = setup();
    const forms = new PostedForms(retention.storage);
    await Promise.all([1, 2, 3].map((n) => forms.remember(`form${n}`, { activityId: `a${n}`, ownerId: ALICE.id, conversationId: 'conv' })));
    clock.now = new Date(NOW.getTime() + (RETENTION_DAYS + 1) * DAY);
    assert.equal((await sweep()).forms, 3);
    assert.deepEqual(Object.keys(await storage.read(['forms/form1', 'forms/form2', 'forms/form3'])), []);
  });
});
