import assert from 'node:assert/strict';
import { CardFactory } from 'botbuilder';
import { adaptiveCardAttachment } from '../../src/cards/attachment';
import { buildClosedCard } from '../../src/cards/closed-card';
import { buildHelpCard } from '../../src/cards/help-card';
import { allStrings, findByType, parseAdaptiveCard, richTextLines, textRunTexts } from '../support/adaptive-cards';

describe('help card', () => {
  it('lists schedule, meetings, help, cancel and sign out with examples, as a valid card', () => {
    const card = buildHelpCard();
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    const lines = richTextLines(card);
    const commands = findByType(card, 'TextRun')
      .filter((r) => r.fontType === 'Monospace' && r.weight === 'Bolder')
      .map((r) => r.text);
    assert.deepEqual(commands, ['schedule <subject> <when> [for <duration>]', 'meetings', 'help', 'cancel', 'sign out']);
    assert.ok(lines.includes('Example: schedule Design review tomorrow 3pm for 45 min'));
    assert.ok(lines.includes('Example: schedule Standup Monday 9:30 for 15 minutes'));
    assert.ok(lines.includes('Example: schedule on its own opens the form'));
    assert.ok(lines.includes('Stops the scheduling in progress.'));
    assert.equal(card.actions, undefined);
  });

  it('explains when to @mention the bot', () => {
    const lines = richTextLines(buildHelpCard());
    const note = lines.find((l) => l.includes('@mention'));
    assert.ok(note, 'a mention note is present');
    assert.match(note, /channels and group chats/);
    assert.match(note, /personal chat/);
  });

  it('keeps command syntax out of Markdown text, where "<subject>" could be swallowed', () => {
    const card = buildHelpCard();
    for (const text of findByType(card, 'TextBlock').map((b) => String(b.text))) {
      assert.doesNotMatch(text, /[<>[\]]/);
    }
  });

  it('puts the optional intro first, and omits it when not given', () => {
    const intro = 'I didn\'t understand “shedule standup”. Here is what I can do:';
    const card = buildHelpCard({ intro });
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    assert.equal(textRunTexts(card)[0], intro);
    assert.equal(richTextLines(buildHelpCard())[0], 'schedule <subject> <when> [for <duration>]');
    assert.equal(richTextLines(buildHelpCard({ intro: '' }))[0], 'schedule <subject> <when> [for <duration>]');
    assert.deepEqual(allStrings(buildHelpCard()).filter((s) => s.includes('${')), []);
  });
});

describe('closed card', () => {
  it('shows the title, the subject and the detail, with no inputs or actions', () => {
    const card = buildClosedCard({
      title: 'Scheduling cancelled',
      subject: 'Design review',
      detail: 'Type “schedule” to start again.',
    });
    const { card: parsed, events } = parseAdaptiveCard(card);
    assert.deepEqual(events, []);
    assert.deepEqual(richTextLines(card), [
      'Scheduling cancelled',
      'Subject: Design review',
      'Type “schedule” to start again.',
    ]);
    assert.equal(parsed.getAllInputs().length, 0);
    assert.equal(parsed.getActionCount(), 0);
  });

  it('omits subject and detail when not given', () => {
    const card = buildClosedCard({ title: 'Scheduling cancelled' });
    assert.deepEqual(parseAdaptiveCard(card).events, []);
    assert.deepEqual(richTextLines(card), ['Scheduling cancelled']);
    assert.deepEqual(allStrings(card).filter((s) => s.includes('${')), []);
  });
});

describe('adaptiveCardAttachment', () => {
  it('wraps a card exactly as botbuilder does', () => {
    const card = buildClosedCard({ title: 'Scheduling cancelled' });
    const attachment = adaptiveCardAttachment(card);
    assert.equal(attachment.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(attachment.content, card);
    assert.deepEqual(attachment, CardFactory.adaptiveCard(card));
  });
});
