// The attendee, reminder and calendar parts of the cards: valid Adaptive Cards, real Teams mentions, nothing a
// display name or subject contains is read as Markdown, and the calendar link holds for any subject.
import assert from 'node:assert/strict';
import { buildFormCard, MAX_ADDABLE_MEMBERS, type FormCardData } from '../../src/cards/form-card';
import { buildJoinCard } from '../../src/cards/join-card';
import { MAX_URL_LENGTH, OUTLOOK_COMPOSE, outlookCalendarUrl } from '../../src/cards/calendar-link';
import { mentionName } from '../../src/cards/mention-entities';
import { buildReminderCard } from '../../src/cards/reminder-card';
import type { Attendee } from '../../src/meetings/types';
import { findByType, parseAdaptiveCard } from '../support/adaptive-cards';

const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjY5%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%2c%22Oid%22%3a%226f1e2d3c%22%7d';
const SAM: Attendee = { id: '29:sam', name: 'Sam Jones', objectId: '11111111-2222-4333-8444-555555555555', upn: 'sam@contoso.com' };
const PRIYA: Attendee = { id: '29:priya', name: 'Priya Patel', objectId: '66666666-7777-4888-9999-000000000000' };
const meeting = { subject: 'Design review', startIso: '2026-11-28T20:00:00Z', endIso: '2026-11-28T20:45:00Z', joinWebUrl: JOIN_URL };
const HOSTILE_NAMES = ['[click](https://evil.example)', '**bold** _x_ `code`', '<at>x</at>', '${subject}', '<script>alert(1)</script>', '{{DATE(2026-01-01T00:00:00Z, SHORT)}}', ''];

function assertCard(card: object): void {
  assert.deepEqual(parseAdaptiveCard(card).events, []);
  assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28 * 1024, 'under Teams\' 28 KB');
}

