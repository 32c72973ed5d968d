// kill -9 in the middle of a turn (real bot processes on one Blob store, full path): Teams redelivers the same
// activity when it got no answer, and the new process must do the work the dead one never finished — once.
import assert from 'node:assert/strict';
import { ALICE } from '../../support/activities';
import { postActivity } from '../../support/bot-process';
import { Rig } from '../support/full-path-rig';
import { recordScenario } from '../support/reliability-log';
import { cardOf, isJoin } from '../../support/wire-cards';

const TEST = 'test/reliability/crash-mid-turn.e2e.test.ts';

/** Posts `message` with Graph hanging, and kills the bot (kill -9) while its turn waits for Graph. */
async function killMidTurn(rig: Rig, message: Parameters<Rig['post']>[0]): Promise<void> {
  rig.graph.failNext({ hang: true });
  const first = postActivity(rig.bot.messagesUrl, message).catch(() => undefined);
  const deadline = Date.now() + 10_000;
  while (rig.graph.meetingRequests().length === 0) {
    assert.ok(Date.now() < deadline, 'the turn reached Graph');
    await new Promise((r) => setTimeout(r, 20));
  }
  await rig.bot.kill9();
  await first;
  rig.graph.clearFaults();
}
/** How long an unfinished first delivery is trusted to be still running (production: the 13 s turn budget). */
const RETRY_AFTER_MS = 1500;

describe('kill -9 mid-turn, then Teams redelivers the activity (Blob store, real bot processes)', function () {
  this.timeout(120_000);
  const rig = new Rig();

  before(async () => {
    await rig.start({ REDELIVERY_RETRY_AFTER_MS: String(RETRY_AFTER_MS) }, { blob: { container: 'crash-mid-turn' } });
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log('--- bot log ---\n' + rig.bot.logs().split('\n').slice(-30).join('\n'));
  });

  it('the redelivery after the crash creates the meeting; a redelivery after that is ignored', async () => {
    const subject = `Survives kill -9 mid-turn ${Date.now()}`;
    const message = rig.message(`schedule "${subject}" tomorrow 3pm for 30 min`);

    // The first delivery: Graph never answers, and the process dies while the turn waits for it.
    await killMidTurn(rig, message);
    assert.equal(rig.joinCardsIn(message.conversation.id).size, 0, 'nothing was answered before the crash');

    await rig.restartBot();
    // Teams redelivers a little later (it waits 15 s for an answer).
    await new Promise((r) => setTimeout(r, RETRY_AFTER_MS));
    assert.equal((await rig.post(message)).status, 200);
    const join = await rig.connector.waitFor((c) => c.conversationId === message.conversation.id && isJoin(c), 15_000);
    assert.match(JSON.stringify(cardOf(join)), new RegExp(subject));

    // Finished now: one more redelivery (or a late duplicate) changes nothing.
    assert.equal((await rig.post(message)).status, 200);
    await new Promise((r) => setTimeout(r, RETRY_AFTER_MS + 500));
    assert.equal((await rig.post(message)).status, 200);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(rig.joinCardsIn(message.conversation.id).size, 1, 'one join card');
    assert.equal(rig.meetingsOf(ALICE).filter((m) => m.meeting.subject === subject).length, 1, 'one meeting');
    recordScenario({
      scenario: 'kill -9 while a turn waits for Graph, new process, Teams redelivers the activity (Blob store)',
      runs: 1,
      outcome: 'the redelivery was processed: one meeting, one join card; two later redeliveries ignored (claim done)',
      test: TEST,
    });
  });
});

describe('kill -9 mid-turn, then a quick redelivery to the process that replaced it (Blob store, production retry window)', function () {
  this.timeout(120_000);
  const rig = new Rig();

  before(async () => {
    // The production window: an unfinished delivery is trusted for 13 s — unless its process is known to be gone.
    await rig.start({}, { blob: { container: 'crash-quick-redelivery' } });
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(() => rig.stop());

  it('a redelivery a moment after the restart is processed at once: the claim\'s owner process is gone', async () => {
    const subject = `Quick redelivery after kill -9 ${Date.now()}`;
    const message = rig.message(`schedule "${subject}" tomorrow 3pm for 30 min`);
    await killMidTurn(rig, message);

    const killedAt = Date.now();
    await rig.restartBot();
    assert.equal((await rig.post(message)).status, 200);
    const join = await rig.connector.waitFor((c) => c.conversationId === message.conversation.id && isJoin(c), 8_000);
    const after = Date.now() - killedAt;
    assert.match(JSON.stringify(cardOf(join)), new RegExp(subject));
    assert.equal(rig.meetingsOf(ALICE).filter((m) => m.meeting.subject === subject).length, 1, 'one meeting');
    recordScenario({
      scenario: 'kill -9 mid-turn, process restarted, Teams redelivers at once (production 13 s window, Blob store)',
      runs: 1,
      outcome: `processed ${after} ms after the kill (the claim's owner process was gone): one meeting, one join card`,
      test: TEST,
    });
  });
});

describe('kill -9 mid-turn on one machine, Teams redelivers at once to an instance on another machine (Blob store)', function () {
  this.timeout(120_000);
  const rig = new Rig();

  before(async () => {
    // Two machines, as App Service names its instances: the survivor can't look up the other's process.
    await rig.start({ WEBSITE_INSTANCE_ID: 'machine-a' }, { blob: { container: 'crash-other-machine' } });
    await rig.addBot({ WEBSITE_INSTANCE_ID: 'machine-b' });
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(() => rig.stop());

  it('the redelivery waits for the dead claim to stop beating and does the work: one meeting, one join card', async () => {
    const subject = `Redelivered to another machine ${Date.now()}`;
    const message = rig.message(`schedule "${subject}" tomorrow 3pm for 30 min`);
    const survivor = rig.bots[1];
    await killMidTurn(rig, message);

    const killedAt = Date.now();
    const res = await rig.post(message, survivor);
    assert.equal(res.status, 200);
    const join = await rig.connector.waitFor((c) => c.conversationId === message.conversation.id && isJoin(c), 15_000);
    const after = Date.now() - killedAt;
    assert.match(JSON.stringify(cardOf(join)), new RegExp(subject));
    assert.ok(after < 13_000, `processed ${after} ms after the kill, within Teams' wait`);
    assert.equal(rig.meetingsOf(ALICE).filter((m) => m.meeting.subject === subject).length, 1, 'one meeting');
    recordScenario({
      scenario: 'kill -9 mid-turn on one machine, Teams redelivers at once to an instance on another machine (Blob store)',
      runs: 1,
      outcome: `the redelivery waited for the claim to stop beating and was processed ${after} ms after the kill: one meeting, one join card`,
      test: TEST,
    });
  });
});
