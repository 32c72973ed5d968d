// A meeting's life after creation, driven through the whole bot in process (TestAdapter, sandbox sign-in):
// user-specific views, the organizer's Change and Cancel, refusals for everyone else, and the meetings list.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { SandboxSignIn } from '../../src/auth/sandbox-sign-in';
import { VERBS } from '../../src/teams/card-verbs';
import { MeetingServiceError } from '../../src/meetings/meeting-service-error';
import * as activities from '../../support/activities';
import {
  ALICE,
  BOB,
  CHANNEL_ID,
  ROOT,
  cardIn,
  cardText,
  threadMessage,
  createHarness,
  inputValues,
  onlyCard,
  pressOn,
  refreshInvoke,
  type Harness,
} from '../support/test-adapter-harness';

/** A press a client makes up: any verb, any data (a modified client, or a replayed old card). */
function forgedPress(verb: string, data: Record<string, unknown>, user = BOB, replyToId = '1'): Partial<Activity> {
  return activities.cardActionInvoke({
    serviceUrl: 'https://smba.test.invalid/amer/',
    user,
    verb,
    data,
    replyToId,
    conversation: activities.channelConversation(CHANNEL_ID, ROOT),
  }) as Partial<Activity>;
}

const recordIdOf = (card: Record<string, any>): string => card.refresh.action.data.recordId;

const titles = (card: Record<string, any> | undefined): string[] => (card?.actions ?? []).map((a: any) => a.title);

/** Alice schedules "Design review" (Sat Nov 28, 3:00–3:45 PM New York) in the channel thread. */
async function scheduled(h: Harness): Promise<{ posted: Partial<Activity>; shared: Record<string, any>; organizer: Record<string, any> }> {
  const posted = onlyCard(await h.send(threadMessage('schedule Design review tomorrow at 3pm for 45 minutes')));
  await h.send(refreshInvoke(posted, ALICE));
  return { posted, shared: cardIn(posted)!, organizer: h.lastInvokeResponse()!.body.value };
}

/** The latest version of the shared card (the bot's updates of the activity it posted). */
function sharedNow(h: Harness, posted: Partial<Activity>): Record<string, any> {
  const updates = h.adapter.updates.filter((u) => u.id === posted.id);
  return cardIn(updates.at(-1) ?? posted)!;
}

