// Reminders end to end over HTTP (real bot process, memory storage: in-process timers): a meeting's reminder is
// posted once into its thread at the right moment; a changed meeting's reminder follows the change (the old one is
// dropped); a cancelled meeting gets none.
import assert from 'node:assert/strict';
import { VERBS } from '../../src/teams/card-verbs';
import { ALICE, cardActionInvoke, type InboundActivity } from '../../support/activities';
import { Rig } from '../support/full-path-rig';
import { recordScenario } from '../support/reliability-log';
import { formTime, isReminder, planReminder, scheduleThroughForm, type ReminderPlan } from '../support/reminder-timing';
import { parseAdaptiveCard } from '../support/adaptive-cards';
import { cardOf } from '../../support/wire-cards';

const TEST = 'test/e2e/reminders.e2e.test.ts';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reminders in the thread (real bot process, memory storage)', function () {
  this.timeout(120_000);
  const rig = new Rig();
  // Planned when the suite starts, not when mocha loads the file (other files run in between).
  let plan: ReminderPlan;

  before(async () => {
    plan = planReminder(20_000);
    await rig.start({ REMINDER_MINUTES: '1', REMINDER_POLL_MS: '200', TEST_ONLY_CLOCK_OFFSET_MS: String(plan.offsetMs) });
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(rig.bot.logs().split('\n').slice(-40).join('\n'), '\n', rig.connector.describe());
  });

  const schedule = (subject: string, startMs: number) =>
    scheduleThroughForm((a) => rig.post(a), (p, ms) => rig.connector.waitFor(p, ms), rig.serviceUrl, subject, startMs);

  async function press(m: { conversation: InboundActivity; cardActivityId: string }, verb: string, data: Record<string, unknown>): Promise<any> {
    const res = await rig.post(cardActionInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: m.conversation, replyToId: m.cardActivityId, verb, data }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as any).value;
  }

  it('once at the right moment; a changed meeting\'s reminder follows the change; a cancelled one gets none', async () => {
    const a = await schedule('Reminder once', plan.startMs);
    const b = await schedule('Reminder moved', plan.startMs);
    const c = await schedule('Reminder cancelled', plan.startMs);
    const shared = cardOf(await rig.connector.waitFor((x) => x.kind === 'update' && x.activityId === a.cardActivityId));
    assert.match(JSON.stringify(shared), /I'll post a reminder here 1 minute before it starts/);

    // B moves a minute later with a 2-minute reminder: a new reminder (new version) due at the same moment,
    // while the one planned at creation is still queued for it — only the new one may post.
    const form = await press(b, VERBS.change, { recordId: b.recordId });
    assert.ok(JSON.stringify(form).includes('"id":"reminder"'), 'the Change form offers the reminder');
    const save = form.actions.find((x: any) => x.verb === VERBS.saveChange).data;
    await press(b, VERBS.saveChange, { ...save, subject: 'Reminder moved', ...formTime(plan.startMs + 60_000), duration: '30', reminder: '2' });
    assert.equal(rig.graph.meetingRequests().filter((r) => r.method === 'PATCH').length, 1);

    await press(c, VERBS.cancelMeeting, { recordId: c.recordId });
    await press(c, VERBS.confirmCancel, { recordId: c.recordId });

    assert.ok(Date.now() < plan.dueAtMs - 1000, 'set up before the reminders are due');
    assert.equal(rig.connector.calls.filter(isReminder).length, 0, 'nothing before it is due');
    await sleep(Math.max(0, plan.dueAtMs + 6_000 - Date.now()));

    const reminders = rig.connector.calls.filter(isReminder);
    const inThread = (m: { conversation: InboundActivity }) => reminders.filter((r) => r.conversationId === m.conversation.id);
    assert.equal(inThread(a).length, 1, 'A: exactly one reminder');
    assert.equal(inThread(b).length, 1, 'B: exactly one reminder (the moved one)');
    assert.equal(inThread(c).length, 0, 'C: cancelled, no reminder');
    const [ra] = inThread(a);
    const [rb] = inThread(b);
    assert.ok(ra!.at >= plan.dueAtMs - 300 && ra!.at <= plan.dueAtMs + 2_000, `A posted ${ra!.at - plan.dueAtMs} ms from due`);
    assert.match(JSON.stringify(cardOf(ra)), /Reminder once.* starts in 1 minute/);
    assert.match(JSON.stringify(cardOf(rb)), /Reminder moved.* starts in 2 minutes/, 'from the changed time');
    for (const r of [ra!, rb!]) {
      assert.deepEqual(parseAdaptiveCard(cardOf(r)).events, []);
      assert.match(r.conversationId, /;messageid=/, "into the meeting's thread");
    }
    recordScenario({
      scenario: 'Reminder: once at the right moment, moved with the meeting, none when cancelled (memory timers)',
      runs: 1,
      outcome: `A posted once ${ra!.at - plan.dueAtMs} ms after due; B once, from its new time (the stale job dropped); C none`,
      test: TEST,
    });
  });
});
