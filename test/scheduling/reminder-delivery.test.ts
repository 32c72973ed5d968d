// Reminder delivery against the meeting record, in process: a job posts only for the record's current reminder
// version, once, whoever and however often the queue hands it out.
import assert from 'node:assert/strict';
import { MemoryStorage, type ConversationReference, type TurnContext } from 'botbuilder';
import type { MeetingRecord } from '../../src/meetings/meeting-record';
import { proactivePoster } from '../../src/bot/proactive-post';
import { Reminders } from '../../src/scheduling/reminder-delivery';
import { MeetingRecords } from '../../src/storage/meeting-record-store';
import { MemoryReminderQueue, parseJob, type ReminderJob } from '../../src/storage/reminder-queue';

const START = '2026-11-28T20:00:00.000Z';

/** Records every proactive post; `failNext` makes the next one throw, `gate` holds posts until released. */
class FakeAdapter {
  readonly posts: { appId: string; reference: Partial<ConversationReference>; activity: any }[] = [];
  failNext = false;
  gate?: Promise<void>;
  async continueConversationAsync(appId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('connector down');
    }
    const context = { sendActivity: async (activity: any) => void this.posts.push({ appId, reference, activity }) } as unknown as TurnContext;
    await logic(context);
  }
}

function record(over: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    id: 'mAAAAAAAAAAAAAAAAAAAAAA',
    meetingId: 'graph-1',
    joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/x',
    externalId: 'e1',
    organizer: { id: '29:alice', name: 'Alice' },
    tenantId: 'tenant-1',
    channelId: 'msteams',
    conversationId: '19:channel@thread.tacv2;messageid=1795781842256',
    serviceUrl: 'https://smba.test.invalid/amer/',
    botId: '28:bot',
    listKey: '19:channel@thread.tacv2',
    subject: 'Design review',
    startIso: START,
    endIso: '2026-11-28T20:45:00.000Z',
    timeZone: 'America/New_York',
    status: 'scheduled',
    version: 1,
    reminderMinutes: 10,
    reminder: { at: '2026-11-28T19:50:00.000Z', version: 1 },
    attendees: [{ id: '29:sam', name: 'Sam', objectId: '11111111-2222-4333-8444-555555555555' }],
    updatedAt: START,
    ...over,
  };
}

function setup(now = new Date('2026-11-28T19:50:01Z')) {
  const records = new MeetingRecords(new MemoryStorage());
  const adapter = new FakeAdapter();
  const queue = new MemoryReminderQueue({ retryMs: 50 });
  const clock = { now };
  const reminders = new Reminders({ records, queue, post: proactivePoster(adapter, 'local-bot'), defaultMinutes: 10, claimMs: 1000, now: () => clock.now });
  return { records, adapter, queue, reminders, clock };
}

const job = (over: Partial<ReminderJob> = {}): ReminderJob => ({ recordId: 'mAAAAAAAAAAAAAAAAAAAAAA', version: 1, dueAt: '2026-11-28T19:50:00.000Z', ...over });

