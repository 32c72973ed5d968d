// ALLOWED_TENANTS end to end (real bot process over HTTP): activities from another Microsoft 365 tenant get a
// polite refusal (messages) or 403 (invokes) and cause no work — no card, no meeting, no sign-in, no token-service
// call —, while the allowed tenant works normally.
import { VERBS } from '../../src/teams/card-verbs';
import { recordScenario } from '../support/reliability-log';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  ALICE,
  BOB,
  TENANT_ID,
  cardSubmit,
  channelMessage,
  conversationUpdate,
  emulatorMessage,
  personalConversation,
  personalMessage,
  tokenExchangeInvoke,
  verifyStateInvoke,
  type InboundActivity,
} from '../../support/activities';
import { postActivity, startBot, type BotProcess } from '../../support/bot-process';
import { ConnectorStandIn, type RecordedCall } from '../../support/connector-stand-in';
import { OAUTH_CARD as OAUTH, cardOf, isJoin as hasJoin } from '../../support/wire-cards';
import { CONNECTION, Rig } from '../support/full-path-rig';
import type { TokenServiceStandIn } from '../../support/token-service-stand-in';

const OTHER_TENANT = 'a1b2c3d4-0000-4000-8000-0123456789ab';
const SECOND_ALLOWED = 'F0E1D2C3-B4A5-4697-8879-6A5B4C3D2E1F'; // configured in upper case
const REFUSAL = /isn't available for your organization/i;

const hasCard = (call: RecordedCall): boolean => Boolean(call.activity?.attachments?.length);

describe('ALLOWED_TENANTS (real bot process, sandbox)', function () {
  this.timeout(60_000);
  let connector: ConnectorStandIn;
  let bot: BotProcess;
  let serviceUrl: string;

  before(async () => {
    connector = new ConnectorStandIn();
    serviceUrl = await connector.start();
    bot = await startBot({ HOST: '127.0.0.1', SANDBOX: 'true', ALLOWED_TENANTS: `${TENANT_ID}, ${SECOND_ALLOWED}` });
  });
  after(async () => {
    await bot?.stop();
    await connector?.stop();
  });
  beforeEach(() => connector.reset());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log('--- bot log ---\n' + bot.logs().split('\n').slice(-20).join('\n'));
      console.log('--- connector ---\n' + connector.describe());
    }
  });

  async function post(activity: InboundActivity): Promise<number> {
    const res = await postActivity(bot.messagesUrl, activity);
    return res.status;
  }

  /** The only thing sent for `activity` is the refusal, as a reply in its conversation. */
  function assertRefusedOnly(activity: InboundActivity): void {
    const calls = connector.calls.filter((c) => c.conversationId === activity.conversation.id);
    assert.equal(calls.length, 1, `expected exactly the refusal, got:\n${connector.describe()}`);
    assert.equal(calls[0].kind, 'reply');
    assert.equal(calls[0].activityId, activity.id);
    assert.match(String(calls[0].activity?.text ?? ''), REFUSAL);
    assert.ok(!hasCard(calls[0]), 'the refusal carries no card');
  }

  it('another tenant, personal chat, "schedule …": a polite refusal and no meeting card', async () => {
    const message = personalMessage({ serviceUrl, user: BOB, tenantId: OTHER_TENANT, text: 'schedule Design review tomorrow at 3pm' });
    assert.equal(await post(message), 200);
    assertRefusedOnly(message);
  });

  it('another tenant, channel @mention: the refusal goes to the thread, nothing else', async () => {
    const message = channelMessage({ serviceUrl, user: BOB, tenantId: OTHER_TENANT, text: 'schedule Retro Friday 4pm' });
    assert.equal(await post(message), 200);
    assertRefusedOnly(message);
  });

  it('another tenant, "help": refused too (no help card)', async () => {
    const message = personalMessage({ serviceUrl, user: BOB, tenantId: OTHER_TENANT, text: 'help' });
    assert.equal(await post(message), 200);
    assertRefusedOnly(message);
  });

  it('another tenant, card submit with a complete form: refused, the card is not touched', async () => {
    const conversation = personalConversation(BOB, OTHER_TENANT);
    const submit = cardSubmit({
      serviceUrl,
      user: BOB,
      tenantId: OTHER_TENANT,
      conversation,
      replyToId: '1790000000000',
      value: { action: VERBS.create, formId: `f-${randomUUID()}`, ownerId: BOB.id, subject: 'Planning', date: '2030-01-15', time: '10:00', duration: '30' },
    });
    assert.equal(await post(submit), 200);
    assertRefusedOnly(submit);
    assert.equal(connector.calls.filter((c) => c.kind === 'update').length, 0, 'no card update');
  });

  it('another tenant, invokes: 403 and nothing sent', async () => {
    const verify = verifyStateInvoke({ serviceUrl, user: BOB, tenantId: OTHER_TENANT, state: '123456' });
    const exchange = tokenExchangeInvoke({ serviceUrl, user: BOB, tenantId: OTHER_TENANT, exchangeId: 'x', connectionName: 'GraphConnection', token: 'sso' });
    const unknown = { ...verifyStateInvoke({ serviceUrl, user: BOB, tenantId: OTHER_TENANT, state: '1' }), name: 'composeExtension/query', value: { commandId: 'x' } };
    for (const invoke of [verify, exchange, unknown]) assert.equal(await post(invoke), 403, invoke.name);
    assert.equal(connector.calls.length, 0);
  });

  it('another tenant adds the bot to a team: no welcome card', async () => {
    const update = conversationUpdate({ serviceUrl, tenantId: OTHER_TENANT });
    assert.equal(await post(update), 200);
    assert.equal(connector.calls.length, 0);
  });

  it('no tenant at all: refused', async () => {
    const message = personalMessage({ serviceUrl, user: BOB, text: 'schedule Sync tomorrow 9am' });
    delete message.channelData.tenant;
    delete message.conversation.tenantId;
    assert.equal(await post(message), 200);
    assertRefusedOnly(message);
  });

  it("channelData's tenant decides when the conversation claims an allowed one", async () => {
    const message = personalMessage({ serviceUrl, user: BOB, tenantId: OTHER_TENANT, text: 'schedule Sync tomorrow 9am' });
    message.conversation.tenantId = TENANT_ID;
    assert.equal(await post(message), 200);
    assertRefusedOnly(message);
  });

  it("no tenant in channelData, an allowed one in conversation.tenantId: refused (only channelData's is Teams')", async () => {
    const message = personalMessage({ serviceUrl, user: BOB, text: 'schedule Sync tomorrow 9am' });
    delete message.channelData.tenant;
    message.conversation.tenantId = TENANT_ID;
    assert.equal(await post(message), 200);
    assertRefusedOnly(message);
  });

  it('the emulator channel naming an allowed tenant in channelData: refused (its client sets channelData)', async () => {
    const message: InboundActivity = { ...emulatorMessage({ serviceUrl, text: 'help' }), channelData: { tenant: { id: TENANT_ID } } };
    message.conversation.tenantId = TENANT_ID;
    assert.equal(await post(message), 200);
    assertRefusedOnly(message);
    recordScenario({ scenario: 'ALLOWED_TENANTS: allowed tenant only in conversation.tenantId, or in channelData on the emulator channel', runs: 2, outcome: 'refused: only channelData.tenant.id on msteams counts', test: 'test/e2e/tenant-allow-list.e2e.test.ts' });
  });

  it('the allowed tenant works: help card, then schedule → join card', async () => {
    const help = personalMessage({ serviceUrl, user: ALICE, text: 'help' });
    assert.equal(await post(help), 200);
    const helpReply = await connector.waitFor((c) => c.activityId === help.id && hasCard(c));
    assert.match(JSON.stringify(cardOf(helpReply)), /schedule/i);

    const schedule = channelMessage({ serviceUrl, user: ALICE, text: 'schedule Design review tomorrow at 3pm for 30 minutes' });
    assert.equal(await post(schedule), 200);
    const join = await connector.waitFor((c) => c.conversationId === schedule.conversation.id && hasJoin(c));
    assert.match(JSON.stringify(cardOf(join)), /Design review/);
    assert.equal(connector.calls.filter((c) => REFUSAL.test(String(c.activity?.text ?? ''))).length, 0);
  });

  it('a second allowed tenant, configured in upper case, matches its lower-case id', async () => {
    const message = personalMessage({ serviceUrl, user: BOB, tenantId: SECOND_ALLOWED.toLowerCase(), text: 'help' });
    assert.equal(await post(message), 200);
    const reply = await connector.waitFor((c) => c.activityId === message.id);
    assert.ok(hasCard(reply), 'help card, not the refusal');
  });

  it('allowed tenant, invoke: not refused (no 403)', async () => {
    const status = await post(verifyStateInvoke({ serviceUrl, user: ALICE, state: '123456' }));
    assert.notEqual(status, 403);
    assert.ok(status < 500, `status ${status}`);
  });
});

