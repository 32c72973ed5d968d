// Fault matrix over the https Graph stand-in and the token-service stand-in: each fault gives the right
// user-visible outcome, and afterwards an ordinary request by the same user succeeds.
import assert from 'node:assert/strict';
import { ALICE, personalMessage, tokenExchangeInvoke, verifyStateInvoke } from '../../support/activities';
import { CONNECTION } from '../support/full-path-rig';
import type { GraphFault } from '../../support/graph-stand-in';
import { recordScenario } from '../support/reliability-log';
import { cardOf, isForm, isJoin, isOAuth } from '../../support/wire-cards';
import { Rig, TOKEN_SERVICE_DECIDES } from '../support/full-path-rig';
import { shownTexts } from '../support/shown-texts';

const TEST = 'test/reliability/faults.e2e.test.ts';

describe('fault matrix (real bot process, Graph and token-service stand-ins)', function () {
  this.timeout(120_000);
  const rig = new Rig();
  before(() => rig.start(TOKEN_SERVICE_DECIDES));
  after(() => rig.stop());
  beforeEach(() => {
    rig.graph.clearFaults();
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(rig.bot.logs().split('\n').slice(-30).join('\n'), '\n', rig.connector.describe());
  });

  const recovered: { fault: GraphFault; name: string }[] = [
    { name: '429 with Retry-After', fault: { status: 429, retryAfter: 1 } },
    { name: '503', fault: { status: 503 } },
    { name: '504', fault: { status: 504 } },
    { name: 'connection reset', fault: { resetConnection: true } },
    { name: 'response lost after create (503)', fault: { status: 503, afterCreate: true } },
    { name: 'response lost after create (connection reset)', fault: { resetConnection: true, afterCreate: true } },
  ];
  for (const { name, fault } of recovered) {
    it(`Graph ${name}: retried, exactly one meeting and one join card`, async () => {
      const before = rig.meetingsOf(ALICE).length;
      rig.graph.failNext(fault);
      const msg = rig.message(`schedule ${name} drill tomorrow 3pm`);
      const res = await rig.post(msg);
      assert.equal(res.status, 200);
      await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c));
      assert.equal(rig.joinCardsIn(msg.conversation.id).size, 1);
      assert.equal(rig.meetingsOf(ALICE).length, before + 1, 'one meeting');
      assert.deepEqual(shownTexts(rig.callsIn(msg.conversation.id)).filter((text) => /busy|wrong/i.test(text)), [], 'no error shown');
      await rig.assertNormalRequestWorks();
      recordScenario({ scenario: `Graph ${name}`, runs: 1, outcome: 'retried; one meeting, one join card, no error shown', test: TEST });
    });
  }

  it('the Bot Connector throttles the first post of the turn (429, Retry-After 1): posted again after the wait, once', async () => {
    rig.connector.failNext({ status: 429, retryAfter: 1, kinds: ['reply', 'send'] });
    const msg = rig.message('schedule Throttled reply tomorrow 3pm');
    const res = await rig.post(msg);
    assert.equal(res.status, 200);
    await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && c.status === 200 && isJoin(c));
    const posts = rig.callsIn(msg.conversation.id).filter((c) => c.kind === 'reply' || c.kind === 'send');
    const [throttled, again] = posts;
    assert.equal(throttled?.status, 429);
    assert.equal(again?.status, 200);
    assert.equal(again?.activity?.type, throttled?.activity?.type, 'the same activity, sent again');
    assert.ok(again!.at - throttled!.at >= 950, `waited ${again!.at - throttled!.at} ms of the 1 s asked`);
    assert.equal(posts.filter((c) => c.status === 200 && isJoin(c)).length, 1, 'one join card');
    await rig.assertNormalRequestWorks();
    recordScenario({ scenario: 'Bot Connector 429 with Retry-After', runs: 1, outcome: 'posted again after the wait; one join card', test: TEST });
  });

  it('the Bot Connector refuses the join card for good (404 ConversationNotFound): one attempt, the turn still answers 200', async () => {
    rig.connector.failNext({ status: 404, code: 'ConversationNotFound', kinds: ['reply', 'send'], times: 5 });
    const msg = rig.message('schedule Gone conversation tomorrow 3pm');
    const res = await rig.post(msg);
    assert.equal(res.status, 200);
    rig.connector.clearFaults();
    const posts = rig.callsIn(msg.conversation.id).filter((c) => c.kind === 'reply' || c.kind === 'send');
    assert.ok(posts.length >= 1 && posts.every((c) => c.status === 404), 'nothing was posted');
    assert.equal(new Set(posts.map((c) => JSON.stringify(c.activity))).size, posts.length, 'no activity was sent twice');
    await rig.assertNormalRequestWorks();
  });

  it('Graph hangs: the turn ends well within 15 s and the user is told, details kept', async () => {
    rig.graph.failNext({ hang: true });
    const msg = rig.message('schedule Hung Graph tomorrow 3pm');
    const res = await rig.post(msg);
    assert.equal(res.status, 200);
    assert.ok(res.ms < 13_000, `turn took ${res.ms} ms`);
    const reply = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isForm(c));
    assert.match(JSON.stringify(cardOf(reply)), /busy/i);
    assert.match(JSON.stringify(cardOf(reply)), /Hung Graph/);
    await rig.assertNormalRequestWorks();
    recordScenario({ scenario: 'Graph hangs (no answer)', runs: 1, outcome: `turn ended after ${res.ms} ms (budget 10 s); "Teams is busy" form with details`, test: TEST });
  });

  it('Graph 401 (token expired): signs the user in again once, then creates the meeting', async () => {
    rig.graph.failNext({ status: 401, code: 'InvalidAuthenticationToken' });
    const msg = rig.message('schedule Expired token tomorrow 3pm');
    await rig.post(msg);
    const prompt = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isOAuth(c));
    assert.match(prompt.activity?.text ?? '', /expired/i);
    assert.equal(rig.tokens.tokenOf(ALICE.id), undefined, 'the rejected token was signed out');
    rig.tokens.issueMagicCode(ALICE.id, '771177', 'graph-token-alice');
    const verify = await rig.post(verifyStateInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: msg.conversation, state: '771177' }));
    assert.equal(verify.status, 200);
    await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c));
    await rig.assertNormalRequestWorks();
    recordScenario({ scenario: 'Graph 401 (expired token)', runs: 1, outcome: 'signed out, one re-sign-in, meeting created', test: TEST });
  });

  it('Graph 403: explains the licence/permission problem, no Join button', async () => {
    rig.graph.failNext({ status: 403, code: 'Forbidden' });
    const msg = rig.message('schedule No licence tomorrow 3pm');
    await rig.post(msg);
    const reply = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && Boolean(cardOf(c)));
    assert.match(JSON.stringify(cardOf(reply)), /OnlineMeetings\.ReadWrite/);
    assert.equal(isJoin(reply), false);
    await rig.assertNormalRequestWorks();
    recordScenario({ scenario: 'Graph 403', runs: 1, outcome: 'form with what the admin must grant; no Join', test: TEST });
  });

  it("Graph 400 with an error body: short message with Graph's code and request id", async () => {
    rig.graph.failNext({ status: 400, code: 'InvalidRequest', message: 'chatInfo is not supported for this channel' });
    const msg = rig.message('schedule Private channel tomorrow 3pm');
    await rig.post(msg);
    const reply = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && Boolean(cardOf(c)));
    const text = JSON.stringify(cardOf(reply));
    assert.match(text, /InvalidRequest/);
    assert.match(text, /request id [0-9a-f-]{36}/);
    assert.doesNotMatch(text, /at .*\.js:\d+/, 'no stack trace');
    await rig.assertNormalRequestWorks();
    recordScenario({ scenario: 'Graph 400 with error body', runs: 1, outcome: "form with Graph's code and request id", test: TEST });
  });

  it('token service down: the user is told, details kept; works again when it is back', async () => {
    await rig.tokens.down();
    try {
      const msg = rig.message('schedule Token outage tomorrow 3pm');
      const res = await rig.post(msg);
      assert.equal(res.status, 200);
      assert.ok(res.ms < 15_000, `turn took ${res.ms} ms`);
      const reply = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isForm(c));
      assert.match(JSON.stringify(cardOf(reply)), /sign-in service/);
      assert.match(JSON.stringify(cardOf(reply)), /Token outage/);
      recordScenario({ scenario: 'Token service down', runs: 1, outcome: `turn ended after ${res.ms} ms; form says sign-in service unreachable, details kept`, test: TEST });
    } finally {
      await rig.tokens.up();
    }
    await rig.assertNormalRequestWorks();
  });

  it('token service hangs: the turn still ends within Teams\' 15 s, the user is told, details kept', async () => {
    rig.tokens.hang();
    try {
      const msg = rig.message('schedule Token hang tomorrow 3pm');
      const res = await rig.post(msg);
      assert.equal(res.status, 200);
      assert.ok(res.ms < 15_000, `turn took ${res.ms} ms`);
      const reply = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isForm(c), 20_000);
      assert.match(JSON.stringify(cardOf(reply)), /sign-in service/);
      assert.match(JSON.stringify(cardOf(reply)), /Token hang/);
      recordScenario({ scenario: 'Token service hangs (no answer)', runs: 1, outcome: `turn ended after ${res.ms} ms (turn budget 13 s); form says sign-in service unreachable, details kept`, test: TEST });
    } finally {
      rig.tokens.recover();
    }
    await rig.assertNormalRequestWorks();
  });

  it('token service hangs during sign-in: verifyState, a Teams SSO token exchange and a typed magic code are answered within the turn', async () => {
    // A schedule that waits for sign-in first, so the sign-in turns below belong to a dialog.
    const start = personalMessage({ serviceUrl: rig.serviceUrl, user: ALICE, text: 'schedule Sign-in hang tomorrow 3pm' });
    assert.equal((await rig.post(start)).status, 200);
    rig.tokens.hang();
    try {
      const asked: { name: string; status: number; ms: number }[] = [];
      for (const activity of [
        verifyStateInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, state: '123456' }),
        tokenExchangeInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, exchangeId: `hang-${Date.now()}`, connectionName: CONNECTION, token: 'sso-token-while-hung' }),
        personalMessage({ serviceUrl: rig.serviceUrl, user: ALICE, text: '123456' }),
      ]) {
        const res = await rig.post(activity);
        asked.push({ name: String(activity.name ?? activity.type), status: res.status, ms: res.ms });
      }
      for (const a of asked) {
        assert.ok(a.ms < 13_000, `${a.name} answered after ${a.ms} ms`);
        // A token exchange that can't be done answers 412: Teams then shows the sign-in button instead.
        assert.equal(a.status, a.name === 'signin/tokenExchange' ? 412 : 200, a.name);
      }
      recordScenario({
        scenario: 'Token service hangs during sign-in (verifyState, SSO token exchange, typed magic code)',
        runs: 3,
        outcome: `answered after ${asked.map((x) => x.ms).join(' and ')} ms (token budget 5 s); the user is told the sign-in service is unreachable`,
        test: TEST,
      });
    } finally {
      rig.tokens.recover();
    }
    await rig.assertNormalRequestWorks();
  });

  it('never logs a token or an authorization header', () => {
    const logs = rig.bot.logs();
    for (const secret of [...Object.keys({ 'graph-token-alice': 1 }), 'Bearer ']) assert.ok(!logs.includes(secret), `log contains ${secret}`);
  });
});
