// The Azure Storage Queues reminder queue against Azurite's queue service: a job stays hidden until due, one of
// several polling instances gets it, a job handed back surfaces again after its lease, and one that surfaces early
// (further out than a message can wait) waits again.
import assert from 'node:assert/strict';
import { QueueClient } from '@azure/storage-queue';
import { StorageQueueReminders } from '../../src/storage/storage-queue-reminders';
import type { JobOutcome, ReminderJob } from '../../src/storage/reminder-queue';
import { startAzurite, type Azurite } from '../support/azurite';

const job = (dueInMs: number, id = 'mBBBBBBBBBBBBBBBBBBBBBB'): ReminderJob => ({ recordId: id, version: 1, dueAt: new Date(Date.now() + dueInMs).toISOString() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reminder queue on Azure Storage Queues (Azurite)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  const queues: StorageQueueReminders[] = [];
  let n = 0;

  before(async () => {
    azurite = await startAzurite({ queue: true });
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
  });
  after(() => azurite?.stop());

  function queue(name: string, opts: { leaseSeconds?: number; now?: () => number } = {}): StorageQueueReminders {
    const q = new StorageQueueReminders({ connectionString: azurite.connectionString, queueName: name, pollMs: 200, leaseSeconds: opts.leaseSeconds ?? 2, now: opts.now });
    queues.push(q);
    return q;
  }

  it('hides a job until it is due, then exactly one of two polling instances handles it', async () => {
    const name = `reminders-${++n}`;
    const handled: { by: string; at: number }[] = [];
    const handler = (by: string) => async (_job: ReminderJob): Promise<JobOutcome> => {
      handled.push({ by, at: Date.now() });
      return 'done';
    };
    const a = queue(name);
    const b = queue(name);
    a.start(handler('a'));
    b.start(handler('b'));
    const enqueuedAt = Date.now();
    await a.enqueue(job(2000));
    await sleep(1200);
    assert.equal(handled.length, 0, 'not before it is due');
    await sleep(3000);
    assert.equal(handled.length, 1, JSON.stringify(handled));
    assert.ok(handled[0]!.at - enqueuedAt >= 1900);
  });

  it('a withdrawn job is gone from the queue: 31 versions, each withdrawing the one before, leave one message', async () => {
    const name = `reminders-${++n}`;
    const q = queue(name);
    let handle: string | undefined;
    for (let version = 1; version <= 31; version++) {
      const next = await q.enqueue({ ...job(3600_000), version });
      assert.ok(next, 'sendMessage gives a handle');
      if (handle) await q.withdraw(handle);
      handle = next;
    }
    const props = await new QueueClient(azurite.connectionString, name).getProperties();
    assert.equal(props.approximateMessagesCount, 1);
    await q.withdraw('no-such-message receipt');
  });

  it('a job handed back ("retry") or held by an instance that stops handling it surfaces again after the lease', async () => {
    const name = `reminders-${++n}`;
    const seen: number[] = [];
    const q = queue(name, { leaseSeconds: 2 });
    q.start(async () => {
      seen.push(Date.now());
      return seen.length === 1 ? 'retry' : 'done';
    });
    await q.enqueue(job(0));
    await sleep(4500);
    assert.equal(seen.length, 2);
    assert.ok(seen[1]! - seen[0]! >= 1800, 'after the lease');
  });

  it('a job that surfaces before it is due (a hop of a longer wait) is sent again and handled when due', async () => {
    const name = `reminders-${++n}`;
    // The writer's clock is 10 s ahead: it sends the job visible at once, as the last hop of a long wait would be.
    const writer = queue(name, { now: () => Date.now() + 10_000 });
    const reader = queue(name);
    const seen: ReminderJob[] = [];
    reader.start(async (j) => {
      seen.push(j);
      return 'done';
    });
    const due = job(2500);
    await writer.enqueue(due);
    await sleep(1500);
    assert.equal(seen.length, 0, 'waited again instead of handling it early');
    await sleep(3000);
    assert.deepEqual(seen, [due]);
  });
});
