// "Schedule a meeting" from a message, over HTTP with the invokes Teams sends: the real bot process (SANDBOX=false)
// against the loopback token service, Graph and Bot Connector.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import {
  ALICE,
  BOB,
  CHANNEL_ID,
  messageActionFetchTask,
  messageActionSubmit,
  messageExtensionConversation,
  messagePayload,
  type InboundActivity,
} from '../../support/activities';
import { cardOf, isJoin } from '../../support/wire-cards';
import { Rig, TOKEN_SERVICE_DECIDES } from '../support/full-path-rig';
import { MAX, memberRecord, PRIYA, SAM } from '../support/people';

describe('message extension: Schedule a meeting from a message (real bot process, loopback Teams, token service and Graph)', function () {
  this.timeout(60_000);
  const rig = new Rig();

  before(async () => {
    await rig.start(TOKEN_SERVICE_DECIDES);
    rig.connector.members = [memberRecord({ ...ALICE, upn: 'alice@contoso.com' }), memberRecord({ ...BOB, upn: 'bob@contoso.com' }), memberRecord(SAM), memberRecord(PRIYA)];
  });
  after(() => rig.stop());
  beforeEach(() => {
    rig.connector.reset();
    // A fault a test left unused (Graph's budget ran out before the last retry) would slow the next one.
    rig.graph.clearFaults();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log('--- bot log ---\n' + rig.bot.logs().split('\n').slice(-30).join('\n'));
      console.log('--- connector ---\n' + rig.connector.describe());
    }
  });

  const serviceUrl = () => rig.serviceUrl;
  const inputsOf = (card: any): Record<string, any> => Object.fromEntries(card.body.filter((e: any) => e.id).map((e: any) => [e.id, e]));
  const createActionOf = (card: any) => card.actions.find((a: any) => a.data?.action === 'meeting.create');
  /** The dialog's form from a fetchTask/submitAction answer. */
  function formOf(body: any): any {
    assert.equal(body?.task?.type, 'continue', `a dialog, not ${JSON.stringify(body)}`);
    assert.equal(body.task.value.card.contentType, 'application/vnd.microsoft.card.adaptive');
    return body.task.value.card.content;
  }
  /** The dialog's short card in place of the form (scheduled, being scheduled, refused): its text. */
  function noticeOf(body: any): string {
    assert.equal(body?.task?.type, 'continue', `a dialog, not ${JSON.stringify(body)}`);
    const card = body.task.value.card.content;
    assert.equal(card.version, '1.5');
    assert.equal(card.actions, undefined, 'nothing to press: the dialog closes with its own X');
    assert.equal(card.body.some((e: any) => e.id), false, 'not a form');
    return card.body.flatMap((e: any) => (e.inlines ?? []).map((r: any) => r.text)).join(' ');
  }
  /** What Teams sends when the dialog's Create is pressed: the button's data merged with the inputs' values. */
  function submitOf(fetch: InboundActivity, card: any, inputs: Record<string, string> = {}): InboundActivity {
    const values = Object.fromEntries(Object.entries(inputsOf(card)).map(([id, e]) => [id, e.value ?? '']));
    // Teams sends the client's language on every invoke.
    return messageActionSubmit({ serviceUrl: serviceUrl(), user: fetch.from as any, locale: fetch.locale, conversation: fetch.conversation, message: fetch.value.messagePayload, data: { ...createActionOf(card).data, ...values, ...inputs } });
  }

  const tomorrow = () => DateTime.now().setZone('America/New_York').plus({ days: 1 });

  it('channel: not signed in → auth answer with the sign-in link; Teams calls again with the magic code → the form prefilled from the message (subject, tomorrow 3pm, Bob and Sam); Create → one meeting in the channel, the join card in the message\'s reply chain, the dialog says so; a second Create → still one', async () => {
    rig.tokens.forget(ALICE.id);
    const message = messagePayload({ author: BOB, html: 'Can we go over the <b>launch plan</b> tomorrow at 3pm with @Sam Jones?', mentions: [SAM] });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('channel'), message });
    const auth = await rig.post(fetch);
    assert.equal(auth.status, 200);
    const answer = (auth.body as any).composeExtension;
    assert.equal(answer.type, 'auth');
    assert.equal(answer.suggestedActions.actions[0].type, 'openUrl');
    assert.match(answer.suggestedActions.actions[0].value, /^https?:\/\//);
    assert.equal(rig.graph.meetingRequests().length, 0);

    rig.tokens.issueMagicCode(ALICE.id, '739104', 'graph-token-alice');
    const again = { ...fetch, id: `${fetch.id}-2`, value: { ...fetch.value, state: '739104' } };
    const opened = await rig.post(again);
    assert.equal(opened.status, 200);
    const card = formOf(opened.body);
    assert.equal((opened.body as any).task.value.title, 'Schedule a meeting');
    assert.equal(card.version, '1.5');
    const inputs = inputsOf(card);
    assert.match(inputs.subject.value, /launch plan/);
    assert.doesNotMatch(inputs.subject.value, /<b>|Sam Jones|3pm|tomorrow/);
    assert.equal(inputs.date.value, tomorrow().toISODate());
    assert.equal(inputs.time.value, '15:00');
    assert.deepEqual(inputs.attendees.choices.map((c: any) => c.title), [BOB.name, SAM.name], 'the author and the mentioned person, looked up in the conversation');
    assert.equal(inputs.attendees.value, '0,1');
    const create = createActionOf(card);
    assert.equal(create.type, 'Action.Submit', 'dialogs take Action.Submit');
    assert.equal(card.actions.length, 1, 'no Cancel: the dialog has its own close');
    assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28 * 1024);

    const submit = submitOf(again, card);
    const done = await rig.post(submit);
    assert.equal(done.status, 200);
    const said = noticeOf(done.body);
    assert.match(said, /Meeting scheduled/);
    assert.match(said, /launch plan/, 'names the meeting');
    assert.ok(done.ms < 5_000, `answered in ${done.ms} ms`);
    const requests = rig.graph.meetingRequests();
    assert.equal(requests.length, 1);
    assert.equal(requests[0].authorization, 'Bearer graph-token-alice');
    assert.equal(requests[0].body?.chatInfo?.threadId, CHANNEL_ID);
    assert.deepEqual(requests[0].body?.participants.attendees.map((a: any) => a.identity.user.id).sort(), [BOB.aadObjectId, SAM.aadObjectId].sort());
    const thread = `${CHANNEL_ID};messageid=${message.id}`;
    const joined = await rig.connector.waitFor((c) => c.conversationId === thread && isJoin(c));
    assert.match(JSON.stringify(cardOf(joined)), /launch plan/);

    // Teams retries, or Alice presses Create twice: the same meeting, no second card.
    const twice = await rig.post({ ...submit, id: `${submit.id}-retry` });
    assert.equal(twice.status, 200);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(rig.meetingsOf(ALICE).filter((m) => m.meeting.subject === requests[0].body?.subject).length, 1, 'one meeting');
    assert.equal(rig.joinCardsIn(thread).size, 1, 'one join card in the thread');
  });

  // Teams documents SSO for message extensions (silentAuth, then the invoke again with authentication.token) for search
  // and link unfurling only: an action command asks with its sign-in link, and a token Teams sends anyway is exchanged.
  it('sign-in: the answer is `auth` with the sign-in link, never `silentAuth`; a Teams SSO token on the invoke is exchanged at the token service (→ the form, and later invokes need no sign-in); one it can\'t exchange → the sign-in link again', async () => {
    rig.tokens.forget(ALICE.id);
    const message = messagePayload({ author: BOB, html: 'Design crit tomorrow 1pm' });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('groupChat'), message });
    const first = (await rig.post(fetch)).body as any;
    assert.equal(first.composeExtension.type, 'auth');
    assert.equal(first.composeExtension.suggestedActions.actions[0].title, 'Sign in to schedule meetings');

    const exchangesBefore = rig.tokens.requestsTo('/api/usertoken/exchange').length;
    const refused = (await rig.post({ ...fetch, id: `${fetch.id}-sso-bad`, value: { ...fetch.value, authentication: { token: 'not-for-this-resource' } } })).body as any;
    assert.equal(refused.composeExtension.type, 'auth', 'the exchange failed: the sign-in link');
    assert.match(refused.composeExtension.suggestedActions.actions[0].value, /^https?:\/\//);
    assert.equal(rig.tokens.tokenOf(ALICE.id), undefined, 'nothing stored');

    rig.tokens.allowExchange('me-sso-alice', ALICE.id, 'graph-token-alice');
    const opened = await rig.post({ ...fetch, id: `${fetch.id}-sso`, value: { ...fetch.value, authentication: { token: 'me-sso-alice' } } });
    const card = formOf(opened.body);
    assert.match(inputsOf(card).subject.value, /Design crit/);
    assert.equal(rig.tokens.requestsTo('/api/usertoken/exchange').length, exchangesBefore + 2, 'both tokens went to the token service');
    assert.equal(rig.tokens.tokenOf(ALICE.id), 'graph-token-alice', 'the token service holds the exchanged token');

    // The submit carries no token: the one the exchange stored is used.
    assert.match(noticeOf((await rig.post(submitOf(fetch, card))).body), /Meeting scheduled/);
    assert.equal(rig.graph.meetingRequests().at(-1)!.authorization, 'Bearer graph-token-alice');
  });

  it('sign-in: a wrong magic code asks again with the sign-in link; nothing is created', async () => {
    rig.tokens.forget(ALICE.id);
    const message = messagePayload({ author: BOB, html: 'Ops sync tomorrow 9am' });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('channel'), message, state: '000000' });
    const before = rig.graph.meetingRequests().length;
    const answer = (await rig.post(fetch)).body as any;
    assert.equal(answer.composeExtension.type, 'auth');
    assert.equal(rig.graph.meetingRequests().length, before);
  });

  it('a reply in a channel thread: the join card goes to that thread (its root), not a new post', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = messagePayload({ author: ALICE, html: 'Retro on Friday 10am', replyToId: '1700000000001' });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('channel'), message });
    const card = formOf((await rig.post(fetch)).body);
    assert.equal(inputsOf(card).attendees, undefined, 'Alice wrote it herself: nobody else to invite');
    assert.equal((await rig.post(submitOf(fetch, card))).status, 200);
    await rig.connector.waitFor((c) => c.conversationId === `${CHANNEL_ID};messageid=1700000000001` && isJoin(c));
  });

  it('a numeric date in the message is read the way the reader\'s client and zone write dates (a US client in New York: month first)', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const year = DateTime.now().setZone('America/New_York').year + 1;
    const message = messagePayload({ author: BOB, html: `Vendor review 11/10/${year} at 9am` });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('channel'), message, locale: 'en-US', tz: 'America/New_York' });
    const card = formOf((await rig.post(fetch)).body);
    assert.equal(inputsOf(card).date.value, `${year}-11-10`);
    assert.doesNotMatch(JSON.stringify(card), /could be|either/i, 'no question about the order: the client says month first');
  });

  it('group chat: prefilled from the chat message; Create posts the join card in the chat', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = messagePayload({ author: BOB, html: 'Budget sync next Monday 9:30am for 30 minutes @Priya Patel', mentions: [PRIYA] });
    const conversation = messageExtensionConversation('groupChat');
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation, message });
    const card = formOf((await rig.post(fetch)).body);
    const inputs = inputsOf(card);
    assert.match(inputs.subject.value, /^Budget sync/);
    assert.equal(inputs.time.value, '09:30');
    assert.equal(inputs.duration.value, '30');
    assert.deepEqual(inputs.attendees.choices.map((c: any) => c.title), [BOB.name, PRIYA.name]);
    const before = rig.graph.meetingRequests().length;
    assert.match(noticeOf((await rig.post(submitOf(fetch, card))).body), /Meeting scheduled/);
    assert.equal(rig.graph.meetingRequests().length, before + 1);
    await rig.connector.waitFor((c) => c.conversationId === conversation.id && isJoin(c));
  });

  it('invalid input: the dialog again with the error under the field and everything typed kept; nothing created', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = messagePayload({ author: BOB, html: 'Architecture review tomorrow 4pm' });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('channel'), message });
    const card = formOf((await rig.post(fetch)).body);
    const before = rig.graph.meetingRequests().length;
    const yesterday = tomorrow().minus({ days: 2 }).toISODate()!;
    const again = await rig.post(submitOf(fetch, card, { subject: 'Architecture review (edited)', date: yesterday }));
    const form = formOf(again.body);
    const inputs = inputsOf(form);
    assert.equal(inputs.subject.value, 'Architecture review (edited)');
    assert.equal(inputs.date.value, yesterday);
    assert.equal(inputs.time.value, '16:00');
    assert.match(JSON.stringify(form.body), /"color":"Attention"/, 'the error is shown');
    assert.equal(rig.graph.meetingRequests().length, before);
  });

  it('forged: a form made in another conversation is refused; a person not in the conversation is dropped', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = messagePayload({ author: BOB, html: 'Security review tomorrow 11am' });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('channel'), message });
    const card = formOf((await rig.post(fetch)).body);
    const before = rig.graph.meetingRequests().length;

    // The same form submitted from the group chat (or by Bob): another conversation, another person.
    const elsewhere = submitOf(fetch, card);
    elsewhere.conversation = messageExtensionConversation('groupChat');
    elsewhere.channelData = { tenant: elsewhere.channelData.tenant, source: { name: 'message' } };
    const refused = await rig.post(elsewhere);
    assert.match(noticeOf(refused.body), /another conversation or another person/);
    const byBob = submitOf(fetch, card);
    byBob.from = { id: BOB.id, name: BOB.name, aadObjectId: BOB.aadObjectId };
    assert.match(noticeOf((await rig.post(byBob)).body), /another conversation or another person/);
    assert.equal(rig.graph.meetingRequests().length, before);

    // Max isn't a member here: carried on the form's button, he is looked up and dropped.
    const data = { ...createActionOf(card).data };
    data.people = { attendees: [{ id: BOB.id, name: BOB.name, objectId: BOB.aadObjectId }, { id: MAX.id, name: MAX.name, objectId: MAX.aadObjectId }], everyone: false };
    const forged = submitOf(fetch, { ...card, actions: [{ type: 'Action.Submit', data }] }, { attendees: '0,1' });
    assert.match(noticeOf((await rig.post(forged)).body), /Meeting scheduled/);
    const request = rig.graph.meetingRequests().at(-1)!;
    assert.deepEqual(request.body?.participants.attendees.map((a: any) => a.identity.user.id), [BOB.aadObjectId]);

    // More data than the form ever sends: refused before anything is read.
    const huge = submitOf(fetch, card, { subject: 'x'.repeat(40_000) });
    assert.match(noticeOf((await rig.post(huge)).body), /sent more than any of my cards can/);
  });

  it('Graph slower than Teams waits for a dialog submit: the dialog answers within 5 s that it is being scheduled and the join card follows in the thread; a retry meanwhile makes no second meeting', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = messagePayload({ author: BOB, html: 'Vendor call tomorrow 2pm' });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('channel'), message });
    const card = formOf((await rig.post(fetch)).body);
    const before = rig.graph.meetingRequests().length;
    rig.graph.failNext({ status: 503, retryAfter: 6 });
    const submit = submitOf(fetch, card);
    const done = await rig.post(submit);
    assert.match(noticeOf(done.body), /Scheduling the meeting[\s\S]*in a moment/);
    assert.ok(done.ms < 5_000, `answered after ${done.ms} ms`);
    const retry = await rig.post({ ...submit, id: `${submit.id}-retry` });
    assert.match(noticeOf(retry.body), /Scheduling the meeting/);
    const thread = `${CHANNEL_ID};messageid=${message.id}`;
    await rig.connector.waitFor((c) => c.conversationId === thread && isJoin(c), 20_000);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(rig.joinCardsIn(thread).size, 1);
    const created = rig.graph.meetingRequests().slice(before).filter((r) => r.status === 201 || r.status === 200);
    assert.equal(new Set(created.map((r) => r.body?.externalId)).size, 1, 'one meeting');
  });

  it('Graph fails after the dialog answered: the error is posted in the thread', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = messagePayload({ author: BOB, html: 'Board prep tomorrow 5pm' });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('channel'), message });
    const card = formOf((await rig.post(fetch)).body);
    rig.graph.failNext({ status: 503, retryAfter: 5, times: 3 });
    const done = await rig.post(submitOf(fetch, card));
    assert.match(noticeOf(done.body), /Scheduling the meeting/);
    const thread = `${CHANNEL_ID};messageid=${message.id}`;
    const said = await rig.connector.waitFor((c) => c.conversationId === thread && /couldn't create/.test(String(c.activity?.text)), 25_000);
    assert.match(String(said.activity?.text), /Board prep/);
    assert.equal(rig.joinCardsIn(thread).size, 0);
  });

  it('Graph refuses within the answer time: the dialog shows the form again with the reason, nothing is said in the thread; Create again → the meeting', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = messagePayload({ author: BOB, html: 'Quarterly review tomorrow 10am' });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('channel'), message });
    const card = formOf((await rig.post(fetch)).body);
    rig.graph.failNext({ status: 403, code: 'Forbidden' });
    const refused = formOf((await rig.post(submitOf(fetch, card))).body);
    assert.match(JSON.stringify(refused.body), /"color":"Attention"/, 'the reason is on the form');
    assert.equal(inputsOf(refused).subject.value, 'Quarterly review');
    const thread = `${CHANNEL_ID};messageid=${message.id}`;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(rig.callsIn(thread).length, 0, 'nothing posted in the thread: the dialog said it');
    assert.match(noticeOf((await rig.post(submitOf(fetch, refused))).body), /Meeting scheduled/, 'the failed attempt left nothing that blocks a retry');
    await rig.connector.waitFor((c) => c.conversationId === thread && isJoin(c));
  });

  it('in Chinese: the dialog, its form, its answer and the join card are in the user\'s language', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = messagePayload({ author: BOB, html: '明天下午3点 讨论预算' });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, locale: 'zh-CN', conversation: messageExtensionConversation('channel'), message });
    const body = (await rig.post(fetch)).body as any;
    assert.equal(body.task.value.title, '安排会议');
    const card = formOf(body);
    assert.equal(inputsOf(card).time.value, '15:00');
    assert.match(inputsOf(card).subject.value, /讨论预算/);
    assert.equal(createActionOf(card).title, '创建会议');

    const done = noticeOf((await rig.post(submitOf(fetch, card))).body);
    assert.match(done, /会议已安排/);
    assert.match(done, /讨论预算/);
    const joined = await rig.connector.waitFor((c) => c.conversationId === `${CHANNEL_ID};messageid=${message.id}` && isJoin(c));
    assert.match(JSON.stringify(cardOf(joined)), /讨论预算/);
    assert.match(JSON.stringify(cardOf(joined)), /会议已安排/, 'the join card in the organizer\'s language');
  });

  it('ambiguity: a time the parser is unsure of ("at 7") is asked on the form, under its field, not guessed', async () => {
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    const message = messagePayload({ author: BOB, html: 'Planning tomorrow at 7' });
    const fetch = messageActionFetchTask({ serviceUrl: serviceUrl(), user: ALICE, conversation: messageExtensionConversation('channel'), message });
    const card = formOf((await rig.post(fetch)).body);
    assert.match(JSON.stringify(card.body), /I read \\"at 7\\" as 7:00 PM — check the time\./, 'the question is under its field');
  });
});

