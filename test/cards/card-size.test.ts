// Every card that shows people stays within Teams' 28 KB and parses cleanly at Adaptive Cards 1.5 with the most
// attendees a meeting can have (50), at realistic sizes (90-character Teams ids, 30-character names) and at the
// largest the bot accepts (203-character ids, 256-character names and UPNs, a 255-character subject, 20 people who
// couldn't be added), in both languages. Nobody is lost on the way: every attendee is in the data the server reads
// back, and whoever a card has no room to name is counted.
import assert from 'node:assert/strict';
import { TEAMS_CARD_MAX_BYTES } from '../../src/cards/card-size';
import { buildConfirmDetailsCard, buildFormCard } from '../../src/cards/form-card';
import { buildJoinCard, type JoinCardData } from '../../src/cards/join-card';
import { buildReminderCard } from '../../src/cards/reminder-card';
import type { Locale } from '../../src/i18n/locale';
import { attendeesFrom, clipName, type UnresolvedMention } from '../../src/meetings/people';
import type { Attendee } from '../../src/meetings/types';
import { choicesFrom } from '../../src/teams/card-press';
import type { CalendarState, MeetingRecord } from '../../src/meetings/meeting-record';
import { sharedCard, viewerCard } from '../../src/scheduling/meeting-views';
import { VERBS } from '../../src/teams/card-verbs';
import { findByType, parseAdaptiveCard, richTextLines } from '../support/adaptive-cards';

const LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];
const pad = (i: number) => String(i).padStart(2, '0');
const objectId = (i: number) => `0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d${pad(i)}`;
/** Cut to `n` characters (code points). */
const chars = (text: string, n: number) => [...text].slice(0, n).join('');

interface Scenario {
  name: string;
  attendees: Attendee[];
  members: { id: string; name: string }[];
  unresolved: UnresolvedMention[];
  subject: string;
  /** Every attendee is mentioned and every "couldn't add" line shown: the card has room for all. */
  roomForAll: boolean;
}

const REASONS = ['notFound', 'forbidden', 'failed', 'tooMany'] as const;

function realistic(): Scenario {
  // Teams user ids are ~90 characters: "29:1" and a base64-like tail.
  const id = (i: number, kind = 'a') => chars(`29:1${kind}${pad(i)}${'Rb0sam3Tw6Ux1Vz4Ae7Bf0Cg3Dh6Ei9Fj2Gk5Hl8Im1-_'.repeat(3)}`, 90);
  const name = (i: number) => chars(`Colleague ${pad(i)} Lastname-Doublebarrel`, 30);
  return {
    name: 'realistic (90-character ids, 30-character names)',
    attendees: Array.from({ length: 50 }, (_, i) => ({ id: id(i), name: name(i), objectId: objectId(i), upn: `colleague${pad(i)}@contoso.com` })),
    members: Array.from({ length: 60 }, (_, i) => ({ id: id(i, 'm'), name: `Member ${pad(i)} Surname` })),
    unresolved: Array.from({ length: 20 }, (_, i) => ({ name: chars(`Guest ${pad(i)} Outsider-Fromelsewhere`, 30), reason: REASONS[i % 4]! })),
    subject: chars(`Quarterly planning: ${'roadmap, budget and hiring for the platform team; '.repeat(6)}`, 255),
    roomForAll: true,
  };
}

