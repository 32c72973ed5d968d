// The message extension's invokes as the bot reads them: untrusted messagePayload bounded and checked for type.
import assert from 'node:assert/strict';
import { ALICE, BOB, messageActionFetchTask, messageExtensionConversation, messagePayload } from '../../support/activities';
import { plainFromHtml, readMessageAction, submitOutOfBounds } from '../../src/teams/message-action';
import { SAM } from '../support/people';

const serviceUrl = 'http://127.0.0.1:1';
const fetchFor = (payload: unknown, user = ALICE) => {
  const a = messageActionFetchTask({ serviceUrl, user, conversation: messageExtensionConversation('channel') });
  a.value.messagePayload = payload;
  return a;
};

describe('message extension: reading the invoke (teams/message-action.ts)', () => {
  it('takes the text without HTML, mentions and quoted replies, entities decoded', () => {
    assert.equal(plainFromHtml('<p>Review <b>Q3</b>&nbsp;plan &amp; budget <at id="0">Sam</at> tomorrow</p><blockquote>old</blockquote>'), 'Review Q3 plan & budget tomorrow');
    assert.equal(plainFromHtml('a&#x4e2d;&#20013;<br>b &bogus; \u0007'), 'a中中 b &bogus;');
  });

  it('names the author and the mentioned people (Entra ids), not the invoker, each once; a channel mention is "everyone"', () => {
    const payload = messagePayload({ author: BOB, html: '@Sam Jones @Alice Example sync @General', mentions: [SAM, ALICE, SAM], groupMention: 'General' });
    const read = readMessageAction(fetchFor(payload))!;
    assert.equal(read.message!.text, 'sync');
    assert.deepEqual(read.message!.people.people.map((p) => p.id), [BOB.aadObjectId, SAM.aadObjectId]);
    assert.equal(read.message!.people.everyone, true);
    assert.equal(read.message!.rootId, payload.id);
  });

  it('the invoker named by their "29:" id (as Agents Playground does) is not invited to their own meeting either', () => {
    const payload = messagePayload({ author: ALICE, html: 'Retro tomorrow 10am' });
    payload.from = { user: { id: ALICE.id, displayName: ALICE.name } };
    assert.deepEqual(readMessageAction(fetchFor(payload))!.message!.people.people, []);
  });

  it('ignores another command, malformed people, an app author; bounds the text and the mentions', () => {
    const other = fetchFor(messagePayload({ author: BOB, html: 'x' }));
    other.value.commandId = 'somethingElse';
    assert.equal(readMessageAction(other), undefined);
    const payload = messagePayload({ author: BOB, html: 'y'.repeat(100_000) });
    payload.from = { application: { id: 'app' }, user: { id: BOB.aadObjectId } };
    payload.mentions = [
      { mentioned: { user: { id: '../../members', displayName: 'x' } } },
      { mentioned: { user: { id: 42 } } },
      ...Array.from({ length: 500 }, (_, i) => ({ mentioned: { user: { id: `29:user${i}`, displayName: `U${i}` } } })),
    ];
    const read = readMessageAction(fetchFor(payload))!;
    assert.equal(read.message!.text.length, 2_000);
    assert.equal(read.message!.people.people.length, 100);
    assert.ok(read.message!.people.people.every((p) => p.id.startsWith('29:user')));
    assert.equal(readMessageAction(fetchFor({ id: '<script>', body: {} }))!.message, undefined, 'a message id Teams never gives');
  });

  it('refuses a submit larger than the form ever sends', () => {
    assert.equal(submitOutOfBounds({ subject: 'x'.repeat(40_000) }), true);
    assert.equal(submitOutOfBounds({ subject: 'fine' }), false);
  });
});
