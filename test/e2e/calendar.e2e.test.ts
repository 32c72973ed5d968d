// Outlook invitations end to end over HTTP: the real bot process (SANDBOX=false) with a second OAuth connection for
// the calendar (CALENDAR_CONNECTION_NAME), against the https Graph stand-in, which keeps per-token permissions (the
// meetings token can't touch calendars, the calendar token can't make meetings), per-user mailboxes and Graph's rules
// for events (transactionId, PATCH, cancel 202, unknown fields refused).
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { VERBS } from '../../src/teams/card-verbs';
import { ALICE, BOB, cardActionInvoke, type TeamsUser } from '../../support/activities';
import { cardOf, isJoin } from '../../support/wire-cards';
import { findByType, parseAdaptiveCard } from '../support/adaptive-cards';
import { CALENDAR_CONNECTION, Rig, TOKEN_SERVICE_DECIDES } from '../support/full-path-rig';
import { PRIYA, SAM, memberRecord, mentioning } from '../support/people';

const MEETING_SCOPES = ['OnlineMeetings.ReadWrite', 'User.Read', 'openid', 'profile', 'offline_access'];
const CALENDAR_SCOPES = ['Calendars.ReadWrite', 'User.Read', 'openid', 'profile', 'offline_access'];

describe('Outlook invitations (real bot process, a calendar OAuth connection, https Graph stand-in)', function () {
  this.timeout(90_000);
  const rig = new Rig();

  before(async () => {
    await rig.start(
      { CALENDAR_CONNECTION_NAME: CALENDAR_CONNECTION, LOG_LEVEL: 'debug', ...TOKEN_SERVICE_DECIDES },
      {
        graph: {
          tokens: { 'calendar-token-alice': ALICE.aadObjectId, 'calendar-token-bob': BOB.aadObjectId, 'calendar-token-bob-unconsented': BOB.aadObjectId },
          scopes: {
            'graph-token-alice': MEETING_SCOPES,
            'graph-token-bob': MEETING_SCOPES,
            'calendar-token-alice': CALENDAR_SCOPES,
            'calendar-token-bob': CALENDAR_SCOPES,
            // A token of the calendar connection without the calendar permission (consent withdrawn, a policy).
            'calendar-token-bob-unconsented': ['User.Read'],
          },
          users: { [ALICE.aadObjectId]: { displayName: ALICE.name, upn: 'alice@contoso.com' }, [BOB.aadObjectId]: { displayName: BOB.name, upn: 'bob@contoso.com' } },
        },
      },
    );
    rig.connector.members = [memberRecord(SAM), memberRecord(PRIYA)];
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
    rig.tokens.setToken(ALICE.id, 'calendar-token-alice', CALENDAR_CONNECTION);
    rig.tokens.setToken(BOB.id, 'graph-token-bob');
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(rig.bot.logs().split('\n').slice(-40).join('\n'), '\n', rig.connector.describe());
  });

  const eventPosts = () => rig.graph.eventRequests().filter((r) => r.method === 'POST' && /\/me\/events\/?$/i.test(r.path));

  /** Schedules in a new channel thread; the posted join card, its record id and a way to press its buttons. */
  async function schedule(text: string, user: TeamsUser = ALICE, people: { id: string; name: string }[] = []) {
    const msg = mentioning(rig.message(text, user), people);
    assert.equal((await rig.post(msg)).status, 200);
    const posted = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c), 20_000);
    const card = cardOf(posted);
    assertValidCard(card);
    const recordId: string = card.refresh.action.data.recordId;
    const press = async (verb: string, data: Record<string, unknown> = { recordId }, extra: { state?: string; authentication?: { token: string } } = {}) => {
      const res = await rig.post(cardActionInvoke({ serviceUrl: rig.serviceUrl, user, conversation: msg.conversation, replyToId: posted.responseId!, verb, data, ...extra }));
      return { status: res.status, body: res.body as any };
    };
    const shared = () => cardOf(rig.connector.calls.filter((c) => c.kind === 'update' && c.activityId === posted.responseId).at(-1)) ?? card;
    return { msg, posted, card, recordId, press, shared };
  }

  it('create → change → cancel with attendees: one event in the organizer\'s calendar, invited by email, updated, cancelled with a comment', async () => {
    const before = eventPosts().length;
    const { card, press, shared, recordId } = await schedule('schedule Design review tomorrow 3pm for 45 min with @Sam Jones @Priya Patel', ALICE, [SAM, PRIYA]);

    const meetingRequest = rig.graph.meetingRequests().filter((r) => r.path.endsWith('/createOrGet')).at(-1)!;
    assert.equal(meetingRequest.authorization, 'Bearer graph-token-alice', 'the meeting with the meetings token');
    const posts = eventPosts().slice(before);
    assert.equal(posts.length, 1, 'one event');
    const post = posts[0]!;
    assert.equal(post.path, '/v1.0/me/events');
    assert.equal(post.authorization, 'Bearer calendar-token-alice', 'the event with the calendar connection\'s token');
    assert.equal(post.status, 201, JSON.stringify(post.body));
    const start = DateTime.now().setZone('America/New_York').plus({ days: 1 }).set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
    assert.deepEqual(post.body?.start, { dateTime: start.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: 'Eastern Standard Time' });
    assert.deepEqual(post.body?.end, { dateTime: start.plus({ minutes: 45 }).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: 'Eastern Standard Time' });
    assert.equal(post.body?.subject, 'Design review');
    assert.equal(post.body?.isOnlineMeeting, false, 'no second online meeting');
    assert.deepEqual(post.body?.location, { displayName: 'Microsoft Teams meeting' });
    assert.deepEqual(post.body?.attendees, [
      { emailAddress: { address: SAM.upn, name: SAM.name }, type: 'required' },
      { emailAddress: { address: PRIYA.upn, name: PRIYA.name }, type: 'required' },
    ]);
    assert.match(String(post.body?.transactionId), /^meeting-bot-event-/);
    const joinWebUrl = rig.graph.meetingFor(ALICE.aadObjectId, meetingRequest.body!.externalId)!.meeting.joinWebUrl as string;
    assert.equal(post.body?.body?.contentType, 'html');
    assert.ok(String(post.body?.body?.content).includes(`href="${joinWebUrl.replace(/&/g, '&amp;')}"`), 'the channel meeting\'s join link, escaped');
    assert.match(String(post.body?.body?.content), /channel thread/);

    const text = JSON.stringify(card);
    assert.match(text, /Outlook invitations sent to Sam Jones, Priya Patel\./);
    assert.ok(calendarLinkOf(card), 'Add to my calendar stays, for channel members who weren\'t invited');
    const event = rig.graph.eventsOf(ALICE.aadObjectId).find((e) => e.transactionId === post.body?.transactionId);
    assert.ok(event);

    // Change: an hour later, Priya unticked → the event follows (PATCH with the full new attendee list).
    const form = (await press(VERBS.change)).body.value;
    const save = form.actions.find((a: any) => a.verb === VERBS.saveChange).data;
    const answer = await press(VERBS.saveChange, { ...save, subject: 'Design review (moved)', date: inputOf(form, 'date'), time: '16:00', duration: '45', attendees: '0' });
    assert.equal(answer.status, 200);
    const patch = rig.graph.eventRequests().filter((r) => r.method === 'PATCH').at(-1)!;
    assert.equal(patch.path, `/v1.0/me/events/${encodeURIComponent(event!.event.id)}`);
    assert.equal(patch.authorization, 'Bearer calendar-token-alice');
    assert.equal(patch.status, 200, JSON.stringify(patch.body));
    assert.deepEqual(patch.body?.start, { dateTime: start.set({ hour: 16 }).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: 'Eastern Standard Time' });
    assert.deepEqual(patch.body?.attendees, [{ emailAddress: { address: SAM.upn, name: SAM.name }, type: 'required' }]);
    assert.equal(event!.event.subject, 'Design review (moved)');
    assert.equal(event!.event.start.dateTime, `${start.set({ hour: 16 }).toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss")}.0000000`);
    assert.match(JSON.stringify(answer.body.value), /Outlook invitations sent to Sam Jones\./);
    await rig.connector.waitFor((c) => c.kind === 'update' && /Outlook invitations sent to Sam Jones\./.test(JSON.stringify(cardOf(c))));

    // Cancel: the event is cancelled with a comment; still one event.
    await press(VERBS.cancelMeeting);
    const cancelled = await press(VERBS.confirmCancel);
    assert.equal(cancelled.status, 200);
    const cancel = rig.graph.eventRequests().filter((r) => /\/cancel$/.test(r.path)).at(-1)!;
    assert.equal(cancel.status, 202);
    assert.equal(cancel.authorization, 'Bearer calendar-token-alice');
    assert.deepEqual(event!.cancelled, { comment: `${ALICE.name} cancelled this Microsoft Teams meeting.` });
    assert.equal(eventPosts().length - before, 1, 'one event all along');
    assert.doesNotMatch(JSON.stringify(shared()), /weren't cancelled/);
    assert.ok(recordId);
    // The meetings token never went to the calendar, nor the calendar token to online meetings.
    assert.deepEqual(rig.graph.eventRequests().filter((r) => r.authorization === 'Bearer graph-token-alice'), []);
    assert.deepEqual(rig.graph.meetingRequests().filter((r) => r.authorization === 'Bearer calendar-token-alice'), []);
  });

  it('the event POST\'s answer is lost (connection dropped after Graph made it): the retry with the same transactionId makes no second event', async () => {
    const before = rig.graph.eventsOf(ALICE.aadObjectId).length;
    const mark = eventPosts().length;
    rig.graph.failNext({ resetConnection: true, afterCreate: true, match: (r) => r.method === 'POST' && /\/me\/events\/?$/i.test(r.path) });
    const { card } = await schedule('schedule Lost answer tomorrow 10am with @Sam Jones', ALICE, [SAM]);
    const posts = eventPosts().slice(mark);
    assert.equal(posts.length, 2, 'sent again after the dropped connection');
    assert.equal(posts[0]!.fault, 'reset');
    assert.equal(posts[1]!.body?.transactionId, posts[0]!.body?.transactionId);
    assert.equal(rig.graph.eventsOf(ALICE.aadObjectId).length, before + 1, 'one event');
    assert.equal(rig.graph.eventsOf(ALICE.aadObjectId).at(-1)!.posts, 2);
    assert.match(JSON.stringify(card), /Outlook invitations sent to Sam Jones\./);
  });

  it('a calendar token without Calendars.ReadWrite (403): the meeting exists, the card says why and keeps Add to my calendar; the organizer is offered the invitations again', async () => {
    rig.tokens.setToken(BOB.id, 'calendar-token-bob-unconsented', CALENDAR_CONNECTION);
    const { card, press } = await schedule('schedule Budget tomorrow 11am with @Sam Jones', BOB, [SAM]);
    const post = eventPosts().at(-1)!;
    assert.equal(post.status, 403);
    assert.equal(rig.meetingsOf(BOB).length >= 1, true, 'the meeting was created');
    const text = JSON.stringify(card);
    assert.match(text, /Outlook invitations weren't sent: the bot isn't allowed to use the organizer's Outlook calendar \(the Calendars\.ReadWrite permission isn't granted\)\./);
    assert.match(text, /Anyone can still use Add to my calendar\./);
    assert.ok(calendarLinkOf(card));
    assert.ok(card.actions.some((a: any) => a.title === 'Join'));
    assert.equal(rig.tokens.tokenOf(BOB.id, CALENDAR_CONNECTION), undefined, 'the refused calendar token was signed out, so the next press asks again');
    assert.equal(rig.tokens.tokenOf(BOB.id), 'graph-token-bob', 'the meetings sign-in is untouched');
    const organizers = (await press(VERBS.refresh)).body.value;
    assert.ok(sendInvitationsButton(organizers), 'Send Outlook invitations on the organizer\'s card');
    assert.equal(sendInvitationsButton(card), undefined, 'not on the card everyone sees');
  });

  it('an organizer without an Exchange Online mailbox (404 MailboxNotEnabledForRESTAPI): the meeting exists, the card says why, Add to my calendar stays', async () => {
    rig.graph.withoutMailbox(BOB.aadObjectId);
    rig.tokens.setToken(BOB.id, 'calendar-token-bob', CALENDAR_CONNECTION);
    const { card, press } = await schedule('schedule Vendor call tomorrow 1pm with @Priya Patel', BOB, [PRIYA]);
    const post = eventPosts().at(-1)!;
    assert.equal(post.status, 404);
    const text = JSON.stringify(card);
    assert.match(text, /Outlook invitations weren't sent: the organizer has no Exchange Online mailbox\./);
    assert.ok(calendarLinkOf(card));
    assert.ok(card.actions.some((a: any) => a.title === 'Join'));
    assert.equal(sendInvitationsButton((await press(VERBS.refresh)).body.value), undefined, 'nothing to retry without a mailbox');
  });

  it('no calendar token yet: the card offers the invitations; pressing Send Outlook invitations signs in to the calendar connection (loginRequest, magic code) and creates the event', async () => {
    rig.tokens.forget(ALICE.id, CALENDAR_CONNECTION);
    const mark = eventPosts().length;
    const { card, press, posted } = await schedule('schedule Retro tomorrow 4pm with @Sam Jones', ALICE, [SAM]);
    assert.equal(eventPosts().length, mark, 'no event without a calendar token');
    assert.match(JSON.stringify(card), /Outlook invitations weren't sent: the organizer hasn't let the bot use their Outlook calendar yet\./);
    assert.equal(rig.tokens.tokenOf(ALICE.id), 'graph-token-alice', 'signing in for meetings needed no calendar consent');

    const organizers = (await press(VERBS.refresh)).body.value;
    assertValidCard(organizers);
    const button = sendInvitationsButton(organizers);
    assert.ok(button);
    const login = await press(VERBS.sendInvitations, button.data);
    assert.equal(login.status, 401);
    assert.equal(login.body.type, 'application/vnd.microsoft.activity.loginRequest');
    assert.equal(login.body.value.connectionName, CALENDAR_CONNECTION);
    assert.equal(login.body.value.text, 'Sign in so I can send the Outlook invitations from your calendar.');
    assert.ok(login.body.value.tokenExchangeResource?.id);
    assert.equal(rig.tokens.signIns.at(-1)!.state.connectionName, CALENDAR_CONNECTION);
    assert.equal(eventPosts().length, mark);

    // Teams finished the sign-in link and re-sends the press with the magic code.
    rig.tokens.issueMagicCode(ALICE.id, '135790', 'calendar-token-alice', CALENDAR_CONNECTION);
    const done = await press(VERBS.sendInvitations, button.data, { state: '135790' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const post = eventPosts().at(-1)!;
    assert.equal(eventPosts().length, mark + 1);
    assert.equal(post.authorization, 'Bearer calendar-token-alice');
    assert.equal(post.status, 201);
    assert.match(JSON.stringify(done.body.value), /Outlook invitations sent to Sam Jones\./);
    assert.equal(sendInvitationsButton(done.body.value), undefined);
    const shared = await rig.connector.waitFor((c) => c.kind === 'update' && c.activityId === posted.responseId && /Outlook invitations sent to Sam Jones/.test(JSON.stringify(cardOf(c))));
    assertValidCard(cardOf(shared));

    // Pressed again (a replayed press): the event exists, nothing more is sent.
    await press(VERBS.sendInvitations, button.data);
    assert.equal(eventPosts().length, mark + 1);
  });

  it('the organizer\'s refresh sends invitations left behind once the calendar token is at hand (no sign-in asked)', async () => {
    rig.tokens.forget(ALICE.id, CALENDAR_CONNECTION);
    const { press } = await schedule('schedule Later sign-in tomorrow 5pm with @Priya Patel', ALICE, [PRIYA]);
    const mark = eventPosts().length;
    // Signed in to the calendar elsewhere (another card's button): the next look at this card catches up.
    rig.tokens.setToken(ALICE.id, 'calendar-token-alice', CALENDAR_CONNECTION);
    const seen = (await press(VERBS.refresh)).body.value;
    assert.equal(eventPosts().length, mark + 1);
    assert.match(JSON.stringify(seen), /Outlook invitations sent to Priya Patel\./);
  });
});

function assertValidCard(card: any): void {
  assert.deepEqual(parseAdaptiveCard(card).events, []);
  assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28 * 1024);
}

function calendarLinkOf(card: any): string | undefined {
  return findByType(card, 'ActionSet').flatMap((s) => s.actions as any[]).find((a) => a.type === 'Action.OpenUrl' && /outlook\.office\.com\/calendar/.test(a.url))?.url;
}

function sendInvitationsButton(card: any): any {
  return findByType(card, 'ActionSet').flatMap((s) => s.actions as any[]).find((a) => a.verb === VERBS.sendInvitations);
}

function inputOf(card: any, id: string): string {
  const input = ['Input.Text', 'Input.Date', 'Input.Time', 'Input.ChoiceSet'].flatMap((t) => findByType(card, t)).find((i) => i.id === id);
  return String(input?.value ?? '');
}
