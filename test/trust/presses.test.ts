// Every press is checked against the stored record: the whole bot in process (TestAdapter, sandbox sign-in), with
// presses a modified client or a replay could send. Each case failed before the bot decided from the record.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { SandboxSignIn } from '../../src/auth/sandbox-sign-in';
import { VERBS } from '../../src/teams/card-verbs';
import { MemoryReminderQueue } from '../../src/storage/reminder-queue';
import * as activities from '../../support/activities';
import { recordScenario } from '../support/reliability-log';

const TEST = 'test/trust/presses.test.ts';
import {
  ALICE,
  BOB,
  CHANNEL_ID,
  ROOT,
  cardIn,
  cardText,
  threadMessage,
  createHarness,
  onlyCard,
  pressOn,
  type Harness,
} from '../support/test-adapter-harness';

const SERVICE_URL = 'https://smba.test.invalid/amer/';
const MALLORY = { id: '29:1MalloryMadeUpIdThatIsNotAMemberOfThisChannelAtAll000', name: 'Mallory Outsider', aadObjectId: '99999999-8888-4777-8666-555555555555' };

/** A press a client makes up: any verb, any data. */
function forged(verb: string, data: Record<string, unknown>, opts: { user?: typeof ALICE; conversation?: Record<string, unknown>; replyToId?: string } = {}): Partial<Activity> {
  const activity = activities.cardActionInvoke({
    serviceUrl: SERVICE_URL,
    user: opts.user ?? ALICE,
    verb,
    data,
    replyToId: opts.replyToId ?? '1',
    conversation: (opts.conversation ?? activities.channelConversation(CHANNEL_ID, ROOT)) as any,
  }) as Partial<Activity>;
  // Teams vouches for the tenant in channelData: a press from another tenant says so there.
  const tenantId = (opts.conversation as { tenantId?: string } | undefined)?.tenantId;
  if (tenantId) activity.channelData = { ...(activity.channelData as object), tenant: { id: tenantId } };
  return activity;
}

const mentionedIds = (card: Record<string, any> | undefined): string[] => (card?.msteams?.entities ?? []).map((e: any) => e.mentioned?.id);

