// `meetings` lists the next ten upcoming meetings of the conversation and says how many more there are, reading only
// the records it shows — however many meetings the conversation has.
import assert from 'node:assert/strict';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { SandboxSignIn } from '../../src/auth/sandbox-sign-in';
import { cardIn, cardText, createHarness, onlyCard, threadMessage } from '../support/test-adapter-harness';

/** MemoryStorage that counts how many meeting records each read asked for. */
class CountingStorage extends MemoryStorage {
  recordReads = 0;
  override async read(keys: string[]): Promise<StoreItems> {
    this.recordReads += keys.filter((k) => k.startsWith('meetings/record/')).length;
    return super.read(keys);
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

describe('meetings: the next ten, and how many more', () => {
  it('with 205 upcoming meetings, lists the ten soonest (none falls off), says how many more, and reads only those records', async () => {
    const storage = new CountingStorage();
    const h = createHarness(new SandboxSignIn(), { storage });
    // Created soonest first: a list that kept only the last 200 created lost the five soonest.
    for (let n = 1; n <= 205; n++) {
      const day = new Date(Date.UTC(2026, 10, 28 + n));
      await h.send(threadMessage(`schedule M${n} on ${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}, ${day.getUTCFullYear()} at 10am for 30 minutes`, undefined, { id: `m-${n}` }));
    }
    storage.recordReads = 0;
    const list = cardText(cardIn(onlyCard(await h.send(threadMessage('meetings', undefined, { id: 'list-1' })))));
    const listed = [...list.matchAll(/\bM(\d+)\b/g)].map((m) => Number(m[1]));
    assert.deepEqual(listed, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'the ten soonest, soonest first');
    assert.match(list, /And 195 more meetings later\./);
    assert.ok(storage.recordReads <= 10, `read ${storage.recordReads} records`);
  });

  it('past the 200 soonest a conversation keeps, the count is a lower bound and says so; the soonest are still listed', async () => {
    const h = createHarness(new SandboxSignIn());
    for (let n = 1; n <= 260; n++) {
      const day = new Date(Date.UTC(2026, 10, 28 + n));
      await h.send(threadMessage(`schedule K${n} on ${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}, ${day.getUTCFullYear()} at 9am for 30 minutes`, undefined, { id: `k-${n}` }));
    }
    const list = cardText(cardIn(onlyCard(await h.send(threadMessage('meetings', undefined, { id: 'list-3' })))));
    assert.deepEqual([...list.matchAll(/\bK(\d+)\b/g)].map((m) => Number(m[1])), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.match(list, /And at least \d+ more meetings later\./);
  });

  it('with twelve, says exactly how many more', async () => {
    const h = createHarness(new SandboxSignIn());
    for (let n = 1; n <= 12; n++) await h.send(threadMessage(`schedule S${n} on December ${n + 1}, 2026 at 10am for 30 minutes`, undefined, { id: `s-${n}` }));
    const list = cardText(cardIn(onlyCard(await h.send(threadMessage('meetings', undefined, { id: 'list-2' })))));
    assert.deepEqual([...list.matchAll(/\bS(\d+)\b/g)].map((m) => Number(m[1])), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.match(list, /And 2 more meetings later\./);
  });
});
