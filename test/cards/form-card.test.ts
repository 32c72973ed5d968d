import assert from 'node:assert/strict';
import type { ChoiceSetInput, DateInput, SubmitAction, TextInput, TimeInput } from 'adaptivecards';
import { buildFormCard, type FormCardData } from '../../src/cards/form-card';
import { VERBS } from '../../src/teams/card-verbs';
import { allStrings, findByType, parseAdaptiveCard, richTextLines, textRunTexts } from '../support/adaptive-cards';

const base: FormCardData = {
  formId: 'form-7f3a',
  ownerId: '29:1a2b3c-owner',
  ownerName: 'Ada Lovelace',
  timeZone: 'America/New_York',
  draft: {},
};

const STANDARD_CHOICES = [
  { title: '15 minutes', value: '15' },
  { title: '30 minutes', value: '30' },
  { title: '45 minutes', value: '45' },
  { title: '1 hour', value: '60' },
  { title: '1 hour 30 minutes', value: '90' },
  { title: '2 hours', value: '120' },
  { title: '3 hours', value: '180' },
];

type Obj = Record<string, unknown>;
const body = (card: object): Obj[] => (card as Obj).body as Obj[];
const input = (card: object, id: string): Obj => {
  const found = body(card).find((e) => e.id === id);
  assert.ok(found, `input ${id} is on the card`);
  return found;
};
const attentionTexts = (card: object): string[] =>
  findByType(card, 'TextRun')
    .filter((r) => r.color === 'Attention')
    .map((r) => String(r.text));

