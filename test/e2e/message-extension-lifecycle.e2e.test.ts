// A meeting created from a message lives like any other (real bot process, memory storage, loopback Teams, token
// service and Graph): its organizer changes and cancels it from its card in the message's thread, `meetings` lists
// it, and its reminder is posted in that thread.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { VERBS } from '../../src/teams/card-verbs';
import { ALICE, BOB, cardActionInvoke, channelMessage, CHANNEL_ID, messageActionFetchTask, messageActionSubmit, messageExtensionConversation, messagePayload, type InboundActivity } from '../../support/activities';
import { cardOf, isJoin } from '../../support/wire-cards';
import { Rig } from '../support/full-path-rig';
import { memberRecord } from '../support/people';
import { formTime, isReminder, planReminder, type ReminderPlan } from '../support/reminder-timing';

const textOf = (card: unknown): string => JSON.stringify(card);

describe('a meeting from the message extension, changed, cancelled, listed and reminded like any other (real bot process)', function () {
  this.timeout(120_000);
  const rig = new Rig();
  let plan: ReminderPlan;

  before(async () => {
    plan = planReminder(20_000);
    await rig.start({ REMINDER_MINUTES: '1', REMINDER_POLL_MS: '200', TEST_ONLY_CLOCK_OFFSET_MS: String(plan.offsetMs) });
    rig.connector.members = [memberRecord({ ...ALICE, upn: 'alice@contoso.com' }), memberRecord({ ...BOB, upn: 'bob@contoso.com' })];
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(rig.bot.logs().split('\n').slice(-40).join('\n'), '\n', rig.connector.describe());
  });

  /** … → Schedule a meeting on Bob's post, Create with the start at `startMs`: the join card in the post's thread. */
  async function scheduleFromMessage(subject: string, startMs: number): Promise<{ thread: InboundActivity; cardActivityId: string; recordId: string }> {
    const message = messagePayload({ author: BOB, html: subject });
    const fetch = messageActionFetchTask({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: messageExtensionConversation('channel'), message });
    const card = ((await rig.post(fetch)).body as any).task.value.card.content;
    const values = Object.fromEntries(card.body.filter((e: any) => e.id).map((e: any) => [e.id, e.value ?? '']));
    const create = card.actions.find((a: any) => a.data?.action === VERBS.create);
    const submit = messageActionSubmit({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: fetch.conversation, message, data: { ...create.data, ...values, ...formTime(startMs), duration: '30' } });
    assert.match(textOf((await rig.post(submit)).body), /Meeting scheduled/);
    const threadId = `${CHANNEL_ID};messageid=${message.id}`;
    const posted = await rig.connector.waitFor((c) => c.conversationId === threadId && isJoin(c));
    // A press on the card comes from the thread it is in.
    const thread = { ...messageExtensionConversation('channel'), id: threadId };
    return { thread, cardActivityId: posted.responseId!, recordId: cardOf(posted).refresh.action.data.recordId };
  }

  async function press(m: { thread: InboundActivity; cardActivityId: string }, verb: string, data: Record<string, unknown>, user = ALICE): Promise<any> {
    const res = await rig.post(cardActionInvoke({ serviceUrl: rig.serviceUrl, user, tz: 'America/New_York', conversation: m.thread, replyToId: m.cardActivityId, verb, data }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as any).value;
  }

  async function listed(): Promise<string> {
    const list = channelMessage({ serviceUrl: rig.serviceUrl, text: 'meetings', user: BOB, rootMessageId: '1796000000042' });
    await rig.post(list);
    return textOf(cardOf(await rig.connector.waitFor((c) => c.conversationId === list.conversation.id && c.activityId === list.id)));
  }

  it('the organizer\'s card has Change and Cancel; it is listed in the channel; a change moves it (Graph PATCH, the card updated in the thread); a cancel deletes it and unlists it; someone else may do neither', async () => {
    const tomorrow3pm = DateTime.now().setZone('America/New_York').plus({ days: 1 }).set({ hour: 15, minute: 0, second: 0, millisecond: 0 }).toMillis();
    const m = await scheduleFromMessage('Extension lifecycle', tomorrow3pm);
    const own = await press(m, VERBS.refresh, { recordId: m.recordId });
    assert.deepEqual(own.actions.map((a: any) => a.title), ['Join', 'Change', 'Cancel meeting']);
    assert.match(String(await press(m, VERBS.confirmCancel, { recordId: m.recordId }, BOB)), /Only Alice Example can change or cancel/);
    assert.match(await listed(), /Extension lifecycle/, 'listed across the channel\'s threads');

    const form = await press(m, VERBS.change, { recordId: m.recordId });
    const save = form.actions.find((x: any) => x.verb === VERBS.saveChange).data;
    await press(m, VERBS.saveChange, { ...save, subject: 'Extension lifecycle', ...formTime(tomorrow3pm + 90 * 60_000), duration: '30' });
    assert.equal(rig.graph.meetingRequests().at(-1)!.method, 'PATCH');
    const moved = await rig.connector.waitFor((c) => c.kind === 'update' && c.activityId === m.cardActivityId);
    assert.match(textOf(cardOf(moved)), /4:30 PM – 5:00 PM/);
    assert.equal(moved.conversationId, m.thread.id, 'updated where it was posted: the message\'s thread');

    await press(m, VERBS.cancelMeeting, { recordId: m.recordId });
    await press(m, VERBS.confirmCancel, { recordId: m.recordId });
    assert.equal(rig.graph.meetingRequests().at(-1)!.method, 'DELETE');
    await rig.connector.waitFor((c) => c.kind === 'update' && c.activityId === m.cardActivityId && /Cancelled by Alice Example/.test(textOf(cardOf(c))));
    assert.doesNotMatch(await listed(), /Extension lifecycle/);
  });

  it('its reminder is posted once in the message\'s thread, when it is due', async () => {
    const m = await scheduleFromMessage('Extension reminder', plan.startMs);
    assert.ok(Date.now() < plan.dueAtMs - 1000, 'set up before the reminder is due');
    assert.equal(rig.connector.calls.filter((c) => isReminder(c) && c.conversationId === m.thread.id).length, 0, 'nothing before it is due');
    await new Promise((r) => setTimeout(r, Math.max(0, plan.dueAtMs + 6_000 - Date.now())));
    const reminders = rig.connector.calls.filter((c) => isReminder(c) && c.conversationId === m.thread.id);
    assert.equal(reminders.length, 1, 'one reminder, in the thread');
    assert.match(textOf(cardOf(reminders[0])), /Extension reminder/);
  });
});
