// Two bot instances on one Blob store (Azurite), full path: the same dialog submit of the message extension reaching
// both instances at once (a double click, or Teams' retry landing on the other instance) creates one meeting and
// posts one join card in the message's thread.
import assert from 'node:assert/strict';
import { ALICE, BOB, CHANNEL_ID, messageActionFetchTask, messageActionSubmit, messageExtensionConversation, messagePayload } from '../../support/activities';
import type { BotProcess } from '../../support/bot-process';
import { isJoin } from '../../support/wire-cards';
import { Rig } from '../support/full-path-rig';
import { memberRecord } from '../support/people';
import { recordScenario } from '../support/reliability-log';
import { shownTexts } from '../support/shown-texts';

const TEST = 'test/scale-out/message-extension-instances.e2e.test.ts';
const ROUNDS = 6;

describe('two instances, one Blob store: the message extension\'s submit on both at once (full path)', function () {
  this.timeout(180_000);
  const rig = new Rig();
  let a: BotProcess;
  let b: BotProcess;

  before(async () => {
    await rig.start({}, { instances: 2, blob: { container: 'extension-scale-out' } });
    [a, b] = rig.bots;
    rig.connector.members = [memberRecord({ ...ALICE, upn: 'alice@contoso.com' }), memberRecord({ ...BOB, upn: 'bob@contoso.com' })];
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(a.logs().slice(-3000), '\n---\n', b.logs().slice(-3000), '\n---\n', rig.connector.describe());
  });

  it(`Create reaching both instances at once × ${ROUNDS}: one meeting, one join card in the thread, both answered with a dialog`, async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    for (let i = 0; i < ROUNDS; i++) {
      const subject = `Extension race ${'abcdefghijklmnopqrstuvwxyz'[i]}`;
      const message = messagePayload({ author: BOB, html: `${subject} tomorrow 11am` });
      const fetch = messageActionFetchTask({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: messageExtensionConversation('channel'), message });
      const opened = (await rig.post(fetch, i % 2 ? a : b)).body as any;
      const card = opened.task.value.card.content;
      const values = Object.fromEntries(card.body.filter((e: any) => e.id).map((e: any) => [e.id, e.value ?? '']));
      const create = card.actions.find((x: any) => x.data?.action === 'meeting.create');
      const submit = messageActionSubmit({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: fetch.conversation, message, data: { ...create.data, ...values } });
      const answers = await Promise.all([rig.post(submit, a), rig.post({ ...submit, id: `${submit.id}-b` }, b)]);
      for (const answer of answers) {
        assert.equal(answer.status, 200);
        assert.equal((answer.body as any)?.task?.type, 'continue', `a dialog, not ${JSON.stringify(answer.body)}`);
        assert.match(JSON.stringify((answer.body as any).task.value.card.content), /Meeting scheduled|Scheduling the meeting/);
      }
      const thread = `${CHANNEL_ID};messageid=${message.id}`;
      await rig.connector.waitFor((c) => c.conversationId === thread && isJoin(c));
      await new Promise((resolve) => setTimeout(resolve, 500)); // a second card, if any, would land now
      assert.equal([...rig.graph.meetings.values()].filter((m) => m.meeting.subject === subject).length, 1, 'one meeting');
      assert.equal(rig.joinCardsIn(thread).size, 1, 'one join card in the thread');
      assert.deepEqual(shownTexts(rig.callsIn(thread)).filter((text) => /couldn't|Sorry/i.test(text)), [], 'no error posted');
    }
    recordScenario({ scenario: 'The message extension\'s Create reaching two instances sharing a Blob store at once', runs: ROUNDS, outcome: 'one meeting, one join card in the message\'s thread, both submits answered with a dialog', test: TEST });
  });
});