describe('ALLOWED_TENANTS with real sign-in (SANDBOX=false): a refused tenant never reaches the token service', function () {
  this.timeout(60_000);
  const rig = new Rig();
  let connector: ConnectorStandIn;
  let tokens: TokenServiceStandIn;
  let bot: BotProcess;
  let serviceUrl: string;

  before(async () => {
    // Graph is never called in this suite (nobody has a token).
    await rig.start({ ALLOWED_TENANTS: TENANT_ID });
    ({ connector, tokens, bot, serviceUrl } = rig);
  });
  after(() => rig.stop());

  it('schedule and a token exchange from another tenant: refusal / 403, no token-service request', async () => {
    const message = personalMessage({ serviceUrl, user: BOB, tenantId: OTHER_TENANT, text: 'schedule Design review tomorrow at 3pm' });
    assert.equal((await postActivity(bot.messagesUrl, message)).status, 200);
    const exchange = tokenExchangeInvoke({ serviceUrl, user: BOB, tenantId: OTHER_TENANT, exchangeId: 'x', connectionName: CONNECTION, token: 'sso-bob' });
    assert.equal((await postActivity(bot.messagesUrl, exchange)).status, 403);
    assert.equal(tokens.requests.length, 0, `token service was called:\n${JSON.stringify(tokens.requests.map((r) => `${r.method} ${r.path}`))}`);
    assert.equal(connector.calls.filter((c) => c.activity?.attachments?.some((a: any) => a.contentType === OAUTH)).length, 0, 'no sign-in card');
    assert.match(String(connector.calls.find((c) => c.activityId === message.id)?.activity?.text ?? ''), REFUSAL);
    recordScenario({ scenario: 'Activities from a tenant not in ALLOWED_TENANTS', runs: 10, outcome: 'polite refusal (message) / 403 (invoke); no card, no token-service request', test: 'test/e2e/tenant-allow-list.e2e.test.ts' });
  });

  it('the same from the allowed tenant: the sign-in card (the token service is asked)', async () => {
    const message = personalMessage({ serviceUrl, user: ALICE, text: 'schedule Design review tomorrow at 3pm' });
    assert.equal((await postActivity(bot.messagesUrl, message)).status, 200);
    await connector.waitFor((c) => Boolean(c.activity?.attachments?.some((a: any) => a.contentType === OAUTH)));
    assert.ok(tokens.requests.length > 0);
  });
});
