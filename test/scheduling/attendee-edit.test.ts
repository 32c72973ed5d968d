// The organizer's Change form adds attendees: the conversation's members (MemberDirectory.listMembers, paged and
// cached briefly) offered beside the current attendees, and the ids a save carries looked up in this conversation
// before Graph hears of them. In process: the MemberDirectory itself, and the whole bot through TestAdapter.
import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { SandboxSignIn } from '../../src/auth/sandbox-sign-in';
import { VERBS } from '../../src/teams/card-verbs';
import type { MeetingRecord } from '../../src/meetings/meeting-record';
import { attendeesAfterEdit } from '../../src/scheduling/attendee-edit';
import { MemberDirectory, type MemberLookup, type MemberPage } from '../../src/teams/member-directory';
import * as activities from '../../support/activities';
import { parseAdaptiveCard } from '../support/adaptive-cards';
import { MAX, PRIYA, SAM, memberRecord, mentioning, type Person } from '../support/people';
import {
  ALICE,
  BOB,
  BOT,
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

const AARON: Person = { id: '29:1Aaron4Kp8Lm2Nx5aaron7Vb3Kc6Jd9Hf1Gs4Ta7Ye0Wu3Ri6Oe9Pl', name: 'Aaron Zed', aadObjectId: '3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4', upn: 'aaron@contoso.com' };
const ALICE_MEMBER = memberRecord({ ...ALICE, upn: 'alice@contoso.com' });

/** A Teams directory of member records: pages of `pageSize` through continuation tokens, single lookups by id. */
class FakeTeams {
  members: Record<string, unknown>[] = [memberRecord(PRIYA), { id: BOT.id, name: BOT.name }, ALICE_MEMBER, memberRecord(SAM), memberRecord(AARON)];
  pageCalls: { conversation: string; pageSize: number; token?: string }[] = [];
  lookups: string[] = [];
  failPages = 0;

  readonly page: MemberPage = async (context, pageSize, token) => {
    this.pageCalls.push({ conversation: context.activity.conversation.id, pageSize, token });
    if (this.failPages > 0) {
      this.failPages -= 1;
      throw Object.assign(new Error('Teams is down'), { statusCode: 503 });
    }
    const from = token ? Number(token) : 0;
    const next = from + pageSize < this.members.length ? String(from + pageSize) : undefined;
    return { members: this.members.slice(from, from + pageSize) as never, continuationToken: next };
  };

  readonly lookup: MemberLookup = async (_context, userId) => {
    this.lookups.push(userId);
    const m = this.members.find((x) => x.id === userId);
    if (!m) throw Object.assign(new Error('MemberNotFoundInConversation'), { statusCode: 404 });
    return m as never;
  };

  directory(opts: ConstructorParameters<typeof MemberDirectory>[0] = {}): MemberDirectory {
    return new MemberDirectory({ page: this.page, lookup: this.lookup, ...opts });
  }
}

function contextFor(activity: Record<string, unknown>): TurnContext {
  return new TurnContext(new TestAdapter(), activity as Partial<Activity>);
}

const SERVICE_URL = 'https://smba.test.invalid/amer/';
const inGroupChat = () => contextFor(activities.groupChatMessage({ serviceUrl: SERVICE_URL, text: 'x' }));

describe('MemberDirectory: the conversation\'s members for the Change form', () => {
  it('lists people only (not the bot, not a malformed id), a page at a time; only in Teams channels and group chats', async () => {
    const teams = new FakeTeams();
    teams.members.push({ id: 'not-a-teams-id', name: 'Weird' }, memberRecord(SAM));
    const directory = teams.directory({ pageSize: 2 });
    const listing = await directory.listMembers(inGroupChat());
    assert.deepEqual(listing, {
      kind: 'listed',
      members: [PRIYA, ALICE, SAM, AARON].map((p) => ({ id: p.id, name: p.name })),
      more: false,
    });
    assert.deepEqual(teams.pageCalls.map((c) => c.token), [undefined, '2', '4', '6']);

    const personal = contextFor(activities.personalMessage({ serviceUrl: SERVICE_URL, text: 'x' }));
    const emulator = contextFor(activities.emulatorMessage({ serviceUrl: 'http://127.0.0.1:1/', text: 'x' }));
    const calls = teams.pageCalls.length;
    assert.deepEqual(await directory.listMembers(personal), { kind: 'none' });
    assert.deepEqual(await directory.listMembers(emulator), { kind: 'none' });
    assert.equal(teams.pageCalls.length, calls, 'never asked');
  });

  it('reads at most maxListed members and says there are more', async () => {
    const teams = new FakeTeams();
    teams.members = Array.from({ length: 30 }, (_, i) => ({ id: `29:1m${i}`, name: `M${i}` }));
    const listing = await teams.directory({ pageSize: 10, maxListed: 20 }).listMembers(inGroupChat());
    assert.equal(listing.kind === 'listed' && listing.members.length, 20);
    assert.equal(listing.kind === 'listed' && listing.more, true);
    assert.equal(teams.pageCalls.length, 2);
  });

  it('reuses a list for a short while; two forms at once ask Teams once; a failure is not remembered', async () => {
    const teams = new FakeTeams();
    let now = 1_000_000;
    const directory = teams.directory({ listTtlMs: 60_000, now: () => now });
    const [a, b] = await Promise.all([directory.listMembers(inGroupChat()), directory.listMembers(inGroupChat())]);
    assert.equal(teams.pageCalls.length, 1);
    assert.deepEqual(a, b);
    now += 59_000;
    await directory.listMembers(inGroupChat());
    assert.equal(teams.pageCalls.length, 1, 'within the TTL');
    now += 2_000;
    teams.failPages = 1;
    assert.deepEqual(await directory.listMembers(inGroupChat()), { kind: 'unavailable' });
    assert.equal((await directory.listMembers(inGroupChat())).kind, 'listed', 'asked again after the failure');
    assert.equal(teams.pageCalls.length, 3);
  });

  it('a second page that fails still offers the first (not remembered); a list that takes too long is unavailable', async () => {
    const teams = new FakeTeams();
    const directory = teams.directory({ pageSize: 2 });
    const page = teams.page;
    let calls = 0;
    const flaky = teams.directory({ pageSize: 2, page: async (c, size, token) => (++calls === 2 ? Promise.reject(new Error('reset')) : page(c, size, token)) });
    // The first page is Priya and the bot (never offered); the second fails.
    assert.deepEqual(await flaky.listMembers(inGroupChat()), { kind: 'listed', members: [{ id: PRIYA.id, name: PRIYA.name }], more: true });
    assert.equal((await flaky.listMembers(inGroupChat())).kind, 'listed');
    assert.equal(calls, 5, 'read again in full');

    const hanging = teams.directory({ listTimeoutMs: 50, page: () => new Promise(() => undefined) });
    const started = Date.now();
    assert.deepEqual(await hanging.listMembers(inGroupChat()), { kind: 'unavailable' });
    assert.ok(Date.now() - started < 1_000);
    assert.equal((await directory.listMembers(inGroupChat())).kind, 'listed');
  });

  it('lookUp: members become attendees (Entra object id, upn); a stranger, a malformed id and anyone beyond the room are reported', async () => {
    const teams = new FakeTeams();
    const directory = teams.directory();
    const context = inGroupChat();
    await directory.listMembers(context);
    const found = await directory.lookUp(context, [PRIYA.id, MAX.id, '../../x', AARON.id], 3);
    assert.deepEqual(found.attendees, [{ id: PRIYA.id, name: PRIYA.name, objectId: PRIYA.aadObjectId, upn: PRIYA.upn }]);
    assert.deepEqual(found.unresolved, [
      { name: `${MAX.id.slice(0, 39)}…`, reason: 'notFound' },
      { name: '../../x', reason: 'notFound' },
      { name: AARON.name, reason: 'tooMany' },
    ]);
    assert.deepEqual(teams.lookups, [PRIYA.id, MAX.id], 'a malformed id never reaches Teams');
  });

  it('names are cut to 64 characters and a UPN over 128 characters is dropped where Teams gives them: lookups, mentions, the member list', async () => {
    const teams = new FakeTeams();
    const longName = `Priya ${'Wolfeschlegelsteinhausenbergerdorff '.repeat(7)}`.trim();
    const longUpn = `${'p'.repeat(200)}@contoso.com`;
    teams.members = [{ ...memberRecord(PRIYA), name: longName, userPrincipalName: longUpn, email: longUpn }, { ...memberRecord(SAM), name: '  Sam Jones  ' }];
    const directory = teams.directory();
    const context = inGroupChat();
    const listing = await directory.listMembers(context);
    assert.deepEqual(listing.kind === 'listed' && listing.members.map((m) => m.name), [`${[...longName].slice(0, 63).join('').trimEnd()}…`, 'Sam Jones']);
    const found = await directory.lookUp(context, [PRIYA.id, SAM.id, MAX.id]);
    assert.deepEqual(found.attendees, [
      { id: PRIYA.id, name: `${longName.slice(0, 63).trimEnd()}…`, objectId: PRIYA.aadObjectId },
      { id: SAM.id, name: 'Sam Jones', objectId: SAM.aadObjectId, upn: SAM.upn },
    ]);

    // A mention's own name (used when Teams' answer has none, and for who couldn't be added) is cut too.
    const mentionedName = `Max ${'Mustermann '.repeat(30)}`.trim();
    const message = mentioning(activities.groupChatMessage({ serviceUrl: SERVICE_URL, text: `schedule x with @${mentionedName}` }) as any, [{ id: MAX.id, name: mentionedName }]);
    const people = await directory.peopleIn(contextFor(message));
    assert.deepEqual(people?.unresolved, [{ name: `${mentionedName.slice(0, 63).trimEnd()}…`, reason: 'notFound' }]);
  });

  it('attendeesAfterEdit: keeps the ticked attendees as they are, adds the looked-up ones, never the organizer or the bot, at most 50', async () => {
    const teams = new FakeTeams();
    const context = inGroupChat();
    const current = Array.from({ length: 49 }, (_, i) => ({ id: `29:1kept${i}`, name: `Kept ${i}`, objectId: '11111111-2222-4333-8444-555555555555' }));
    const record = { organizer: { id: ALICE.id, name: ALICE.name }, attendees: current, botId: BOT.id } as MeetingRecord;
    const ids = [...current.map((a) => a.id).slice(1), ALICE.id, BOT.id, SAM.id, PRIYA.id];
    const edit = await attendeesAfterEdit({ botId: context.activity.recipient?.id }, teams.directory().rosterFor(context), record, ids);
    assert.deepEqual(edit.attendees.map((a) => a.id), [...current.slice(1).map((a) => a.id), SAM.id, PRIYA.id]);
    assert.deepEqual(edit.unresolved, []);
    assert.deepEqual(teams.lookups, [SAM.id, PRIYA.id], 'the kept attendees are not looked up again');

    const full = await attendeesAfterEdit({ botId: context.activity.recipient?.id }, teams.directory().rosterFor(context), record, [...current.map((a) => a.id), SAM.id, PRIYA.id]);
    assert.equal(full.attendees.length, 50);
    assert.deepEqual(full.unresolved, [{ name: PRIYA.id.slice(0, 39) + '…', reason: 'tooMany' }]);
  });
});

describe('the Change form adds attendees (TestAdapter, the whole bot)', () => {
  async function scheduledWithSam(h: Harness) {
    const message = mentioning(threadMessage('schedule Design review tomorrow at 3pm for 45 minutes with @Sam Jones') as Record<string, any>, [SAM]);
    const posted = onlyCard(await h.send(message as Partial<Activity>));
    await h.send(refreshInvoke(posted, ALICE));
    return { posted, organizer: h.lastInvokeResponse()!.body.value };
  }
  const attendeeInput = (card: any) => (card.body as any[]).find((e) => e.id === 'attendees');
  /** The ids Save changes carries, by choice position. */
  const choiceIds = (card: any): string[] => card.actions.find((a: any) => a.verb === VERBS.saveChange).data.choiceIds;
  const sharedNow = (h: Harness, posted: Partial<Activity>) => cardIn(h.adapter.updates.filter((u) => u.id === posted.id).at(-1) ?? posted)!;

  it('in a channel: the team\'s members by name after the ticked attendees; saving with Priya invites her and the card mentions her for everyone', async () => {
    const teams = new FakeTeams();
    const h = createHarness(new SandboxSignIn(), { directory: teams.directory() });
    const { posted, organizer } = await scheduledWithSam(h);
    assert.deepEqual(h.meetings.calls[0]!.input.attendees?.map((a) => a.id), [SAM.id]);

    await h.send(pressOn(organizer, posted.id!, VERBS.change));
    const form = h.lastInvokeResponse()!.body.value;
    assert.deepEqual(parseAdaptiveCard(form).events, []);
    assert.deepEqual(attendeeInput(form).choices.map((c: any) => c.title), ['Sam Jones', 'Aaron Zed', 'Priya Patel'], 'not Alice (the organizer), not the bot');
    assert.equal(attendeeInput(form).value, '0');
    assert.deepEqual(choiceIds(form), [SAM.id, AARON.id, PRIYA.id]);

    // Sam and Priya ticked (positions; Priya twice, and a position the card never had, as a forged press would send
    // them), plus an id no list offered (as a forged or pre-position card would send it).
    const details = { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45' };
    await h.send(pressOn(form, posted.id!, VERBS.saveChange, ALICE, { ...details, attendees: '0,2,2,99,29:1ghost' }));
    assert.deepEqual(teams.lookups.slice(-2), [PRIYA.id, '29:1ghost'], 'position 99 names nobody: nothing looked up for it');
    const change = h.meetings.updates.at(-1)!.change;
    assert.deepEqual(change.attendees, [
      { id: SAM.id, name: SAM.name, objectId: SAM.aadObjectId, upn: SAM.upn },
      { id: PRIYA.id, name: PRIYA.name, objectId: PRIYA.aadObjectId, upn: PRIYA.upn },
    ]);
    assert.equal(change.lobbyScope, 'invited');
    const everyone = sharedNow(h, posted);
    assert.deepEqual(everyone.msteams.entities.map((e: any) => e.mentioned.id), [SAM.id, PRIYA.id]);
    assert.match(cardText(everyone), /I couldn't add 29:1ghost: they aren't a member of this conversation\./);
    assert.deepEqual(h.lastInvokeResponse()!.body.value.msteams.entities.map((e: any) => e.mentioned.id), [SAM.id, PRIYA.id], 'the organizer\'s own view too');
  });

  it('a rejected save keeps who was ticked (Priya too) and looks nobody up; a save that only adds a stranger changes nothing in Graph and says so', async () => {
    const teams = new FakeTeams();
    const h = createHarness(new SandboxSignIn(), { directory: teams.directory() });
    const { posted, organizer } = await scheduledWithSam(h);
    await h.send(pressOn(organizer, posted.id!, VERBS.change));
    const form = h.lastInvokeResponse()!.body.value;
    const lookups = teams.lookups.length;
    await h.send(pressOn(form, posted.id!, VERBS.saveChange, ALICE, { subject: '', date: '2026-11-28', time: '15:00', duration: '45', attendees: `${SAM.id},${PRIYA.id}` }));
    const again = h.lastInvokeResponse()!.body.value;
    assert.match(cardText(again), /Please give the meeting a subject/);
    assert.equal(attendeeInput(again).value, '0,2', 'Sam and Priya (ticked by id, as a card from before positions sends them)');
    assert.equal(teams.lookups.length, lookups);
    assert.equal(h.meetings.updates.length, 0);

    await h.send(pressOn(again, posted.id!, VERBS.saveChange, ALICE, { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45', attendees: `${SAM.id},${MAX.id}` }));
    assert.equal(h.meetings.updates.length, 0, 'nothing to change in Graph');
    const answer = h.lastInvokeResponse()!.body.value;
    assert.ok(cardText(answer).includes(`I couldn't add ${MAX.id.slice(0, 39)}…: they aren't a member of this conversation.`), 'named by its id: the bot never listed it');
    assert.deepEqual(answer.msteams.entities.map((e: any) => e.mentioned.id), [SAM.id]);
  });

  it('Teams can\'t list the members: the form opens with the attendees and says why; someone else still can\'t change anything', async () => {
    const teams = new FakeTeams();
    teams.failPages = 1;
    const h = createHarness(new SandboxSignIn(), { directory: teams.directory() });
    const { posted, organizer } = await scheduledWithSam(h);
    await h.send(pressOn(organizer, posted.id!, VERBS.change));
    const form = h.lastInvokeResponse()!.body.value;
    assert.deepEqual(attendeeInput(form).choices.map((c: any) => choiceIds(form)[c.value]), [SAM.id]);
    assert.match(cardText(form), /I couldn't get this conversation's member list/);

    await h.send(pressOn(form, posted.id!, VERBS.saveChange, BOB, { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45', attendees: `${SAM.id},${PRIYA.id}` }));
    assert.equal(h.meetings.updates.length, 0);
    assert.deepEqual(teams.lookups.filter((id) => id === PRIYA.id), [], 'a stranger\'s press looks nobody up');
  });

  it('in personal chat: no member list is asked for, the form is as before', async () => {
    const teams = new FakeTeams();
    const h = createHarness(new SandboxSignIn(), { directory: teams.directory() });
    const conversation = activities.personalConversation(ALICE);
    const posted = onlyCard(await h.send(activities.personalMessage({ serviceUrl: SERVICE_URL, text: 'schedule Design review tomorrow at 3pm', user: ALICE, tz: 'America/New_York' }) as Partial<Activity>));
    const card = cardIn(posted)!;
    await h.send(activities.cardPress({ serviceUrl: SERVICE_URL, user: ALICE, card, verb: VERBS.change, replyToId: posted.id!, conversation }) as Partial<Activity>);
    const form = h.lastInvokeResponse()!.body.value;
    assert.match(cardText(form), /Change the meeting/);
    assert.deepEqual(inputValues(form), { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '30' });
    assert.doesNotMatch(cardText(form), /member list|members/);
    assert.equal(teams.pageCalls.length, 0);
  });
});
