import assert from 'node:assert/strict';
import type { OpenUrlAction } from 'adaptivecards';
import { buildJoinCard, type JoinCardData } from '../../src/cards/join-card';
import type { CreatedMeeting } from '../../src/meetings/types';
import { allStrings, findByType, parseAdaptiveCard, richTextLines } from '../support/adaptive-cards';

// Shaped like a real Teams join link: percent-encoded thread id and a JSON context query.
const JOIN_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjA5ZDk5ZDYtYzM3Yi00YjE1LWE2ZTEtNWM0ZmQ4YjMyZjFh%40thread.v2/0' +
  '?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%22a1b2c3d4-5e6f-4a1b-9c8d-0e1f2a3b4c5d%22%7d';

const meeting: CreatedMeeting = {
  id: 'MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi',
  subject: 'Design review',
  startIso: '2026-11-28T20:00:00Z',
  endIso: '2026-11-28T20:45:00Z',
  joinWebUrl: JOIN_URL,
  organizerName: 'Ada Lovelace',
  created: true,
};
const base: JoinCardData = { meeting, timeZone: 'America/New_York', organizerName: 'Ada Lovelace' };

const withDialIn: CreatedMeeting = {
  ...meeting,
  dialIn: {
    tollNumber: '+1 425-555-0100',
    tollFreeNumber: '+1 800-555-0199',
    conferenceId: '123456789',
    dialinUrl: 'https://dialin.teams.microsoft.com/8551f4c1?id=123456789',
  },
};

describe('join card', () => {
  it('shows heading, subject, when (in the user zone) and organizer, as a valid card', () => {
    const card = buildJoinCard(base);
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    assert.deepEqual(findByType(card, 'TextBlock').map((b) => b.text), ['Meeting scheduled']);
    assert.deepEqual(richTextLines(card), [
      'Design review',
      'When: Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST (America/New_York)',
      'Organizer: Ada Lovelace',
    ]);
    const subjectRun = findByType(card, 'TextRun')[0];
    assert.equal(subjectRun.text, 'Design review');
    assert.equal(subjectRun.size, 'Large');
    assert.equal(subjectRun.weight, 'Bolder');
    assert.deepEqual(allStrings(card).filter((s) => s.includes('${')), [], 'nothing left unexpanded');
  });

  it('has exactly one action, "Join", whose URL is the join link byte for byte', () => {
    const card = buildJoinCard(base);
    const actions = card.actions as unknown as Record<string, unknown>[];
    assert.equal(actions.length, 1);
    assert.deepEqual(actions[0], { type: 'Action.OpenUrl', title: 'Join', url: JOIN_URL });

    const { card: parsed } = parseAdaptiveCard(card);
    assert.equal(parsed.getActionCount(), 1);
    assert.equal((parsed.getActionAt(0) as OpenUrlAction).url, JOIN_URL);
    // Still exact after the JSON that goes over the wire.
    const wire = JSON.parse(JSON.stringify(card)) as { actions: { url: string }[] };
    assert.equal(wire.actions[0].url, JOIN_URL);
  });

  it('lists toll, toll-free and conference id when the meeting has dial-in', () => {
    const card = buildJoinCard({ ...base, meeting: withDialIn });
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    const lines = richTextLines(card);
    assert.deepEqual(lines.slice(3), [
      'Join by phone',
      'Toll: +1 425-555-0100',
      'Toll-free: +1 800-555-0199',
      'Conference ID: 123456789',
    ]);
  });

  it('shows only the dial-in parts that exist', () => {
    const card = buildJoinCard({ ...base, meeting: { ...meeting, dialIn: { conferenceId: '987654321' } } });
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    assert.deepEqual(richTextLines(card).slice(3), ['Join by phone', 'Conference ID: 987654321']);
  });

  it('has no dial-in section without dial-in (or with an empty one)', () => {
    for (const m of [meeting, { ...meeting, dialIn: {} }]) {
      const card = buildJoinCard({ ...base, meeting: m });
      assert.deepEqual(parseAdaptiveCard(card).events, []);
      assert.equal(findByType(card, 'Container').length, 0);
      assert.ok(!richTextLines(card).includes('Join by phone'));
    }
  });

  it('says clearly when the meeting is simulated, and only then', () => {
    const line = "Sandbox: this is a simulated meeting — the Join link doesn't open a real Teams meeting.";
    const simulated = buildJoinCard({ ...base, meeting: { ...meeting, simulated: true } });
    assert.deepEqual(parseAdaptiveCard(simulated).events, []);
    assert.ok(richTextLines(simulated).includes(line));
    assert.ok(!richTextLines(buildJoinCard(base)).includes(line));
    assert.ok(!richTextLines(buildJoinCard({ ...base, meeting: { ...meeting, simulated: false } })).includes(line));
  });

  it('shows both dates for a meeting that crosses midnight', () => {
    const card = buildJoinCard({
      ...base,
      meeting: { ...meeting, startIso: '2026-11-29T04:30:00Z', endIso: '2026-11-29T05:15:00Z' },
    });
    assert.ok(
      richTextLines(card).includes(
        'When: Sat, Nov 28, 2026, 11:30 PM EST – Sun, Nov 29, 2026, 12:15 AM EST (America/New_York)',
      ),
    );
  });

  it('shows the time in the user zone across a DST change, with the DST note', () => {
    const note = "2:30 AM doesn't exist on Mar 8, 2026 in America/New_York (clocks go forward); using 3:30 AM EDT.";
    const card = buildJoinCard({
      ...base,
      meeting: { ...meeting, startIso: '2026-03-08T07:30:00Z', endIso: '2026-03-08T08:00:00Z' },
      notes: [note],
    });
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    const lines = richTextLines(card);
    assert.ok(lines.includes('When: Sun, Mar 8, 2026, 3:30 AM – 4:00 AM EDT (America/New_York)'));
    assert.ok(lines.includes(note));
    assert.equal(findByType(card, 'TextRun').find((r) => r.text === note)?.isSubtle, true);
  });

  it('omits the organizer line when there is no organizer name', () => {
    const none = buildJoinCard({ ...base, organizerName: '' });
    assert.deepEqual(parseAdaptiveCard(none).events, []);
    assert.ok(!richTextLines(none).some((l) => l.startsWith('Organizer')));
  });

  it('omits the subject line when Graph returned no subject', () => {
    const card = buildJoinCard({ ...base, meeting: { ...meeting, subject: '' } });
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    assert.equal(richTextLines(card)[0], 'When: Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST (America/New_York)');
  });
});