describe('reminders: delivery guarded by the meeting record', () => {
  it('posts once into the meeting\'s thread as the bot, mentioning the attendees; a second delivery of the same job does nothing', async () => {
    const { records, adapter, reminders } = setup();
    await records.create(record(), true);
    assert.equal(await reminders.deliver(job()), 'done');
    assert.equal(await reminders.deliver(job()), 'done');
    assert.equal(adapter.posts.length, 1);
    const [post] = adapter.posts;
    assert.equal(post!.appId, 'local-bot');
    assert.equal(post!.reference.conversation?.id, '19:channel@thread.tacv2;messageid=1795781842256', 'into the thread');
    assert.equal(post!.reference.bot?.id, '28:bot');
    const card = post!.activity.attachments[0].content;
    assert.match(JSON.stringify(card), /Design review.* starts in 10 minutes/);
    assert.equal(card.msteams.entities[0].mentioned.id, '29:sam');
    assert.ok((await records.get('mAAAAAAAAAAAAAAAAAAAAAA'))!.reminder!.sentAt);
  });

  it('people the organizer added on Change (same time, same reminder) are mentioned by the reminder already queued', async () => {
    const { records, adapter, reminders } = setup();
    const created = await records.create(record(), true);
    const priya = { id: '29:priya', name: 'Priya', objectId: '66666666-7777-4888-9999-000000000000' };
    // What a Change that only adds Priya writes: a new record version, the reminder (and its queued job) untouched.
    await records.replace(created, { ...record(), attendees: [...record().attendees!, priya], version: 2 });
    assert.equal(await reminders.deliver(job()), 'done');
    assert.equal(adapter.posts.length, 1);
    const card = adapter.posts[0]!.activity.attachments[0].content;
    assert.deepEqual(card.msteams.entities.map((e: any) => e.mentioned.id), ['29:sam', '29:priya']);
  });

  it('many deliveries of one job at once (several instances): exactly one post', async () => {
    const { records, adapter, reminders } = setup();
    await records.create(record(), true);
    let release!: () => void;
    adapter.gate = new Promise((r) => (release = r));
    const outcomes = Promise.all(Array.from({ length: 8 }, () => reminders.deliver(job())));
    await new Promise((r) => setTimeout(r, 20));
    release();
    const results = await outcomes;
    assert.equal(adapter.posts.length, 1);
    assert.equal(results.filter((r) => r === 'done').length >= 1, true);
  });

  it('a post slower than the claim: the claim is renewed while posting, so another instance\'s delivery waits instead of posting again', async () => {
    const { records, adapter, reminders, clock } = setup();
    await records.create(record(), true);
    let release!: () => void;
    adapter.gate = new Promise((r) => (release = r));
    const slow = reminders.deliver(job());
    await new Promise((r) => setTimeout(r, 50));
    // Longer than the claim (1 s) passes on the bot's clock while the post hangs; the renewal runs every half claim.
    clock.now = new Date(clock.now.getTime() + 1500);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(await reminders.deliver(job()), 'retry', 'the other delivery finds the claim alive');
    release();
    assert.equal(await slow, 'done');
    assert.equal(adapter.posts.length, 1);
    assert.equal(await reminders.deliver(job()), 'done', 'and later deliveries find it sent');
    assert.equal(adapter.posts.length, 1);
  });

  it('a moved meeting (new version), a cancelled one, or one that already ended: the old job posts nothing', async () => {
    const { records, adapter, reminders, clock } = setup();
    await records.create(record({ version: 2, reminder: { at: '2026-11-28T21:50:00.000Z', version: 2 } }), true);
    assert.equal(await reminders.deliver(job({ version: 1 })), 'done');
    const read = (await records.get('mAAAAAAAAAAAAAAAAAAAAAA'))!;
    await records.replace(read, { ...record(), status: 'cancelled', version: 3 });
    assert.equal(await reminders.deliver(job()), 'done');
    const again = (await records.get('mAAAAAAAAAAAAAAAAAAAAAA'))!;
    await records.replace(again, record());
    clock.now = new Date('2026-11-28T21:00:00Z');
    assert.equal(await reminders.deliver(job()), 'done');
    assert.equal(adapter.posts.length, 0);
  });

  it('a post that fails is retried; a claim held by a live instance is waited for; a lapsed claim (dead instance) is taken over', async () => {
    const { records, adapter, reminders, clock } = setup();
    await records.create(record(), true);
    adapter.failNext = true;
    assert.equal(await reminders.deliver(job()), 'retry');
    assert.equal(adapter.posts.length, 0);
    assert.equal(await reminders.deliver(job()), 'retry', 'its own claim still holds');
    clock.now = new Date(clock.now.getTime() + 1500);
    assert.equal(await reminders.deliver(job()), 'done');
    assert.equal(adapter.posts.length, 1);
  });

  it('plans no reminder when off or when the meeting starts sooner than the lead', () => {
    const { reminders } = setup(new Date('2026-11-28T19:55:00Z'));
    assert.equal(reminders.plan(START, 10, 1), undefined);
    assert.equal(reminders.plan(START, 0, 1), undefined);
    assert.deepEqual(reminders.plan(START, 3, 4), { at: '2026-11-28T19:57:00.000Z', version: 4 });
  });

  it('the memory queue hands a job to the handler when due, again after "retry", and reads back only well-formed jobs', async () => {
    const queue = new MemoryReminderQueue({ retryMs: 20 });
    const seen: number[] = [];
    queue.start(async () => {
      seen.push(Date.now());
      return seen.length < 3 ? 'retry' : 'done';
    });
    await queue.enqueue(job({ dueAt: new Date(Date.now() + 50).toISOString() }));
    await new Promise((r) => setTimeout(r, 250));
    assert.equal(seen.length, 3);
    assert.equal(queue.size, 0);
    await queue.stop();
    assert.deepEqual(parseJob(JSON.stringify(job())), job());
    assert.equal(parseJob('{"recordId":"../x","version":1,"dueAt":"2026-01-01T00:00:00Z"}'), undefined);
    assert.equal(parseJob('not json'), undefined);
  });
});
