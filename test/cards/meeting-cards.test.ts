// The cards of a meeting's life after creation: each parses cleanly at schema 1.5 and stays under Teams' 28 KB
// with the largest values the bot accepts, and carries its buttons in the right style for the channel.
import assert from 'node:assert/strict';
import { VERBS } from '../../src/teams/card-verbs';
import { buildConfirmDetailsCard, buildFormCard } from '../../src/cards/form-card';
import { buildHelpCard, quoted } from '../../src/cards/help-card';
import { translator } from '../../src/i18n/translate';
import { buildJoinCard } from '../../src/cards/join-card';
import { buildCancelConfirmCard, buildCancelledMeetingCard, buildMeetingListCard } from '../../src/cards/meeting-cards';
import { parseAdaptiveCard, richTextLines } from '../support/adaptive-cards';
import { recordScenario } from '../support/reliability-log';

const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;
const LONGEST_SUBJECT = 'W'.repeat(255);
const LONG_NAME = 'Bartholomew-Maximilian Featherstonehaugh-Cholmondeley '.repeat(4).trim();
const JOIN_URL = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${'N'.repeat(60)}%40thread.v2/0?context=%7b%22Tid%22%3a%22${'t'.repeat(36)}%22%7d`;
const RECORD_ID = 'mAbCdEfGhIjKlMnOpQrStUv';

const meeting = {
  subject: LONGEST_SUBJECT,
  startIso: '2026-11-28T20:00:00Z',
  endIso: '2026-11-28T20:45:00Z',
  joinWebUrl: JOIN_URL,
  dialIn: { tollNumber: '+1 425-555-0100', tollFreeNumber: '+1 800-555-0199', conferenceId: '123456789' },
};

function assertValidAndSmall(name: string, card: object): void {
  assert.deepEqual(parseAdaptiveCard(card).events, [], `${name} parses cleanly at 1.5`);
  const bytes = Buffer.byteLength(JSON.stringify({ contentType: 'application/vnd.microsoft.card.adaptive', content: card }));
  assert.ok(bytes < TEAMS_CARD_LIMIT_BYTES, `${name} is ${bytes} bytes`);
}

describe('meeting cards', () => {
  const cards: Record<string, object> = {
    'join card, everyone (Teams)': buildJoinCard({
      meeting,
      timeZone: 'America/New_York',
      organizerName: LONG_NAME,
      movedFrom: { startIso: '2026-11-28T19:00:00Z', by: LONG_NAME },
      manage: { recordId: RECORD_ID, organizerId: '29:organizer', view: 'everyone', actionStyle: 'execute' },
    }),
    'join card, organizer (Teams)': buildJoinCard({
      meeting,
      timeZone: 'America/New_York',
      organizerName: LONG_NAME,
      manage: { recordId: RECORD_ID, organizerId: '29:organizer', view: 'organizer', actionStyle: 'execute' },
    }),
    'join card, Emulator': buildJoinCard({
      meeting,
      timeZone: 'Europe/Paris',
      organizerName: LONG_NAME,
      manage: { recordId: RECORD_ID, organizerId: 'u', view: 'organizer', actionStyle: 'submit' },
    }),
    'cancel confirmation': buildCancelConfirmCard({ recordId: RECORD_ID, subject: LONGEST_SUBJECT, when: 'Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST (America/New_York)', actionStyle: 'execute' }),
    'cancelled meeting': buildCancelledMeetingCard({ subject: LONGEST_SUBJECT, startIso: meeting.startIso, endIso: meeting.endIso, timeZone: 'Asia/Kolkata', note: `Cancelled by ${LONG_NAME}.` }),
    'meetings list (10, longest subjects)': buildMeetingListCard({
      timeZone: 'Pacific/Auckland',
      meetings: Array.from({ length: 10 }, () => ({ subject: LONGEST_SUBJECT, startIso: meeting.startIso, endIso: meeting.endIso, organizerName: LONG_NAME, joinWebUrl: JOIN_URL })),
    }),
    'meetings list, empty': buildMeetingListCard({ timeZone: 'UTC', meetings: [] }),
    'compact confirm card': buildConfirmDetailsCard({
      formId: 'f'.repeat(16),
      ownerId: '29:owner',
      ownerName: LONG_NAME,
      timeZone: 'America/New_York',
      draft: { subject: LONGEST_SUBJECT, date: '2026-11-28', time: '15:00', durationMinutes: 45 },
      when: 'Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST (America/New_York)',
      notes: ['2:30 AM doesn\'t exist on Mar 8, 2026 in America/New_York (clocks go forward); using 3:30 AM EDT.'],
    }),
    'change form': buildFormCard({
      formId: RECORD_ID,
      ownerId: '29:owner',
      ownerName: LONG_NAME,
      timeZone: 'America/New_York',
      draft: { subject: LONGEST_SUBJECT, date: '2026-11-28', time: '15:00', durationMinutes: 45 },
      errors: { subject: 'x'.repeat(300), date: 'y'.repeat(300), time: 'z'.repeat(300), duration: 'w'.repeat(300) },
      banner: 'b'.repeat(400),
      actionStyle: 'execute',
      change: { recordId: RECORD_ID },
    }),
  };

  for (const [name, card] of Object.entries(cards)) {
    it(`${name}: valid at 1.5 and under 28 KB with the largest values`, () => assertValidAndSmall(name, card));
  }

  it('the shared Teams card asks only the organizer\'s client for its own view, and has no organizer buttons itself', () => {
    const card = cards['join card, everyone (Teams)'] as any;
    assert.deepEqual(card.actions.map((a: any) => a.title), ['Join']);
    assert.deepEqual(card.refresh, { action: { type: 'Action.Execute', verb: VERBS.refresh, data: { recordId: RECORD_ID } }, userIds: ['29:organizer'] });
    assert.ok(richTextLines(card).some((l) => l.startsWith('Moved from Sat, Nov 28, 2026, 2:00 PM EST by Bartholomew')));
  });

  it('the organizer\'s buttons are Universal Actions in Teams and Action.Submit in the Emulator, with the same verbs', () => {
    const teams = (cards['join card, organizer (Teams)'] as any).actions.slice(1);
    const emulator = (cards['join card, Emulator'] as any).actions.slice(1);
    assert.deepEqual(teams.map((a: any) => [a.type, a.verb, a.data]), [
      ['Action.Execute', VERBS.change, { recordId: RECORD_ID }],
      ['Action.Execute', VERBS.cancelMeeting, { recordId: RECORD_ID }],
    ]);
    assert.deepEqual(emulator.map((a: any) => [a.type, a.data]), [
      ['Action.Submit', { action: VERBS.change, recordId: RECORD_ID }],
      ['Action.Submit', { action: VERBS.cancelMeeting, recordId: RECORD_ID }],
    ]);
    assert.equal((cards['join card, Emulator'] as any).refresh, undefined);
  });

  it('the compact card carries the details in its buttons (it has no inputs) and never its owner\'s token', () => {
    const card = cards['compact confirm card'] as any;
    assert.deepEqual(card.actions.map((a: any) => a.title), ['Create meeting', 'Change details', 'Cancel']);
    assert.deepEqual(card.actions[0].data, { formId: 'f'.repeat(16), ownerId: '29:owner', timeZone: 'America/New_York', subject: LONGEST_SUBJECT, date: '2026-11-28', time: '15:00', duration: '45' });
    assert.equal(card.body.some((e: any) => String(e.type).startsWith('Input.')), false);
  });

  it('a cancelled meeting has no Join and no buttons; the list says when it is empty', () => {
    assert.equal((cards['cancelled meeting'] as any).actions, undefined);
    assert.ok(richTextLines(cards['meetings list, empty']).some((l) => /no upcoming meetings/.test(l)));
  });
});

describe('cards at the largest input the server accepts (a 28,000-character message)', () => {
  const huge = `${'Quarterly planning with everyone '.repeat(900)}`.slice(0, 28_000);

  it('the help card quotes at most a short piece of what was typed', () => {
    const card = buildHelpCard({ intro: translator('en-US')('help.didNotUnderstand', { text: quoted(huge) }) });
    assertValidAndSmall('help card', card);
    const intro = richTextLines(card)[0];
    assert.ok(intro.length < 260, `intro is ${intro.length} characters`);
    assert.match(intro, /^I didn't understand "Quarterly planning with everyone .*…"\.$/);
  });

  it('the form prefills at most the 255 characters a subject may have, and says how long the text was', () => {
    const card = buildFormCard({
      formId: 'f1',
      ownerId: 'u1',
      ownerName: 'Ada',
      timeZone: 'UTC',
      draft: { subject: huge },
      errors: { subject: 'The subject is 28000 characters long; please shorten it to 255 characters or fewer.' },
    }) as any;
    assertValidAndSmall('form', card);
    const subject = card.body.find((e: any) => e.id === 'subject');
    assert.equal([...subject.value].length, 255);
    assert.ok(huge.startsWith(subject.value));
    recordScenario({ scenario: 'Largest accepted message (28,000 characters) echoed on cards', runs: 2, outcome: 'help quotes ≤ 200 characters, the form prefills 255; both cards valid and under 28 KB', test: 'test/cards/meeting-cards.test.ts' });
  });
});