describe('message extension in sandbox mode (no sign-in, simulated Graph)', function () {
  this.timeout(60_000);
  const rig = new Rig();
  before(() => rig.start({}, { sandbox: true }));
  after(() => rig.stop());

  it('opens the prefilled dialog without signing in, and Create posts a (simulated) join card in the message\'s thread', async () => {
    const message = messagePayload({ author: ALICE, html: 'Sandbox sync tomorrow 1pm' });
    const fetch = messageActionFetchTask({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: messageExtensionConversation('channel'), message });
    const opened = (await rig.post(fetch)).body as any;
    assert.equal(opened.task.type, 'continue', 'no auth answer in sandbox mode');
    const card = opened.task.value.card.content;
    const values = Object.fromEntries(card.body.filter((e: any) => e.id).map((e: any) => [e.id, e.value ?? '']));
    const create = card.actions.find((a: any) => a.data?.action === 'meeting.create');
    const submit = messageActionSubmit({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: fetch.conversation, message, data: { ...create.data, ...values } });
    const answer = (await rig.post(submit)).body as any;
    assert.equal(answer.task.type, 'continue');
    assert.match(JSON.stringify(answer.task.value.card.content), /Meeting scheduled/);
    await rig.connector.waitFor((c) => c.conversationId === `${CHANNEL_ID};messageid=${message.id}` && isJoin(c));
  });
});