/** Alice schedules through the form: an incomplete request, then Create on the form. */
async function viaForm(h: Harness): Promise<{ form: Partial<Activity>; create: Partial<Activity>; join: Record<string, any> }> {
  const form = onlyCard(await h.send(threadMessage('schedule Design review')));
  const create = pressOn(cardIn(form)!, form.id!, VERBS.create, ALICE, { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45' });
  await h.send(create);
  return { form, create, join: h.lastInvokeResponse()!.body.value };
}

const recordIdOf = (card: Record<string, any>): string => card.refresh?.action?.data?.recordId ?? card.actions.find((a: any) => a.data?.recordId).data.recordId;

describe('trust: a press is checked against what the bot stored', () => {
  it('a forged Create (made-up form, made-up people) invites nobody and mentions nobody', async () => {
    const h = createHarness(new SandboxSignIn());
    await h.send(
      forged(VERBS.create, {
        formId: 'forgedForm000001',
        ownerId: ALICE.id,
        subject: 'Forged',
        date: '2026-11-28',
        time: '15:00',
        duration: '30',
        people: { attendees: [{ id: MALLORY.id, name: 'The CEO', objectId: MALLORY.aadObjectId, upn: 'ceo@contoso.com' }], everyone: true },
        attendees: '0',
      }),
    );
    assert.equal(h.meetings.calls.length, 1);
    const input = h.meetings.calls[0]!.input;
    assert.equal(input.attendees, undefined, 'nobody is invited on the card\'s word');
    assert.equal(input.lobbyScope, undefined, 'the lobby is not opened on the card\'s word');
    const answer = h.lastInvokeResponse()!.body.value;
    assert.deepEqual(mentionedIds(answer), []);
    assert.doesNotMatch(cardText(answer), /The CEO/);
    recordScenario({ scenario: 'Forged Create: made-up form, made-up people outside the conversation', runs: 1, outcome: 'the meeting invites nobody and the card mentions nobody; the lobby is not opened', test: TEST });
  });

  it('a forged Create for a waiting form without people invites nobody either', async () => {
    const h = createHarness(new SandboxSignIn());
    const form = onlyCard(await h.send(threadMessage('schedule Design review')));
    const data = { ...(cardIn(form)!.actions.find((a: any) => a.verb === VERBS.create).data as Record<string, unknown>) };
    await h.send(
      forged(VERBS.create, { ...data, subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45', people: { attendees: [{ id: MALLORY.id, name: 'The CEO', objectId: MALLORY.aadObjectId }], everyone: false }, attendees: '0' }, { replyToId: form.id }),
    );
    assert.equal(h.meetings.calls.length, 1);
    assert.equal(h.meetings.calls[0]!.input.attendees, undefined);
    assert.deepEqual(mentionedIds(h.lastInvokeResponse()!.body.value), []);
  });

  it('a replayed Create after the meeting was cancelled creates nothing: the meeting stays cancelled and off the list', async () => {
    const h = createHarness(new SandboxSignIn());
    const { form, create, join } = await viaForm(h);
    assert.equal(h.meetings.calls.length, 1);
    await h.send(pressOn(join, form.id!, VERBS.cancelMeeting));
    await h.send(pressOn(h.lastInvokeResponse()!.body.value, form.id!, VERBS.confirmCancel));
    assert.equal(h.meetings.cancels.length, 1);

    await h.send(create);
    assert.equal(h.meetings.calls.length, 1, 'no second createOrGet');
    assert.match(cardText(h.lastInvokeResponse()!.body.value), /cancelled/i, 'the presser sees the cancelled meeting');
    const shared = h.adapter.updates.filter((u) => u.id === form.id).at(-1);
    assert.match(cardText(cardIn(shared)), /cancelled/i, 'the shared card stays cancelled');
    const list = onlyCard(await h.send(threadMessage('meetings')));
    assert.doesNotMatch(cardText(cardIn(list)), /Design review/);
    recordScenario({ scenario: 'Create replayed after the meeting was cancelled', runs: 1, outcome: 'no createOrGet; the presser and the shared card show it cancelled; `meetings` does not list it', test: TEST });
  });

  it('a replayed Create with other details still creates nothing more', async () => {
    const h = createHarness(new SandboxSignIn());
    const { form } = await viaForm(h);
    const again = pressOn(cardIn(form)!, form.id!, VERBS.create, ALICE, { subject: 'Another meeting', date: '2026-11-29', time: '10:00', duration: '30' });
    await h.send(again);
    assert.equal(h.meetings.calls.length, 1);
    assert.match(cardText(h.lastInvokeResponse()!.body.value), /Design review/);
  });

  it('a stale Save (made from an earlier version) changes nothing and shows the meeting as it is now, saying why', async () => {
    const h = createHarness(new SandboxSignIn());
    const { form, join } = await viaForm(h);
    await h.send(pressOn(join, form.id!, VERBS.change));
    const changeForm = h.lastInvokeResponse()!.body.value;
    const firstSave = pressOn(changeForm, form.id!, VERBS.saveChange, ALICE, { subject: 'Design review', date: '2026-11-28', time: '16:30', duration: '45' });
    await h.send(firstSave);
    assert.equal(h.meetings.updates.length, 1);
    // Opened before the first save, pressed after it: would move the meeting back to 15:00.
    await h.send(pressOn(changeForm, form.id!, VERBS.saveChange, ALICE, { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45' }));
    assert.equal(h.meetings.updates.length, 1, 'no second PATCH');
    const answer = h.lastInvokeResponse()!.body.value;
    assert.match(cardText(answer), /changed after you opened that form/);
    assert.match(cardText(answer), /4:30 PM – 5:15 PM/, 'the current details');
    assert.ok(answer.actions.some((a: any) => a.title === 'Change'), 'Change is there to try again');
    // The same replayed save, once more: still nothing.
    await h.send(firstSave);
    assert.equal(h.meetings.updates.length, 1);
    recordScenario({ scenario: 'Stale Save replayed (made from an older version of the meeting)', runs: 2, outcome: 'no PATCH; the organizer sees the meeting as it is now, with why and Change', test: TEST });
  });

  it('a record answers only in its own conversation: refresh, Change, Save and Cancel from elsewhere are refused', async () => {
    const h = createHarness(new SandboxSignIn());
    const { form, join } = await viaForm(h);
    const recordId = recordIdOf(join);
    const elsewhere = activities.personalConversation(ALICE);
    const otherTenant = activities.channelConversation(CHANNEL_ID, ROOT, '00000000-0000-4000-8000-000000000000');
    for (const conversation of [elsewhere, otherTenant]) {
      await h.send(forged(VERBS.refresh, { recordId }, { conversation }));
      assert.match(String(h.lastInvokeResponse()!.body.value), /another conversation/);
      assert.doesNotMatch(JSON.stringify(h.lastInvokeResponse()!.body), /meetup-join/, 'no Join link');
      await h.send(forged(VERBS.saveChange, { recordId, version: 1, subject: 'Moved', date: '2026-11-28', time: '17:00', duration: '45' }, { conversation }));
      assert.match(String(h.lastInvokeResponse()!.body.value), /another conversation/);
      await h.send(forged(VERBS.confirmCancel, { recordId }, { conversation }));
    }
    assert.equal(h.meetings.updates.length, 0);
    assert.equal(h.meetings.cancels.length, 0);
    assert.equal(h.adapter.updates.filter((u) => u.id === form.id).length, 1, 'only the join card replacing the form');

    // Another thread of the same channel is the same conversation.
    await h.send(forged(VERBS.refresh, { recordId }, { conversation: activities.channelConversation(CHANNEL_ID, '1795781842999') }));
    assert.match(cardText(h.lastInvokeResponse()!.body.value), /Design review/);
    recordScenario({ scenario: 'Refresh, Save and Cancel for a record id from another chat or another tenant', runs: 6, outcome: 'refused with "another conversation"; no Join link, no PATCH, no DELETE, no card updated', test: TEST });
  });

  it('a press with oversized data is refused before anything is read, with a small answer', async () => {
    const h = createHarness(new SandboxSignIn());
    const huge = 'x'.repeat(200 * 1024);
    for (const field of ['formId', 'date', 'time', 'subject']) {
      const data: Record<string, unknown> = { formId: 'form000000000001', ownerId: ALICE.id, subject: 'S', date: '2026-11-28', time: '15:00', duration: '30' };
      data[field] = huge;
      await h.send(forged(VERBS.create, data));
      const response = h.lastInvokeResponse()!;
      assert.equal(response.status, 400, field);
      assert.ok(JSON.stringify(response.body).length < 1024, `${field}: a short answer`);
    }
    await h.send(forged(VERBS.create, { formId: 'form000000000001', ownerId: ALICE.id, padding: huge }));
    assert.equal(h.lastInvokeResponse()!.status, 400, 'too much data in all');
    assert.equal(h.meetings.calls.length, 0);
    recordScenario({ scenario: 'Create invoke with a 200 KB formId, date, time, subject, or 200 KB of other data', runs: 5, outcome: '400 with a one-line refusal under 1 KB; nothing read, nothing created', test: TEST });
  });

  it('a redelivered command whose first delivery got as far as the card (its claim never marked done) posts no second join card', async () => {
    // The harness has no redelivery guard: sending the same activity twice is the redelivery that gets through when
    // the "done" write of the delivery claim failed.
    const h = createHarness(new SandboxSignIn());
    const message = threadMessage('schedule Design review tomorrow 3pm for 45 minutes', undefined, { id: 'redelivered-1' });
    const first = await h.send(message);
    assert.equal(first.filter((a) => cardIn(a)).length, 1);
    const again = await h.send(message);
    assert.equal(h.meetings.calls.length, 2, 'Graph was asked again (createOrGet: the same meeting)');
    assert.equal(again.filter((a) => a.type === 'message' && cardIn(a)).length, 0, 'no second card posted');
    assert.ok(h.adapter.updates.every((u) => u.id === first[0]!.id), 'at most the same card updated');
    recordScenario({ scenario: 'A typed command redelivered after its first delivery posted the card (claim not marked done)', runs: 1, outcome: 'createOrGet gives the same meeting, the stored record is found, no second join card', test: TEST });
  });

  it('30 Saves moving the meeting leave one reminder waiting, not 31; cancelling leaves none', async () => {
    const queue = new MemoryReminderQueue();
    const h = createHarness(new SandboxSignIn(), { reminderQueue: queue });
    const { form, join } = await viaForm(h);
    assert.equal(queue.size, 1);
    let organizer = join;
    for (let i = 0; i < 30; i++) {
      await h.send(pressOn(organizer, form.id!, VERBS.change));
      const changeForm = h.lastInvokeResponse()!.body.value;
      const time = `${String(16 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`;
      await h.send(pressOn(changeForm, form.id!, VERBS.saveChange, ALICE, { subject: 'Design review', date: '2026-11-28', time, duration: '45' }));
      organizer = h.lastInvokeResponse()!.body.value;
    }
    assert.equal(h.meetings.updates.length, 30);
    assert.equal(queue.size, 1, 'one job waiting: each Save withdrew the one it replaced');
    await h.send(pressOn(organizer, form.id!, VERBS.cancelMeeting));
    await h.send(pressOn(h.lastInvokeResponse()!.body.value, form.id!, VERBS.confirmCancel));
    assert.equal(queue.size, 0, 'none once cancelled');
    await queue.stop();
    recordScenario({ scenario: '30 Saves moving a meeting, then Cancel (reminders on)', runs: 30, outcome: 'one reminder job waiting after the Saves (each withdrew the one it replaced), none after Cancel', test: TEST });
  });

  it('someone else\'s Create is still refused', async () => {
    const h = createHarness(new SandboxSignIn());
    const form = onlyCard(await h.send(threadMessage('schedule Design review')));
    await h.send(pressOn(cardIn(form)!, form.id!, VERBS.create, BOB, { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45' }));
    assert.equal(h.meetings.calls.length, 0);
    assert.match(String(h.lastInvokeResponse()!.body.value), /belongs to someone else/);
  });
});
