// MemberDirectory's single lookups (TeamsInfo.getMember): an answer is reused for a while per team or conversation,
// a failure to reach Teams is not, a lookup that hangs ends at its limit, and only so many answers are kept.
import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { MemberDirectory, type MemberLookup } from '../../src/teams/member-directory';
import * as activities from '../../support/activities';
import { PRIYA, SAM, memberRecord } from '../support/people';

const inGroupChat = (): TurnContext =>
  new TurnContext(new TestAdapter(), activities.groupChatMessage({ serviceUrl: 'https://smba.test.invalid/amer/', text: 'x' }) as Partial<Activity>);

/** Answers for Sam and Priya, counting the calls; `fail` makes the next calls throw like an unreachable Teams. */
function teams() {
  const calls: string[] = [];
  let fail = 0;
  const lookup: MemberLookup = async (_context, id) => {
    calls.push(id);
    if (fail > 0) {
      fail -= 1;
      throw Object.assign(new Error('Teams is down'), { statusCode: 503 });
    }
    const person = [SAM, PRIYA].find((p) => p.id === id);
    if (!person) throw Object.assign(new Error('MemberNotFoundInConversation'), { statusCode: 404 });
    return memberRecord(person) as never;
  };
  return { calls, lookup, failNext: (n: number) => (fail = n) };
}

describe('MemberDirectory: single lookups', () => {
  it('reuses an answer within its time to live, asks again after it', async () => {
    const t = teams();
    let now = 5_000_000;
    const directory = new MemberDirectory({ lookup: t.lookup, ttlMs: 60_000, now: () => now });
    const context = inGroupChat();
    assert.equal((await directory.lookUp(context, [SAM.id])).attendees[0]?.objectId, SAM.aadObjectId);
    now += 59_000;
    await directory.lookUp(context, [SAM.id]);
    assert.deepEqual(t.calls, [SAM.id], 'within the TTL');
    now += 2_000;
    await directory.lookUp(context, [SAM.id]);
    assert.deepEqual(t.calls, [SAM.id, SAM.id], 'asked again after it');
  });

  it('remembers "not a member" but not a failure to reach Teams', async () => {
    const t = teams();
    const directory = new MemberDirectory({ lookup: t.lookup });
    const context = inGroupChat();
    const stranger = '29:1Stranger0NotAMember';
    assert.deepEqual((await directory.lookUp(context, [stranger])).unresolved.map((u) => u.reason), ['notFound']);
    await directory.lookUp(context, [stranger]);
    assert.equal(t.calls.filter((id) => id === stranger).length, 1, 'a 404 is an answer');

    t.failNext(1);
    assert.deepEqual((await directory.lookUp(context, [PRIYA.id])).unresolved.map((u) => u.reason), ['failed']);
    assert.equal((await directory.lookUp(context, [PRIYA.id])).attendees[0]?.id, PRIYA.id, 'asked again after the failure');
    assert.equal(t.calls.filter((id) => id === PRIYA.id).length, 2);
  });

  it('a lookup that hangs is a failure at its limit (not remembered)', async () => {
    let calls = 0;
    const directory = new MemberDirectory({ timeoutMs: 50, lookup: () => (++calls === 1 ? new Promise(() => undefined) : Promise.resolve(memberRecord(SAM) as never)) });
    const started = Date.now();
    assert.deepEqual((await directory.lookUp(inGroupChat(), [SAM.id])).unresolved.map((u) => u.reason), ['failed']);
    assert.ok(Date.now() - started < 1_000);
    assert.equal((await directory.lookUp(inGroupChat(), [SAM.id])).attendees.length, 1);
  });

  it('keeps at most maxEntries answers', async () => {
    const t = teams();
    const directory = new MemberDirectory({ lookup: t.lookup, maxEntries: 1 });
    const context = inGroupChat();
    await directory.lookUp(context, [SAM.id]);
    await directory.lookUp(context, [PRIYA.id]);
    await directory.lookUp(context, [SAM.id]);
    assert.deepEqual(t.calls, [SAM.id, PRIYA.id, SAM.id], 'Sam was dropped to keep Priya');
  });
});
