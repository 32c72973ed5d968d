// BotAdapter: the server validates a request with the adapter's own authentication, then runs the turn through
// CloudAdapter's pipeline with that result — middleware, the bot's logic, and the invoke response it produced.
import assert from 'node:assert/strict';
import { ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import { BotAdapter } from '../../src/http/bot-adapter';

describe('BotAdapter', () => {
  const authentication = new ConfigurationBotFrameworkAuthentication({});
  const invoke = {
    type: 'invoke',
    name: 'test/ok',
    id: 'a1',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: 'c1' },
    from: { id: 'u1' },
    recipient: { id: 'b1' },
    value: {},
  } as Activity;

  it('keeps the authentication it was built with, readable by the server', () => {
    assert.equal(new BotAdapter(authentication).authentication, authentication);
  });

  it('runs a turn with an authentication result: middleware, then the logic, and returns the invoke response', async () => {
    const adapter = new BotAdapter(authentication);
    const seen: string[] = [];
    adapter.use({
      onTurn: async (_context, next) => {
        seen.push('middleware');
        await next();
      },
    });
    const auth = await authentication.authenticateRequest(invoke, '');
    const response = await adapter.runTurn(auth, invoke, async (context: TurnContext) => {
      seen.push(`logic ${context.activity.name}`);
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { ok: true } } });
    });
    assert.deepEqual(seen, ['middleware', 'logic test/ok']);
    assert.deepEqual(response, { status: 200, body: { ok: true } });
  });
});