describe('form card', () => {
  it('empty draft: a valid card with the four inputs, duration defaulting to 30 minutes', () => {
    const card = buildFormCard(base);
    const { card: parsed, events } = parseAdaptiveCard(card);
    assert.deepEqual(events, []);

    const inputs = parsed.getAllInputs();
    assert.deepEqual(inputs.map((i) => i.id), ['subject', 'date', 'time', 'duration']);
    assert.deepEqual(inputs.map((i) => i.label), ['Subject', 'Date', 'Start time', 'Duration']);
    assert.equal((inputs[0] as TextInput).defaultValue, undefined);
    assert.equal((inputs[0] as TextInput).maxLength, 255);
    assert.equal((inputs[1] as DateInput).defaultValue, undefined);
    assert.equal((inputs[2] as TimeInput).defaultValue, undefined);
    const duration = inputs[3] as ChoiceSetInput;
    assert.equal(duration.defaultValue, '30');
    assert.equal(duration.isCompact, true);
    assert.deepEqual(duration.choices.map((c) => ({ title: c.title, value: c.value })), STANDARD_CHOICES);

    // An absent date/time is no value at all, not an empty string.
    assert.equal('value' in input(card, 'date'), false);
    assert.equal('value' in input(card, 'time'), false);
  });

  it('empty draft: shows the title, whose form it is and the time zone, and nothing optional', () => {
    const card = buildFormCard(base);
    assert.deepEqual(
      findByType(card, 'TextBlock').map((b) => b.text),
      ['Schedule a Teams meeting'],
    );
    assert.deepEqual(richTextLines(card), ['For Ada Lovelace', 'Times are in America/New_York.']);
    assert.deepEqual(attentionTexts(card), [], 'no errors and no banner');
    // No template expression is left unexpanded (the engine keeps "${missing}" literally).
    assert.deepEqual(allStrings(card).filter((s) => s.includes('${')), []);
  });

  it('prefilled draft: the inputs carry what the user gave', () => {
    const card = buildFormCard({
      ...base,
      draft: { subject: '  Design review ', date: '2026-11-28', time: '15:00', durationMinutes: 45 },
    });
    const { card: parsed, events } = parseAdaptiveCard(card);
    assert.deepEqual(events, []);
    const [subject, date, time, duration] = parsed.getAllInputs();
    assert.equal((subject as TextInput).defaultValue, '  Design review ', 'subject kept untrimmed, as typed');
    assert.equal((date as DateInput).defaultValue, '2026-11-28');
    assert.equal((time as TimeInput).defaultValue, '15:00');
    assert.equal((duration as ChoiceSetInput).defaultValue, '45');
    assert.deepEqual(
      (duration as ChoiceSetInput).choices.map((c) => ({ title: c.title, value: c.value })),
      STANDARD_CHOICES,
    );
  });

  it('keeps a duration that is not in the list as an extra, selected choice in order', () => {
    const card = buildFormCard({ ...base, draft: { durationMinutes: 50 } });
    const { card: parsed, events } = parseAdaptiveCard(card);
    assert.deepEqual(events, []);
    const duration = parsed.getAllInputs()[3] as ChoiceSetInput;
    assert.equal(duration.defaultValue, '50');
    assert.deepEqual(
      duration.choices.map((c) => c.value),
      ['15', '30', '45', '50', '60', '90', '120', '180'],
    );
    assert.equal(duration.choices[3].title, '50 minutes');

    const long = buildFormCard({ ...base, draft: { durationMinutes: 240 } });
    const longChoice = input(long, 'duration');
    assert.equal(longChoice.value, '240');
    assert.deepEqual((longChoice.choices as Obj[]).at(-1), { title: '4 hours', value: '240' });

    const short = buildFormCard({ ...base, draft: { durationMinutes: 5 } });
    assert.deepEqual((input(short, 'duration').choices as Obj[])[0], { title: '5 minutes', value: '5' });
  });

  it('shows each error right under its own field, plus notes and a banner', () => {
    const card = buildFormCard({
      ...base,
      draft: { subject: '', date: '2026-03-08', time: '02:30', durationMinutes: 0 },
      errors: {
        subject: 'Please enter a subject.',
        date: 'That date is in the past.',
        time: 'I couldn\'t read “25:99” as a time.',
        duration: 'The duration must be between 5 minutes and 24 hours.',
      },
      notes: ["2:30 AM doesn't exist on Mar 8, 2026 in America/New_York (clocks go forward); using 3:30 AM EDT."],
      banner: 'Teams is busy right now — press Create meeting again; your details are kept.',
    });
    const { events } = parseAdaptiveCard(card);
    assert.deepEqual(events, []);

    const items = body(card);
    const lineOf = (el: Obj): string => richTextLines({ body: [el] }).join('');
    for (const [field, message] of [
      ['subject', 'Please enter a subject.'],
      ['date', 'That date is in the past.'],
      ['time', 'I couldn\'t read “25:99” as a time.'],
      ['duration', 'The duration must be between 5 minutes and 24 hours.'],
    ] as const) {
      const at = items.findIndex((e) => e.id === field);
      const next = items[at + 1];
      assert.equal(next.type, 'RichTextBlock', `${field}: an error block follows the input`);
      assert.equal(lineOf(next), message);
      assert.equal(((next.inlines as Obj[])[0]).color, 'Attention');
    }

    // Banner first, in attention colour, above the title.
    assert.equal(lineOf(items[0]), 'Teams is busy right now — press Create meeting again; your details are kept.');
    assert.equal(((items[0].inlines as Obj[])[0]).color, 'Attention');
    assert.equal(items[1].text, 'Schedule a Teams meeting');

    // The DST note is shown as subtle text after the time-zone line.
    const lines = richTextLines(card);
    const tz = lines.indexOf('Times are in America/New_York.');
    assert.equal(
      lines[tz + 1],
      "2:30 AM doesn't exist on Mar 8, 2026 in America/New_York (clocks go forward); using 3:30 AM EDT.",
    );
    const noteRun = findByType(card, 'TextRun').find((r) => String(r.text).startsWith('2:30 AM'));
    assert.equal(noteRun?.isSubtle, true);

    // Off-list duration 0 is still offered, so the user sees what was read.
    assert.equal(input(card, 'duration').value, '0');
  });

  it('shows several notes, each on its own line, and only the errors given', () => {
    const card = buildFormCard({ ...base, errors: { time: 'Pick a start time.' }, notes: ['First note.', 'Second note.'] });
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    assert.deepEqual(attentionTexts(card), ['Pick a start time.']);
    const lines = richTextLines(card);
    assert.deepEqual(lines.slice(-2), ['First note.', 'Second note.']);
  });

  it('"Create meeting" submits the inputs with formId, ownerId and time zone', () => {
    const card = buildFormCard(base);
    const { card: parsed } = parseAdaptiveCard(card);
    assert.equal(parsed.getActionCount(), 2);
    const create = parsed.getActionAt(0) as SubmitAction;
    assert.equal(create.getJsonTypeName(), 'Action.Submit');
    assert.equal(create.title, 'Create meeting');
    assert.equal(create.style, 'positive');
    assert.equal(create.associatedInputs, undefined, 'default: all inputs are sent');
    assert.deepEqual(create.data, {
      action: VERBS.create,
      formId: 'form-7f3a',
      ownerId: '29:1a2b3c-owner',
      timeZone: 'America/New_York',
    });
  });

  it('"Cancel" sends no inputs, only the form and owner ids', () => {
    const card = buildFormCard({ ...base, draft: { subject: 'Half-typed' } });
    const { card: parsed } = parseAdaptiveCard(card);
    const cancel = parsed.getActionAt(1) as SubmitAction;
    assert.equal(cancel.title, 'Cancel');
    assert.equal(cancel.associatedInputs, 'none');
    assert.deepEqual(cancel.data, { action: VERBS.cancelForm, formId: 'form-7f3a', ownerId: '29:1a2b3c-owner' });
  });

  it('building one form does not leak into the next (template is not mutated)', () => {
    buildFormCard({ ...base, errors: { subject: 'x' }, notes: ['n'], banner: 'b', draft: { durationMinutes: 50 } });
    const clean = buildFormCard(base);
    assert.deepEqual(attentionTexts(clean), []);
    assert.deepEqual(textRunTexts(clean), ['For ', 'Ada Lovelace', 'Times are in America/New_York.']);
    assert.equal((input(clean, 'duration').choices as Obj[]).length, 7);
  });

  it('omits the "For …" line when the owner has no name', () => {
    const card = buildFormCard({ ...base, ownerName: '' });
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    assert.deepEqual(richTextLines(card), ['Times are in America/New_York.']);
  });

  it('is plain JSON (survives a round trip unchanged)', () => {
    const card = buildFormCard({ ...base, errors: { date: 'e' }, notes: ['n'], banner: 'b' });
    assert.deepEqual(JSON.parse(JSON.stringify(card)), card);
  });
});
