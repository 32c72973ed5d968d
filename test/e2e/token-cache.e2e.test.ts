// The bot reuses a user's token from the token service for TOKEN_CACHE_SECONDS (default 60) in its own memory: the
// real bot process against the loopback token service and Graph, counting what reaches the token service.
import assert from 'node:assert/strict';
import { ALICE, personalMessage, type InboundActivity } from '../../support/activities';
import { postActivity } from '../../support/bot-process';
import { isJoin, isOAuth } from '../../support/wire-cards';
import { Rig } from '../support/full-path-rig';

const GET_TOKEN = '/api/usertoken/GetToken';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rigSuite(title: string, env: Record<string, string>, body: (rig: Rig, schedule: (subject: string) => Promise<'created' | 'signIn'>) => void): void {
  describe(title, function () {
    this.timeout(60_000);
    const rig = new Rig();
    before(() => rig.start(env));
    after(() => rig.stop());

    let n = 0;
    /** Alice, in her personal chat: `schedule <subject> tomorrow 10am` → a join card, or the sign-in card. */
    async function schedule(subject: string): Promise<'created' | 'signIn'> {
      rig.connector.reset();
      const message: InboundActivity = personalMessage({ serviceUrl: rig.serviceUrl, text: `schedule ${subject} ${++n} tomorrow at 10am`, user: ALICE, tz: 'Europe/Berlin' });
      const res = await postActivity(rig.bot.messagesUrl, message);
      assert.equal(res.status, 200);
      const answer = await rig.connector.waitFor((c) => isJoin(c) || isOAuth(c));
      return isJoin(answer) ? 'created' : 'signIn';
    }
    body(rig, schedule);
  });
}

rigSuite('token cache, default TOKEN_CACHE_SECONDS (real bot process, token service and Graph stand-ins)', {}, (rig, schedule) => {
  it("a user's next meetings reuse the token: one token-service call for three meetings, each created with the user's token", async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const before = rig.tokens.requestsTo(GET_TOKEN).length;
    for (const subject of ['Sync', 'Review', 'Retro']) assert.equal(await schedule(subject), 'created');
    assert.equal(rig.tokens.requestsTo(GET_TOKEN).length - before, 1);
    assert.deepEqual(rig.graph.meetingRequests().slice(-3).map((r) => r.authorization), Array(3).fill('Bearer graph-token-alice'));
  });

  it('"sign out" forgets it at once: the next schedule asks to sign in', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    assert.equal(await schedule('Before sign-out'), 'created');
    rig.connector.reset();
    const res = await postActivity(rig.bot.messagesUrl, personalMessage({ serviceUrl: rig.serviceUrl, text: 'sign out', user: ALICE, tz: 'Europe/Berlin' }));
    assert.equal(res.status, 200);
    await rig.connector.waitFor((c) => /signed out/i.test(String(c.activity?.text ?? '')));
    assert.equal(rig.tokens.tokenOf(ALICE.id), undefined, 'signed out at the token service too');
    const created = rig.graph.meetingRequests().length;
    assert.equal(await schedule('After sign-out'), 'signIn');
    assert.equal(rig.graph.meetingRequests().length, created, 'nothing reached Graph');
  });

  it('a token Graph refuses (401) is forgotten: the next turn asks the token service again', async () => {
    // The token service still hands out a token Graph no longer accepts (revoked, consent withdrawn).
    rig.tokens.setToken(ALICE.id, 'graph-token-revoked');
    assert.equal(await schedule('Refused'), 'signIn');
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const before = rig.tokens.requestsTo(GET_TOKEN).length;
    assert.equal(await schedule('Accepted'), 'created');
    assert.equal(rig.tokens.requestsTo(GET_TOKEN).length - before, 1, 'asked the token service, not the memory');
    assert.equal(rig.graph.meetingRequests().at(-1)!.authorization, 'Bearer graph-token-alice');
  });
});

rigSuite('token cache, TOKEN_CACHE_SECONDS=1 (real bot process)', { TOKEN_CACHE_SECONDS: '1' }, (rig, schedule) => {
  it('a sign-out the bot could not see (at the token service, another instance) reaches it within TOKEN_CACHE_SECONDS', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    assert.equal(await schedule('Kept'), 'created');
    rig.tokens.forget(ALICE.id);
    await sleep(1_200);
    assert.equal(await schedule('Later'), 'signIn');
  });
});

rigSuite('token cache off, TOKEN_CACHE_SECONDS=0 (real bot process)', { TOKEN_CACHE_SECONDS: '0' }, (rig, schedule) => {
  it('every meeting asks the token service', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const before = rig.tokens.requestsTo(GET_TOKEN).length;
    for (const subject of ['One', 'Two']) assert.equal(await schedule(subject), 'created');
    assert.equal(rig.tokens.requestsTo(GET_TOKEN).length - before, 2);
  });
});
