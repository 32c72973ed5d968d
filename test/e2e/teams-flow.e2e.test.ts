// Out of process, over HTTP: the real bot (`node dist/src/index.js`, SANDBOX=false) against loopback stand-ins
// for the Bot Connector (replies), the Bot Framework token service (OAuthUrl) and Microsoft Graph (https).
import { VERBS } from '../../src/teams/card-verbs';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import {
  ALICE,
  BOB,
  CHANNEL_ID,
  cardActionInvoke,
  cardPress,
  channelMessage,
  groupChatMessage,
  personalMessage,
  tokenExchangeInvoke,
  type InboundActivity,
} from '../../support/activities';
import { postActivity, type BotProcess } from '../../support/bot-process';
import type { ConnectorStandIn, RecordedCall } from '../../support/connector-stand-in';
import { OAUTH_CARD as OAUTH, cardOf, isJoin as hasJoin, isOAuth as hasOAuthCard, joinUrlOf } from '../../support/wire-cards';
import { CONNECTION, Rig, TOKEN_SERVICE_DECIDES, TOKENS } from '../support/full-path-rig';
import type { GraphStandIn } from '../../support/graph-stand-in';
import type { TokenServiceStandIn } from '../../support/token-service-stand-in';

function textOf(card: unknown): string {
  return JSON.stringify(card);
}
const hasAdaptiveCard = (c: RecordedCall) => Boolean(cardOf(c));

