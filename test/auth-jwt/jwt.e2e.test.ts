// Who gets in: the real bot (`node dist/src/index.js`) with MicrosoftAppId set validates the Bot Connector's JWT
// against a loopback OpenID metadata/JWKS stand-in holding keys this test generated. Every bad token is a 401
// (stock CloudAdapter answers 500 for some), nothing runs for it, and a correctly signed one is let in.
//
// Outbound: with an app id the bot would get its own token from ToChannelFromBotLoginUrl through MSAL, and MSAL
// first asks login.microsoftonline.com about any authority it doesn't know (see jwt-stand-in.ts). This suite stays
// on loopback by accepting activities that need nothing outbound: deliveryMode "expectReplies" (the replies come
// back in the HTTP response — the full turn ran), typing, and invokes answered in the response.
import { recordScenario } from '../support/reliability-log';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { BOT_APP_ID, personalMessage, type InboundActivity } from '../../support/activities';
import { REPO_ROOT, postActivity, startBot, type BotProcess } from '../../support/bot-process';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { JwtStandIn, makeSigningKey, signJwt } from '../support/jwt-stand-in';

/** Preloaded into the bot: any non-loopback DNS lookup or connection fails and is reported as "LOOPBACK GUARD". */
const LOOPBACK_ONLY = { NODE_OPTIONS: `--require "${path.join(REPO_ROOT, 'test', 'hostile', 'loopback-guard.cjs')}"` };

const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

interface LogLine {
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

function logLines(bot: BotProcess): LogLine[] {
  return bot
    .logs()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      try {
        return JSON.parse(l) as LogLine;
      } catch {
        return {};
      }
    });
}

/** Whether the bot logged a turn for this activity id (TurnLogger writes one 'turn' line per turn). */
const ranTurn = (bot: BotProcess, activityId: string): boolean => logLines(bot).some((l) => l.msg === 'turn' && l.activityId === activityId);

