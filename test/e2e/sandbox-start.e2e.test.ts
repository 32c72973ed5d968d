// `npm start` with an empty environment: sandbox mode answers an Emulator conversation end to end.
import assert from 'node:assert/strict';
import { emulatorMessage } from '../../support/activities';
import { postActivity, startBot, type BotProcess } from '../../support/bot-process';
import { ConnectorStandIn } from '../../support/connector-stand-in';

describe('sandbox mode (no Azure configuration), Emulator-style conversation', function () {
  this.timeout(60_000);
  let bot: BotProcess;
  let connector: ConnectorStandIn;
  let serviceUrl: string;

  before(async () => {
    connector = new ConnectorStandIn();
    serviceUrl = await connector.start();
    bot = await startBot({}); // only PATH, HOME, PORT: nothing about Azure
  });
  after(async () => {
    await bot?.stop();
    await connector?.stop();
  });

  it('says in its log that it runs in sandbox mode', () => {
    assert.match(bot.logs(), /SANDBOX MODE/);
  });

  it('answers help, then schedules a simulated meeting with no sign-in and no chatInfo', async () => {
    const conversationId = 'emulator-conversation|livechat';
    assert.equal((await postActivity(bot.messagesUrl, emulatorMessage({ serviceUrl, conversationId, text: 'help' }))).status, 200);
    const help = await connector.waitFor((c) => JSON.stringify(c.activity ?? {}).includes('schedule'));
    assert.equal(help.conversationId, conversationId);

    const res = await postActivity(bot.messagesUrl, emulatorMessage({ serviceUrl, conversationId, text: 'schedule Design review tomorrow 3pm for 45 min', tz: 'Europe/London' }));
    assert.equal(res.status, 200);
    const join = await connector.waitFor((c) =>
      Boolean(c.activity?.attachments?.[0]?.content?.actions?.some((a: any) => a.type === 'Action.OpenUrl')),
    );
    const card = join.activity!.attachments[0].content;
    const url: string = card.actions.find((a: any) => a.type === 'Action.OpenUrl').url;
    assert.match(url, /^https:\/\/[^/]+\.invalid\//, 'the simulated join link can never be mistaken for a real one');
    assert.match(JSON.stringify(card), /simulated/i);
    assert.match(JSON.stringify(card), /Design review/);
    assert.match(JSON.stringify(card), /Europe\/London/);
    assert.equal(connector.calls.filter((c) => JSON.stringify(c.activity ?? {}).includes('vnd.microsoft.card.oauth')).length, 0, 'no sign-in in sandbox');
  });
});