describe('end to end over HTTP (real bot process, SANDBOX=false, loopback stand-ins)', function () {
  this.timeout(60_000);
  const rig = new Rig();
  let graph: GraphStandIn;
  let tokens: TokenServiceStandIn;
  let connector: ConnectorStandIn;
  let bot: BotProcess;
  let serviceUrl: string;

  before(async () => {
    await rig.start({ LOG_LEVEL: 'debug', ...TOKEN_SERVICE_DECIDES });
    ({ graph, tokens, connector, bot, serviceUrl } = rig);
  });

  after(() => rig.stop());

  beforeEach(() => connector.reset());

  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log('--- bot log ---\n' + bot.logs().split('\n').slice(-40).join('\n'));
      console.log('--- connector ---\n' + connector.describe());
    }
  });

  async function post(activity: InboundActivity): Promise<{ status: number; body: unknown }> {
    const res = await postActivity(bot.messagesUrl, activity);
    assert.ok(res.status < 500, `bot answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }

  /** Posts a channel command that needs sign-in; returns the compact card and a way to press its buttons. */
  async function compactCardFor(text: string) {
    tokens.forget(ALICE.id);
    const message = channelMessage({ serviceUrl, text, user: ALICE, tz: 'America/New_York' });
    assert.equal((await post(message)).status, 200);
    const call = await connector.waitFor((c) => c.conversationId === message.conversation.id && hasAdaptiveCard(c));
    const card = cardOf(call);
    const press = (verb: string, extra: { authentication?: { token: string }; state?: string } = {}) =>
      cardActionInvoke({ serviceUrl, user: ALICE, conversation: message.conversation, replyToId: call.responseId!, verb, data: card.actions.find((a: any) => a.verb === verb).data, ...extra });
    return { message, call, card, press };
  }

  function assertChannelMeeting(request: ReturnType<GraphStandIn['meetingRequests']>[number]): void {
    assert.equal(request.path, '/beta/me/onlineMeetings/createOrGet');
    assert.equal(request.authorization, 'Bearer graph-token-alice', "the meeting is created with Alice's own token");
    assert.equal(request.body?.chatInfo?.threadId, CHANNEL_ID, 'bound to the channel, without ;messageid');
    assert.ok(request.body?.externalId);
    const expectedStart = DateTime.now().setZone('America/New_York').plus({ days: 1 }).set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
    assert.equal(new Date(request.body?.startDateTime).toISOString(), expectedStart.toUTC().toISO());
    assert.equal(new Date(request.body?.endDateTime).toISOString(), expectedStart.plus({ minutes: 45 }).toUTC().toISO());
  }

  it('channel, not signed in: compact card → Create → 401 loginRequest → Teams SSO (authentication.token) → channel meeting, the card becomes the join card; nobody sees a sign-in card', async () => {
    const { message, call, card, press } = await compactCardFor('schedule Design review tomorrow at 3pm for 45 minutes');
    assert.deepEqual(card.actions.map((a: any) => a.title), ['Create meeting', 'Change details', 'Cancel']);
    assert.match(textOf(card), /Design review/);
    assert.equal(connector.calls.filter((c) => c.conversationId === message.conversation.id && hasOAuthCard(c)).length, 0, 'no sign-in card in the channel');

    // Pressing Create without a token: the bot asks Teams to sign the user in, with SSO and the sign-in link.
    const login = await post(press(VERBS.create));
    assert.equal(login.status, 401);
    const loginRequest = login.body as any;
    assert.equal(loginRequest.type, 'application/vnd.microsoft.activity.loginRequest');
    assert.equal(loginRequest.value.connectionName, CONNECTION);
    assert.ok(loginRequest.value.tokenExchangeResource?.id, 'the exchange resource lets Teams do SSO');
    assert.match(loginRequest.value.buttons[0].value, /^https?:\/\//, 'the sign-in link is the fallback');
    assert.equal(graph.meetingRequests().length, 0);

    // Teams did SSO silently and re-sends the press with the SSO token; the bot exchanges it.
    tokens.allowExchange('channel-sso-alice', ALICE.id, 'graph-token-alice');
    const created = await post(press(VERBS.create, { authentication: { token: 'channel-sso-alice' } }));
    assert.equal(created.status, 200);
    assert.deepEqual((created.body as any).value.actions.map((a: any) => a.title), ['Join', 'Change', 'Cancel meeting']);
    const requests = graph.meetingRequests();
    assert.equal(requests.length, 1);
    assertChannelMeeting(requests[0]);

    const joinCall = await connector.waitFor((c) => c.kind === 'update' && c.activityId === call.responseId && hasJoin(c));
    const meeting = graph.meetingFor(ALICE.aadObjectId, requests[0].body!.externalId)!.meeting;
    assert.equal(joinUrlOf(joinCall), meeting.joinWebUrl, "the Join button opens Graph's joinWebUrl exactly");
    assert.match(textOf(cardOf(joinCall)), /Design review/);
    assert.equal(connector.calls.filter((c) => c.conversationId === message.conversation.id && hasOAuthCard(c)).length, 0, 'still no sign-in card');
  });

  it('channel: the SSO exchange fails (consent needed) → a second loginRequest with the sign-in link only → magic code in value.state → created', async () => {
    const { call, press } = await compactCardFor('schedule Design review tomorrow at 3pm for 45 minutes');
    const before = graph.meetingRequests().length;
    assert.equal((await post(press(VERBS.create))).status, 401);

    const refused = await post(press(VERBS.create, { authentication: { token: 'not-exchangeable' } }));
    assert.equal(refused.status, 401);
    assert.equal((refused.body as any).value.tokenExchangeResource, undefined, 'no SSO this time: Teams shows the sign-in link');
    assert.match((refused.body as any).value.buttons[0].value, /^https?:\/\//);
    assert.equal(graph.meetingRequests().length, before);

    const wrong = await post(press(VERBS.create, { state: '000000' }));
    assert.equal(wrong.status, 412, 'a wrong code is refused');
    tokens.issueMagicCode(ALICE.id, '482913', 'graph-token-alice');
    const created = await post(press(VERBS.create, { state: '482913' }));
    assert.equal(created.status, 200);
    assertChannelMeeting(graph.meetingRequests().at(-1)!);
    await connector.waitFor((c) => c.kind === 'update' && c.activityId === call.responseId && hasJoin(c));
  });

  it('the organizer changes, then cancels the meeting from its card (Graph PATCH and DELETE with her token); Bob\'s forged presses are refused; meetings lists it until cancelled', async () => {
    tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = channelMessage({ serviceUrl, text: 'schedule "Lifecycle check" tomorrow at 3pm for 45 minutes', user: ALICE, tz: 'America/New_York' });
    await post(message);
    const posted = await connector.waitFor((c) => c.conversationId === message.conversation.id && hasJoin(c));
    const shared = cardOf(posted);
    const recordId = shared.refresh.action.data.recordId;
    const created = graph.meetingRequests().at(-1)!;
    const meetingId = [...graph.meetings.entries()].find(([, m]) => m.meeting.subject === 'Lifecycle check')![0];
    const invokeAs = (user: typeof ALICE, verb: string, data: Record<string, unknown>, tz = 'America/New_York') =>
      post(cardActionInvoke({ serviceUrl, user, tz, conversation: message.conversation, replyToId: posted.responseId!, verb, data }));

    const refresh = await invokeAs(ALICE, VERBS.refresh, { recordId });
    assert.deepEqual((refresh.body as any).value.actions.map((a: any) => a.title), ['Join', 'Change', 'Cancel meeting']);

    const graphCalls = graph.meetingRequests().length;
    for (const verb of [VERBS.change, VERBS.saveChange, VERBS.cancelMeeting, VERBS.confirmCancel]) {
      const refused = await invokeAs(BOB, verb, { recordId, subject: 'Hijack', date: '2030-01-01', time: '10:00', duration: '30' });
      assert.equal(refused.status, 200);
      assert.match(String((refused.body as any).value), /Only Alice Example can change or cancel/);
    }
    assert.equal(graph.meetingRequests().length, graphCalls, 'nothing reached Graph');

    const listed = async () => {
      const list = channelMessage({ serviceUrl, text: 'meetings', user: BOB, tz: 'Europe/Berlin', rootMessageId: '1796000000001' });
      await post(list);
      return textOf(cardOf(await connector.waitFor((c) => c.conversationId === list.conversation.id && c.activityId === list.id)));
    };
    assert.match(await listed(), /Lifecycle check/, 'listed across the channel\'s threads, in the reader\'s zone');

    const tomorrow = DateTime.now().setZone('America/New_York').plus({ days: 1 }).toISODate()!;
    const saved = await invokeAs(ALICE, VERBS.saveChange, { recordId, version: 1, timeZone: 'America/New_York', subject: 'Lifecycle check', date: tomorrow, time: '16:30', duration: '45' });
    assert.equal(saved.status, 200);
    const patch = graph.meetingRequests().at(-1)!;
    assert.equal(patch.method, 'PATCH');
    assert.equal(decodeURIComponent(patch.path), `/beta/me/onlineMeetings/${meetingId}`);
    assert.equal(patch.authorization, 'Bearer graph-token-alice');
    assert.deepEqual(Object.keys(patch.body ?? {}).sort(), ['endDateTime', 'startDateTime', 'subject']);
    const moved = await connector.waitFor((c) => c.kind === 'update' && c.activityId === posted.responseId);
    assert.match(textOf(cardOf(moved)), /4:30 PM – 5:15 PM/);
    assert.match(textOf(cardOf(moved)), /Moved from .*3:00 PM .* by Alice Example/);
    assert.notEqual(created.body?.startDateTime, patch.body?.startDateTime);

    const cancelled = await invokeAs(ALICE, VERBS.confirmCancel, { recordId });
    assert.equal(cancelled.status, 200);
    const del = graph.meetingRequests().at(-1)!;
    assert.equal(del.method, 'DELETE');
    assert.equal(decodeURIComponent(del.path), `/beta/me/onlineMeetings/${meetingId}`);
    assert.equal(graph.meetings.has(meetingId), false);
    const gone = await connector.waitFor((c) => c.kind === 'update' && c.activityId === posted.responseId && /Cancelled by Alice Example/.test(textOf(cardOf(c))));
    assert.equal(joinUrlOf(gone), undefined, 'no Join on a cancelled meeting');
    assert.doesNotMatch(await listed(), /Lifecycle check/);
  });

  it('personal chat: silent SSO through signin/tokenExchange, no chatInfo', async () => {
    const message = personalMessage({ serviceUrl, text: 'schedule 1:1 with Bob tomorrow at 10am', user: BOB, tz: 'Europe/Berlin' });
    await post(message);
    const prompt = await connector.waitFor(hasOAuthCard);
    const oauthCard = prompt.activity!.attachments.find((a: any) => a.contentType === OAUTH).content;

    tokens.allowExchange('sso-bob', BOB.id, 'graph-token-bob');
    const exchange = await post(
      tokenExchangeInvoke({ serviceUrl, user: BOB, conversation: message.conversation, exchangeId: oauthCard.tokenExchangeResource?.id ?? 'x', connectionName: CONNECTION, token: 'sso-bob' }),
    );
    assert.equal(exchange.status, 200);
    const joinCall = await connector.waitFor(hasJoin);
    const request = graph.meetingRequests().at(-1)!;
    assert.equal(request.authorization, 'Bearer graph-token-bob');
    assert.equal(request.body?.chatInfo, undefined, 'no chatInfo outside a channel');
    const expectedStart = DateTime.now().setZone('Europe/Berlin').plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    assert.equal(new Date(request.body?.startDateTime).toISOString(), expectedStart.toUTC().toISO());
    assert.ok(joinUrlOf(joinCall)?.startsWith('https://teams.microsoft.com/l/meetup-join/'));
  });

  it('a token the token service already holds is used without any prompt', async () => {
    tokens.setToken(ALICE.id, 'graph-token-alice');
    const signInResourcesBefore = tokens.requestsTo('/api/botsignin/GetSignInResource').length;
    await post(channelMessage({ serviceUrl, text: 'schedule Retro tomorrow 4pm', user: ALICE }));
    await connector.waitFor(hasJoin);
    assert.equal(connector.calls.filter(hasOAuthCard).length, 0, 'no sign-in card');
    assert.equal(tokens.requestsTo('/api/botsignin/GetSignInResource').length, signInResourcesBefore);
  });

  it('a reply inside an existing channel thread: meeting bound to the channel, card in that thread', async () => {
    tokens.setToken(ALICE.id, 'graph-token-alice');
    const reply = channelMessage({ serviceUrl, text: 'schedule Follow-up tomorrow 10am for 30 min', user: ALICE, rootMessageId: '1795700000000' });
    assert.equal(reply.conversation.id, `${CHANNEL_ID};messageid=1795700000000`);
    await post(reply);
    const joinCall = await connector.waitFor((c) => hasJoin(c) && c.conversationId === reply.conversation.id);
    const request = graph.meetingRequests().at(-1)!;
    assert.equal(request.body?.chatInfo?.threadId, CHANNEL_ID);
    assert.match(textOf(cardOf(joinCall)), /Follow-up/);
  });

  it('group chat (@mention): meeting without chatInfo, card in the chat', async () => {
    tokens.setToken(BOB.id, 'graph-token-bob');
    const message = groupChatMessage({ serviceUrl, text: 'schedule Lunch plans tomorrow at noon', user: BOB });
    await post(message);
    const joinCall = await connector.waitFor((c) => hasJoin(c) && c.conversationId === message.conversation.id);
    const request = graph.meetingRequests().at(-1)!;
    assert.equal(request.authorization, 'Bearer graph-token-bob');
    assert.equal(request.body?.chatInfo, undefined);
    assert.match(textOf(cardOf(joinCall)), /Lunch plans/);
  });

  it('form path (Universal Actions): missing details → form → invalid Create answers with the errors in place → valid Create → join card for everyone, the organizer\'s view for the presser', async () => {
    tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = channelMessage({ serviceUrl, text: 'schedule', user: ALICE });
    await post(message);
    const formCall = await connector.waitFor(hasAdaptiveCard);
    const form = cardOf(formCall);
    const create = form.actions.find((a: any) => a.verb === VERBS.create);
    assert.equal(create?.type, 'Action.Execute', 'the form has a Create meeting button (Universal Actions)');
    const formId = formCall.responseId!;

    const tomorrow = DateTime.now().setZone('America/New_York').plus({ days: 1 }).toISODate()!;
    const press = (inputs: Record<string, string>) =>
      cardPress({ serviceUrl, user: ALICE, conversation: message.conversation, replyToId: formId, card: form, verb: VERBS.create, inputs });
    const invalidAnswer = await post(press({ subject: '', date: tomorrow, time: '09:30', duration: '30' }));
    assert.equal(invalidAnswer.status, 200);
    const answered = (invalidAnswer.body as any).value;
    assert.match(textOf(answered), /[Ss]ubject/, 'the errors come back in the invoke response');
    assert.match(textOf(answered), /09:30/, 'what the user entered is kept');
    const invalid = await connector.waitFor((c) => c.kind === 'update' && c.activityId === formId);
    assert.match(textOf(cardOf(invalid)), /[Ss]ubject/);
    assert.equal(graph.meetingRequests().filter((r) => r.authorization === 'Bearer graph-token-alice' && r.body?.subject === 'Quarterly planning').length, 0);

    const createdAnswer = await post(press({ subject: 'Quarterly planning', date: tomorrow, time: '09:30', duration: '60' }));
    const organizerView = (createdAnswer.body as any).value;
    assert.deepEqual(organizerView.actions.map((a: any) => a.title), ['Join', 'Change', 'Cancel meeting'], 'the organizer sees their buttons at once');
    const joined = await connector.waitFor((c) => c.kind === 'update' && c.activityId === formId && hasJoin(c));
    assert.deepEqual(cardOf(joined).actions.map((a: any) => a.title), ['Join'], 'everyone else sees Join only');
    assert.deepEqual(cardOf(joined).refresh.userIds, [ALICE.id], 'the organizer\'s client asks for their own view');
    const request = graph.meetingRequests().at(-1)!;
    assert.equal(request.body?.subject, 'Quarterly planning');
    assert.equal(joinUrlOf(joined), graph.meetingFor(ALICE.aadObjectId, request.body!.externalId)!.meeting.joinWebUrl);
  });

  it('Graph 403: says what the admin must grant, keeps the details, no Join button', async () => {
    tokens.setToken(ALICE.id, 'graph-token-alice');
    graph.failNext({ status: 403, code: 'Forbidden' });
    await post(channelMessage({ serviceUrl, text: 'schedule Licence check tomorrow 11am', user: ALICE }));
    const reply = await connector.waitFor(hasAdaptiveCard);
    const text = textOf(cardOf(reply));
    assert.match(text, /OnlineMeetings\.ReadWrite/);
    assert.match(text, /Licence check/, 'the subject is kept in the form');
    assert.equal(joinUrlOf(reply), undefined);
  });

  it('Graph 429 with Retry-After: retried after it, one meeting, one join card', async () => {
    tokens.setToken(ALICE.id, 'graph-token-alice');
    const before = graph.meetingRequests().length;
    graph.failNext({ status: 429, retryAfter: 1 });
    await post(channelMessage({ serviceUrl, text: 'schedule Throttled sync tomorrow 2pm', user: ALICE }));
    const joinCall = await connector.waitFor(hasJoin);
    const attempts = graph.meetingRequests().slice(before);
    assert.equal(attempts.length, 2, 'the throttled request was retried once');
    assert.ok(attempts[1].at - attempts[0].at >= 900, 'Retry-After was honoured');
    assert.equal(attempts[0].body?.externalId, attempts[1].body?.externalId);
    // One call, as Graph's support would trace it: the same client-request-id, the retry numbered.
    assert.match(String(attempts[0].headers['client-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal(attempts[1].headers['client-request-id'], attempts[0].headers['client-request-id']);
    assert.equal(attempts[0].headers['retry-attempt'], undefined);
    assert.equal(attempts[1].headers['retry-attempt'], '1');
    assert.ok(joinUrlOf(joinCall));
    assert.equal(connector.calls.filter(hasJoin).length, 1);
  });

  it('Graph keeps failing with 503: "Teams is busy", details kept', async () => {
    tokens.setToken(ALICE.id, 'graph-token-alice');
    graph.failNext({ status: 503, times: 10, retryAfter: 1 });
    await post(channelMessage({ serviceUrl, text: 'schedule Busy day tomorrow 1pm', user: ALICE }));
    const reply = await connector.waitFor(hasAdaptiveCard);
    assert.match(textOf(cardOf(reply)), /busy/i);
    assert.match(textOf(cardOf(reply)), /Busy day/);
    assert.equal(joinUrlOf(reply), undefined);
    graph.clearFaults();
  });

  it('never logs a token', () => {
    const logs = bot.logs();
    for (const token of [...Object.keys(TOKENS), 'channel-sso-token', 'sso-bob']) assert.ok(!logs.includes(token), `log contains ${token}`);
  });
});