/** The child's stdout reaches us a little after its HTTP answer: poll briefly. */
async function turnLogged(bot: BotProcess, activityId: string, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ranTurn(bot, activityId)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('who gets in: Bot Framework JWTs (real bot process, MicrosoftAppId set, loopback OpenID/JWKS stand-in)', function () {
  this.timeout(60_000);
  let jwt: JwtStandIn;
  let connector: ConnectorStandIn;
  let bot: BotProcess;
  let serviceUrl: string;

  before(async () => {
    jwt = new JwtStandIn();
    await jwt.start();
    connector = new ConnectorStandIn();
    serviceUrl = await connector.start();
    bot = await startBot({
      HOST: '127.0.0.1',
      MicrosoftAppId: BOT_APP_ID,
      MicrosoftAppPassword: 'test-only-secret',
      MicrosoftAppType: 'MultiTenant',
      // Sandbox keeps sign-in and Graph out of it: this suite is about the Bot Framework endpoint.
      SANDBOX: 'true',
      LOG_LEVEL: 'info',
      ...jwt.botSettings(),
      ...LOOPBACK_ONLY,
    });
  });

  let rejections = 0;
  after(async () => {
    await bot?.stop();
    await Promise.all([connector?.stop(), jwt?.stop()]);
    if (rejections > 0) {
      recordScenario({ scenario: 'Bad JWTs on /api/messages (missing, malformed, unsigned, expired, wrong audience/issuer, wrong key, HS256, …)', runs: rejections, outcome: '401 with WWW-Authenticate, no turn, nothing sent', test: 'test/auth-jwt/jwt.e2e.test.ts' });
    }
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log('--- bot log ---\n' + bot.logs().split('\n').slice(-30).join('\n'));
  });

  const message = (text: string, extra: InboundActivity = {}): InboundActivity => ({ ...personalMessage({ serviceUrl, text }), ...extra });
  const valid = (overrides: Record<string, unknown> = {}): string => jwt.channelToken(BOT_APP_ID, serviceUrl, overrides);

  async function rejected(authorization: string | undefined, activity: InboundActivity = message('help')): Promise<void> {
    const res = await postActivity(bot.messagesUrl, activity, authorization === undefined ? {} : { Authorization: authorization });
    assert.equal(res.status, 401, `expected 401, got ${res.status} ${JSON.stringify(res.body)}`);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal(await turnLogged(bot, activity.id, 200), false, 'no turn ran');
    assert.equal(connector.calls.length, 0, 'nothing was sent to the connector');
    rejections++;
  }

  describe('rejected with 401, no turn', () => {
    it('no Authorization header', () => rejected(undefined));
    it('empty bearer token', () => rejected('Bearer '));
    it('not a JWT', () => rejected('Bearer not-a-jwt'));
    it('three garbage segments', () => rejected('Bearer a.b.c'));
    it('Basic credentials instead of a bearer token', () => rejected(`Basic ${Buffer.from('bot:secret').toString('base64')}`));
    it('a valid token followed by an extra part', () => rejected(`Bearer ${valid()} extra`));
    it('8 KB of base64url noise', () => rejected(`Bearer ${Buffer.alloc(6144, 7).toString('base64url')}.${'A'.repeat(100)}.${'B'.repeat(100)}`));

    it('unsigned (alg: none) under the published kid', () =>
      rejected(`Bearer ${signJwt(jwt.channelClaims(BOT_APP_ID, serviceUrl), { alg: 'none', defaultKid: jwt.channelKeys[0].kid })}`));
    it('unsigned (alg: none) without a kid', () =>
      rejected(`Bearer ${signJwt(jwt.channelClaims(BOT_APP_ID, serviceUrl), { alg: 'none', kid: null })}`));

    it('expired an hour ago (beyond the 5-minute tolerance)', () => {
      const now = Math.floor(Date.now() / 1000);
      return rejected(`Bearer ${valid({ nbf: now - 7200, exp: now - 3600 })}`);
    });
    it('not valid until an hour from now', () => {
      const now = Math.floor(Date.now() / 1000);
      return rejected(`Bearer ${valid({ nbf: now + 3600, exp: now + 7200 })}`);
    });
    it('for another bot (wrong audience)', () => rejected(`Bearer ${valid({ aud: randomUUID() })}`));
    it('without an audience', () => rejected(`Bearer ${valid({ aud: undefined })}`));
    it('from another issuer', () => rejected(`Bearer ${valid({ iss: 'https://login.example.com/evil' })}`));
    it('without an issuer', () => rejected(`Bearer ${valid({ iss: undefined })}`));
    it('for another serviceUrl than the activity names', () => rejected(`Bearer ${valid({ serviceurl: 'http://127.0.0.1:9/' })}`));
    it('without a serviceurl claim', () => rejected(`Bearer ${valid({ serviceurl: undefined })}`));
    it("a captured valid token with the activity's serviceUrl changed to another connector: nothing reaches either", async () => {
      const other = new ConnectorStandIn();
      const otherUrl = await other.start();
      try {
        await rejected(`Bearer ${valid()}`, message('help', { serviceUrl: otherUrl }));
        assert.equal(other.calls.length, 0, 'nothing was sent to the serviceUrl the activity named');
        recordScenario({ scenario: "Valid channel token, activity's serviceUrl changed to another connector (or no serviceurl claim)", runs: 3, outcome: '401, no turn, nothing sent to either connector (botbuilder checks the serviceurl claim)', test: 'test/auth-jwt/jwt.e2e.test.ts' });
      } finally {
        await other.stop();
      }
    });

    it('signed by another key under its own kid', () => {
      const other = makeSigningKey();
      return rejected(`Bearer ${jwt.channelToken(BOT_APP_ID, serviceUrl, {}, { key: other.privateKey, kid: other.kid })}`);
    });
    it('forged signature under the published kid', () => {
      const other = makeSigningKey();
      return rejected(`Bearer ${jwt.channelToken(BOT_APP_ID, serviceUrl, {}, { key: other.privateKey, kid: jwt.channelKeys[0].kid })}`);
    });
    it('HS256 with the published public key (PEM) as the HMAC secret', () =>
      rejected(`Bearer ${jwt.channelToken(BOT_APP_ID, serviceUrl, {}, { alg: 'HS256', secret: jwt.channelKeys[0].publicPem })}`));
    it('signed by the right key but without a kid', () => rejected(`Bearer ${jwt.channelToken(BOT_APP_ID, serviceUrl, {}, { kid: null })}`));
    it('a correctly signed token whose payload was changed afterwards', () => {
      const [header, , signature] = valid().split('.');
      const payload = Buffer.from(JSON.stringify(jwt.channelClaims(BOT_APP_ID, serviceUrl, { aud: BOT_APP_ID, extra: 'x' }))).toString('base64url');
      return rejected(`Bearer ${header}.${payload}.${signature}`);
    });
    it('a channel the signing key is not endorsed for', () =>
      rejected(`Bearer ${valid()}`, message('help', { channelId: 'slack' })));
    it('an Emulator-issuer token signed with a key the Emulator metadata does not publish', () => {
      const claims = { ...jwt.channelClaims(BOT_APP_ID, serviceUrl), iss: EMULATOR_ISSUER, ver: '1.0', appid: BOT_APP_ID };
      return rejected(`Bearer ${signJwt(claims, { key: jwt.channelKeys[0].privateKey, defaultKid: jwt.channelKeys[0].kid })}`);
    });
    it('a skill (bot-to-bot) token: another bot calling us directly', () => {
      const claims = { ...jwt.channelClaims(BOT_APP_ID, serviceUrl), iss: EMULATOR_ISSUER, ver: '2.0', azp: randomUUID() };
      const key = jwt.emulatorKeys[0];
      return rejected(`Bearer ${signJwt(claims, { key: key.privateKey, defaultKid: key.kid })}`);
    });
    it('a malformed body with no token is a 401 too (authentication comes first)', () =>
      rejected(undefined, { type: 'message', id: `m-${randomUUID()}`, conversation: 42 }));
  });

  describe('let in', () => {
    it('a correctly signed channel token: the turn runs (help card in the expectReplies response)', async () => {
      const token = valid();
      const activity = message('help', { deliveryMode: 'expectReplies' });
      const res = await postActivity(bot.messagesUrl, activity, { Authorization: `Bearer ${token}` });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const activities = (res.body as { activities?: any[] }).activities ?? [];
      assert.ok(activities.some((a) => a.attachments?.some((x: any) => x.contentType === ADAPTIVE && /schedule/i.test(JSON.stringify(x.content)))), 'help card');
      assert.ok(await turnLogged(bot, activity.id), 'the turn ran');
      assert.ok(jwt.requestsTo('/channel/keys').length >= 1, 'the keys came from the stand-in');
      assert.ok(!bot.logs().includes(token), 'the token is never logged');
    });

    it('schedule → join card, with a token signed RS512', async () => {
      const key = jwt.channelKeys[0];
      const token = jwt.channelToken(BOT_APP_ID, serviceUrl, {}, { alg: 'RS512', key: key.privateKey });
      const res = await postActivity(bot.messagesUrl, message('schedule Design review tomorrow at 3pm for 30 minutes', { deliveryMode: 'expectReplies' }), {
        Authorization: `Bearer ${token}`,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const text = JSON.stringify(res.body);
      assert.match(text, /Action\.OpenUrl/, 'join card');
      assert.match(text, /Design review/);
    });

    it('an Emulator token (Emulator issuer, appid = our app id) signed by the Emulator key', async () => {
      const key = jwt.emulatorKeys[0];
      const claims = { ...jwt.channelClaims(BOT_APP_ID, serviceUrl), iss: EMULATOR_ISSUER, ver: '1.0', appid: BOT_APP_ID };
      const activity = message('help', { deliveryMode: 'expectReplies', channelId: 'emulator' });
      const res = await postActivity(bot.messagesUrl, activity, {
        Authorization: `Bearer ${signJwt(claims, { key: key.privateKey, defaultKid: key.kid })}`,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(await turnLogged(bot, activity.id), 'the turn ran');
    });

    it('a typing activity: 200, nothing sent', async () => {
      const res = await postActivity(bot.messagesUrl, { ...message(''), type: 'typing', text: undefined }, { Authorization: `Bearer ${valid()}` });
      assert.equal(res.status, 200);
      assert.equal(connector.calls.length, 0);
    });

    it('authenticated but malformed: 400 (never 500)', async () => {
      const activity: InboundActivity = { ...message('help'), conversation: 42 };
      const res = await postActivity(bot.messagesUrl, activity, { Authorization: `Bearer ${valid()}` });
      assert.equal(res.status, 400);
      assert.equal(await turnLogged(bot, activity.id, 200), false, 'no turn ran');
    });

    it('authenticated invoke the bot does not handle: 400 with an error body (not 501)', async () => {
      const activity = { ...message(''), type: 'invoke', name: 'composeExtension/query', value: { commandId: 'x', parameters: [] }, text: undefined };
      const res = await postActivity(bot.messagesUrl, activity, { Authorization: `Bearer ${valid()}` });
      assert.equal(res.status, 400);
      assert.equal((res.body as any)?.value?.code, 'NotSupported');
    });

    it('nothing was ever sent outbound, and nothing tried to leave loopback', () => {
      assert.equal(connector.calls.length, 0);
      assert.equal(jwt.issuedAccessTokens.length, 0);
      assert.doesNotMatch(bot.logs(), /LOOPBACK GUARD/);
    });
  });
});

describe('who gets in: key endpoint unavailable (real bot process)', function () {
  this.timeout(60_000);
  let jwt: JwtStandIn;
  let bot: BotProcess;
  const serviceUrl = 'http://127.0.0.1:9/';

  before(async () => {
    jwt = new JwtStandIn();
    await jwt.start();
    const settings = jwt.botSettings();
    // Channel keys on a closed loopback port; no Emulator metadata at all (a partial parameterized configuration).
    delete (settings as Partial<Record<string, string>>).ToBotFromEmulatorOpenIdMetadataUrl;
    bot = await startBot({
      HOST: '127.0.0.1',
      MicrosoftAppId: BOT_APP_ID,
      MicrosoftAppPassword: 'test-only-secret',
      SANDBOX: 'true',
      ...settings,
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openid-configuration',
      ...LOOPBACK_ONLY,
    });
  });

  after(async () => {
    await bot?.stop();
    await jwt?.stop();
  });

  it('a channel token while the signing keys cannot be fetched: 503, not 401 or 500', async () => {
    const res = await postActivity(bot.messagesUrl, personalMessage({ serviceUrl, text: 'help' }), {
      Authorization: `Bearer ${jwt.channelToken(BOT_APP_ID, serviceUrl)}`,
    });
    assert.equal(res.status, 503, JSON.stringify(res.body));
  });

  it('an Emulator-issuer token with no Emulator metadata configured: 401 (stock CloudAdapter: 500)', async () => {
    const key = jwt.emulatorKeys[0];
    const claims = { ...jwt.channelClaims(BOT_APP_ID, serviceUrl), iss: EMULATOR_ISSUER, ver: '1.0', appid: BOT_APP_ID };
    const res = await postActivity(bot.messagesUrl, personalMessage({ serviceUrl, text: 'help' }), {
      Authorization: `Bearer ${signJwt(claims, { key: key.privateKey, defaultKid: key.kid })}`,
    });
    assert.equal(res.status, 401, JSON.stringify(res.body));
  });

  it('no token: 401', async () => {
    const res = await postActivity(bot.messagesUrl, personalMessage({ serviceUrl, text: 'help' }));
    assert.equal(res.status, 401);
  });
});
