// The bot's replies as the Bot Connector sees them, over loopback HTTP: where they go, what they carry, which
// failures are tried again (and how often), and which answer is final.
import assert from 'node:assert/strict';
import { type Activity } from 'botbuilder';
import { MicrosoftAppCredentials } from 'botframework-connector';
import { ConnectorError, ConnectorReplies, proxyRule } from '../../src/http/connector-replies';
import { ConnectorStandIn } from '../../support/connector-stand-in';

const THREAD = '19:abc@thread.tacv2;messageid=1700000000000';

/** botbuilder's credentials for an app id, with the token MSAL would have fetched (no Entra ID on this machine). */
class IssuedCredentials extends MicrosoftAppCredentials {
  override async getToken(): Promise<string> {
    return 'bot-token';
  }
}

describe('ConnectorReplies: the bot posting to the Bot Connector', () => {
  const connector = new ConnectorStandIn({ basePath: 'amer/' });
  const noApp = new MicrosoftAppCredentials('', '');
  // Pauses of a few ms so retries are quick to test; the real first pause is a second.
  const replies = new ConnectorReplies({ env: {}, firstPauseMs: 5 });

  before(() => connector.start());
  after(() => connector.stop());
  beforeEach(() => {
    connector.reset();
    connector.clearFaults();
  });

  function message(extra: Partial<Activity> = {}): Partial<Activity> {
    return {
      type: 'message',
      text: 'hello',
      serviceUrl: connector.serviceUrl,
      channelId: 'msteams',
      conversation: { id: THREAD, conversationType: 'channel', isGroup: true, name: '' },
      from: { id: '28:bot', name: 'Meeting Bot' },
      recipient: { id: '29:ada', name: 'Ada' },
      ...extra,
    };
  }

  async function post(activity: Partial<Activity>, credentials = noApp) {
    assert.ok(replies.takes(activity, credentials));
    return replies.post(activity, credentials);
  }

  it('replies in the thread (POST …/activities/{replyToId}) and hands back the new message id', async () => {
    const sent = await post(message({ replyToId: '1700000000000' }));
    const [call] = connector.calls;
    assert.equal(call?.kind, 'reply');
    assert.equal(call?.conversationId, THREAD);
    assert.equal(call?.activityId, '1700000000000');
    assert.equal(call?.activity?.text, 'hello');
    assert.equal(sent.id, call?.responseId);
    assert.equal(call?.headers.authorization, undefined, 'no app id (Emulator, sandbox): no token');
  });

  it('posts to the conversation when there is nothing to reply to', async () => {
    await post(message());
    assert.equal(connector.calls[0]?.kind, 'send');
  });

  it('replaces a card it posted (PUT …/activities/{id}), with the same retries', async () => {
    const { id } = await post(message({ replyToId: '1' }));
    connector.reset();
    connector.failNext({ status: 503, kinds: ['update'] });
    const card = message({ text: undefined, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [] } }] });
    assert.ok(replies.takes(card, noApp));
    await replies.update(card, id, noApp);
    assert.deepEqual(connector.calls.map((c) => [c.kind, c.method, c.activityId, c.status]), [
      ['update', 'PUT', id, 503],
      ['update', 'PUT', id, 200],
    ]);
    assert.equal(connector.calls[1]?.activity?.attachments?.[0]?.content?.type, 'AdaptiveCard');
  });

  it("sends the bot's token from botbuilder's credentials when an app id is configured", async () => {
    await post(message({ serviceUrl: connector.serviceUrl }), new IssuedCredentials('app-id', 'secret'));
    assert.equal(connector.calls[0]?.headers.authorization, 'Bearer bot-token');
  });

  it("sends the bot's token over http only to this machine: elsewhere such a reply is left to botbuilder", () => {
    const app = new IssuedCredentials('app-id', 'secret');
    assert.equal(replies.takes(message({ serviceUrl: 'http://bots.example.com/' }), app), false);
    assert.equal(replies.takes(message({ serviceUrl: 'http://bots.example.com/' }), noApp), true, 'no token: nothing to protect');
    assert.equal(replies.takes(message({ serviceUrl: 'http://localhost:3978/' }), app), true);
    assert.equal(replies.takes(message({ serviceUrl: 'https://smba.trafficmanager.net/amer/' }), app), true);
  });

  it('leaves delays, invoke responses and traces to botbuilder', () => {
    for (const type of ['delay', 'invokeResponse', 'trace', 'event']) assert.equal(replies.takes(message({ type }), noApp), false, type);
    assert.equal(replies.takes(message({ type: 'typing' }), noApp), true);
  });

  it('tries a throttled reply again after the Retry-After the connector asked for', async () => {
    connector.failNext({ status: 429, retryAfter: 1 });
    const started = Date.now();
    await post(message({ replyToId: '1' }));
    assert.deepEqual(connector.calls.map((c) => c.status), [429, 200]);
    assert.ok(Date.now() - started >= 950, 'waited the second it was asked to');
  });

  it('tries a 503, a 500 and a dropped connection again, at most three times', async () => {
    connector.failNext({ status: 503 });
    connector.failNext({ status: 500 });
    connector.failNext({ resetConnection: true });
    await post(message({ replyToId: '1' }));
    assert.deepEqual(connector.calls.map((c) => c.status ?? c.fault), [503, 500, 'reset', 200]);

    connector.reset();
    connector.failNext({ status: 502, times: 4 });
    await assert.rejects(post(message({ replyToId: '1' })), (err: ConnectorError) => err.statusCode === 502);
    assert.equal(connector.calls.length, 4, 'the first attempt and three retries');
  });

  it('takes a refusal as final: the status and the connector\'s error code, one call', async () => {
    connector.failNext({ status: 404, code: 'ConversationNotFound' });
    await assert.rejects(post(message({ replyToId: '1' })), (err: ConnectorError) => {
      assert.equal(err.statusCode, 404);
      assert.equal(err.code, 'ConversationNotFound');
      assert.match(err.message, /404 ConversationNotFound/);
      return true;
    });
    assert.equal(connector.calls.length, 1);
  });

  it("a token the connector doesn't accept (401) is final: one call, the status in the error", async () => {
    connector.acceptsToken = (authorization) => authorization === 'Bearer the-real-token';
    try {
      await assert.rejects(post(message({ replyToId: '1' }), new IssuedCredentials('app-id', 'secret')), (err: ConnectorError) => err.statusCode === 401);
      await assert.rejects(post(message({ replyToId: '1' })), (err: ConnectorError) => err.statusCode === 401, 'no token at all');
    } finally {
      connector.acceptsToken = undefined;
    }
    assert.deepEqual(connector.calls.map((c) => c.status), [401, 401]);
  });

  it('the connector refusing the body (400) is final too', async () => {
    await assert.rejects(post(message({ conversation: { id: THREAD, conversationType: 'meeting', isGroup: true, name: '' } })), (err: ConnectorError) => err.statusCode === 400);
    assert.equal(connector.calls.length, 1);
  });
});

describe('proxyRule: which service URLs a proxy would carry (those replies stay with botbuilder)', () => {
  const url = (u: string) => new URL(u);

  it('no proxy variable: nothing is proxied', () => {
    assert.equal(proxyRule({})(url('https://smba.trafficmanager.net/amer/')), false);
  });

  it('HTTPS_PROXY, HTTP_PROXY or ALL_PROXY in either case: proxied unless NO_PROXY names the host or its domain', () => {
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'ALL_PROXY']) {
      const rule = proxyRule({ [name]: 'http://proxy:3128', NO_PROXY: '127.0.0.1, localhost,.internal.example' });
      assert.equal(rule(url('https://smba.trafficmanager.net/amer/')), true, name);
      assert.equal(rule(url('http://127.0.0.1:3978/')), false, name);
      assert.equal(rule(url('http://localhost:3978/')), false, name);
      assert.equal(rule(url('https://bots.internal.example/')), false, name);
    }
  });

  it('NO_PROXY=* sends everything direct', () => {
    assert.equal(proxyRule({ HTTPS_PROXY: 'http://proxy:3128', no_proxy: '*' })(url('https://smba.trafficmanager.net/')), false);
  });
});