describe('a meeting after creation (TestAdapter, Universal Actions)', () => {
  it('everyone sees Join; the organizer\'s client refreshes to Join, Change and Cancel meeting; others get their own zone', async () => {
    const h = createHarness(new SandboxSignIn());
    const { shared, organizer, posted } = await scheduled(h);
    assert.deepEqual(titles(shared), ['Join']);
    assert.equal(shared.refresh.action.type, 'Action.Execute');
    assert.deepEqual(shared.refresh.userIds, [ALICE.id], 'only the organizer refreshes automatically');
    assert.deepEqual(titles(organizer), ['Join', 'Change', 'Cancel meeting']);

    await h.send(refreshInvoke(posted, BOB, 'Asia/Shanghai'));
    const bobs = h.lastInvokeResponse()!.body.value;
    assert.deepEqual(titles(bobs), ['Join']);
    assert.match(cardText(bobs), /Sun, Nov 29, 2026, 4:00 AM – 4:45 AM GMT\+8 \(Asia\/Shanghai\)/, 'in Bob\'s own zone');
    assert.match(cardText(shared), /\(America\/New_York\)/, 'the shared card names the organizer\'s zone');
  });

  it('Change: the organizer gets the prefilled form, saves a new time → Graph PATCH, the card moves for everyone', async () => {
    const h = createHarness(new SandboxSignIn());
    const { posted, organizer } = await scheduled(h);

    await h.send(pressOn(organizer, posted.id!, VERBS.change));
    const form = h.lastInvokeResponse()!.body.value;
    assert.match(cardText(form), /Change the meeting/);
    assert.deepEqual(inputValues(form), { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45' });
    assert.equal(h.adapter.updates.filter((u) => u.id === posted.id).length, 0, 'only the organizer sees the form');

    await h.send(pressOn(form, posted.id!, VERBS.saveChange, ALICE, { subject: 'Design review', date: '2026-11-28', time: '16:30', duration: '45' }));
    assert.equal(h.meetings.updates.length, 1);
    assert.equal(h.meetings.updates[0].token, `sandbox-identity:${ALICE.id}`);
    assert.equal(new Date(h.meetings.updates[0].change.startIso).toISOString(), '2026-11-28T21:30:00.000Z');
    const everyone = sharedNow(h, posted);
    assert.match(cardText(everyone), /Sat, Nov 28, 2026, 4:30 PM – 5:15 PM EST/);
    assert.match(cardText(everyone), /Moved from Sat, Nov 28, 2026, 3:00 PM EST by Alice Example/);
    assert.deepEqual(titles(everyone), ['Join']);
    assert.deepEqual(titles(h.lastInvokeResponse()!.body.value), ['Join', 'Change', 'Cancel meeting'], 'the organizer keeps their buttons');
  });

  it('Change with a bad value keeps the form with the error and the typed values; nothing goes to Graph', async () => {
    const h = createHarness(new SandboxSignIn());
    const { posted, organizer } = await scheduled(h);
    await h.send(pressOn(organizer, posted.id!, VERBS.change));
    const form = h.lastInvokeResponse()!.body.value;
    await h.send(pressOn(form, posted.id!, VERBS.saveChange, ALICE, { subject: '', date: '2026-11-28', time: '17:00', duration: '45' }));
    const again = h.lastInvokeResponse()!.body.value;
    assert.match(cardText(again), /Please give the meeting a subject/);
    assert.equal(inputValues(again).time, '17:00');
    assert.equal(h.meetings.updates.length, 0);
  });

  it('Cancel meeting asks first; confirming deletes it in Graph and the card says "Cancelled by" for everyone, without Join', async () => {
    const h = createHarness(new SandboxSignIn());
    const { posted, organizer } = await scheduled(h);
    await h.send(pressOn(organizer, posted.id!, VERBS.cancelMeeting));
    const confirm = h.lastInvokeResponse()!.body.value;
    assert.match(cardText(confirm), /Cancel +\| Design review \| +for everyone\?/);
    assert.deepEqual(titles(confirm), ['Cancel meeting', 'Keep it']);

    await h.send(pressOn(confirm, posted.id!, VERBS.back));
    assert.deepEqual(titles(h.lastInvokeResponse()!.body.value), ['Join', 'Change', 'Cancel meeting'], 'Keep it goes back');
    assert.equal(h.meetings.cancels.length, 0);

    await h.send(pressOn(confirm, posted.id!, VERBS.confirmCancel));
    assert.equal(h.meetings.cancels.length, 1);
    const everyone = sharedNow(h, posted);
    assert.match(cardText(everyone), /Meeting cancelled/);
    assert.match(cardText(everyone), /Cancelled by Alice Example/);
    assert.deepEqual(titles(everyone), []);
    assert.equal(everyone.refresh, undefined);
  });

  it('someone else pressing Change, Save or Cancel (a modified client) is refused politely and nothing changes', async () => {
    const h = createHarness(new SandboxSignIn());
    const { posted, organizer } = await scheduled(h);
    for (const verb of [VERBS.change, VERBS.cancelMeeting, VERBS.confirmCancel, VERBS.back]) {
      const replies = await h.send(forgedPress(verb, { recordId: recordIdOf(organizer) }, BOB, posted.id!));
      assert.deepEqual(replies, [], 'nothing is posted');
      assert.match(h.lastInvokeResponse()!.body.value, /Only Alice Example can change or cancel this meeting/);
    }
    await h.send(forgedPress(VERBS.saveChange, { recordId: recordIdOf(organizer), subject: 'Hijacked', date: '2026-11-28', time: '10:00', duration: '30' }, BOB, posted.id!));
    assert.match(h.lastInvokeResponse()!.body.value, /Only Alice Example/);
    assert.equal(h.meetings.updates.length + h.meetings.cancels.length, 0);
    assert.equal(h.adapter.updates.filter((u) => u.id === posted.id).length, 0, 'the card is untouched');
  });

  it('a record id that was never issued finds nothing', async () => {
    const h = createHarness(new SandboxSignIn());
    const { posted, organizer } = await scheduled(h);
    for (const recordId of ['../../etc/passwd', `${recordIdOf(organizer).slice(0, -1)}x`, 42, null]) {
      await h.send(forgedPress(VERBS.confirmCancel, { recordId }, ALICE, posted.id!));
      assert.match(h.lastInvokeResponse()!.body.value, /can't find that meeting/);
    }
    assert.equal(h.meetings.cancels.length, 0);
  });

  it('Graph 404 on change (deleted in Teams): the meeting is marked cancelled for everyone and the organizer is told', async () => {
    const h = createHarness(new SandboxSignIn());
    const { posted, organizer } = await scheduled(h);
    await h.send(pressOn(organizer, posted.id!, VERBS.change));
    const form = h.lastInvokeResponse()!.body.value;
    h.meetings.failures.push(new MeetingServiceError('notFound', 'gone', { status: 404, code: 'NotFound' }));
    await h.send(pressOn(form, posted.id!, VERBS.saveChange, ALICE, { subject: 'Design review', date: '2026-11-28', time: '16:00', duration: '45' }));
    assert.match(cardText(sharedNow(h, posted)), /Meeting cancelled \| .*deleted in Teams/);
  });

  it('Graph refusing the change keeps the old meeting on the card and shows why on the form', async () => {
    const h = createHarness(new SandboxSignIn());
    const { posted, organizer } = await scheduled(h);
    await h.send(pressOn(organizer, posted.id!, VERBS.change));
    const form = h.lastInvokeResponse()!.body.value;
    h.meetings.failures.push(new MeetingServiceError('busy', 'throttled', { status: 429 }));
    await h.send(pressOn(form, posted.id!, VERBS.saveChange, ALICE, { subject: 'Design review', date: '2026-11-28', time: '16:00', duration: '45' }));
    assert.match(cardText(h.lastInvokeResponse()!.body.value), /Teams is busy right now and the meeting was not changed/);
    assert.equal(h.adapter.updates.filter((u) => u.id === posted.id).length, 0, 'the shared card still shows 3:00 PM');
    await h.send(refreshInvoke(posted, ALICE));
    assert.match(cardText(h.lastInvokeResponse()!.body.value), /3:00 PM – 3:45 PM EST/);
  });

  it('meetings lists upcoming, not cancelled meetings of the channel, soonest first, with Join; says so when there are none', async () => {
    const h = createHarness(new SandboxSignIn());
    const empty = cardIn(onlyCard(await h.send(threadMessage('meetings'))));
    assert.match(cardText(empty), /no upcoming meetings/);

    await h.send(threadMessage('schedule Later one Monday at 10am'));
    const { posted, organizer } = await scheduled(h);
    await h.send(threadMessage('schedule Gone soon tomorrow at 9am', BOB));
    const list = cardIn(onlyCard(await h.send(threadMessage('list'))));
    const subjects = cardText(list!).split(' | ').filter((t) => ['Later one', 'Design review', 'Gone soon'].includes(t));
    assert.deepEqual(subjects, ['Gone soon', 'Design review', 'Later one']);
    assert.equal(list!.body.filter((e: any) => e.type === 'Container').length, 3);

    await h.send(forgedPress(VERBS.confirmCancel, { recordId: recordIdOf(organizer) }, ALICE, posted.id!));
    const after = cardIn(onlyCard(await h.send(threadMessage('meetings'))));
    assert.ok(!cardText(after).includes('Design review'), 'a cancelled meeting is not listed');
  });

  it('a forged Action.Submit naming another card (its replyToId) never updates that card', async () => {
    const h = createHarness(new SandboxSignIn());
    const { posted } = await scheduled(h);
    // Bob submits a "form" of his own making, pointing at Alice's join card.
    const forged = activities.cardSubmit({
      serviceUrl: 'https://smba.test.invalid/amer/',
      user: BOB,
      value: { action: VERBS.create, formId: 'bobs-own-form', ownerId: BOB.id, subject: '', date: '2026-11-28', time: '10:00', duration: '30' },
      replyToId: posted.id!,
      conversation: activities.channelConversation(CHANNEL_ID, ROOT),
    });
    const replies = await h.send(forged as Partial<Activity>);
    assert.equal(h.adapter.updates.filter((u) => u.id === posted.id).length, 0, "Alice's card is untouched");
    assert.match(cardText(cardIn(onlyCard(replies))), /Schedule a Teams meeting/, 'Bob gets a form of his own');
  });
});

describe('a meeting after creation in the Emulator (Action.Submit)', () => {
  const emulator = (text: string, value?: Record<string, unknown>): Partial<Activity> => ({
    type: 'message',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'emulator-user', name: 'User' },
    recipient: { id: 'emulator-bot', name: 'Bot' },
    conversation: { id: 'emulator-conversation', isGroup: false, conversationType: '', name: '' },
    localTimezone: 'Europe/Paris',
    text,
    ...(value ? { value } : {}),
  });

  it('the join card carries Change and Cancel meeting as Action.Submit, and they work through message submits', async () => {
    const h = createHarness(new SandboxSignIn());
    const posted = onlyCard(await h.send(emulator('schedule Retro tomorrow at 2pm')));
    const card = cardIn(posted)!;
    assert.deepEqual(card.actions.map((a: any) => [a.type, a.title]), [
      ['Action.OpenUrl', 'Join'],
      ['Action.Submit', 'Change'],
      ['Action.Submit', 'Cancel meeting'],
    ]);
    assert.equal(card.refresh, undefined, 'no user-specific views outside Teams');
    const submit = (c: Record<string, any>, title: string, inputs: Record<string, string> = {}) =>
      h.send(emulator('', { ...c.actions.find((a: any) => a.title === title).data, ...inputs }));

    await submit(card, 'Change');
    const form = cardIn(h.adapter.updates.at(-1))!;
    assert.match(cardText(form), /Change the meeting/);
    await submit(form, 'Save changes', { subject: 'Retro', date: '2026-11-28', time: '15:00', duration: '30' });
    assert.equal(h.meetings.updates.length, 1);
    const moved = cardIn(h.adapter.updates.at(-1))!;
    assert.match(cardText(moved), /Moved from/);

    await submit(moved, 'Cancel meeting');
    await submit(cardIn(h.adapter.updates.at(-1))!, 'Cancel meeting');
    assert.equal(h.meetings.cancels.length, 1);
    assert.match(cardText(cardIn(h.adapter.updates.at(-1))), /Meeting cancelled/);
    assert.ok(h.adapter.updates.every((u) => u.id === posted.id), 'only the posted card is ever updated');
  });
});
