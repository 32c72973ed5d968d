import assert from 'node:assert/strict';
import { MemoryStorage, type Activity, type StoreItems } from 'botbuilder';
import { OAuthSignIn } from '../../src/auth/oauth-sign-in';
import { SandboxSignIn } from '../../src/auth/sandbox-sign-in';
import { VERBS } from '../../src/teams/card-verbs';
import { MeetingServiceError } from '../../src/meetings/meeting-service-error';
import { recordScenario } from '../support/reliability-log';
import {
  ALICE,
  BOB,
  BOT,
  CHANNEL_ID,
  cardIn,
  pressButton,
  cardText,
  threadMessage,
  createHarness,
  inputValues,
  joinUrl,
  onlyCard,
  directMessage,
} from '../support/test-adapter-harness';

const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

describe('schedule dialog (TestAdapter, sandbox sign-in)', () => {
  it('creates a channel meeting straight from a complete command and posts the join card in the thread', async () => {
    const h = createHarness(new SandboxSignIn());
    const replies = await h.send(threadMessage('schedule Design review tomorrow at 3pm for 45 minutes'));

    assert.equal(h.meetings.calls.length, 1);
    const { input, token } = h.meetings.calls[0];
    assert.equal(input.subject, 'Design review');
    assert.equal(input.channelThreadId, CHANNEL_ID, 'meeting is bound to the channel, without ;messageid');
    assert.equal(new Date(input.startIso).toISOString(), '2026-11-28T20:00:00.000Z', '3pm New York = 20:00 UTC');
    assert.equal(new Date(input.endIso).toISOString(), '2026-11-28T20:45:00.000Z');
    assert.equal(token, `sandbox-identity:${ALICE.id}`);

    const card = onlyCard(replies);
    assert.match(cardText(cardIn(card)), /Design review/);
    assert.match(cardText(cardIn(card)), /America\/New_York/);
    assert.equal(joinUrl(card), (await h.meetings.createOrGet(input, token)).joinWebUrl);
    assert.equal(inputValues(cardIn(card)).subject, undefined, 'no form was needed');
  });

  it('asks with one form for what is missing, shows errors in place, and creates after correction', async () => {
    const h = createHarness(new SandboxSignIn());
    const form = onlyCard(await h.send(threadMessage('schedule Budget sync')));
    assert.equal(inputValues(cardIn(form)).subject, 'Budget sync', 'what was understood is prefilled');
    assert.equal(h.meetings.calls.length, 0);

    const invalid = await h.send(pressButton(form, { subject: '   ', date: '2026-11-28', time: '15:00', duration: '2' }));
    assert.equal(invalid.length, 0, 'errors update the same card instead of posting a new one');
    const updated = h.adapter.updates.at(-1)!;
    assert.equal(updated.id, form.id);
    const text = cardText(cardIn(updated));
    assert.match(text, /subject/i);
    assert.match(text, /5 minutes/);
    const kept = inputValues(cardIn(updated));
    assert.equal(kept.date, '2026-11-28');
    assert.equal(kept.time, '15:00');
    assert.equal(h.meetings.calls.length, 0);

    await h.send(pressButton(form, { subject: 'Budget sync', date: '2026-11-28', time: '15:00', duration: '30' }));
    assert.equal(h.meetings.calls.length, 1);
    const join = h.adapter.updates.at(-1)!;
    assert.equal(join.id, form.id, 'the form turns into the join card');
    assert.ok(joinUrl(join)?.startsWith('https://teams.microsoft.com/l/meetup-join/'));
  });

  it('asks to confirm an hour with two plausible readings (7) instead of guessing silently', async () => {
    const h = createHarness(new SandboxSignIn());
    const form = onlyCard(await h.send(threadMessage('schedule Standup tomorrow at 7')));
    assert.equal(h.meetings.calls.length, 0);
    assert.equal(inputValues(cardIn(form)).time, '19:00');
    assert.match(cardText(cardIn(form)), /7:00 PM/);
  });

  it('reads "11/10" by the client\'s own locale and the zone: a US client in Berlin is asked, a German one is not (11/10 = 11 October)', async () => {
    const h = createHarness(new SandboxSignIn());
    const form = onlyCard(await h.send(directMessage('schedule Budget review 11/10 at 9am', ALICE, { locale: 'en-US' })));
    assert.equal(h.meetings.calls.length, 0);
    assert.match(cardText(cardIn(form)), /could be .*Nov 10.* or .*Oct 11/);
    joinUrl(onlyCard(await h.send(directMessage('schedule Budget review 11/10 at 9am', BOB, { locale: 'de-DE' }))));
    assert.match(h.meetings.calls[0].input.startIso, /-10-11T/);
  });

  it('reads a bare working hour the way a colleague would and creates at once ("at 3" → 3 PM)', async () => {
    const h = createHarness(new SandboxSignIn());
    joinUrl(onlyCard(await h.send(threadMessage('schedule Standup tomorrow at 3'))));
    assert.equal(new Date(h.meetings.calls[0].input.startIso).toISOString(), '2026-11-28T20:00:00.000Z');
  });

  it('puts an absurdly long request into the form as the subject, with the length problem shown', async () => {
    const h = createHarness(new SandboxSignIn());
    const long = 'Very long topic tomorrow 3pm '.repeat(60);
    const form = onlyCard(await h.send(threadMessage(`schedule ${long}`)));
    // The subject field holds what a subject may hold (255 characters); the message itself stays in the chat.
    assert.equal(inputValues(cardIn(form)).subject, long.trim().slice(0, 255));
    assert.match(cardText(cardIn(form)), /The subject is 1739 characters long; please shorten it to 255/);
    assert.equal(h.meetings.calls.length, 0);
  });

  it('keeps two people in one thread apart', async () => {
    const h = createHarness(new SandboxSignIn());
    const aliceForm = onlyCard(await h.send(threadMessage('schedule Alice topic', ALICE)));
    const bobForm = onlyCard(await h.send(threadMessage('schedule Bob topic', BOB)));

    await h.send(pressButton(aliceForm, { subject: 'Alice topic', date: '2026-11-28', time: '10:00', duration: '30' }, ALICE));
    await h.send(pressButton(bobForm, { subject: 'Bob topic', date: '2026-11-29', time: '11:00', duration: '60' }, BOB));

    assert.deepEqual(h.meetings.calls.map((c) => [c.input.subject, c.token]), [
      ['Alice topic', `sandbox-identity:${ALICE.id}`],
      ['Bob topic', `sandbox-identity:${BOB.id}`],
    ]);
    assert.deepEqual(h.adapter.updates.map((u) => u.id), [aliceForm.id, bobForm.id], 'each form became its own join card');
  });

  it("refuses a submit of someone else's form politely and leaves it working for its owner", async () => {
    const h = createHarness(new SandboxSignIn());
    const aliceForm = onlyCard(await h.send(threadMessage('schedule', ALICE)));
    const refusal = await h.send(pressButton(aliceForm, { subject: 'Hijack', date: '2026-11-28', time: '10:00', duration: '30' }, BOB));
    assert.equal(refusal.length, 0, 'nothing is posted to the channel');
    assert.match(h.lastInvokeResponse()?.body.value, /belongs to someone else/, 'only Bob is told');
    assert.equal(h.meetings.calls.length, 0);
    assert.equal(h.adapter.updates.length, 0);

    await h.send(pressButton(aliceForm, { subject: 'Real one', date: '2026-11-28', time: '10:00', duration: '30' }, ALICE));
    assert.equal(h.meetings.calls[0]?.input.subject, 'Real one');
  });

  it('cancel ends the dialog; the Cancel button closes the form', async () => {
    const h = createHarness(new SandboxSignIn());
    await h.send(threadMessage('schedule'));
    const cancelled = await h.send(threadMessage('cancel'));
    assert.match(cancelled[0].text ?? '', /Cancelled/);
    const nothing = await h.send(threadMessage('cancel'));
    assert.match(nothing[0].text ?? '', /nothing to cancel/);

    const form = onlyCard(await h.send(threadMessage('schedule Retro')));
    await h.send(pressButton(form, {}, ALICE, VERBS.cancelForm));
    assert.match(cardText(cardIn(h.adapter.updates.at(-1))), /cancelled/i);
    assert.equal(h.meetings.calls.length, 0);
  });

  it('answers help and unknown commands with the help card', async () => {
    const h = createHarness(new SandboxSignIn());
    assert.match(cardText(cardIn(onlyCard(await h.send(threadMessage('help'))))), /schedule/);
    const unknown = cardText(cardIn(onlyCard(await h.send(directMessage('dance please')))));
    assert.match(unknown, /dance please/);
    assert.match(unknown, /schedule/);
  });

  it('keeps the details when Teams is busy, and a second Create gives the same meeting id', async () => {
    const h = createHarness(new SandboxSignIn());
    h.meetings.failures.push(new MeetingServiceError('busy', 'throttled', { status: 429 }));
    const form = onlyCard(await h.send(threadMessage('schedule Design review tomorrow at 3pm for 45 minutes')));
    const text = cardText(cardIn(form));
    assert.match(text, /busy/i);
    assert.doesNotMatch(JSON.stringify(cardIn(form)), /Action\.OpenUrl/, 'an error never carries a Join button');
    const values = inputValues(cardIn(form));
    assert.deepEqual([values.subject, values.date, values.time, values.duration], ['Design review', '2026-11-28', '15:00', '45']);

    await h.send(pressButton(form, { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45' }));
    assert.equal(h.meetings.calls.length, 2);
    assert.equal(h.meetings.calls[0].input.externalId, h.meetings.calls[1].input.externalId);
    assert.ok(joinUrl(h.adapter.updates.at(-1)));
  });

  it('says what an admin must grant on 403, with the request id', async () => {
    const h = createHarness(new SandboxSignIn());
    h.meetings.failures.push(new MeetingServiceError('forbidden', 'Forbidden', { status: 403, code: 'Forbidden', requestId: 'req-403' }));
    const text = cardText(cardIn(onlyCard(await h.send(threadMessage('schedule Sync tomorrow 10am')))));
    assert.match(text, /OnlineMeetings\.ReadWrite/);
    assert.match(text, /req-403/);
  });

  it('signs in again once on 401 and retries', async () => {
    const signIn = new SandboxSignIn();
    let signOuts = 0;
    signIn.signOut = async () => void signOuts++;
    const h = createHarness(signIn);
    h.meetings.failures.push(new MeetingServiceError('unauthorized', 'expired', { status: 401 }));
    const replies = await h.send(threadMessage('schedule Sync tomorrow 10am'));
    assert.equal(signOuts, 1);
    assert.equal(h.meetings.calls.length, 2);
    assert.ok(joinUrl(onlyCard(replies)));
  });

  it('gives up after one re-sign-in when Graph still says 401, keeping the details', async () => {
    const signIn = new SandboxSignIn();
    let signOuts = 0;
    signIn.signOut = async () => void signOuts++;
    const h = createHarness(signIn);
    h.meetings.failures.push(
      new MeetingServiceError('unauthorized', 'expired', { status: 401 }),
      new MeetingServiceError('unauthorized', 'still expired', { status: 401 }),
    );
    const form = onlyCard(await h.send(threadMessage('schedule Sync tomorrow 10am')));
    assert.equal(signOuts, 1, 'signed in again only once');
    assert.equal(h.meetings.calls.length, 2);
    assert.match(cardText(cardIn(form)), /even after signing in again/);
    assert.equal(inputValues(cardIn(form)).subject, 'Sync');
  });

  it('a complete command stores no dialog state; one that needs the form does', async () => {
    // Dialog state only: meeting records and form cards are kept under their own keys.
    class CountingStorage extends MemoryStorage {
      writes = 0;
      override async write(changes: StoreItems): Promise<void> {
        if (Object.keys(changes).some((k) => !k.startsWith('meetings/') && !k.startsWith('forms/'))) this.writes++;
        return super.write(changes);
      }
    }
    const storage = new CountingStorage();
    const h = createHarness(new SandboxSignIn(), { storage });
    await h.send(threadMessage('help'));
    assert.ok(joinUrl(onlyCard(await h.send(threadMessage('schedule Sync tomorrow 10am')))));
    assert.equal(storage.writes, 0, 'nothing to remember for someone who never needed a dialog');
    onlyCard(await h.send(threadMessage('schedule Budget sync')));
    assert.equal(storage.writes, 1, 'the open form is remembered');
  });

  it('a complete command while a form is open replaces the form and still creates at once; the old form still works', async () => {
    const h = createHarness(new SandboxSignIn());
    const form = onlyCard(await h.send(threadMessage('schedule Budget sync')));
    const replies = await h.send(threadMessage('schedule Sync tomorrow 10am'));
    assert.ok(joinUrl(onlyCard(replies)));
    assert.deepEqual(h.meetings.calls.map((c) => c.input.subject), ['Sync']);
    const nothing = await h.send(threadMessage('cancel'));
    assert.match(nothing[0].text ?? '', /nothing to cancel/, 'the form\'s dialog was replaced, and has ended');

    await h.send(pressButton(form, { subject: 'Budget sync', date: '2026-11-28', time: '15:00', duration: '30' }));
    assert.deepEqual(h.meetings.calls.map((c) => c.input.subject), ['Sync', 'Budget sync']);
    assert.equal(h.adapter.updates.at(-1)!.id, form.id, 'the old form became its join card');
  });

  it('after a form submit: 403 keeps the form with the reason; 401 signs in again once and retries', async () => {
    const signIn = new SandboxSignIn();
    let signOuts = 0;
    signIn.signOut = async () => void signOuts++;
    const h = createHarness(signIn);
    const form = onlyCard(await h.send(threadMessage('schedule Budget sync')));
    const inputs = { subject: 'Budget sync', date: '2026-11-28', time: '15:00', duration: '30' };

    h.meetings.failures.push(new MeetingServiceError('forbidden', 'Forbidden', { status: 403, code: 'Forbidden', requestId: 'req-403' }));
    await h.send(pressButton(form, inputs));
    const refused = cardIn(h.adapter.updates.at(-1));
    assert.match(cardText(refused), /OnlineMeetings\.ReadWrite/);
    assert.equal(inputValues(refused).subject, 'Budget sync');

    h.meetings.failures.push(new MeetingServiceError('unauthorized', 'expired', { status: 401 }));
    await h.send(pressButton(form, inputs));
    assert.equal(signOuts, 1);
    assert.equal(h.meetings.calls.length, 3);
    assert.ok(joinUrl(h.adapter.updates.at(-1)));
    assert.equal(h.adapter.updates.at(-1)!.id, form.id);
  });

  it('when the sign-in service is unreachable, a complete command shows the form with the reason and the details', async () => {
    const signIn = new SandboxSignIn();
    signIn.tokenAtHand = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9');
    };
    const h = createHarness(signIn);
    const form = cardIn(onlyCard(await h.send(threadMessage('schedule Design review tomorrow at 3pm for 45 minutes'))));
    assert.match(cardText(form), /couldn't reach the Microsoft sign-in service/);
    const values = inputValues(form);
    assert.deepEqual([values.subject, values.date, values.time, values.duration], ['Design review', '2026-11-28', '15:00', '45']);
    assert.equal(h.meetings.calls.length, 0);
  });

  it('a redelivered command (same activity id) yields the same externalId', async () => {
    const h = createHarness(new SandboxSignIn());
    await h.send(threadMessage('schedule Sync tomorrow 10am', ALICE, { id: 'activity-1' }));
    await h.send(threadMessage('schedule Sync tomorrow 10am', ALICE, { id: 'activity-1' }));
    assert.equal(h.meetings.calls.length, 2);
    assert.equal(h.meetings.calls[0].input.externalId, h.meetings.calls[1].input.externalId);
  });

  it('a concurrent state write (eTag conflict) is silent when both turns end the same way, explained otherwise', async () => {
    // Storage whose next write fails the way BlobsStorage/MemoryStorage do when another turn wrote first.
    class ConflictOnce extends MemoryStorage {
      armed = false;
      override async write(changes: StoreItems): Promise<void> {
        const dialogState = Object.keys(changes).some((k) => !k.startsWith('meetings/') && !k.startsWith('forms/'));
        if (this.armed && dialogState) {
          this.armed = false;
          throw new Error('Storage: error writing "x" due to eTag conflict.');
        }
        return super.write(changes);
      }
    }
    const storage = new ConflictOnce();
    const h = createHarness(new SandboxSignIn(), { storage });

    storage.armed = true; // the other turn left no dialog either: nothing to say
    const help = await h.send(threadMessage('help'));
    assert.equal(help.length, 1, 'only the help card');

    storage.armed = true; // this turn opened a form, but the other turn's state (no dialog) won
    const replies = await h.send(threadMessage('schedule Budget sync'));
    assert.equal(replies.length, 2);
    assert.match(replies[1].text ?? '', /at the same time/);
  });

  it('a state write that fails after the meeting was created is not shown as a failure (retyping would create a second meeting)', async () => {
    class FailingStateWrites extends MemoryStorage {
      failing = false;
      override async write(changes: StoreItems): Promise<void> {
        const dialogState = Object.keys(changes).some((k) => !k.startsWith('meetings/') && !k.startsWith('forms/'));
        if (this.failing && dialogState) throw Object.assign(new Error('The server encountered an internal error.'), { statusCode: 500 });
        return super.write(changes);
      }
    }
    const storage = new FailingStateWrites();
    const h = createHarness(new SandboxSignIn(), { storage });
    const form = onlyCard(await h.send(threadMessage('schedule Budget sync')));
    storage.failing = true;
    const replies = await h.send(pressButton(form, { subject: 'Budget sync', date: '2026-11-28', time: '15:00', duration: '30' }));
    assert.equal(h.meetings.calls.length, 1);
    assert.ok(joinUrl(h.adapter.updates.at(-1)), 'the form became the join card');
    assert.deepEqual(replies.filter((r) => /went wrong|try again/i.test(r.text ?? '')), [], 'nobody is told to try again');
    recordScenario({ scenario: 'State write fails (500) after the meeting was created and shown', runs: 1, outcome: 'the form became the join card; the failure is logged, nobody is told to try again (no second meeting)', test: 'test/bot/meeting-bot.test.ts' });
  });

  it('a state write that fails before anything was created still fails the turn', async () => {
    class FailingStateWrites extends MemoryStorage {
      override async write(changes: StoreItems): Promise<void> {
        if (Object.keys(changes).some((k) => !k.startsWith('meetings/') && !k.startsWith('forms/'))) throw Object.assign(new Error('down'), { statusCode: 503 });
        return super.write(changes);
      }
    }
    const h = createHarness(new SandboxSignIn(), { storage: new FailingStateWrites() });
    await assert.rejects(h.send(threadMessage('schedule Budget sync')), /down/);
  });

  it('never crashes on conversation and installation updates with missing fields', async () => {
    const h = createHarness(new SandboxSignIn());
    for (const activity of [
      { type: 'conversationUpdate', membersAdded: [BOT], recipient: BOT, channelId: 'msteams' },
      { type: 'conversationUpdate', membersAdded: [{} as any], channelId: 'msteams' },
      { type: 'conversationUpdate', channelId: 'msteams', channelData: { eventType: 'channelCreated' } },
      { type: 'installationUpdate', action: 'add', channelId: 'msteams' },
      { type: 'installationUpdate', channelId: 'msteams' },
    ] as Partial<Activity>[]) {
      await h.send(activity);
    }
    const welcome = await h.send({ type: 'conversationUpdate', membersAdded: [BOT], recipient: BOT, channelId: 'msteams' });
    assert.match(cardText(cardIn(welcome[0])), /Meeting Bot/);
  });
});

describe('schedule dialog (TestAdapter, OAuthPrompt sign-in)', () => {
  const CONNECTION = 'GraphConnection';

  function invoke(name: string, value: unknown, base: Partial<Activity>): Partial<Activity> {
    return { ...base, type: 'invoke', name, value, text: undefined, entities: undefined };
  }

  it('uses a token the token service already holds without prompting', async () => {
    const h = createHarness(new OAuthSignIn(CONNECTION));
    h.adapter.addUserToken(CONNECTION, 'msteams', ALICE.id, 'alice-graph-token');
    const replies = await h.send(threadMessage('schedule Sync tomorrow 10am'));
    assert.equal(replies.filter((r) => r.attachments?.some((a) => a.contentType === OAUTH_CARD)).length, 0);
    assert.equal(h.meetings.calls[0].token, 'alice-graph-token');
  });

  it('completes silently through SSO token exchange in personal chat', async () => {
    const h = createHarness(new OAuthSignIn(CONNECTION));
    const message = directMessage('schedule 1:1 tomorrow 10am');
    const prompt = await h.send(message);
    assert.ok(prompt.some((r) => r.attachments?.some((a) => a.contentType === OAUTH_CARD)), 'an OAuthCard is sent');
    assert.equal(h.meetings.calls.length, 0);

    h.adapter.addExchangeableToken(CONNECTION, 'msteams', ALICE.id, 'sso-alice', 'alice-graph-token');
    const replies = await h.send(invoke('signin/tokenExchange', { id: 'x1', connectionName: CONNECTION, token: 'sso-alice' }, message));
    assert.equal(h.lastInvokeResponse()?.status, 200);
    assert.equal(h.meetings.calls[0].token, 'alice-graph-token');
    assert.equal(h.meetings.calls[0].input.channelThreadId, undefined, 'no chatInfo outside channels');
    assert.ok(joinUrl(replies.find((r) => cardIn(r))));
  });

  it('in a channel, not signed in: a compact card whose Create signs in inside the channel, no sign-in card for everyone', async () => {
    const h = createHarness(new OAuthSignIn(CONNECTION));
    const replies = await h.send(threadMessage('schedule Design review tomorrow at 3pm for 45 minutes'));
    assert.equal(replies.filter((r) => r.attachments?.some((a) => a.contentType === OAUTH_CARD)).length, 0);
    const card = cardIn(onlyCard(replies));
    assert.match(cardText(card), /Design review/);
    assert.match(cardText(card), /Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST/);
    assert.deepEqual(card!.actions.map((a: any) => [a.type, a.title]), [
      ['Action.Execute', 'Create meeting'],
      ['Action.Execute', 'Change details'],
      ['Action.Execute', 'Cancel'],
    ]);
    assert.equal(h.meetings.calls.length, 0);
  });

  it('in personal chat: exchange fails with 412, the card says to press sign-in, verifyState continues the flow', async () => {
    const h = createHarness(new OAuthSignIn(CONNECTION));
    const message = directMessage('schedule Design review tomorrow at 3pm for 45 minutes');
    const prompt = await h.send(message);
    const oauth = prompt.find((r) => r.attachments?.some((a) => a.contentType === OAUTH_CARD));
    assert.ok(oauth, 'an OAuthCard is sent');
    assert.match(oauth!.text ?? '', /Press \*\*Sign in\*\*/);

    h.adapter.throwOnExchangeRequest(CONNECTION, 'msteams', ALICE.id, 'sso-alice');
    await h.send(invoke('signin/tokenExchange', { id: 'x1', connectionName: CONNECTION, token: 'sso-alice' }, message));
    assert.equal(h.lastInvokeResponse()?.status, 412);
    assert.equal(h.meetings.calls.length, 0);

    h.adapter.addUserToken(CONNECTION, 'msteams', ALICE.id, 'alice-graph-token', '424242');
    const done = await h.send(invoke('signin/verifyState', { state: '424242' }, message));
    assert.equal(h.lastInvokeResponse()?.status, 200);
    assert.equal(h.meetings.calls[0].token, 'alice-graph-token');
    assert.equal(h.meetings.calls[0].input.channelThreadId, undefined);
    assert.ok(joinUrl(done.find((r) => cardIn(r))));
  });

  it('when Graph rejects the held token: it is forgotten and the sign-in card says the sign-in expired', async () => {
    const h = createHarness(new OAuthSignIn(CONNECTION));
    h.adapter.addUserToken(CONNECTION, 'msteams', ALICE.id, 'stale-token');
    h.meetings.failures.push(new MeetingServiceError('unauthorized', 'expired', { status: 401 }));
    const message = threadMessage('schedule Sync tomorrow 10am');
    const replies = await h.send(message);
    const oauth = replies.find((r) => r.attachments?.some((a) => a.contentType === OAUTH_CARD));
    assert.ok(oauth, 'an OAuthCard is sent');
    assert.match(oauth!.text ?? '', /^Your sign-in has expired\./);
    assert.equal(h.meetings.calls.length, 1);

    h.adapter.addUserToken(CONNECTION, 'msteams', ALICE.id, 'fresh-token', '424242');
    const done = await h.send(invoke('signin/verifyState', { state: '424242' }, message));
    assert.equal(h.lastInvokeResponse()?.status, 200);
    assert.deepEqual(h.meetings.calls.map((c) => c.token), ['stale-token', 'fresh-token']);
    assert.ok(joinUrl(done.find((r) => cardIn(r))));
  });

  it('sign out forgets the token so the next request prompts again', async () => {
    const h = createHarness(new OAuthSignIn(CONNECTION));
    h.adapter.addUserToken(CONNECTION, 'msteams', ALICE.id, 'alice-graph-token');
    const out = await h.send(threadMessage('sign out'));
    assert.match(out[0].text ?? '', /signed out/);
    const again = await h.send(directMessage('schedule Sync tomorrow 10am'));
    assert.ok(again.some((r) => r.attachments?.some((a) => a.contentType === OAUTH_CARD)));
    assert.equal(h.meetings.calls.length, 0);
  });
});

