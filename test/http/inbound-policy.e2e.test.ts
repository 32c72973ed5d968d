// What the real bot process (no app id: nobody is authenticated) serves and where it may answer: only loopback
// serviceUrls unless ALLOW_UNAUTHENTICATED=true, and only the msteams and emulator channels unless
// ALLOWED_CHANNELS widens them. A refused activity gets no turn, and nothing is sent anywhere.
import assert from 'node:assert/strict';
import http from 'node:http';
import os from 'node:os';
import { emulatorMessage, personalMessage, type InboundActivity } from '../../support/activities';
import { postActivity, startBot, type BotProcess } from '../../support/bot-process';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { recordScenario } from '../support/reliability-log';
import { cardOf } from '../../support/wire-cards';

const TEST = 'test/http/inbound-policy.e2e.test.ts';

function externalAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/** An HTTP server on this machine's non-loopback address that records whatever reaches it. */
async function startOutsider(address: string): Promise<{ url: string; hits: string[]; stop(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"1"}');
  });
  await new Promise<void>((resolve) => server.listen(0, address, () => resolve()));
  const { port } = server.address() as { port: number };
  return { url: `http://${address}:${port}/`, hits, stop: () => new Promise((r) => server.close(() => r())) };
}

const turnRan = (bot: BotProcess, id: string): boolean =>
  bot.logs().split('\n').some((l) => l.includes('"msg":"turn"') && l.includes(`"activityId":"${id}"`));

describe('inbound policy without authentication (real bot process)', function () {
  this.timeout(60_000);
  const external = externalAddress();
  let connector: ConnectorStandIn;
  let serviceUrl: string;
  let bot: BotProcess;
  let refused = 0;

  before(async () => {
    connector = new ConnectorStandIn();
    serviceUrl = await connector.start();
    bot = await startBot({ SANDBOX: 'true' });
  });
  after(async () => {
    await bot?.stop();
    await connector?.stop();
    if (refused > 0) {
      recordScenario({ scenario: 'No app id: activities naming a non-loopback serviceUrl or a channel other than msteams/emulator', runs: refused, outcome: '403 before any turn; nothing sent to the named serviceUrl or anywhere else', test: TEST });
    }
  });
  afterEach(() => connector.reset());

  async function assertRefused(activity: InboundActivity, outsider?: { hits: string[] }): Promise<void> {
    const res = await postActivity(bot.messagesUrl, activity);
    assert.equal(res.status, 403, JSON.stringify(res.body));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(turnRan(bot, activity.id), false, 'no turn ran');
    assert.equal(connector.calls.length, 0, 'nothing sent to the connector');
    if (outsider) assert.deepEqual(outsider.hits, [], 'nothing sent to the serviceUrl the activity named');
    refused++;
  }

  it('a serviceUrl on a non-loopback address: 403, no turn, nothing sent there', async function () {
    if (!external) this.skip();
    const outsider = await startOutsider(external);
    try {
      await assertRefused(personalMessage({ serviceUrl: outsider.url, text: 'help' }), outsider);
      await assertRefused(emulatorMessage({ serviceUrl: outsider.url, text: 'schedule Exfiltrate tomorrow 3pm' }), outsider);
    } finally {
      await outsider.stop();
    }
  });

  for (const url of ['https://smba.trafficmanager.net/amer/', 'http://attacker.example/', 'http://127.0.0.1.nip.io:9/', 'http://[fd00::2]:9/', 'http://10.0.0.1/']) {
    it(`serviceUrl ${url}: 403`, () => assertRefused(personalMessage({ serviceUrl: url, text: 'help' })));
  }

  for (const channelId of ['webchat', 'directline', 'slack', 'MSTEAMS', 'test']) {
    it(`channel ${channelId}: 403, no turn, nothing sent`, () => assertRefused({ ...personalMessage({ serviceUrl, text: 'help' }), channelId }));
  }

  it('an activity nested thousands deep (from.properties) is a 400 before any turn; the bot answers the next one', async () => {
    for (const depth of [40, 5_000]) {
      const activity = personalMessage({ serviceUrl, text: 'help' });
      (activity.from as Record<string, unknown>).properties = 'NESTED';
      // Written out by hand: JSON.stringify itself overflows at such depths.
      const body = JSON.stringify(activity).replace('"NESTED"', `${'{"x":'.repeat(depth)}{}${'}'.repeat(depth)}`);
      const res = await postActivity(bot.messagesUrl, body);
      assert.equal(res.status, 400, `depth ${depth}: ${JSON.stringify(res.body)}`);
      assert.equal(turnRan(bot, activity.id), false, 'no turn ran');
    }
    const next = personalMessage({ serviceUrl, text: 'help' });
    assert.equal((await postActivity(bot.messagesUrl, next)).status, 200);
    await connector.waitFor((c) => c.activityId === next.id);
    recordScenario({ scenario: 'Activity with from.properties nested 40 and 5,000 levels deep', runs: 2, outcome: '400 before any turn (limit 32 levels); the next message is answered', test: TEST });
  });

  it('msteams and emulator on a loopback serviceUrl are served', async () => {
    for (const activity of [personalMessage({ serviceUrl, text: 'help' }), emulatorMessage({ serviceUrl, text: 'help' })]) {
      assert.equal((await postActivity(bot.messagesUrl, activity)).status, 200);
      await connector.waitFor((c) => c.activityId === activity.id && Boolean(cardOf(c)));
    }
  });
});

describe('inbound policy opt-ins: ALLOW_UNAUTHENTICATED=true, ALLOWED_CHANNELS (real bot process)', function () {
  this.timeout(60_000);
  const external = externalAddress();
  let connector: ConnectorStandIn;
  let serviceUrl: string;
  let bot: BotProcess;

  before(async () => {
    connector = new ConnectorStandIn();
    serviceUrl = await connector.start();
    bot = await startBot({ SANDBOX: 'true', ALLOW_UNAUTHENTICATED: 'true', ALLOWED_CHANNELS: 'msteams, webchat' });
  });
  after(async () => {
    await bot?.stop();
    await connector?.stop();
  });

  it('ALLOW_UNAUTHENTICATED=true: a non-loopback serviceUrl gets its answer', async function () {
    if (!external) this.skip();
    const outsider = await startOutsider(external);
    try {
      assert.equal((await postActivity(bot.messagesUrl, personalMessage({ serviceUrl: outsider.url, text: 'help' }))).status, 200);
      const deadline = Date.now() + 5000;
      while (outsider.hits.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(outsider.hits.length > 0);
    } finally {
      await outsider.stop();
    }
  });

  it('ALLOWED_CHANNELS=msteams, webchat: webchat is served, emulator no longer', async () => {
    const webchat: InboundActivity = { ...personalMessage({ serviceUrl, text: 'help' }), channelId: 'webchat' };
    assert.equal((await postActivity(bot.messagesUrl, webchat)).status, 200);
    await connector.waitFor((c) => c.activityId === webchat.id && Boolean(cardOf(c)));
    assert.equal((await postActivity(bot.messagesUrl, emulatorMessage({ serviceUrl, text: 'help' }))).status, 403);
  });
});
