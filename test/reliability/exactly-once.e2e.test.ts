// Exactly one meeting and one join card when Teams redelivers, users double-click, or Graph's answer is lost —
// each at least 20 times, sequentially and concurrently.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { ALICE, cardSubmit } from '../../support/activities';
import { recordScenario } from '../support/reliability-log';
import { createDataOf, isForm, isJoin } from '../../support/wire-cards';
import { shownTexts } from '../support/shown-texts';
import { Rig } from '../support/full-path-rig';

const TEST = 'test/reliability/exactly-once.e2e.test.ts';
const ROUNDS = 20;

describe('exactly one meeting, exactly one card (real bot process)', function () {
  this.timeout(300_000);
  const rig = new Rig();
  before(async () => {
    await rig.start();
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(rig.bot.logs().split('\n').slice(-30).join('\n'));
  });

  /** Meetings Graph holds for a thread's requests, and how often createOrGet returned each. */
  function assertOneMeetingOneCard(conversationId: string, subject: string): void {
    const meetings = rig.meetingsOf(ALICE).filter((m) => m.meeting.subject === subject);
    assert.equal(meetings.length, 1, `one meeting for "${subject}"`);
    assert.equal(rig.joinCardsIn(conversationId).size, 1, `one join card in ${conversationId}`);
    assert.deepEqual(shownTexts(rig.callsIn(conversationId)).filter((text) => /busy|wrong|couldn't|same time/i.test(text)), [], 'no error shown for the duplicate');
  }

  for (const mode of ['sequential', 'concurrent'] as const) {
    it(`Teams redelivers the same activity (${mode}) × ${ROUNDS}`, async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const subject = `Redelivery ${mode} ${i}`;
        const msg = rig.message(`schedule "${subject}" tomorrow 3pm`);
        if (mode === 'sequential') {
          assert.equal((await rig.post(msg)).status, 200);
          assert.equal((await rig.post(msg)).status, 200);
        } else {
          const results = await Promise.all([rig.post(msg), rig.post(msg), rig.post(msg)]);
          assert.deepEqual(results.map((r) => r.status), [200, 200, 200]);
        }
        await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c));
        assertOneMeetingOneCard(msg.conversation.id, subject);
      }
      recordScenario({ scenario: `Redelivered activity (${mode})`, runs: ROUNDS, outcome: 'one meeting, one join card, no error', test: TEST });
    });
  }

  for (const mode of ['sequential', 'concurrent'] as const) {
    it(`the user presses Create twice (${mode}) × ${ROUNDS}`, async () => {
      const tomorrow = DateTime.now().setZone('America/New_York').plus({ days: 1 }).toISODate()!;
      for (let i = 0; i < ROUNDS; i++) {
        const subject = `Double click ${mode} ${i}`;
        const msg = rig.message('schedule');
        await rig.post(msg);
        const form = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isForm(c));
        const data = createDataOf(form);
        const submit = () =>
          rig.post(cardSubmit({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: msg.conversation, replyToId: form.responseId!, value: { ...data, subject, date: tomorrow, time: '15:00', duration: '30' } }));
        if (mode === 'sequential') {
          await submit();
          await submit();
        } else {
          await Promise.all([submit(), submit()]);
        }
        await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c));
        assertOneMeetingOneCard(msg.conversation.id, subject);
      }
      recordScenario({ scenario: `Create pressed twice (${mode})`, runs: ROUNDS, outcome: 'one meeting, the form became one join card, no error', test: TEST });
    });
  }

  for (const fault of ['503', 'connection reset'] as const) {
    it(`Graph creates the meeting but the answer is lost (${fault}) × ${ROUNDS}`, async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const subject = `Lost answer ${fault} ${i}`;
        rig.graph.failNext(fault === '503' ? { status: 503, afterCreate: true, retryAfter: 0 } : { resetConnection: true, afterCreate: true });
        const msg = rig.message(`schedule "${subject}" tomorrow 4pm`);
        await rig.post(msg);
        await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c));
        assertOneMeetingOneCard(msg.conversation.id, subject);
        const stored = rig.meetingsOf(ALICE).find((m) => m.meeting.subject === subject)!;
        assert.ok(stored.hits >= 2, 'the retry got the existing meeting back from createOrGet');
      }
      recordScenario({ scenario: `Answer lost after create (${fault})`, runs: ROUNDS, outcome: 'createOrGet retried with the same externalId: one meeting, one join card', test: TEST });
    });
  }
});
