// Two bot instances on one Blob store (Azurite), full path (token service + https Graph stand-ins): the same
// user's turns arriving at both instances at once never produce a second meeting, a second card or an error.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { VERBS } from '../../src/teams/card-verbs';
import { ALICE, cardActionInvoke, cardSubmit, channelMessage, tokenExchangeInvoke, personalMessage, type InboundActivity } from '../../support/activities';
import type { BotProcess } from '../../support/bot-process';
import { cardOf, createDataOf, isForm, isJoin, isOAuth } from '../../support/wire-cards';
import { CONNECTION, Rig } from '../support/full-path-rig';
import { recordScenario } from '../support/reliability-log';
import { shownTexts } from '../support/shown-texts';

const TEST = 'test/scale-out/concurrent-instances.e2e.test.ts';
const ROUNDS = 10;

describe('two instances, one Blob store, concurrent turns (full path)', function () {
  this.timeout(180_000);
  const rig = new Rig();
  let a: BotProcess;
  let b: BotProcess;

  before(async () => {
    await rig.start({}, { instances: 2, blob: { container: 'scale-out' } });
    [a, b] = rig.bots;
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(a.logs().slice(-3000), '\n---\n', b.logs().slice(-3000));
  });

  async function post(bot: BotProcess, activity: InboundActivity): Promise<number> {
    return (await rig.post(activity, bot)).status;
  }

  it(`Create pressed on both instances at once × ${ROUNDS}: one meeting, one join card, no error`, async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const tomorrow = DateTime.now().setZone('America/New_York').plus({ days: 1 }).toISODate()!;
    for (let i = 0; i < ROUNDS; i++) {
      const subject = `Cross-instance double click ${'abcdefghijklmnopqrstuvwxyz'[i]}`;
      const msg = channelMessage({ serviceUrl: rig.serviceUrl, user: ALICE, text: 'schedule' });
      assert.equal(await post(i % 2 ? a : b, msg), 200);
      const form = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isForm(c));
      const data = createDataOf(form);
      const submit = cardSubmit({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: msg.conversation, replyToId: form.responseId!, value: { ...data, subject, date: tomorrow, time: '15:00', duration: '30' } });
      const statuses = await Promise.all([post(a, submit), post(b, { ...submit, id: `${submit.id}-b` })]);
      assert.deepEqual(statuses, [200, 200]);
      await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c));
      const meetings = [...rig.graph.meetings.values()].filter((m) => m.meeting.subject === subject);
      assert.equal(meetings.length, 1, 'one meeting');
      const calls = rig.callsIn(msg.conversation.id);
      assert.deepEqual([...rig.joinCardsIn(msg.conversation.id)], [form.responseId], 'the form became the one join card');
      assert.deepEqual(shownTexts(calls).filter((text) => /Sorry|busy|couldn't|same time/i.test(text)), [], 'no error shown');
    }
    recordScenario({ scenario: 'Create pressed twice, one click on each of two instances sharing a Blob store', runs: ROUNDS, outcome: 'one meeting, one join card, no error (eTag conflict on the state write tolerated)', test: TEST });
  });

  it(`the same SSO token exchange delivered to both instances at once × ${ROUNDS}: one proceeds, one meeting`, async () => {
    for (let i = 0; i < ROUNDS; i++) {
      await fetch(`${rig.tokens.url}/api/usertoken/SignOut?userId=${encodeURIComponent(ALICE.id)}&connectionName=${CONNECTION}&channelId=msteams`, { method: 'DELETE' });
      const subject = `SSO race ${'abcdefghijklmnopqrstuvwxyz'[i]}`;
      const before = rig.connector.calls.length; // personal chat: every round is in the same conversation
      const msg = personalMessage({ serviceUrl: rig.serviceUrl, user: ALICE, text: `schedule "${subject}" tomorrow 10am` });
      assert.equal(await post(a, msg), 200);
      const prompt = await rig.connector.waitFor((c) => c.activityId === msg.id && isOAuth(c));
      assert.ok(rig.connector.calls.indexOf(prompt) >= before);
      const resourceId = prompt.activity!.attachments.find((x: any) => x.contentType === 'application/vnd.microsoft.card.oauth').content.tokenExchangeResource.id;
      rig.tokens.allowExchange(`sso-${i}`, ALICE.id, 'graph-token-alice');
      const exchange = tokenExchangeInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: msg.conversation, exchangeId: resourceId, connectionName: CONNECTION, token: `sso-${i}` });
      const statuses = await Promise.all([post(a, exchange), post(b, { ...exchange, id: `${exchange.id}-b` })]);
      assert.ok(statuses.every((s) => s === 200), `statuses ${statuses}`);
      await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c) && JSON.stringify(cardOf(c)).includes(subject));
      await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate, if any, would land now
      assert.equal([...rig.graph.meetings.values()].filter((m) => m.meeting.subject === subject).length, 1, 'one meeting');
      assert.equal(rig.connector.calls.slice(before).filter(isJoin).length, 1, 'one join card');
    }
    recordScenario({ scenario: 'Same SSO token exchange delivered to two instances at once (Blob store, real bot processes)', runs: ROUNDS, outcome: 'both answered 200, exactly one continued the dialog: one meeting, one join card', test: TEST });
  });

  it(`Change pressed on both instances at once with different times × ${ROUNDS}: exactly one PATCH wins, the card ends consistent`, async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const tomorrow = DateTime.now().setZone('America/New_York').plus({ days: 1 }).toISODate()!;
    for (let i = 0; i < ROUNDS; i++) {
      const subject = `Change race ${'abcdefghijklmnopqrstuvwxyz'[i]}`;
      const msg = channelMessage({ serviceUrl: rig.serviceUrl, user: ALICE, text: `schedule "${subject}" tomorrow 3pm` });
      assert.equal(await post(i % 2 ? a : b, msg), 200);
      const posted = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c));
      const recordId = cardOf(posted).refresh.action.data.recordId;
      const meetingId = [...rig.graph.meetings.entries()].find(([, m]) => m.meeting.subject === subject)![0];
      const save = (time: string, bot: string) =>
        cardActionInvoke({
          serviceUrl: rig.serviceUrl,
          user: ALICE,
          conversation: msg.conversation,
          replyToId: posted.responseId!,
          verb: VERBS.saveChange,
          data: { recordId, version: 1, timeZone: 'America/New_York', subject, date: tomorrow, time, duration: '30' },
          id: `f:race-${i}-${bot}`,
        });
      const patchesBefore = rig.graph.meetingRequests().filter((r) => r.method === 'PATCH').length;
      const answers = await Promise.all([rig.post(save('16:00', 'a'), a), rig.post(save('17:00', 'b'), b)]);
      assert.deepEqual(answers.map((r) => r.status), [200, 200]);
      const patches = rig.graph.meetingRequests().filter((r) => r.method === 'PATCH').slice(patchesBefore);
      assert.equal(patches.length, 1, 'exactly one PATCH reached Graph');
      const updated = await rig.connector.waitFor((c) => c.kind === 'update' && c.activityId === posted.responseId);
      await new Promise((resolve) => setTimeout(resolve, 200)); // a second update, if any, would land now
      const updates = rig.connector.calls.filter((c) => c.kind === 'update' && c.activityId === posted.responseId);
      assert.equal(updates.length, 1, 'the shared card was updated once');
      const graphStart = new Date(rig.graph.meetings.get(meetingId)!.meeting.startDateTime as string).toISOString();
      const winner = patches[0].body?.startDateTime;
      assert.equal(new Date(winner).toISOString(), graphStart);
      const shown = JSON.stringify(cardOf(updated));
      const winnerTime = DateTime.fromISO(graphStart).setZone('America/New_York').toFormat('h:mm a');
      assert.ok(shown.includes(`${winnerTime} –`), `the card shows the winning time ${winnerTime}`);
      for (const answer of answers) assert.ok(JSON.stringify(answer.body).includes(`${winnerTime} –`), 'both pressers are shown the meeting as it now is');
    }
    recordScenario({ scenario: 'Change pressed on two instances at once with different times (Blob store, eTags on the meeting record)', runs: ROUNDS, outcome: 'exactly one PATCH reached Graph; the shared card updated once and shows the winning time; both pressers see it', test: TEST });
  });
});
