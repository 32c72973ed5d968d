// kill -9 while a Save waits for Graph (real bot processes on one Blob store and queue, full path): the record holds
// the change, Graph may or may not have it, the shared card and the reminder don't. The organizer's next look at the
// card (its refresh) asks Graph, and card, record, reminder and Graph agree again — whichever way it went.
import assert from 'node:assert/strict';
import { VERBS } from '../../src/teams/card-verbs';
import { ALICE, cardActionInvoke, type InboundActivity } from '../../support/activities';
import { postActivity } from '../../support/bot-process';
import { cardOf } from '../../support/wire-cards';
import { Rig } from '../support/full-path-rig';
import { recordScenario } from '../support/reliability-log';
import { formTime, isReminder, planReminder, scheduleThroughForm, type ReminderPlan } from '../support/reminder-timing';

const TEST = 'test/reliability/crash-mid-save.e2e.test.ts';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Meeting = { conversation: InboundActivity; cardActivityId: string; recordId: string };

describe('kill -9 during Save, then the organizer looks at the card again (Blob store and queue, real bot processes)', function () {
  this.timeout(150_000);
  const rig = new Rig();
  let plan: ReminderPlan;

  before(async () => {
    plan = planReminder(30_000);
    await rig.start({ REMINDER_MINUTES: '1', REMINDER_POLL_MS: '200', TEST_ONLY_CLOCK_OFFSET_MS: String(plan.offsetMs) }, { blob: { container: 'crash-mid-save', queue: true } });
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log('--- bot log ---\n' + rig.bot.logs().split('\n').slice(-40).join('\n'));
  });

  const invoke = (m: Meeting, verb: string, data: Record<string, unknown>) =>
    cardActionInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: m.conversation, replyToId: m.cardActivityId, verb, data });

  async function press(m: Meeting, verb: string, data: Record<string, unknown>): Promise<any> {
    const res = await rig.post(invoke(m, verb, data));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as any).value;
  }

  /** Opens the Change form and saves an hour later, with Graph's PATCH hanging (or applied, its answer lost); kills the bot meanwhile. */
  async function saveAndKill(m: Meeting, subject: string, startMs: number, graphApplies: boolean): Promise<void> {
    const form = await press(m, VERBS.change, { recordId: m.recordId });
    const save = form.actions.find((x: any) => x.verb === VERBS.saveChange).data;
    const patches = () => rig.graph.meetingRequests().filter((r) => r.method === 'PATCH').length;
    const before = patches();
    rig.graph.failNext({ hang: true, afterCreate: graphApplies, match: (r) => r.method === 'PATCH' });
    const pending = postActivity(rig.bot.messagesUrl, invoke(m, VERBS.saveChange, { ...save, subject, ...formTime(startMs + 60 * 60_000), duration: '30' })).catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (patches() === before) {
      assert.ok(Date.now() < deadline, 'the Save reached Graph');
      await sleep(20);
    }
    await rig.bot.kill9();
    await pending;
    rig.graph.clearFaults();
    await rig.restartBot();
  }

  const graphStartOf = (subject: string) => Date.parse(rig.meetingsOf(ALICE).find((x) => x.meeting.subject === subject)!.meeting.startDateTime as string);
  const sharedCardAfter = (m: Meeting, since: number) =>
    rig.connector.calls.filter((c) => c.kind === 'update' && c.activityId === m.cardActivityId).slice(since).map((c) => JSON.stringify(cardOf(c)));
  const updatesOf = (m: Meeting) => rig.connector.calls.filter((c) => c.kind === 'update' && c.activityId === m.cardActivityId).length;

  it('a change Graph never got is undone everywhere, the organizer is told, and the reminder still comes at the old time', async () => {
    const subject = `Save killed before Graph ${Date.now()}`;
    const m = await scheduleThroughForm((a) => rig.post(a), (p, ms) => rig.connector.waitFor(p, ms), rig.serviceUrl, subject, plan.startMs);
    const sharedBefore = updatesOf(m);

    await saveAndKill(m, subject, plan.startMs, false);
    assert.equal(graphStartOf(subject), plan.startMs, 'Graph never got the change');

    // The organizer's client refreshes the card: Graph is asked, and the record goes back to what Graph has.
    const seen = JSON.stringify(await press(m, VERBS.refresh, { recordId: m.recordId }));
    assert.match(seen, /didn't reach Teams/);
    const shared = sharedCardAfter(m, sharedBefore);
    assert.ok(shared.length >= 1, 'the shared card was brought in line');
    assert.ok(shared.at(-1)!.includes(subject), 'the shared card still shows the meeting');
    assert.doesNotMatch(shared.at(-1)!, /Moved from/, 'the shared card shows the time that holds, not a move');
    assert.equal(rig.graph.meetingRequests().filter((r) => r.method === 'GET').length > 0, true, 'Graph was asked');

    // Pressing again shows the meeting as it is, with no note: settled.
    const again = JSON.stringify(await press(m, VERBS.refresh, { recordId: m.recordId }));
    assert.doesNotMatch(again, /didn't reach Teams/);

    // The reminder for the time that holds is posted once, when due.
    assert.ok(Date.now() < plan.dueAtMs - 1000, 'set up before the reminder is due');
    await sleep(Math.max(0, plan.dueAtMs + 6_000 - Date.now()));
    const reminders = rig.connector.calls.filter((c) => isReminder(c) && c.conversationId === m.conversation.id);
    assert.equal(reminders.length, 1, 'one reminder, at the time that holds');
    recordScenario({
      scenario: 'kill -9 while a Save waits for Graph (PATCH never applied), restart, the organizer\'s card refreshes',
      runs: 1,
      outcome: 'Graph asked (GET): record put back to Graph\'s time, shared card updated, organizer told; the one reminder posted at the old time',
      test: TEST,
    });
  });

  it('a change Graph applied (its answer lost) is finished: the shared card shows the new time', async () => {
    const subject = `Save killed after Graph ${Date.now()}`;
    const startMs = plan.startMs + 24 * 60 * 60_000;
    const m = await scheduleThroughForm((a) => rig.post(a), (p, ms) => rig.connector.waitFor(p, ms), rig.serviceUrl, subject, startMs);
    const sharedBefore = updatesOf(m);

    await saveAndKill(m, subject, startMs, true);
    const moved = startMs + 60 * 60_000;
    assert.equal(graphStartOf(subject), moved, 'Graph has the change');

    const seen = JSON.stringify(await press(m, VERBS.refresh, { recordId: m.recordId }));
    assert.doesNotMatch(seen, /didn't reach Teams/);
    const shared = sharedCardAfter(m, sharedBefore);
    assert.ok(shared.length >= 1, 'the shared card was brought in line');
    assert.match(shared.at(-1)!, /Moved from/, 'the shared card shows the move');
    recordScenario({
      scenario: 'kill -9 after Graph applied a Save but before the bot heard back, restart, the organizer\'s card refreshes',
      runs: 1,
      outcome: 'Graph asked (GET): the change holds; record settled, shared card updated with the new time',
      test: TEST,
    });
  });
});
