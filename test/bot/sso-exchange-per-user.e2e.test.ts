// SSO token-exchange de-duplication in a group chat (real bot process, full path): Teams' exchange id identifies
// one sign-in card, and every member of the chat sees that card. Another member's exchange with the same id must
// not make the requester's own exchange count as a duplicate — each user's exchange is de-duplicated on its own.
import assert from 'node:assert/strict';
import { ALICE, BOB, groupChatMessage, tokenExchangeInvoke } from '../../support/activities';
import { CONNECTION, Rig } from '../support/full-path-rig';
import { recordScenario } from '../support/reliability-log';
import { cardOf, isJoin, isOAuth, OAUTH_CARD } from '../../support/wire-cards';

const TEST = 'test/bot/sso-exchange-per-user.e2e.test.ts';

describe('SSO exchange de-duplication is per user (group chat, real bot process)', function () {
  this.timeout(60_000);
  const rig = new Rig();
  before(() => rig.start());
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log('--- bot log ---\n' + rig.bot.logs().split('\n').slice(-30).join('\n'));
      console.log('--- connector ---\n' + rig.connector.describe());
    }
  });

  it("Bob exchanges with the id of Alice's sign-in card first: Alice's own exchange still completes her meeting", async () => {
    const { connector, tokens, serviceUrl } = rig;
    // In a group chat a typed request signs in through its card (Universal Actions); the shared sign-in card
    // appears when Graph rejects a held token and the user must sign in again.
    tokens.setToken(ALICE.id, 'graph-token-alice');
    rig.graph.failNext({ status: 401, code: 'InvalidAuthenticationToken' });
    const ask = groupChatMessage({ serviceUrl, user: ALICE, text: 'schedule "Alice group sync" tomorrow 10am' });
    assert.equal((await rig.post(ask)).status, 200);
    const prompt = await connector.waitFor((c) => c.activityId === ask.id && isOAuth(c));
    const exchangeId: string = prompt.activity!.attachments.find((x: any) => x.contentType === OAUTH_CARD).content.tokenExchangeResource.id;

    // Bob, in the same chat, exchanges his own SSO token under that id (his client saw the same card).
    tokens.allowExchange('sso-bob', BOB.id, 'graph-token-bob');
    const bobExchange = tokenExchangeInvoke({ serviceUrl, user: BOB, conversation: ask.conversation, exchangeId, connectionName: CONNECTION, token: 'sso-bob' });
    const bobStatus = (await rig.post(bobExchange)).status;
    assert.ok(bobStatus < 500, `Bob: ${bobStatus}`);

    // Now Alice's client exchanges her token for her card.
    tokens.allowExchange('sso-alice', ALICE.id, 'graph-token-alice');
    const aliceExchange = tokenExchangeInvoke({ serviceUrl, user: ALICE, conversation: ask.conversation, exchangeId, connectionName: CONNECTION, token: 'sso-alice' });
    assert.equal((await rig.post(aliceExchange)).status, 200);
    const join = await connector.waitFor((c) => c.conversationId === ask.conversation.id && isJoin(c) && /Alice group sync/.test(JSON.stringify(cardOf(c))), 10_000);
    assert.ok(join);
    assert.equal(rig.meetingsOf(ALICE).filter((m) => m.meeting.subject === 'Alice group sync').length, 1, "one meeting, Alice's");
    assert.equal(rig.meetingsOf(BOB).filter((m) => m.meeting.subject === 'Alice group sync').length, 0, 'never on Bob');

    // The same user's second client (same id) is still a duplicate: nothing more happens.
    assert.equal((await rig.post({ ...aliceExchange, id: `${aliceExchange.id}-2` })).status, 200);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(rig.joinCardsIn(ask.conversation.id).size, 1, 'one join card');
    recordScenario({ scenario: "Group chat: another member's SSO exchange with the same exchange id arrives first", runs: 1, outcome: "the requester's exchange still proceeds (de-duplication per user): one meeting, one join card; her second client is still a duplicate", test: TEST });
  });
});