function pathological(): Scenario {
  // The longest id isTeamsUserId accepts; names and UPNs far longer than Teams gives, half of them Chinese (3 bytes
  // a character in UTF-8).
  const id = (i: number, kind = 'a') => chars(`29:1${kind}${pad(i)}${'Xy7-_Qz:.@'.repeat(30)}`, 203);
  const name = (i: number) => chars(i % 2 === 0 ? `${pad(i)} ${'Wolfeschlegelsteinhausenbergerdorff '.repeat(10)}` : `${pad(i)} ${'非常非常长的显示名称'.repeat(30)}`, 256);
  return {
    name: 'pathological (203-character ids, 256-character names and UPNs)',
    attendees: Array.from({ length: 50 }, (_, i) => ({ id: id(i), name: name(i), objectId: objectId(i), upn: `${'u'.repeat(256 - 12 - 2)}${pad(i)}@contoso.com` })),
    members: Array.from({ length: 100 }, (_, i) => ({ id: id(i, 'm'), name: name(i + 50) })),
    unresolved: Array.from({ length: 20 }, (_, i) => ({ name: name(i + 100), reason: REASONS[i % 4]! })),
    subject: chars(`设计评审 Design review ${'季度规划 quarterly planning '.repeat(20)}`, 255),
    roomForAll: false,
  };
}

const SCENARIOS = [realistic(), pathological()];

// A Teams join link with its context, long as they get.
const JOIN_URL = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${'NjY5ZTQ1YjQtYzQ1Ny00'.repeat(12)}%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%226f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f%22%2c%22MessageId%22%3a%221795781842256%22%7d`;

function assertWithinTeams(card: object, what: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(card));
  assert.ok(bytes <= TEAMS_CARD_MAX_BYTES, `${what}: ${bytes} bytes, over Teams' ${TEAMS_CARD_MAX_BYTES}`);
  assert.deepEqual(parseAdaptiveCard(card).events, [], what);
}

/** "and 12 more" / "等另外 12 人" / "12 people": the number a line counts instead of naming; 0 when it names all. */
function counted(text: string): number {
  const m = /(?:and (\d+) more|等另外 (\d+) 人|^(\d+) (?:people|person|人))$/.exec(text.replace(/^\*\*[^*]+\*\* /, '').trim());
  return m ? Number(m[1] ?? m[2] ?? m[3]) : 0;
}

