import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { parseCommand } from '../../src/teams/commands';
import { MAX_MENTIONED_PEOPLE, messageTextWithoutPeople, readMentions } from '../../src/teams/mentions';
import { readReminderPhrase } from '../../src/meetings/reminder';
import { parseSchedule } from '../../src/meetings/parse-schedule';

const BOT = { id: '28:bot', name: 'Meeting Bot' };
const ALICE = { id: '29:alice', name: 'Alice' };
const SAM = { id: '29:sam', name: 'Sam Jones' };
const PRIYA = { id: '29:priya', name: 'Priya Patel' };

const mention = (who: { id: string; name: string }, extra: Record<string, unknown> = {}) => ({ type: 'mention', text: `<at>${who.name}</at>`, mentioned: { ...who, ...extra } });

/** A Teams message "<at>Meeting Bot</at> …" where every "@Name" in `text` is a mention of that person. */
function message(text: string, people: { id: string; name: string; type?: string }[] = []): Partial<Activity> {
  let wire = `<at>${BOT.name}</at> ${text}`;
  for (const p of people) wire = wire.replace(`@${p.name}`, `<at>${p.name}</at>`);
  return {
    type: 'message',
    text: wire,
    from: ALICE,
    recipient: BOT,
    entities: [mention(BOT), ...people.map((p) => mention(p, p.type ? { type: p.type } : {})), { type: 'clientInfo', locale: 'en-US' }],
  } as Partial<Activity>;
}

describe('mentions: the people a request invites', () => {
  it('reads at most MAX_MENTIONED_PEOPLE people, each once, however many mention entities an activity carries', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: `29:person${i % 2500}`, name: `Person ${i % 2500}` }));
    const read = readMentions(message(`schedule Town hall tomorrow 3pm ${many.map((p) => `@${p.name}`).join(' ')}`, many));
    assert.equal(read.people.length, MAX_MENTIONED_PEOPLE);
    assert.equal(new Set(read.people.map((p) => p.id)).size, MAX_MENTIONED_PEOPLE);
    assert.deepEqual(read.people[0], { id: '29:person0', name: 'Person 0' });
  });

  it('reads the mentioned people (not the bot, not the sender, each once)', () => {
    const a = message('schedule Design review tomorrow 3pm with @Sam Jones @Priya Patel @Alice @Sam Jones', [SAM, PRIYA, ALICE, SAM]);
    assert.deepEqual(readMentions(a), { people: [SAM, PRIYA], everyone: false });
  });

  it('keeps the names and the "with"/"invite"/"邀请" words out of the text', () => {
    const cases: [string, { id: string; name: string }[], string][] = [
      ['schedule Design review tomorrow 3pm with @Sam Jones @Priya Patel', [SAM, PRIYA], 'schedule Design review tomorrow 3pm'],
      ['schedule Design review tomorrow 3pm with @Sam Jones and @Priya Patel for 45 min', [SAM, PRIYA], 'schedule Design review tomorrow 3pm for 45 min'],
      ['schedule Design review tomorrow 3pm invite @Sam Jones, @Priya Patel', [SAM, PRIYA], 'schedule Design review tomorrow 3pm'],
      ['schedule invite @Sam Jones Design review tomorrow 3pm', [SAM], 'schedule Design review tomorrow 3pm'],
      ['schedule 设计评审 明天下午3点 邀请 @Sam Jones、@Priya Patel', [SAM, PRIYA], 'schedule 设计评审 明天下午3点'],
      ['schedule Design review tomorrow 3pm', [], 'schedule Design review tomorrow 3pm'],
    ];
    for (const [typed, people, expected] of cases) assert.equal(messageTextWithoutPeople(message(typed, people)), expected, typed);
  });

  it('a channel, team, tag or everyone mention means everyone, not people', () => {
    const general = { id: '19:general@thread.tacv2', name: 'General' };
    assert.deepEqual(readMentions(message('schedule Town hall tomorrow 3pm with @General', [general])), { people: [], everyone: true });
    assert.deepEqual(readMentions(message('schedule Town hall tomorrow 3pm @Design team', [{ id: 'tag-1', name: 'Design team', type: 'tag' }])), { people: [], everyone: true });
    assert.deepEqual(readMentions(message('schedule Town hall tomorrow 3pm @everyone', [{ id: '29:x', name: 'everyone' }])), { people: [], everyone: true });
    assert.equal(messageTextWithoutPeople(message('schedule Town hall tomorrow 3pm with @General', [general])), 'schedule Town hall tomorrow 3pm');
  });

  it('the subject of a full request with people and a reminder is only the subject', () => {
    const a = message('schedule Design review tomorrow 3pm with @Sam Jones @Priya Patel remind me 30 min before', [SAM, PRIYA]);
    const command = parseCommand(messageTextWithoutPeople(a));
    assert.equal(command.kind, 'schedule');
    const reminder = readReminderPhrase((command as { details: string }).details);
    assert.equal(reminder.minutes, 30);
    const parsed = parseSchedule(reminder.text, { now: new Date('2026-11-27T14:00:00Z'), timeZone: 'America/New_York' });
    assert.equal(parsed.draft.subject, 'Design review');
    assert.equal(parsed.draft.time, '15:00');
    assert.equal(parsed.draft.durationMinutes, undefined, '"30 min before" is not a duration');
  });
});

describe('reminder phrases', () => {
  const cases: [string, number | undefined, string][] = [
    ['Design review tomorrow 3pm remind me 30 min before', 30, 'Design review tomorrow 3pm'],
    ['Design review tomorrow 3pm, remind us 1 hour before', 60, 'Design review tomorrow 3pm,'],
    ['Design review tomorrow 3pm with a 15-minute reminder', 15, 'Design review tomorrow 3pm'],
    ['Design review tomorrow 3pm no reminder', 0, 'Design review tomorrow 3pm'],
    ["Design review tomorrow 3pm don't remind me", 0, 'Design review tomorrow 3pm'],
    ['设计评审 明天下午3点 提前30分钟提醒', 30, '设计评审 明天下午3点'],
    ['设计评审 明天下午3点 不提醒', 0, '设计评审 明天下午3点'],
    ['Reminder planning tomorrow 3pm', undefined, 'Reminder planning tomorrow 3pm'],
    ['Design review tomorrow 3pm remind me 5000 min before', undefined, 'Design review tomorrow 3pm remind me 5000 min before'],
  ];
  for (const [text, minutes, rest] of cases) {
    it(`"${text}" → ${minutes}`, () => {
      assert.deepEqual(readReminderPhrase(text), minutes === undefined ? { text: rest } : { text: rest, minutes });
    });
  }
});
