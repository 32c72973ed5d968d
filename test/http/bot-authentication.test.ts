// The bot's authentication hands out connector clients for replies: each must talk to the service URL it was asked
// for, and the same one is reused for every turn that goes there (building one is a dozen HTTP policies).
import assert from 'node:assert/strict';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { BotAuthentication } from '../../src/http/bot-authentication';

/** Where a client sends its requests (protected in the typings). */
const baseUriOf = (client: unknown): string => (client as { baseUri: string }).baseUri;
const identity = (appId: string): ClaimsIdentity => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

describe('BotAuthentication connector clients', () => {
  const auth = new BotAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }, '');

  it('replies to each service URL through a client for that URL', async () => {
    const amer = await auth.createConnectorFactory(identity('')).create('https://smba.trafficmanager.net/amer/', undefined);
    const emea = await auth.createConnectorFactory(identity('')).create('https://smba.trafficmanager.net/emea/', undefined);
    assert.equal(baseUriOf(amer), 'https://smba.trafficmanager.net/amer/');
    assert.equal(baseUriOf(emea), 'https://smba.trafficmanager.net/emea/');
  });

  it('reuses the client of a service URL across turns', async () => {
    const first = await auth.createConnectorFactory(identity('')).create('https://smba.trafficmanager.net/apac/', undefined);
    const second = await auth.createConnectorFactory(identity('')).create('https://smba.trafficmanager.net/apac/', undefined);
    assert.equal(second, first);
  });

  it('reuses the client for the replies of inbound turns too', async () => {
    const activity = { type: 'message', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } };
    const first = await auth.authenticateRequest(activity as never, '');
    const second = await auth.authenticateRequest(activity as never, '');
    const a = await first.connectorFactory!.create(activity.serviceUrl, first.audience);
    const b = await second.connectorFactory!.create(activity.serviceUrl, second.audience);
    assert.equal(b, a);
    assert.equal(baseUriOf(a), activity.serviceUrl);
  });

  it('keeps clients of different bots (app ids) and audiences apart', async () => {
    const url = 'https://smba.trafficmanager.net/amer/';
    const ours = await auth.createConnectorFactory(identity('')).create(url, undefined);
    const skill = await auth.createConnectorFactory(identity('11111111-2222-3333-4444-555555555555')).create(url, undefined);
    const otherAudience = await auth.createConnectorFactory(identity('')).create(url, 'https://api.botframework.us');
    assert.notEqual(skill, ours);
    assert.notEqual(otherAudience, ours);
  });

  it('hands out one user-token client per bot for every turn (CloudAdapter asks on each one)', async () => {
    const first = await auth.createUserTokenClient(identity(''));
    const second = await auth.createUserTokenClient(identity(''));
    assert.equal(second, first);
    assert.notEqual(await auth.createUserTokenClient(identity('11111111-2222-3333-4444-555555555555')), first, 'another bot (a skill) gets its own');
  });

  it('keeps a bounded number of clients however many service URLs arrive', async () => {
    const first = await auth.createConnectorFactory(identity('')).create('https://example.test/0/', undefined);
    for (let i = 1; i <= 200; i++) await auth.createConnectorFactory(identity('')).create(`https://example.test/${i}/`, undefined);
    const again = await auth.createConnectorFactory(identity('')).create('https://example.test/0/', undefined);
    assert.notEqual(again, first, 'the oldest client was dropped, so asking again builds a new one');
    assert.equal(baseUriOf(again), 'https://example.test/0/');
  });
});
