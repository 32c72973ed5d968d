// The attendee choices on a form are positions ("0", "2") in the list its button carries once, not the Teams ids
// themselves (which would travel three times). A press maps the ticked positions back to people through that
// carried list — untrusted input: a position outside it names nobody, a repeated one counts once — and a form
// posted before positions, whose choices are ids, still works. In process: tickedIds, and the whole bot through
// TestAdapter from the @mention to Graph.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { SandboxSignIn } from '../../src/auth/sandbox-sign-in';
import { VERBS } from '../../src/teams/card-verbs';
import { tickedIds } from '../../src/teams/card-press';
import { MemberDirectory } from '../../src/teams/member-directory';
import { findByType } from '../support/adaptive-cards';
import { PRIYA, SAM, memberRecord, mentioning, type Person } from '../support/people';
import { cardIn, pressButton, threadMessage, createHarness, onlyCard, type Harness } from '../support/test-adapter-harness';

const AARON: Person = { id: '29:1Aaron4Kp8Lm2Nx5aaron7Vb3Kc6Jd9Hf1Gs4Ta7Ye0Wu3Ri6Oe9Pl', name: 'Aaron Zed', aadObjectId: '3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4', upn: 'aaron@contoso.com' };
const PEOPLE = [SAM, PRIYA, AARON];

describe('tickedIds: the ticked positions as Teams ids, through the list the button carried', () => {
  const list = [SAM.id, PRIYA.id, 'not-an-id', AARON.id];

  it('maps positions to ids, in the order ticked, each once', () => {
    assert.deepEqual(tickedIds('3,0', list), [AARON.id, SAM.id]);
    assert.deepEqual(tickedIds(' 1 , 1,1', list), [PRIYA.id]);
    assert.deepEqual(tickedIds('', list), []);
  });

  it('a position outside the list, or whose entry isn\'t a Teams user id, names nobody', () => {
    assert.deepEqual(tickedIds('4,99,999,2,0', list), [SAM.id]);
    assert.deepEqual(tickedIds('0,1', undefined), [], 'no list carried: positions name nobody');
    assert.deepEqual(tickedIds('0', [{ id: SAM.id }]), [], 'entries are ids, not objects');
  });

  it('an id (a form posted before positions) is taken as it is, as it always was', () => {
    assert.deepEqual(tickedIds(`${PRIYA.id},${SAM.id}`, undefined), [PRIYA.id, SAM.id]);
    assert.deepEqual(tickedIds(`${PRIYA.id},1`, list), [PRIYA.id], 'the same person by id and by position: once');
  });

  it('reads at most 100 ticks', () => {
    assert.equal(tickedIds(Array.from({ length: 150 }, (_, i) => `29:1p${i}`).join(','), undefined).length, 100);
  });
});

describe('the new-meeting form\'s attendee choices round trip (TestAdapter, the whole bot)', () => {
  /** Teams' member lookup answering for Sam, Priya and Aaron. */
  const directory = () => new MemberDirectory({ lookup: async (_context, id) => memberRecord(PEOPLE.find((p) => p.id === id)!) as never });

  /** "schedule Design review with @Sam @Priya @Aaron" without a time: the form, all three ticked. */
  async function formWithThree(h: Harness) {
    const message = mentioning(threadMessage('schedule Design review with @Sam Jones @Priya Patel @Aaron Zed') as Record<string, any>, PEOPLE);
    const posted = onlyCard(await h.send(message as Partial<Activity>));
    const card = cardIn(posted)!;
    const input = findByType(card, 'Input.ChoiceSet').find((i) => i.id === 'attendees')!;
    assert.deepEqual(input.choices, [
      { title: 'Sam Jones', value: '0' },
      { title: 'Priya Patel', value: '1' },
      { title: 'Aaron Zed', value: '2' },
    ]);
    assert.equal(input.value, '0,1,2');
    const create = (card.actions as any[]).find((a) => a.verb === VERBS.create).data;
    assert.deepEqual(create.people.attendees.map((a: any) => a.id), [SAM.id, PRIYA.id, AARON.id], 'the ids travel once, on Create');
    assert.doesNotMatch(JSON.stringify(card.body), /29:1/, 'and nowhere else');
    return posted;
  }
  const details = { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45' };
  const invited = (h: Harness) => h.meetings.calls.at(-1)!.input.attendees?.map((a) => a.id);

  it('Create with Sam and Aaron ticked (by position) invites exactly them, with their Entra ids and UPNs', async () => {
    const h = createHarness(new SandboxSignIn(), { directory: directory() });
    const form = await formWithThree(h);
    await h.send(pressButton(form, { ...details, attendees: '0,2' }));
    assert.equal(h.meetings.calls.length, 1);
    assert.deepEqual(h.meetings.calls[0]!.input.attendees, [
      { id: SAM.id, name: SAM.name, objectId: SAM.aadObjectId, upn: SAM.upn },
      { id: AARON.id, name: AARON.name, objectId: AARON.aadObjectId, upn: AARON.upn },
    ]);
  });

  it('a forged press: a position beyond the list, a repeated one, garbage and a stranger\'s id invite nobody extra', async () => {
    const h = createHarness(new SandboxSignIn(), { directory: directory() });
    const form = await formWithThree(h);
    await h.send(pressButton(form, { ...details, attendees: '1,7,1,-1,abc,29:1Stranger0NotMentioned' }));
    assert.deepEqual(invited(h), [PRIYA.id]);
  });

  it('a form posted before positions (choices valued by id) still works', async () => {
    const h = createHarness(new SandboxSignIn(), { directory: directory() });
    const form = await formWithThree(h);
    await h.send(pressButton(form, { ...details, attendees: `${AARON.id},${SAM.id}` }));
    assert.deepEqual(invited(h), [SAM.id, AARON.id], 'in the order mentioned');
  });

  it('the form\'s dialog is gone (cancelled): the ticks are read through the people the Create button carried', async () => {
    const h = createHarness(new SandboxSignIn(), { directory: directory() });
    const form = await formWithThree(h);
    await h.send(threadMessage('cancel'));
    await h.send(pressButton(form, { ...details, attendees: '2,1' }));
    assert.deepEqual(h.meetings.calls.at(-1)!.input.attendees, [
      { id: PRIYA.id, name: PRIYA.name, objectId: PRIYA.aadObjectId, upn: PRIYA.upn },
      { id: AARON.id, name: AARON.name, objectId: AARON.aadObjectId, upn: AARON.upn },
    ]);
  });

  it('nobody left ticked: the meeting has no attendees', async () => {
    const h = createHarness(new SandboxSignIn(), { directory: directory() });
    const form = await formWithThree(h);
    await h.send(pressButton(form, { ...details, attendees: '' }));
    assert.deepEqual(invited(h) ?? [], []);
  });
});
