// Attendees from @mentions, end to end over HTTP: the real bot process (SANDBOX=false) looks the mentioned people
// up at the connector stand-in (GET …/members/{id}), invites them through Graph (the https stand-in checks the
// participants shape), mentions them on the join card, reports who it couldn't add, and lets the organizer
// uninvite someone (PATCH with the full list).
import assert from 'node:assert/strict';
import { VERBS } from '../../src/cards/card-actions';
import { ALICE, CHANNEL_ID, cardActionInvoke } from '../support/activities';
import { Rig } from '../support/full-path-rig';
import { MAX, PRIYA, SAM, memberRecord, mentioning } from '../support/people';
import { findByType, parseAdaptiveCard } from '../support/adaptive-cards';
import { checkPeople } from '../support/graph-stand-in';
import { cardOf, isJoin } from '../support/wire-cards';

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

  async function schedule(text: string, people: { id: string; name: string; type?: string }[]) {
    const msg = mentioning(rig.message(text), people);
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
    assert.equal(inputOf(form, 'attendees'), `${SAM.id},${PRIYA.id}`, 'both ticked');
    const save = form.actions.find((a: any) => a.verb === VERBS.saveChange).data;
    const answer = await press(VERBS.saveChange, { ...save, subject: 'Attendee edit', date: inputOf(form, 'date'), time: inputOf(form, 'time'), duration: inputOf(form, 'duration'), attendees: SAM.id });
    const patch = rig.graph.meetingRequests().filter((r) => r.method === 'PATCH').at(-1)!;
    assert.deepEqual(patch.body?.participants, { attendees: [{ identity: { user: { id: SAM.aadObjectId } }, upn: SAM.upn, role: 'attendee' }] });
    assert.equal(patch.status, 200);
    assert.deepEqual(answer.value.msteams.entities.map((e: any) => e.mentioned.id), [SAM.id]);
    const shared = await rig.connector.waitFor((c) => c.kind === 'update' && c.activityId === posted.responseId && cardOf(c)?.msteams?.entities?.length === 1);
    assert.doesNotMatch(JSON.stringify(cardOf(shared)), /Priya/);
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
