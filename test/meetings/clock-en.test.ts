import assert from 'node:assert/strict';
import { findEnglishClocks } from '../../src/meetings/clock-en';

/** What findEnglishClocks found in `text`: each phrase with its ends as "h:mm" (+"!" when the text fixes the hour). */
function found(text: string): string[] {
  const show = (c: { hour: number; minute: number; fixed?: number }) =>
    `${c.fixed ?? c.hour}:${String(c.minute).padStart(2, '0')}${c.fixed === undefined ? '' : '!'}`;
  return findEnglishClocks(text).map((c) =>
    `${text.slice(c.span.start, c.span.end)} = ${show(c.from)}${c.to ? ` to ${show(c.to)}` : ''}${c.weak ? ' (weak)' : ''}${c.context ? ` (${c.context})` : ''}${c.endOnly ? ' (end only)' : ''}`);
}

describe('findEnglishClocks: times as people type them', () => {
  const cases: [string, string[]][] = [
    ['Ops review Tues 2–3:30pm', ['2–3:30pm = 2:00 to 15:30!']],
    ['weds from 9:30 to noon', ['from 9:30 to noon = 9:30 to 12:00!']],
    ['Thu 12 noon to 1.15pm', ['12 noon to 1.15pm = 12:00! to 13:15!']],
    ['between 2 and 3pm', ['between 2 and 3pm = 2:00 to 15:00!']],
    ['at half past three', ['at half past three = 3:30']],
    ['quarter to five pm', ['quarter to five pm = 16:45!']],
    ['quarter past 10', ['quarter past 10 = 10:15']],
    ['14h30', ['14h30 = 14:30!']],
    ['at 4.15pm', ['at 4.15pm = 16:15!']],
    ['at 3 p.m.', ['at 3 p.m. = 15:00!']],
    ["3 o'clock", ["3 o'clock = 3:00"]],
    ['3 in the afternoon', ['3 in the afternoon = 15:00!']],
    ['10 tomorrow morning', ['10 = 10:00 (am)']],
    ['at midday', ['at midday = 12:00!']],
    ['from 10pm to midnight', ['from 10pm to midnight = 22:00! to 24:00!']],
    ['Sync 10-11 tomorrow', ['10-11 = 10:00 to 11:00 (weak)']],
    ['chapters 3 to 4', ['3 to 4 = 3:00 to 4:00 (weak)']],
    ['09:30', ['09:30 = 9:30!']],
    // The other choice of a time is a time, in the half of the day it says.
    ['Sync at 10 or 11', ['at 10 = 10:00', '11 = 11:00']],
    ['Sync 10 or 11am', ['10 = 10:00 (am)', '11am = 11:00!']],
    ['Sync 9 or 10pm', ['9 = 9:00 (pm)', '10pm = 22:00!']],
    ['Sync at 10 or 15:00', ['at 10 = 10:00', '15:00 = 15:00!']],
    ['Sync at 9 or 10pm', ['at 9 = 9:00 (pm)', '10pm = 22:00!']],
    // A bare hour right after a day is probably the time: asked.
    ['Standup tomorrow 9', ['9 = 9:00 (weak)']],
    ['Sync Fri 10 for 30 min', ['10 = 10:00 (weak)']],
    ['Sync tomorrow 15h', ['15h = 15:00!']],
    ['Sync tomorrow at 21h', ['at 21h = 21:00!']],
    ['Sync tomorrow at 9h', ['at 9h = 9:00']],
    ['Sync tomorrow 9h', ['9h = 9:00 (weak)']],
    ['Sync tomorrow 3pm-ish', ['3pm-ish = 15:00! (weak)']],
    ['Sync tomorrow at 3pm sharp', ['at 3pm sharp = 15:00!']],
    // Chat shorthand: "4p", "10a", "9:30a".
    ['Sync tomorrow 4p', ['4p = 16:00!']],
    ['Standup tomorrow 9:30a', ['9:30a = 9:30!']],
    ['Sync tomorrow 4p-5p', ['4p-5p = 16:00! to 17:00!']],
    ['Sync tomorrow from 10a to 11:30a', ['from 10a to 11:30a = 10:00! to 11:30!']],
    // "9ish" is about 9: asked, in the working-hours reading.
    ['Sync tomorrow 9ish', ['9ish = 9:00 (weak)']],
    ['Sync 10-ish tomorrow', ['10-ish = 10:00 (weak)']],
    // "until 5pm" with no start: when the meeting ends, not when it starts.
    ['Sync tomorrow until 5pm', ['until 5pm = 17:00! (weak) (end only)']],
    ['Sync tomorrow till 4:30pm', ['till 4:30pm = 16:30! (weak) (end only)']],
    ['Sync tomorrow 3pm until 5pm', ['3pm until 5pm = 15:00! to 17:00!']],
    ['Sync tomorrow 3pm, until 5pm', ['3pm, until 5pm = 15:00! to 17:00!']],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(found(text), expected));
  }

  const notTimes = [
    'a 1:1 with Sam', 'Q4 planning', 'Sprint 7 demo', '2028 budget', 'Top 10 risks', 'v1.15 release',
    '2026-12-03', '12/3', 'the 3rd of March', 'in 2 hours', 'for 1.5 hours', 'Tuesday 15 December', 'tomorrow 9 people', 'for 2h', 'a 1h slot',
    'twice a day', '3 a week', 'Room 4 a/v check', 'ish', 'Phase 2a review', 'Room 4a',
  ];
  for (const text of notTimes) {
    it(`finds no time in ${JSON.stringify(text)}`, () => assert.deepEqual(found(text), []));
  }
});
