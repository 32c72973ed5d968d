// Attendees from @mentions, end to end over HTTP: the real bot process (SANDBOX=false) looks the mentioned people
// up at the connector stand-in (GET …/members/{id}), invites them through Graph (the https stand-in checks the
// participants shape), mentions them on the join card, reports who it couldn't add, and lets the organizer
// uninvite someone and, from the channel's members (GET …/pagedmembers), invite someone new (PATCH with the full list).
import assert from 'node:assert/strict';
import { VERBS } from '../../src/teams/card-verbs';
import { ALICE, BOT_APP_ID, BOT_NAME, CHANNEL_ID, cardActionInvoke } from '../../support/activities';
import { Rig } from '../support/full-path-rig';
import { MAX, PRIYA, SAM, memberRecord, mentioning, type Person } from '../support/people';
import { findByType, parseAdaptiveCard } from '../support/adaptive-cards';
import { checkPeople } from '../../support/graph-stand-in';
import { cardOf, isJoin } from '../../support/wire-cards';

describe('attendees from @mentions (real bot process, loopback Teams and Graph)', function () {
  this.timeout(60_000);
  const rig = new Rig();

  before(async () => {
    await rig.start();
    rig.connector.members = [memberRecord(SAM), memberRecord(PRIYA)];
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(rig.bot.logs().split('\n').slice(-30).join('\n'), '\n', rig.connector.describe());
  });

  async function schedule(text: string, people: { id: string; name: string; type?: string }[], teamId?: string) {
    const msg = mentioning(rig.message(text, ALICE, teamId ? { teamId } : {}), people);
    assert.equal((await rig.post(msg)).status, 200);
    const posted = await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c));
    const card = cardOf(posted);
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28 * 1024);
    const request = rig.graph.meetingRequests().filter((r) => r.path.endsWith('/createOrGet')).at(-1)!;
    return { msg, posted, card, request };
  }

  it('"with @Sam @Priya": both invited in Graph (Entra object id, upn, attendee; lobby: invited), mentioned on the card, not in the subject', async () => {
    const { card, request } = await schedule('schedule Design review tomorrow 3pm with @Sam Jones @Priya Patel', [SAM, PRIYA]);
    assert.equal(request.body?.subject, 'Design review');
    assert.deepEqual(request.body?.participants, {
      attendees: [
        { identity: { user: { id: SAM.aadObjectId } }, upn: SAM.upn, role: 'attendee' },
        { identity: { user: { id: PRIYA.aadObjectId } }, upn: PRIYA.upn, role: 'attendee' },
      ],
    });
    assert.deepEqual(request.body?.lobbyBypassSettings, { scope: 'invited' });
    assert.equal(request.headers.prefer, 'include-unknown-enum-members', 'invited is an evolvable member: Graph refuses it without this header');
    assert.equal(request.status, 201, 'Graph (stand-in) accepted the participants');
    assert.deepEqual(card.msteams.entities, [
      { type: 'mention', text: '<at>Sam Jones</at>', mentioned: { id: SAM.id, name: 'Sam Jones' } },
      { type: 'mention', text: '<at>Priya Patel</at>', mentioned: { id: PRIYA.id, name: 'Priya Patel' } },
    ]);
    assert.match(JSON.stringify(card.body), /<at>Sam Jones<\/at>, <at>Priya Patel<\/at>/);
    const lookups = rig.connector.calls.filter((c) => c.kind === 'member').map((c) => c.memberId);
    assert.deepEqual(lookups.sort(), [PRIYA.id, SAM.id].sort(), 'one member lookup each');
  });

  it('the organizer unticks Priya on the Change form: Graph gets a PATCH with the full remaining list, the card mentions only Sam', async () => {
    const { msg, posted, card } = await schedule('schedule Attendee edit tomorrow 4pm invite @Sam Jones @Priya Patel', [SAM, PRIYA]);
    assert.equal(rig.connector.calls.filter((c) => c.kind === 'member').length, 2, 'the lookups of the first test are reused (cache)');
    const recordId = card.refresh.action.data.recordId;
    const press = async (verb: string, data: Record<string, unknown>) =>
      (await rig.post(cardActionInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: msg.conversation, replyToId: posted.responseId!, verb, data }))).body as any;
    const form = (await press(VERBS.change, { recordId })).value;
    assert.equal(inputOf(form, 'attendees'), '0,1', 'both ticked (by position)');
    const save = form.actions.find((a: any) => a.verb === VERBS.saveChange).data;
    assert.deepEqual(save.choiceIds, [SAM.id, PRIYA.id], 'the ids travel once, on Save changes');
    const answer = await press(VERBS.saveChange, { ...save, subject: 'Attendee edit', date: inputOf(form, 'date'), time: inputOf(form, 'time'), duration: inputOf(form, 'duration'), attendees: '0' });
    const patch = rig.graph.meetingRequests().filter((r) => r.method === 'PATCH').at(-1)!;
    assert.deepEqual(patch.body?.participants, { attendees: [{ identity: { user: { id: SAM.aadObjectId } }, upn: SAM.upn, role: 'attendee' }] });
    assert.equal(patch.status, 200);
    assert.deepEqual(answer.value.msteams.entities.map((e: any) => e.mentioned.id), [SAM.id]);
    const shared = await rig.connector.waitFor((c) => c.kind === 'update' && c.activityId === posted.responseId && cardOf(c)?.msteams?.entities?.length === 1);
    assert.doesNotMatch(JSON.stringify(cardOf(shared)), /Priya/);
  });

  it('Change in a channel offers the team\'s members (Sam ticked, Priya not); saving with Priya adds her (PATCH with both, the card mentions her for everyone); a forged id is named as not found and nothing else is lost', async () => {
    // Another team, so its member list is read fresh: it holds the organizer and the bot too, who are never offered.
    const teamId = '19:RosterTeam0aB1cD2eF3gH4iJ5kL6mN7o@thread.tacv2';
    const before = rig.connector.members;
    rig.connector.members = [memberRecord(PRIYA), { id: `28:${BOT_APP_ID}`, name: BOT_NAME }, memberRecord({ ...ALICE, upn: 'alice@contoso.com' }), memberRecord(SAM)];
    try {
      const { msg, posted, card } = await schedule('schedule Roster edit tomorrow 2pm with @Sam Jones', [SAM], teamId);
      const recordId = card.refresh.action.data.recordId;
      const press = async (verb: string, data: Record<string, unknown>) =>
        (await rig.post(cardActionInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: msg.conversation, teamId, replyToId: posted.responseId!, verb, data }))).body as any;

      const form = (await press(VERBS.change, { recordId })).value;
      assert.deepEqual(parseAdaptiveCard(form).events, [], 'valid at Adaptive Cards 1.5');
      const people = findByType(form, 'Input.ChoiceSet').find((i) => i.id === 'attendees')!;
      const choiceIds = form.actions.find((a: any) => a.verb === VERBS.saveChange).data.choiceIds;
      assert.deepEqual((people.choices as any[]).map((c) => [c.title, choiceIds[c.value]]), [[SAM.name, SAM.id], [PRIYA.name, PRIYA.id]], 'Sam (attendee), then the team\'s other members: not Alice, not the bot');
      assert.equal(people.value, '0', 'only Sam is ticked');
      assert.equal(people.isMultiSelect, true);
      assert.equal(people.style, 'filtered', 'static typeahead');
      const listed = rig.connector.calls.filter((c) => c.kind === 'pagedMembers' && c.conversationId === teamId);
      assert.equal(listed.length, 1, 'a channel lists its team');
      assert.match(listed[0]!.query.pageSize ?? '', /^\d+$/);

      // Priya added, plus two ids no member list offered: a well-formed one Teams doesn't know (404), and garbage.
      const forged = '29:1Forged0Outsider9NotInThisTeam';
      const save = form.actions.find((a: any) => a.verb === VERBS.saveChange).data;
      const details = { subject: 'Roster edit', date: inputOf(form, 'date'), time: inputOf(form, 'time'), duration: inputOf(form, 'duration') };
      const mark = rig.connector.calls.length;
      const answer = await press(VERBS.saveChange, { ...save, ...details, attendees: `0,1,${forged},../../members` });
      const patch = rig.graph.meetingRequests().filter((r) => r.method === 'PATCH').at(-1)!;
      assert.equal(patch.status, 200);
      assert.deepEqual(patch.body?.participants, {
        attendees: [
          { identity: { user: { id: SAM.aadObjectId } }, upn: SAM.upn, role: 'attendee' },
          { identity: { user: { id: PRIYA.aadObjectId } }, upn: PRIYA.upn, role: 'attendee' },
        ],
      });
      assert.deepEqual(patch.body?.lobbyBypassSettings, { scope: 'invited' });
      assert.equal(patch.headers.prefer, 'include-unknown-enum-members');
      assert.equal(patch.body?.subject, 'Roster edit', 'the rest of the meeting is as it was');
      const lookups = rig.connector.calls.slice(mark).filter((c) => c.kind === 'member');
      assert.deepEqual(lookups.map((c) => [c.conversationId, c.memberId, c.status]), [[teamId, PRIYA.id, 200], [teamId, forged, 404]], 'Priya and the forged id looked up in the team (Sam is kept as he is); garbage never sent to Teams');

      const shared = await rig.connector.waitFor((c) => c.kind === 'update' && c.activityId === posted.responseId && cardOf(c)?.msteams?.entities?.length === 2);
      for (const seen of [cardOf(shared), answer.value]) {
        assert.deepEqual(parseAdaptiveCard(seen).events, []);
        assert.deepEqual(seen.msteams.entities, [
          { type: 'mention', text: '<at>Sam Jones</at>', mentioned: { id: SAM.id, name: 'Sam Jones' } },
          { type: 'mention', text: '<at>Priya Patel</at>', mentioned: { id: PRIYA.id, name: 'Priya Patel' } },
        ]);
        const text = JSON.stringify(seen);
        assert.match(text, /<at>Sam Jones<\/at>, <at>Priya Patel<\/at>/);
        assert.match(text, new RegExp(`I couldn't add ${forged}: they aren't a member of this conversation\\.`));
        assert.match(text, /I couldn't add \.\.\/\.\.\/members: they aren't a member of this conversation\./);
      }
      assert.deepEqual(cardOf(shared).refresh.userIds, [ALICE.id], 'still the everyone view, with the organizer\'s refresh');

      // The next Change shows both ticked and, with the list cached, doesn't ask Teams again.
      const again = (await press(VERBS.change, { recordId })).value;
      assert.equal(inputOf(again, 'attendees'), '0,1');
      assert.equal(rig.connector.calls.filter((c) => c.kind === 'pagedMembers' && c.conversationId === teamId).length, 1);
    } finally {
      rig.connector.members = before;
    }
  });

  it('50 people with long names mentioned: all invited in Graph; the join card and the Change form stay within 28 KB over the wire; Save changes by position', async () => {
    const pad = (i: number) => String(i).padStart(2, '0');
    // Realistic Teams ids (~90 characters), names longer than the 64 characters the bot keeps.
    const many: Person[] = Array.from({ length: 50 }, (_, i) => ({
      id: `29:1${pad(i)}${'Rb0sam3Tw6Ux1Vz4Ae7Bf0Cg3Dh6Ei9Fj2Gk5Hl8Im1'.repeat(3)}`.slice(0, 90),
      name: `Colleague ${pad(i)} ${'Wolfeschlegelsteinhausenbergerdorff '.repeat(3)}`.trim(),
      aadObjectId: `0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d${pad(i)}`,
      upn: `colleague${pad(i)}@contoso.com`,
    }));
    const before = rig.connector.members;
    rig.connector.members = [...before, ...many.map(memberRecord)];
    try {
      const { msg, posted, card, request } = await schedule(`schedule Big sync tomorrow 3pm with ${many.map((p) => `@${p.name}`).join(' ')}`, many);
      assert.deepEqual(request.body?.participants?.attendees?.map((a: any) => a.identity.user.id), many.map((p) => p.aadObjectId), 'all 50 invited');
      assert.equal(request.status, 201);
      const bytes = Buffer.byteLength(JSON.stringify(card));
      assert.ok(bytes <= 28 * 1024, `join card: ${bytes} bytes`);
      const line = String(findByType(card, 'TextBlock').find((b) => String(b.text).includes('<at>'))?.text);
      for (const e of card.msteams.entities) {
        assert.ok(line.includes(e.text), 'each entity\'s text is in the card');
        assert.ok([...e.mentioned.name].length <= 64, e.mentioned.name);
      }
      const more = /and (\d+) more$/.exec(line);
      assert.equal(card.msteams.entities.length + Number(more?.[1] ?? 0), 50, 'everyone mentioned or counted');

      const recordId = card.refresh.action.data.recordId;
      const press = async (verb: string, data: Record<string, unknown>) =>
        (await rig.post(cardActionInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: msg.conversation, replyToId: posted.responseId!, verb, data }))).body as any;
      const form = (await press(VERBS.change, { recordId })).value;
      assert.deepEqual(parseAdaptiveCard(form).events, []);
      const formBytes = Buffer.byteLength(JSON.stringify(form));
      assert.ok(formBytes <= 28 * 1024, `Change form: ${formBytes} bytes`);
      const save = form.actions.find((a: any) => a.verb === VERBS.saveChange).data;
      assert.deepEqual(save.choiceIds.slice(0, 50), many.map((p) => p.id));
      const ticked = inputOf(form, 'attendees');
      assert.equal(ticked, Array.from({ length: 50 }, (_, i) => String(i)).join(','));
      // Untick the last one: positions over the wire, mapped back through the ids Save changes carried.
      await press(VERBS.saveChange, { ...save, subject: 'Big sync', date: inputOf(form, 'date'), time: inputOf(form, 'time'), duration: inputOf(form, 'duration'), attendees: ticked.replace(/,49$/, '') });
      const patch = rig.graph.meetingRequests().filter((r) => r.method === 'PATCH').at(-1)!;
      assert.equal(patch.status, 200);
      assert.deepEqual(patch.body?.participants?.attendees?.map((a: any) => a.identity.user.id), many.slice(0, 49).map((p) => p.aadObjectId));
    } finally {
      rig.connector.members = before;
    }
  });

  it('Change while Teams can\'t list the members: the form still opens with the attendees and says why nobody else is offered', async () => {
    const teamId = '19:FlakyTeam9zY8xW7vU6tS5rQ4pO3nM2l@thread.tacv2';
    const { msg, posted, card } = await schedule('schedule Flaky roster tomorrow 10am with @Sam Jones', [SAM], teamId);
    const change = () =>
      rig.post(cardActionInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: msg.conversation, teamId, replyToId: posted.responseId!, verb: VERBS.change, data: { recordId: card.refresh.action.data.recordId } }));
    rig.connector.failNext({ status: 503, kinds: ['pagedMembers'], times: 10 });
    const form = ((await change()).body as any).value;
    rig.connector.clearFaults();
    assert.deepEqual(parseAdaptiveCard(form).events, []);
    const people = findByType(form, 'Input.ChoiceSet').find((i) => i.id === 'attendees')!;
    const choiceIds = (card: any) => card.actions.find((a: any) => a.verb === VERBS.saveChange).data.choiceIds;
    assert.deepEqual((people.choices as any[]).map((c) => choiceIds(form)[c.value]), [SAM.id]);
    assert.equal(people.value, '0');
    assert.match(JSON.stringify(form), /I couldn't get this conversation's member list, so you can only remove attendees here\./);
    // The failure wasn't remembered: the next Change lists the team.
    const next = ((await change()).body as any).value;
    assert.deepEqual((findByType(next, 'Input.ChoiceSet').find((i) => i.id === 'attendees')!.choices as any[]).map((c) => choiceIds(next)[c.value]), [SAM.id, PRIYA.id]);
    assert.doesNotMatch(JSON.stringify(next), /member list/);
  });

  it('someone not in the conversation (404) or not visible to the bot (403) is reported on the card, the others are invited', async () => {
    const { card, request } = await schedule('schedule Vendor sync tomorrow 11am with @Sam Jones @Max Mustermann', [SAM, MAX]);
    assert.deepEqual(request.body?.participants?.attendees?.map((a: any) => a.identity.user.id), [SAM.aadObjectId]);
    assert.match(JSON.stringify(card), /I couldn't add Max Mustermann: they aren't a member of this conversation\./);

    const rita = { ...PRIYA, id: '29:1RitaForbidden', name: 'Rita Restricted' };
    rig.connector.failNext({ status: 403, kinds: ['member'] });
    const forbidden = await schedule('schedule Budget tomorrow 1pm with @Rita Restricted', [rita]);
    assert.equal(forbidden.request.body?.participants, undefined, 'nobody to invite');
    assert.equal(forbidden.request.body?.lobbyBypassSettings, undefined);
    assert.match(JSON.stringify(forbidden.card), /I couldn't add Rita Restricted: Teams didn't let me look them up here\./);
    assert.equal(forbidden.card.msteams.entities, undefined);
  });

  it('a channel mention (@General): no attendee list, the lobby opens to the organization', async () => {
    const { card, request } = await schedule('schedule Town hall tomorrow 5pm with @General', [{ id: CHANNEL_ID, name: 'General', type: 'channel' }]);
    assert.equal(request.body?.subject, 'Town hall');
    assert.equal(request.body?.participants, undefined);
    assert.deepEqual(request.body?.lobbyBypassSettings, { scope: 'organization' });
    assert.equal(request.headers.prefer, undefined, 'organization comes before unknownFutureValue: no header needed');
    assert.match(JSON.stringify(card), /Everyone in your organization can join without waiting in the lobby/);
  });

  it('the Graph stand-in refuses a malformed participants body, as Graph does (400)', () => {
    const attendee = { identity: { user: { id: SAM.aadObjectId } }, upn: SAM.upn, role: 'attendee' };
    assert.equal(checkPeople({ participants: { attendees: [attendee] }, lobbyBypassSettings: { scope: 'invited' } }), undefined);
    for (const bad of [
      { participants: { attendees: [{ identity: { user: { id: SAM.id } } }] } },
      { participants: { attendees: [{ ...attendee, role: 'boss' }] } },
      { participants: { attendees: attendee } },
      { participants: { organizer: attendee } },
      { lobbyBypassSettings: { scope: 'whoever' } },
    ]) {
      assert.ok(checkPeople(bad), JSON.stringify(bad));
    }
  });
});

function inputOf(card: any, id: string): string {
  const input = ['Input.Text', 'Input.Date', 'Input.Time', 'Input.ChoiceSet'].flatMap((t) => findByType(card, t)).find((i) => i.id === id);
  return String(input?.value ?? '');
}
