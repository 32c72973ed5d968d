// Reminders across instances: two bot processes on one Blob store and one Azure Storage queue (Azurite). One
// instance is restarted before the reminders are due; the instance that takes a reminder is killed (kill -9)
// while its post hangs at Teams. Each meeting still gets exactly one reminder.
import assert from 'node:assert/strict';
import { ALICE, type InboundActivity } from '../../support/activities';
import { cardOf } from '../../support/wire-cards';
import { Rig } from '../support/full-path-rig';
import { recordScenario } from '../support/reliability-log';
import { isReminder, planReminder, scheduleThroughForm, type ReminderPlan } from '../support/reminder-timing';

const TEST = 'test/scale-out/reminders.e2e.test.ts';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reminders with two instances, a restart and a kill -9 mid-send (Blob + Storage Queue on Azurite)', function () {
  this.timeout(150_000);
  const rig = new Rig();
  // Planned when the suite starts, not when mocha loads the file (other files run in between): once the stand-ins
  // and Azurite run, just before the bots start.
  let plan: ReminderPlan;

  before(async () => {
    await rig.start(
      () => {
        plan = planReminder(25_000);
        return {
          // The queue connection comes from the blob connection string (it names a QueueEndpoint too).
          REMINDER_QUEUE: 'reminders-e2e',
          REMINDER_MINUTES: '1',
          REMINDER_POLL_MS: '200',
          REMINDER_LEASE_SECONDS: '4',
          TEST_ONLY_CLOCK_OFFSET_MS: String(plan.offsetMs),
        };
      },
      { instances: 2, blob: { container: 'reminders', queue: true } },
    );
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      for (const b of rig.bots) console.log(`--- bot ${b.pid} ---\n${b.logs().split('\n').slice(-25).join('\n')}`);
      console.log(rig.connector.describe());
    }
  });

  it('each meeting gets exactly one reminder, though one instance restarted and the one sending was killed', async () => {
    const [first] = rig.bots;
    const post = async (a: InboundActivity) => assert.equal((await rig.post(a, first)).status, 200);
    const meetings = [];
    for (const subject of ['Reminder across instances', 'Reminder after a restart']) {
      meetings.push(await scheduleThroughForm(post, (p, ms) => rig.connector.waitFor(p, ms), rig.serviceUrl, subject, plan.startMs));
    }

    // A restart before the reminders are due: the queue, not the process, holds them.
    await rig.restartBot(rig.bots[1]);

    // The first reminder post to reach Teams hangs; whoever sent it is killed while it hangs.
    rig.connector.failNext({ hang: true, kinds: ['send', 'reply'] });
    const hung = await rig.connector.waitFor((c) => c.fault === 'hang', plan.dueAtMs - Date.now() + 15_000);
    assert.ok(hung.at >= plan.dueAtMs - 300, `not before it is due (${hung.at - plan.dueAtMs} ms)`);
    const meeting = meetings.find((m) => m.conversation.id === hung.conversationId)!;
    const holder = rig.bots.find((b) => b.logs().split('\n').some((l) => l.includes('reminder claimed') && l.includes(meeting.recordId)))!;
    assert.ok(holder, 'the instance that claimed the hung reminder');
    await holder.kill9();
    await rig.restartBot(holder);

    // Its lease runs out (4 s), another instance takes the message over and posts it; then nothing more.
    await rig.connector.waitFor((c) => isReminder(c) && c.conversationId === meeting.conversation.id, 20_000);
    await sleep(4_000 * 2 + 1_000);
    const counts = meetings.map((m) => rig.connector.calls.filter((c) => isReminder(c) && c.conversationId === m.conversation.id).length);
    assert.deepEqual(counts, [1, 1], 'exactly one reminder per meeting');
    const taken = rig.connector.calls.find((c) => isReminder(c) && c.conversationId === meeting.conversation.id)!;
    assert.match(JSON.stringify(cardOf(taken)), /starts in/);
    recordScenario({
      scenario: 'Reminder with two instances: one restarted before due, the sender killed (kill -9) mid-post',
      runs: 1,
      outcome: `2 meetings, ${counts.join(' + ')} reminders; the killed sender's reminder was posted by another instance ${taken.at - hung.at} ms later (lease 4 s)`,
      test: TEST,
    });
  });
});