describe('cards: attendees, reminders, calendar', () => {
  it('the join card mentions the attendees for real (TextBlock <at>…</at> + msteams.entities) and reports who couldn\'t be added', () => {
    const card = buildJoinCard({
      meeting,
      timeZone: 'America/New_York',
      organizerName: 'Alice',
      attendees: [SAM, PRIYA],
      unresolved: [{ name: 'Max', reason: 'notFound' }],
      reminderMinutes: 10,
    });
    assertCard(card);
    const line = findByType(card, 'TextBlock').find((b) => String(b.text).includes('<at>'));
    assert.equal(line?.text, '**Attendees:** <at>Sam Jones</at>, <at>Priya Patel</at>');
    assert.deepEqual(card.msteams.entities, [
      { type: 'mention', text: '<at>Sam Jones</at>', mentioned: { id: '29:sam', name: 'Sam Jones' } },
      { type: 'mention', text: '<at>Priya Patel</at>', mentioned: { id: '29:priya', name: 'Priya Patel' } },
    ]);
    const text = JSON.stringify(card);
    assert.match(text, /I couldn't add Max: they aren't a member of this conversation/);
    assert.match(text, /I'll post a reminder here 10 minutes before it starts/);
    assert.deepEqual(card.actions?.map((a) => a.title), ['Join'], 'Add to my calendar sits under the time, not among the actions');
    const calendar = findByType(card, 'Action.OpenUrl').find((a) => a.title === 'Add to my calendar');
    assert.ok(String(calendar?.url).startsWith(`${OUTLOOK_COMPOSE}?subject=Design%20review&startdt=2026-11-28T20%3A00%3A00Z&enddt=2026-11-28T20%3A45%3A00Z`));
  });

  it('a channel/team mention: no attendee list, the card says the organization skips the lobby', () => {
    const card = buildJoinCard({ meeting, timeZone: 'UTC', organizerName: 'Alice', everyone: true });
    assertCard(card);
    assert.equal(card.msteams.entities, undefined);
    assert.match(JSON.stringify(card), /Everyone in your organization can join without waiting in the lobby/);
  });

  it('a display name can\'t become a link, formatting, HTML, another mention or a template in the mention TextBlock', () => {
    for (const name of HOSTILE_NAMES) {
      const card = buildJoinCard({ meeting, timeZone: 'UTC', organizerName: 'Alice', attendees: [{ ...SAM, name }] });
      assertCard(card);
      const safe = mentionName(name);
      assert.doesNotMatch(safe, /[[\]()*_`<>{}$\\#~&]/, name);
      const entity = card.msteams.entities![0]!;
      assert.equal(entity.text, `<at>${safe}</at>`);
      assert.ok(String(findByType(card, 'TextBlock').find((b) => String(b.text).includes('<at>'))?.text).endsWith(entity.text));
    }
  });

  it('the reminder card: subject as plain text, "starts in 10 minutes", attendees mentioned, Join', () => {
    const card = buildReminderCard({ subject: '**Design** [review](https://evil.example)', minutesLeft: 10, joinWebUrl: JOIN_URL, attendees: [SAM] });
    assertCard(card);
    const runs = findByType(card, 'TextRun').map((r) => r.text);
    assert.deepEqual(runs, ['**Design** [review](https://evil.example)', ' starts in 10 minutes']);
    assert.deepEqual(card.actions, [{ type: 'Action.OpenUrl', title: 'Join', url: JOIN_URL }]);
    assert.equal(card.msteams.entities?.[0]?.mentioned.id, '29:sam');
    assert.match(JSON.stringify(buildReminderCard({ subject: 'x', minutesLeft: 0, joinWebUrl: JOIN_URL })), /starts now/);
  });

  it('the form lists the mentioned people pre-ticked (they can be unticked), carries them on Create, and offers the reminder when asked', () => {
    const card = buildFormCard({
      formId: 'f1',
      ownerId: '29:alice',
      ownerName: 'Alice',
      timeZone: 'UTC',
      draft: { subject: 'Design review' },
      people: { attendees: [SAM, PRIYA], unresolved: [{ name: 'Max', reason: 'forbidden' }], everyone: false },
      reminderInput: 10,
    });
    assertCard(card);
    const [attendees, reminder] = findByType(card, 'Input.ChoiceSet').filter((i) => i.id === 'attendees' || i.id === 'reminder');
    assert.equal(attendees?.isMultiSelect, true);
    // Values are positions in the people Create carries: each id travels once.
    assert.equal(attendees?.value, '0,1');
    assert.deepEqual(attendees?.choices, [{ title: 'Sam Jones', value: '0' }, { title: 'Priya Patel', value: '1' }]);
    assert.equal(reminder?.value, '10');
    assert.match(JSON.stringify(card), /I couldn't add Max: Teams didn't let me look them up here/);
    const create = (card.actions as any[])[0];
    assert.deepEqual(create.data.people, { attendees: [SAM, PRIYA], everyone: false });
  });

  describe('the Change form in a channel: the conversation\'s members offered beside the attendees', () => {
    const change = (extra: Partial<FormCardData>) =>
      buildFormCard({
        formId: 'mAAAAAAAAAAAAAAAAAAAAAA',
        ownerId: '29:alice',
        ownerName: 'Alice',
        timeZone: 'UTC',
        draft: { subject: 'Design review', date: '2026-11-28', time: '15:00', durationMinutes: 45 },
        change: { recordId: 'mAAAAAAAAAAAAAAAAAAAAAA', version: 1 },
        actionStyle: 'execute',
        reminderInput: 10,
        ...extra,
      });
    const attendeeInput = (card: object) => findByType(card, 'Input.ChoiceSet').find((i) => i.id === 'attendees')!;
    /** The ids Save changes carries for the choices, by position. */
    const choiceIds = (card: any): string[] => card.actions.find((a: any) => a.verb === 'meeting.saveChange').data.choiceIds;
    /** The ids of the choices as the server reads them back (value = position in choiceIds). */
    const choiceValues = (card: any): string[] => (attendeeInput(card).choices as { value: string }[]).map((c) => choiceIds(card)[Number(c.value)]!);
    const tickedIds = (card: any): string => String(attendeeInput(card).value ?? '').split(',').filter(Boolean).map((p) => choiceIds(card)[Number(p)]).join(',');
    // A Teams user id as long as the bot accepts (real ones are ~90 characters) and names far longer than Teams shows.
    const longId = (i: number) => `29:1${String(i).padStart(4, '0')}${'Xy7-_Qz'.repeat(28)}`.slice(0, 203);
    const member = (i: number, name = `Member ${String(i).padStart(3, '0')} ${'Wolfeschlegelsteinhausenbergerdorff '.repeat(4)}`) => ({ id: longId(i), name });
    const CAPPED = /The list offers at most 50 of this conversation's members\./;

    it('one multi-select with static typeahead ("filtered", no Data.Query): the attendees ticked, the members after them unticked', () => {
      const card = change({ people: { attendees: [SAM], unresolved: [], everyone: false }, addable: { members: [{ id: '29:priya', name: 'Priya Patel' }, { id: '29:zoe', name: 'Zoe' }], more: false } });
      assertCard(card);
      const input = attendeeInput(card);
      assert.equal(input.style, 'filtered');
      assert.equal(input.isMultiSelect, true);
      assert.equal(input.value, '0');
      assert.equal((input as any)['choices.data'], undefined);
      assert.deepEqual(input.choices, [{ title: 'Sam Jones', value: '0' }, { title: 'Priya Patel', value: '1' }, { title: 'Zoe', value: '2' }]);
      assert.deepEqual(choiceIds(card), ['29:sam', '29:priya', '29:zoe'], 'Save changes carries each id once');
      assert.equal(input.label, "Attendees (type a name to add someone; remove anyone you don't want to invite)");
      assert.doesNotMatch(JSON.stringify(card), CAPPED);
      // A rejected save keeps what was ticked.
      const rejected = change({ people: { attendees: [SAM], unresolved: [], everyone: false }, addable: { members: [{ id: '29:priya', name: 'Priya' }], more: false }, ticked: ['29:priya', '29:forged'] });
      assert.equal(attendeeInput(rejected).value, '1');
      assert.equal(tickedIds(rejected), '29:priya');
    });

    it(`at most ${MAX_ADDABLE_MEMBERS} members, valid at 1.5 and under 28 KB with long names and the longest ids; the card says the list is cut short`, () => {
      const members = Array.from({ length: 80 }, (_, i) => member(i));
      const card = change({ people: { attendees: [SAM, PRIYA], unresolved: [], everyone: false }, addable: { members, more: false } });
      assertCard(card);
      const choices = attendeeInput(card).choices as { title: string; value: string }[];
      assert.ok(choices.length > 2 && choices.length <= 2 + MAX_ADDABLE_MEMBERS, String(choices.length));
      assert.deepEqual(choiceValues(card).slice(2), members.slice(0, choices.length - 2).map((m) => m.id), 'in the order given (sorted by name)');
      assert.ok(choices.every((c) => [...c.title].length <= 64), 'names cut for the list');
      assert.match(JSON.stringify(card), CAPPED);

      // Realistic ids and names: exactly the cap.
      const realistic = Array.from({ length: 60 }, (_, i) => ({ id: `29:1${'aB3-_cD4eF5gH6'.repeat(6)}${i}`, name: `Colleague ${i} Lastname` }));
      const capped = change({ people: { attendees: [SAM], unresolved: [], everyone: false }, addable: { members: realistic, more: false } });
      assertCard(capped);
      assert.equal((attendeeInput(capped).choices as unknown[]).length, 1 + MAX_ADDABLE_MEMBERS);
      assert.match(JSON.stringify(capped), CAPPED);
      // Teams had more pages than were read: said even when everyone read fits.
      assert.match(JSON.stringify(change({ addable: { members: realistic.slice(0, 3), more: true } })), CAPPED);
    });

    it('with the most attendees a meeting can have, the members get only the room left: still under 28 KB', () => {
      // Ids half as long again as real Teams ids (~90 characters), names of 100 Chinese characters.
      const attendees = Array.from({ length: 50 }, (_, i) => ({ id: longId(1000 + i).slice(0, 130), name: `参会者 ${i} ${'很长的名字'.repeat(20)}`, objectId: '11111111-2222-4333-8444-555555555555' }));
      const members = Array.from({ length: 100 }, (_, i) => member(i, `成员 ${i} ${'很长的名字'.repeat(20)}`));
      for (const locale of ['en-US', 'zh-CN'] as const) {
        const card = change({ locale, people: { attendees, unresolved: [], everyone: false }, addable: { members, more: true } });
        assertCard(card);
        assert.deepEqual(choiceValues(card).slice(0, 50), attendees.map((a) => a.id), 'every attendee is still there (a missing one would be uninvited)');
        assert.equal(tickedIds(card), attendees.map((a) => a.id).join(','));
        assert.match(JSON.stringify(card), locale === 'en-US' ? CAPPED : /列表最多列出本对话的 50 位成员/);
      }
    });

    it('members unavailable: the attendees only, as before, and a note why', () => {
      const card = change({ people: { attendees: [SAM], unresolved: [], everyone: false }, addable: 'unavailable' });
      assertCard(card);
      const input = attendeeInput(card);
      assert.equal(input.style, 'expanded');
      assert.deepEqual(choiceValues(card), ['29:sam']);
      assert.match(JSON.stringify(card), /I couldn't get this conversation's member list, so you can only remove attendees here\./);
    });

    it('no attendees yet: the members are offered, nobody ticked', () => {
      const card = change({ people: { attendees: [], unresolved: [], everyone: false }, addable: { members: [{ id: '29:priya', name: 'Priya Patel' }], more: false } });
      assertCard(card);
      const input = attendeeInput(card);
      assert.equal(input.value, undefined);
      assert.deepEqual(input.choices, [{ title: 'Priya Patel', value: '0' }]);
      assert.deepEqual(choiceIds(card), ['29:priya']);
    });
  });

  describe('Add to my calendar (Outlook on the web deep link)', () => {
    const read = (url: string) => new URL(url).searchParams;

    it('encodes any subject so it reads back exactly', () => {
      for (const subject of ['Design review', 'Q&A: "budget" #3 50%+ / ?', '设计评审 🎉 👩‍👩‍👧‍👦', 'a=b&c=d', 'line\nbreak', 'x'.repeat(10)]) {
        const url = outlookCalendarUrl({ ...meeting, subject, body: `Join: ${JOIN_URL}` });
        assert.ok(url.length <= MAX_URL_LENGTH);
        assert.equal(read(url).get('subject'), subject.replace(/\n/g, ' '));
        assert.equal(read(url).get('body'), `Join: ${JOIN_URL}`);
        assert.equal(read(url).get('startdt'), '2026-11-28T20:00:00Z');
        assert.equal(read(url).get('enddt'), '2026-11-28T20:45:00Z');
        assert.doesNotMatch(url, /[\s"<>]/);
      }
    });

    it('stays within 2,048 characters: the body goes first, then the subject is cut between characters', () => {
      const longBody = `Join: ${JOIN_URL}${'&x=1'.repeat(300)}`;
      const short = outlookCalendarUrl({ ...meeting, subject: 'Design review', body: longBody });
      assert.ok(short.length <= MAX_URL_LENGTH);
      assert.equal(read(short).get('subject'), 'Design review');
      assert.ok((read(short).get('body') ?? '').startsWith('Join: https://teams.microsoft.com/'));
      assert.ok((read(short).get('body') ?? '').endsWith('…'));

      for (const unit of ['Quarterly planning ', '设计评审', '👩‍👩‍👧‍👦', 'é']) {
        const url = outlookCalendarUrl({ ...meeting, subject: unit.repeat(800), body: JOIN_URL });
        assert.ok(url.length <= MAX_URL_LENGTH, `${unit}: ${url.length}`);
        const subject = read(url).get('subject') ?? '';
        assert.ok(subject.endsWith('…'));
        assert.ok(!/[\ud800-\udbff]$/.test(subject.slice(0, -1)), 'never half a surrogate pair');
        assert.ok(unit.repeat(800).startsWith(subject.slice(0, -1).trimEnd()));
        assert.equal(read(url).get('startdt'), '2026-11-28T20:00:00Z', 'the times are never cut');
      }
    });
  });
});