/** The "I couldn't add …" lines shown, and how many more people one last line counts. */
function unresolvedShown(card: object): { lines: number; counted: number } {
  const lines = richTextLines(card);
  const named = lines.filter((l) => /^(I couldn't add (?!\d+ (more|of the))|无法邀请 )/.test(l)).length;
  const more = lines.map((l) => /^I couldn't add (\d+) (?:more people|more person|of the people)|^(?:另有|提到的人中有) (\d+) 人/.exec(l)).find(Boolean);
  return { lines: named, counted: more ? Number(more[1] ?? more[2]) : 0 };
}

/** Every entity's text appears in the card's mention TextBlock, as Teams requires; returns the block's text. */
function assertMentionsMatch(card: any): string {
  const entities: any[] = card.msteams.entities ?? [];
  const block = findByType(card, 'TextBlock').find((b) => String(b.text).includes('<at>'));
  assert.ok(block, 'a mention line');
  const text = String(block.text);
  for (const e of entities) {
    assert.equal(e.type, 'mention');
    assert.equal(e.text, `<at>${e.mentioned.name}</at>`);
    assert.ok(text.includes(e.text), `${e.text} is in the text`);
  }
  assert.equal(text.match(/<at>/g)?.length ?? 0, entities.length, 'one entity per <at>');
  return text;
}

const button = (card: any, verb: string) => (card.actions as any[]).find((a) => a.verb === verb || a.data?.action === verb);

describe('cards with 50 attendees stay within Teams\' 28 KB and valid at 1.5, nobody lost', () => {
  for (const s of SCENARIOS) {
    for (const locale of LOCALES) {
      describe(`${s.name}, ${locale}`, () => {
        const ids = s.attendees.map((a) => a.id);

        it('join card: the attendees mentioned for real as far as there is room, the rest counted; who couldn\'t be added named or counted', () => {
          for (const view of ['everyone', 'organizer'] as const) {
            const data: JoinCardData = {
              meeting: { subject: s.subject, startIso: '2026-11-28T20:00:00Z', endIso: '2026-11-28T20:45:00Z', joinWebUrl: JOIN_URL, dialIn: { tollNumber: '+1 323-849-4874', conferenceId: '123 456 789#' } },
              timeZone: 'America/New_York',
              organizerName: s.attendees[0]!.name,
              locale,
              attendees: s.attendees,
              unresolved: s.unresolved,
              reminderMinutes: 10,
              movedFrom: { startIso: '2026-11-27T20:00:00Z', by: s.attendees[1]!.name },
              manage: { recordId: 'mAAAAAAAAAAAAAAAAAAAAAA', organizerId: '29:alice', view, actionStyle: 'execute' },
            };
            const card: any = buildJoinCard(data);
            assertWithinTeams(card, `join card (${view})`);
            const text = assertMentionsMatch(card);
            const mentioned = card.msteams.entities.map((e: any) => e.mentioned.id);
            assert.deepEqual(mentioned, ids.slice(0, mentioned.length), 'the first attendees, in order');
            assert.ok(mentioned.length >= 10, `${mentioned.length} mentioned`);
            assert.equal(mentioned.length + counted(text), 50, `everyone mentioned or counted: ${text.slice(-40)}`);
            const shown = unresolvedShown(card);
            assert.equal(shown.lines + shown.counted, s.unresolved.length, 'everyone who couldn\'t be added is named or counted');
            assert.ok(shown.lines >= 3, `${shown.lines} lines`);
            if (s.roomForAll) {
              assert.equal(mentioned.length, 50);
              assert.equal(shown.lines, s.unresolved.length);
            }
          }
        });

        it('join card with the Outlook invitations\' lines (sent to whom, or why not, and the organizer\'s Send button): within 28 KB, at most 5 invited named', () => {
          const record: MeetingRecord = {
            id: 'mAAAAAAAAAAAAAAAAAAAAAA', meetingId: 'm', joinWebUrl: JOIN_URL, externalId: 'e', organizer: { id: '29:alice', name: s.attendees[0]!.name },
            channelId: 'msteams', conversationId: '19:c@thread.tacv2;messageid=1', serviceUrl: 'https://smba.trafficmanager.net/amer/', listKey: '19:c@thread.tacv2',
            subject: s.subject, startIso: '2026-11-28T20:00:00.000Z', endIso: '2026-11-28T20:45:00.000Z', timeZone: 'America/New_York', locale,
            attendees: s.attendees, unresolved: s.unresolved, reminderMinutes: 10, reminder: { at: '2026-11-28T19:50:00.000Z', version: 2 },
            movedFrom: { startIso: '2026-11-27T20:00:00Z', by: s.attendees[1]!.name }, status: 'scheduled', version: 2, updatedAt: '2026-11-27T20:00:00Z',
          };
          const states: CalendarState[] = [
            { mode: 'invite', eventId: 'AAMk', syncedVersion: 2 },
            { mode: 'invite', eventId: 'AAMk', syncedVersion: 1, problem: 'busy' },
            { mode: 'invite', problem: 'forbidden' },
            { mode: 'organizer', eventId: 'AAMk', syncedVersion: 2 },
          ];
          for (const calendar of states) {
            for (const card of [sharedCard({ ...record, calendar }), viewerCard({ ...record, calendar }, '29:alice', 'Asia/Shanghai', locale)] as any[]) {
              assertWithinTeams(card, `join card, calendar ${JSON.stringify(calendar)}`);
              assertMentionsMatch(card);
              const runs = findByType(card, 'TextRun').map((r) => String(r.text));
              const sent = runs.find((t) => /Outlook invitations sent to|已向/.test(t));
              if (calendar.eventId && calendar.mode === 'invite') {
                assert.ok(sent, 'says who was invited');
                assert.ok(s.attendees.slice(5).every((a) => !sent!.includes(clipName(a.name))), 'at most 5 named');
                assert.match(sent!, /45/, 'the others counted');
              } else {
                assert.equal(sent, undefined);
              }
              if (calendar.problem) assert.ok(runs.some((t) => /Outlook/.test(t) && /weren't|未能/.test(t)), 'says why');
              const sendButton = findByType(card, 'ActionSet').flatMap((x) => x.actions as any[]).some((a) => a.verb === VERBS.sendInvitations);
              assert.equal(sendButton, calendar.problem === 'forbidden' && card !== undefined && card.actions.length > 1, 'Send Outlook invitations only on the organizer\'s card, only for an event still to make');
            }
          }
        });

        it('reminder card: mentions as far as there is room, the rest counted', () => {
          const card: any = buildReminderCard({ subject: s.subject, minutesLeft: 10, joinWebUrl: JOIN_URL, attendees: s.attendees, locale });
          assertWithinTeams(card, 'reminder card');
          const text = assertMentionsMatch(card);
          assert.equal(card.msteams.entities.length + counted(text), 50);
          if (s.roomForAll) assert.equal(card.msteams.entities.length, 50);
        });

        it('the form (new meeting): every attendee a ticked choice; Create carries all 50 and a press reads back all 50', () => {
          const card: any = buildFormCard({
            formId: 'fAAAAAAAAAAAAAAAAAAAAAA',
            ownerId: '29:alice',
            ownerName: s.attendees[2]!.name,
            timeZone: 'America/New_York',
            draft: { subject: s.subject, date: '2026-11-28', time: '15:00', durationMinutes: 45 },
            people: { attendees: s.attendees, unresolved: s.unresolved, everyone: false },
            reminderMinutes: 30,
            locale,
            actionStyle: 'execute',
          });
          assertWithinTeams(card, 'form');
          const input = findByType(card, 'Input.ChoiceSet').find((i) => i.id === 'attendees')!;
          assert.equal((input.choices as unknown[]).length, 50);
          assert.ok((input.choices as { title: string }[]).every((c) => [...c.title].length <= 64), 'names cut for the list');
          const create = button(card, 'meeting.create').data;
          assert.deepEqual(create.people.attendees.map((a: Attendee) => a.id), ids, 'all 50 carried, in the order of the choices');
          const read = choicesFrom({ ...create, attendees: input.value });
          assert.deepEqual(read.attendeeIds, ids, 'every tick reads back as its attendee');
          assert.deepEqual(read.people?.attendees.map((a) => [a.id, a.objectId]), s.attendees.map((a) => [a.id, a.objectId]), 'and passes the shape check');
          if (s.roomForAll) assert.deepEqual(create.people.attendees, s.attendees, 'nothing cut at realistic sizes');
          const shown = unresolvedShown(card);
          assert.equal(shown.lines + shown.counted, s.unresolved.length);
        });

        it('the Change form: every attendee ticked, the members offered only in the room left; Save changes reads back all 50', () => {
          const card: any = buildFormCard({
            formId: 'mAAAAAAAAAAAAAAAAAAAAAA',
            ownerId: '29:alice',
            ownerName: s.attendees[2]!.name,
            timeZone: 'America/New_York',
            draft: { subject: s.subject, date: '2026-11-28', time: '15:00', durationMinutes: 45 },
            people: { attendees: s.attendees, unresolved: [], everyone: false },
            addable: { members: s.members, more: true },
            reminderInput: 10,
            change: { recordId: 'mAAAAAAAAAAAAAAAAAAAAAA', version: 1 },
            locale,
            actionStyle: 'execute',
          });
          assertWithinTeams(card, 'change form');
          const input = findByType(card, 'Input.ChoiceSet').find((i) => i.id === 'attendees')!;
          const save = button(card, 'meeting.saveChange').data;
          assert.deepEqual(save.choiceIds.slice(0, 50), ids, 'the attendees first, each id once');
          assert.deepEqual(save.choiceIds.slice(50), s.members.slice(0, save.choiceIds.length - 50).map((m) => m.id), 'then the members offered');
          assert.equal((input.choices as unknown[]).length, save.choiceIds.length);
          assert.deepEqual(choicesFrom({ ...save, attendees: input.value }).attendeeIds, ids, 'every attendee stays invited');
          if (s.roomForAll) assert.ok(save.choiceIds.length > 50, 'members offered at realistic sizes');
        });

        it('the confirm-details card: Create carries all 50, the names and who couldn\'t be added shown or counted', () => {
          const card: any = buildConfirmDetailsCard({
            formId: 'fAAAAAAAAAAAAAAAAAAAAAA',
            ownerId: '29:alice',
            ownerName: s.attendees[2]!.name,
            timeZone: 'America/New_York',
            draft: { subject: s.subject, date: '2026-11-28', time: '15:00', durationMinutes: 45 },
            when: 'Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST (America/New_York)',
            people: { attendees: s.attendees, unresolved: s.unresolved, everyone: false },
            reminderMinutes: 30,
            locale,
          });
          assertWithinTeams(card, 'confirm-details card');
          const create = button(card, 'meeting.create').data;
          const read = choicesFrom(create);
          assert.deepEqual(read.people?.attendees.map((a) => [a.id, a.objectId]), s.attendees.map((a) => [a.id, a.objectId]));
          assert.equal(read.attendeeIds, undefined, 'no ticks to read: everyone is invited');
          const shown = unresolvedShown(card);
          assert.equal(shown.lines + shown.counted, s.unresolved.length);
          if (s.roomForAll) {
            assert.deepEqual(button(card, 'meeting.editDetails').data.people, create.people, 'Change details carries them too');
            assert.match(JSON.stringify(card.body), new RegExp(s.attendees[49]!.name));
          }
        });
      });
    }
  }
});

describe('bounded names and UPNs', () => {
  it('clipName: at most 64 characters, "…" marking the cut, never half a surrogate pair', () => {
    assert.equal(clipName('  Sam Jones  '), 'Sam Jones');
    assert.equal(clipName('x'.repeat(64)), 'x'.repeat(64));
    assert.equal(clipName('x'.repeat(65)), `${'x'.repeat(63)}…`);
    const emoji = clipName('👩‍👩‍👧‍👦'.repeat(40));
    assert.ok([...emoji].length <= 64);
    assert.ok(!/[\ud800-\udbff]…$/.test(emoji));
    assert.equal(clipName('Wolfeschlegelsteinhausen', 16), 'Wolfeschlegelst…');
  });

  it('attendeesFrom (button data, untrusted): names cut to 64 characters, a UPN over 128 characters dropped', () => {
    const [long, kept] = attendeesFrom([
      { id: '29:1long', name: 'N'.repeat(256), objectId: objectId(1), upn: `${'u'.repeat(129 - 12)}@contoso.com` },
      { id: '29:1kept', name: 'Sam', objectId: objectId(2), upn: `${'u'.repeat(128 - 12)}@contoso.com` },
    ])!;
    assert.equal(long!.name, `${'N'.repeat(63)}…`);
    assert.equal(long!.upn, undefined);
    assert.equal(kept!.upn?.length, 128);
  });
});

// Chinese readers see Chinese counts.
describe('the counts are in the reader\'s language', () => {
  it('"and 12 more" / "等另外 12 人", and the couldn\'t-add count', () => {
    const s = pathological();
    for (const [locale, more, rest] of [['en-US', /and \d+ more$/, /I couldn't add \d+ more (people|person) either\./], ['zh-CN', /等另外 \d+ 人$/, /另有 \d+ 人也无法邀请。/]] as const) {
      const card: any = buildJoinCard({ meeting: { subject: s.subject, startIso: '2026-11-28T20:00:00Z', endIso: '2026-11-28T20:45:00Z', joinWebUrl: JOIN_URL }, timeZone: 'UTC', organizerName: 'A', locale, attendees: s.attendees, unresolved: [...s.unresolved, ...s.unresolved] });
      assert.match(assertMentionsMatch(card), more);
      assert.match(JSON.stringify(card), rest);
    }
  });
});
