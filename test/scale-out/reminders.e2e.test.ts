// Reminders across instances: two bot processes on one Blob store and one Azure Storage queue (Azurite). One
// instance is restarted before the reminders are due; the instance that takes a reminder is killed (kill -9)
// while its post hangs at Teams. Each meeting still gets exactly one reminder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALICE } from '../support/activities';
import { startAzurite, type Azurite } from '../support/azurite';
import { postActivity, startBot, type BotProcess } from '../support/bot-process';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { GraphStandIn } from '../support/graph-stand-in';
import { recordScenario } from '../support/reliability-log';
import { isReminder, planReminder, scheduleThroughForm, type ReminderPlan } from '../support/reminder-timing';
import { makeTestCa } from '../support/tls';
import { TokenServiceStandIn } from '../support/token-service-stand-in';
import { cardOf } from '../support/wire-cards';

const TEST = 'test/scale-out/reminders.e2e.test.ts';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reminders with two instances, a restart and a kill -9 mid-send (Blob + Storage Queue on Azurite)', function () {
  this.timeout(150_000);
  let azurite: Azurite;
  let tmp: string;
  let graph: GraphStandIn;
  let tokens: TokenServiceStandIn;
  let connector: ConnectorStandIn;
  let serviceUrl: string;
  let env: Record<string, string>;
  const bots: BotProcess[] = [];
  // Planned when the suite starts, not when mocha loads the file (other files run in between).
  let plan: ReminderPlan;

  before(async () => {
    azurite = await startAzurite({ queue: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-reminders-'));
    const ca = await makeTestCa(tmp);
    graph = new GraphStandIn({ cert: ca.cert, key: ca.key, tokenOwner: (t) => (t === 'graph-token-alice' ? ALICE.aadObjectId : undefined) });
    await graph.start();
    tokens = new TokenServiceStandIn({ connectionName: 'GraphConnection' });
    await tokens.start();
    connector = new ConnectorStandIn();
    serviceUrl = await connector.start();
    plan = planReminder(25_000);
    env = {
      HOST: '127.0.0.1',
      SANDBOX: 'false',
      OAUTH_CONNECTION_NAME: 'GraphConnection',
      OAuthUrl: tokens.url,
      GRAPH_BASE_URL: graph.baseUrl,
      NODE_EXTRA_CA_CERTS: ca.caPem,
      STORAGE: 'blob',
      // The queue connection comes from the blob connection string (it names a QueueEndpoint too).
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: 'reminders',
      REMINDER_QUEUE: 'reminders-e2e',
      REMINDER_MINUTES: '1',
      REMINDER_POLL_MS: '200',
      REMINDER_LEASE_SECONDS: '4',
      TEST_ONLY_CLOCK_OFFSET_MS: String(plan.offsetMs),
    };
    bots.push(...(await Promise.all([startBot(env), startBot(env)])));
    tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await Promise.all([graph?.stop(), tokens?.stop(), connector?.stop()]);
    await azurite?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      for (const b of bots) console.log(`--- bot ${b.pid} ---\n${b.logs().split('\n').slice(-25).join('\n')}`);
      console.log(connector.describe());
    }
  });

  it('each meeting gets exactly one reminder, though one instance restarted and the one sending was killed', async () => {
    const [first] = bots;
    const post = async (a: unknown) => assert.equal((await postActivity(first!.messagesUrl, a)).status, 200);
    const meetings = [];
    for (const subject of ['Reminder across instances', 'Reminder after a restart']) {
      meetings.push(await scheduleThroughForm(post, (p, ms) => connector.waitFor(p, ms), serviceUrl, subject, plan.startMs));
    }

    // A restart before the reminders are due: the queue, not the process, holds them.
    const restarted = bots.pop()!;
    await restarted.stop();
    bots.push(await startBot(env));

    // The first reminder post to reach Teams hangs; whoever sent it is killed while it hangs.
    connector.failNext({ hang: true, kinds: ['send', 'reply'] });
    const hung = await connector.waitFor((c) => c.fault === 'hang', plan.dueAtMs - Date.now() + 15_000);
    assert.ok(hung.at >= plan.dueAtMs - 300, `not before it is due (${hung.at - plan.dueAtMs} ms)`);
    const meeting = meetings.find((m) => m.conversation.id === hung.conversationId)!;
    const holder = bots.find((b) => b.logs().split('\n').some((l) => l.includes('reminder claimed') && l.includes(meeting.recordId)))!;
    assert.ok(holder, 'the instance that claimed the hung reminder');
    await holder.kill9();
    bots.splice(bots.indexOf(holder), 1);
    bots.push(await startBot(env));

    // Its lease runs out (4 s), another instance takes the message over and posts it; then nothing more.
    await connector.waitFor((c) => isReminder(c) && c.conversationId === meeting.conversation.id, 20_000);
    await sleep(4_000 * 2 + 1_000);
    const counts = meetings.map((m) => connector.calls.filter((c) => isReminder(c) && c.conversationId === m.conversation.id).length);
    assert.deepEqual(counts, [1, 1], 'exactly one reminder per meeting');
    const taken = connector.calls.find((c) => isReminder(c) && c.conversationId === meeting.conversation.id)!;
    assert.match(JSON.stringify(cardOf(taken)), /starts in/);
    recordScenario({
      scenario: 'Reminder with two instances: one restarted before due, the sender killed (kill -9) mid-post',
      runs: 1,
      outcome: `2 meetings, ${counts.join(' + ')} reminders; the killed sender's reminder was posted by another instance ${taken.at - hung.at} ms later (lease 4 s)`,
      test: TEST,
    });
  });
});
