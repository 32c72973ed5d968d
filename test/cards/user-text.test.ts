import assert from 'node:assert/strict';
import type { SubmitAction } from 'adaptivecards';
import { buildClosedCard } from '../../src/cards/closed-card';
import { buildFormCard } from '../../src/cards/form-card';
import { VERBS } from '../../src/teams/card-verbs';
import { buildHelpCard } from '../../src/cards/help-card';
import { buildJoinCard } from '../../src/cards/join-card';
import type { AdaptiveCard } from '../../src/cards/card-elements';
import type { CreatedMeeting } from '../../src/meetings/types';
import { findByType, markdownTexts, parseAdaptiveCard, textRunTexts } from '../support/adaptive-cards';

// What people (or attackers) type as a subject or name. Each must reach the user exactly as typed:
// not as a link, not as formatting, not as a mention, and never evaluated as a template expression.
const HOSTILE: Record<string, string> = {
  'Markdown link': '[click](https://evil.example)',
  'Markdown emphasis': '**bold** _italic_ `code` # not a heading',
  'Teams mention': '<at>x</at>',
  'template field': '${subject}',
  'template root': '${$root}',
  'template expressions': 'Q3 ${formId} ${$root.ownerId} ${if(true, "a", "b")} @{x} ${',
  HTML: '<script>alert(1)</script><b>x</b> &amp;',
  'bare URL': 'see https://evil.example/path?x=1 now',
  'very long': `${'Quarterly planning '.repeat(600)}end`,
  emoji: '🎉 Team 👩‍👩‍👧‍👦 sync 🇺🇸',
  RTL: 'اجتماع الفريق \u202Eevil\u202C פגישת צוות',
  'control characters': 'line one\nline two\r\n\tindented',
  'quotes and backslashes': 'He said "hi" \\ and \'bye\'',
  'Adaptive Card date function': '{{DATE(2026-01-01T00:00:00Z, SHORT)}}',
};

const meeting: CreatedMeeting = {
  id: 'm1',
  subject: 'Design review',
  startIso: '2026-11-28T20:00:00Z',
  endIso: '2026-11-28T20:45:00Z',
  joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0',
  created: true,
};

type Card = AdaptiveCard;
type Obj = Record<string, unknown>;

/** Cards with `text` in every user-text slot, and the TextRuns that slot must become. */
function cardsWith(text: string): { name: string; card: Card; runs: string[] }[] {
  return [
    {
      name: 'form (owner, errors, notes, banner)',
      card: buildFormCard({
        formId: 'f1',
        ownerId: 'u1',
        ownerName: text,
        timeZone: 'America/New_York',
        draft: { subject: text },
        errors: { subject: text, date: text, time: text, duration: text },
        notes: [text],
        banner: text,
      }),
      runs: [text, text, text, text, text, text, text],
    },
    {
      name: 'join (subject, organizer, dial-in, notes)',
      card: buildJoinCard({
        meeting: { ...meeting, subject: text, dialIn: { tollNumber: text, tollFreeNumber: text, conferenceId: text } },
        timeZone: 'America/New_York',
        organizerName: text,
        notes: [text],
      }),
      runs: [text, text, text, text, text, text],
    },
    { name: 'help (intro)', card: buildHelpCard({ intro: text }), runs: [text] },
    {
      name: 'closed (title, subject, detail)',
      card: buildClosedCard({ title: text, subject: text, detail: text }),
      runs: [text, text, text],
    },
  ];
}

function count(list: string[], item: string): number {
  return list.filter((x) => x === item).length;
}

describe('user-provided text in cards', () => {
  for (const [label, text] of Object.entries(HOSTILE)) {
    describe(label, () => {
      for (const { name, card, runs } of cardsWith(text)) {
        it(`${name}: comes out verbatim in TextRuns, never in Markdown text`, () => {
          const { card: parsed, events } = parseAdaptiveCard(card);
          assert.deepEqual(events, []);
          // Verbatim in the JSON we send, and still a TextRun once the SDK has read it.
          assert.equal(count(textRunTexts(card), text), runs.length);
          assert.equal(count(textRunTexts(parsed.toJSON()), text), runs.length);
          for (const md of markdownTexts(card)) assert.ok(!md.includes(text), `found in Markdown text: ${md.slice(0, 80)}`);
        });
      }

      it('form: subject is prefilled verbatim up to the 255 characters a subject may have (inputs are never Markdown)', () => {
        const card = buildFormCard({
          formId: 'f1',
          ownerId: 'u1',
          ownerName: 'Ada',
          timeZone: 'UTC',
          draft: { subject: text },
        });
        const subject = (card.body as unknown as Obj[]).find((e) => e.id === 'subject');
        assert.equal(subject?.value, [...text].slice(0, 255).join(''), 'not trimmed or evaluated, and cut only past 255 characters');
      });
    });
  }

  it('a time zone name is shown and submitted verbatim', () => {
    const zone = '[x](https://evil.example) ${formId}';
    const card = buildFormCard({ formId: 'f1', ownerId: 'u1', ownerName: 'Ada', timeZone: zone, draft: {} });
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    assert.ok(textRunTexts(card).includes(`Times are in ${zone}.`));
    assert.ok(markdownTexts(card).every((t) => !t.includes('evil')));
    const { card: parsed } = parseAdaptiveCard(card);
    assert.equal(((parsed.getActionAt(0) as SubmitAction).data as { timeZone: string }).timeZone, zone);
  });

  it('ids that look like template expressions reach the submit data verbatim', () => {
    const card = buildFormCard({ formId: '${ownerId}', ownerId: '${$root}', ownerName: 'Ada', timeZone: 'UTC', draft: {} });
    const { card: parsed } = parseAdaptiveCard(card);
    assert.deepEqual((parsed.getActionAt(0) as SubmitAction).data, {
      action: VERBS.create,
      formId: '${ownerId}',
      ownerId: '${$root}',
      timeZone: 'UTC',
    });
    assert.deepEqual((parsed.getActionAt(1) as SubmitAction).data, {
      action: VERBS.cancelForm,
      formId: '${ownerId}',
      ownerId: '${$root}',
    });
  });
});

describe('every card', () => {
  const cards: [string, Card][] = [
    ['form', buildFormCard({ formId: 'f', ownerId: 'o', ownerName: 'Ada', timeZone: 'UTC', draft: {} })],
    ['join', buildJoinCard({ meeting, timeZone: 'UTC', organizerName: 'Ada' })],
    ['help', buildHelpCard()],
    ['closed', buildClosedCard({ title: 'Scheduling cancelled' })],
  ];
  for (const [name, card] of cards) {
    it(`${name}: is an Adaptive Card 1.5 (Teams' maximum), full width`, () => {
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      assert.equal(card.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
      assert.deepEqual(card.msteams, { width: 'Full' });
      assert.deepEqual(parseAdaptiveCard(card).events, []);
      // Only fixed wording of ours goes through Markdown.
      assert.ok(findByType(card, 'FactSet').length === 0);
    });
  }
});
