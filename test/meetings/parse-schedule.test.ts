import assert from 'node:assert/strict';
import { MAX_PARSED_CHARS, parseSchedule } from '../../src/meetings/parse-schedule';
import { itReadsEveryRow, itReadsTheSameInServerZones, type ParseRow } from '../support/parse-table';

// Thursday 26 Nov 2026, 10:00 in New York (EST, UTC−5).
const NY_THU_10AM = new Date('2026-11-26T15:00:00Z');
const NY = 'America/New_York';

const rows: ParseRow[] = [
  // --- relative dates, 12 h times, durations ---
  { text: 'Design review tomorrow at 3pm for 45 minutes', subject: 'Design review', date: '2026-11-27', time: '15:00', duration: 45 },
  { text: 'Standup today at 11am', subject: 'Standup', date: '2026-11-26', time: '11:00' },
  { text: 'Retro Friday 2pm for 45 min', subject: 'Retro', date: '2026-11-27', time: '14:00', duration: 45 },
  { text: 'Planning next Tuesday at 10am for 1 hour', subject: 'Planning', date: '2026-12-01', time: '10:00', duration: 60 },
  { text: 'Planning next week on Monday 10am', subject: 'Planning', date: '2026-11-30', time: '10:00' },
  { text: 'Hiring panel Wed 15:00 for 1.5 hours', subject: 'Hiring panel', date: '2026-12-02', time: '15:00', duration: 90 },
  { text: 'Sync in 2 hours', subject: 'Sync', date: '2026-11-26', time: '12:00' },
  {
    text: 'Dinner Thursday at 9am', subject: 'Dinner', date: '2026-12-03', time: '09:00',
    ambiguities: { date: 'I read "Thursday" as next week, Thu, Dec 3, not today — check the date.' },
    why: 'today is Thursday and 9am has passed, so next Thursday — but the user may have meant today: ask',
  },
  {
    text: 'Dinner Thursday at 6pm', subject: 'Dinner', date: '2026-11-26', time: '18:00',
    ambiguities: { date: 'I read "Thursday" as today, Thu, Nov 26, not next week — check the date.' },
    why: 'later today, or a week from today: ask',
  },
  { text: 'Dinner this Thursday at 6pm', subject: 'Dinner', date: '2026-11-26', time: '18:00', why: '"this" says today' },
  // --- an end with no start ---
  {
    text: 'Sync tomorrow until 5pm', subject: 'Sync', date: '2026-11-27',
    ambiguities: { time: '"until 5pm" says when it ends — when does it start?' },
    why: 'the end is not the start: the time is asked, and what was typed is shown',
  },
  { text: 'Sync tomorrow until 5pm for 2 hours', subject: 'Sync', date: '2026-11-27', time: '15:00', duration: 120, why: 'the end and the length give the start' },
  {
    text: 'Sync tomorrow 9h', subject: 'Sync', date: '2026-11-27', time: '09:00',
    ambiguities: { time: 'I read "9h" as 9:00 AM — check the time.' }, why: '9 o\'clock or a 9-hour meeting',
  },
  {
    text: 'Sync tomorrow 9ish', subject: 'Sync', date: '2026-11-27', time: '09:00',
    ambiguities: { time: 'I read "9ish" as 9:00 AM — check the time.' },
  },
  // --- a weekday with the day of the month ---
  { text: 'Board call Monday the 30th at 3pm', subject: 'Board call', date: '2026-11-30', time: '15:00', why: 'the 30th is a Monday: one day' },
  { text: 'Board call Mon 7th 3pm', subject: 'Board call', date: '2026-12-07', time: '15:00', why: 'the 7th (of December: November\'s has passed) is a Monday' },
  {
    text: 'Board call Tuesday the 30th at 3pm', subject: 'Board call', date: '2026-12-01', time: '15:00',
    ambiguities: { date: '"Tuesday the 30th" names two days — I put in Tue, Dec 1; pick the one you mean.' },
    why: 'the 30th is a Monday: which one is meant is asked',
  },
  { text: 'Dinner next Thursday at 6pm', subject: 'Dinner', date: '2026-12-03', time: '18:00', why: '"next" is not bare' },
  // --- numbers in the subject ---
  {
    text: 'Sprint 10 review tomorrow 3pm', subject: 'Sprint 10 review', date: '2026-11-27', time: '15:00',
    why: 'chrono reads "10 tomorrow" as 10:00; the explicit 3pm wins and 10 stays in the subject',
  },
  { text: 'Team 5 sync tomorrow at noon', subject: 'Team 5 sync', date: '2026-11-27', time: '12:00' },
  { text: 'Q3 planning Friday 15:00 for 30 min', subject: 'Q3 planning', date: '2026-11-27', time: '15:00', duration: 30 },
  // --- absolute dates ---
  { text: 'Budget sync Dec 3 at 2:30 pm', subject: 'Budget sync', date: '2026-12-03', time: '14:30' },
  { text: 'Roadmap 3 December 2026 at 14:00 for 90m', subject: 'Roadmap', date: '2026-12-03', time: '14:00', duration: 90 },
  { text: 'Offsite prep 2026-12-03 09:30 for 2 hrs', subject: 'Offsite prep', date: '2026-12-03', time: '09:30', duration: 120 },
  { text: 'Vendor call 12/3 at 4pm for an hour', subject: 'Vendor call', date: '2026-12-03', time: '16:00', duration: 60 },
  { text: 'Board meeting Nov 2 at 10am', subject: 'Board meeting', date: '2027-11-02', time: '10:00', why: 'no year and Nov 2 is behind us' },
  { text: 'Board meeting Nov 26 at 4pm', subject: 'Board meeting', date: '2026-11-26', time: '16:00', why: 'no year and it is today' },
  // --- noon / midday / midnight ---
  { text: 'Lunch with Sam on Friday at noon', subject: 'Lunch with Sam', date: '2026-11-27', time: '12:00' },
  { text: 'Town hall Monday at midday for 1h30', subject: 'Town hall', date: '2026-11-30', time: '12:00', duration: 90 },
  { text: 'Release cut at midnight', subject: 'Release cut', date: '2026-11-27', time: '00:00', why: 'alone: the coming midnight' },
  {
    text: 'Release cut tomorrow at midnight', subject: 'Release cut', date: '2026-11-27', time: '00:00',
    ambiguities: { time: 'I read "midnight" as 12:00 AM at the start of Fri, Nov 27 — check the date and time.' },
    why: 'with a day: the night into it or out of it',
  },
  // --- hours without am/pm ---
  { text: 'Sync at 3', subject: 'Sync', date: '2026-11-26', time: '15:00', why: 'a work meeting at 3 is in the afternoon' },
  { text: 'Sync at 9', subject: 'Sync', date: '2026-11-27', time: '09:00', why: '9 AM has passed today, so tomorrow' },
  { text: 'Sync tomorrow at 12', subject: 'Sync', date: '2026-11-27', time: '12:00' },
  { text: 'Sync at 3:30', subject: 'Sync', date: '2026-11-26', time: '15:30' },
  { text: 'Sync at 09:30 tomorrow', subject: 'Sync', date: '2026-11-27', time: '09:30', why: '24 h form is literal' },
  { text: 'Sync tomorrow at 15:00', subject: 'Sync', date: '2026-11-27', time: '15:00' },
  // --- bare hours: the reading a colleague assumes for a work meeting, asked only when both are likely ---
  { text: 'Sync at 8', subject: 'Sync', date: '2026-11-27', time: '08:00', why: '8 AM, passed today' },
  { text: 'Sync at 10', subject: 'Sync', date: '2026-11-26', time: '10:00' },
  { text: 'Sync at 11', subject: 'Sync', date: '2026-11-26', time: '11:00' },
  { text: 'Sync at 1', subject: 'Sync', date: '2026-11-26', time: '13:00' },
  { text: 'Sync at 6', subject: 'Sync', date: '2026-11-26', time: '18:00' },
  { text: 'Sync at 2:45', subject: 'Sync', date: '2026-11-26', time: '14:45' },
  { text: "Sync 3 o'clock tomorrow", subject: 'Sync', date: '2026-11-27', time: '15:00' },
  { text: 'Sync tomorrow from 2 to 3', subject: 'Sync', date: '2026-11-27', time: '14:00', duration: 60 },
  { text: 'Sync tomorrow 9-10:30', subject: 'Sync', date: '2026-11-27', time: '09:00', duration: 90 },
  {
    text: 'Sync at 7', subject: 'Sync', date: '2026-11-26', time: '19:00',
    ambiguities: { time: 'I read "at 7" as 7:00 PM — check the time.' }, why: 'an early call or an evening one',
  },
  {
    text: 'Sync friday at 7:30', subject: 'Sync', date: '2026-11-27', time: '19:30',
    ambiguities: { time: 'I read "at 7:30" as 7:30 PM — check the time.' },
  },
  { text: 'Sync at 07:30', subject: 'Sync', date: '2026-11-27', time: '07:30', why: '24 h form is literal' },
  { text: 'Sync tonight at 9', subject: 'Sync', date: '2026-11-26', time: '21:00' },
  { text: 'Sync tonight at 7', subject: 'Sync', date: '2026-11-26', time: '19:00', why: 'tonight says which 7' },
  { text: 'Sync tonight, at 10', subject: 'Sync', date: '2026-11-26', time: '22:00' },
  { text: 'Sync tomorrow evening at 7', subject: 'Sync', date: '2026-11-27', time: '19:00' },
  { text: 'Sync tomorrow morning at 7', subject: 'Sync', date: '2026-11-27', time: '07:00' },
  { text: 'Sync tomorrow afternoon at 4', subject: 'Sync', date: '2026-11-27', time: '16:00' },
  {
    text: 'Sync 10-11 tomorrow', subject: 'Sync', date: '2026-11-27', time: '10:00', duration: 60,
    ambiguities: { time: 'I read "10-11" as 10:00 AM — check the time.' },
    why: 'two bare numbers with a dash are only probably a range of hours, so ask',
  },
  // --- a weekday said on that same day ---
  {
    text: 'Coffee chat Thursday', subject: 'Coffee chat', date: '2026-11-26',
    ambiguities: { date: 'I read "Thursday" as today, Thu, Nov 26, not next week — check the date.' },
  },
  {
    text: 'Sync Thu 3pm', subject: 'Sync', date: '2026-11-26', time: '15:00',
    ambiguities: { date: 'I read "Thu" as today, Thu, Nov 26, not next week — check the date.' },
  },
  {
    text: 'Retro friday 10:00', now: new Date('2026-11-27T14:00:00Z'), subject: 'Retro', date: '2026-11-27', time: '10:00',
    ambiguities: { date: 'I read "friday" as today, Fri, Nov 27, not next week — check the date.' }, why: 'said on Friday at 9 AM',
  },
  {
    text: 'Retro this friday 10:00', now: new Date('2026-11-27T14:00:00Z'), subject: 'Retro', date: '2026-11-27', time: '10:00',
  },
  // --- more relative days ---
  { text: 'Sync the day after tomorrow at 3pm', subject: 'Sync', date: '2026-11-28', time: '15:00' },
  { text: 'Sync overmorrow at 10am', subject: 'Sync', date: '2026-11-28', time: '10:00' },
  { text: 'Sync in 2 days at 3pm', subject: 'Sync', date: '2026-11-28', time: '15:00' },
  {
    text: 'Sync next week', subject: 'Sync', date: '2026-12-03',
    ambiguities: { date: 'I read "next week" as Thu, Dec 3 — check the date.' }, why: 'a week without a day',
  },
  { text: 'Sync in 30 minutes', subject: 'Sync', date: '2026-11-26', time: '10:30' },
  {
    text: 'Planning the day after tomorrow at 10am', now: new Date('2026-11-24T05:00:00Z'), tz: 'America/Los_Angeles',
    subject: 'Planning', date: '2026-11-25', time: '10:00', why: 'Monday 9 PM in Los Angeles is already Tuesday in UTC',
  },
  {
    text: 'Planning the day after tomorrow at 10am', now: new Date('2026-11-22T11:30:00Z'), tz: 'Pacific/Auckland',
    subject: 'Planning', date: '2026-11-25', time: '10:00', why: 'Monday 00:30 in Auckland is still Sunday in UTC',
  },
  {
    text: 'Retro Monday at 2pm', now: new Date('2026-11-30T05:30:00Z'), tz: 'Asia/Shanghai',
    subject: 'Retro', date: '2026-11-30', time: '14:00',
    ambiguities: { date: 'I read "Monday" as today, Mon, Nov 30, not next week — check the date.' },
    why: 'Monday 1:30 PM in Shanghai; still Sunday somewhere west',
  },
  // --- time without date ---
  { text: 'Demo at 4pm', subject: 'Demo', date: '2026-11-26', time: '16:00', why: 'still ahead today' },
  { text: 'Demo at 8am', subject: 'Demo', date: '2026-11-27', time: '08:00', why: 'passed today, so tomorrow' },
  // --- ranges ---
  { text: 'Interview from 3pm to 4:30pm', subject: 'Interview', date: '2026-11-26', time: '15:00', duration: 90 },
  { text: 'Interview tomorrow 3-4pm', subject: 'Interview', date: '2026-11-27', time: '15:00', duration: 60 },
  { text: 'Workshop 11-1pm Friday', subject: 'Workshop', date: '2026-11-27', time: '11:00', duration: 120 },
  { text: 'Retro between 2 and 3pm tomorrow', subject: 'Retro', date: '2026-11-27', time: '14:00', duration: 60 },
  { text: 'Sync from 3 to 4 tomorrow', subject: 'Sync', date: '2026-11-27', time: '15:00', duration: 60 },
  {
    text: 'Interview from 3pm to 3pm', subject: 'Interview', date: '2026-11-26', time: '15:00',
    ambiguities: { duration: '"from 3pm to 3pm" ends when it starts — how long is the meeting?' },
  },
  { text: 'Deploy watch tomorrow from 11pm to 1am', subject: 'Deploy watch', date: '2026-11-27', time: '23:00', duration: 120 },
  // --- other duration wordings ---
  { text: 'Sync tomorrow for an hour and a half at 4pm', subject: 'Sync', date: '2026-11-27', time: '16:00', duration: 90 },
  { text: '1-hour design review tomorrow at 10am', subject: 'design review', date: '2026-11-27', time: '10:00', duration: 60 },
  { text: 'Standup tomorrow at 9:15am, 15 mins', subject: 'Standup', date: '2026-11-27', time: '09:15', duration: 15 },
  { text: 'Deep dive Friday 1pm for 2 hours 15 minutes', subject: 'Deep dive', date: '2026-11-27', time: '13:00', duration: 135 },
  { text: 'Ops review tomorrow 3pm for 1:30 hours', subject: 'Ops review', date: '2026-11-27', time: '15:00', duration: 90 },
  { text: 'Q45m review tomorrow 3pm', subject: 'Q45m review', date: '2026-11-27', time: '15:00', why: 'not 45 minutes' },
  // --- quoted subjects ---
  { text: '"Sprint planning" Friday 10am', subject: 'Sprint planning', date: '2026-11-27', time: '10:00' },
  {
    text: '“Friday review at noon” tomorrow 9am for half an hour',
    subject: 'Friday review at noon', date: '2026-11-27', time: '09:00', duration: 30,
    why: 'date words inside the quotes are not parsed',
  },
  { text: "'Q4 kickoff' Dec 1 at 9am", subject: 'Q4 kickoff', date: '2026-12-01', time: '09:00' },
  { text: "Sam's 1:1 with Bob's team tomorrow 3pm", subject: "Sam's 1:1 with Bob's team", date: '2026-11-27', time: '15:00' },
  // --- words that look like dates but belong to the subject ---
  { text: 'Review 2 hours of footage tomorrow 3pm', subject: 'Review 2 hours of footage', date: '2026-11-27', time: '15:00' },
  { text: 'Catch up with May tomorrow 3pm for 2 hours', subject: 'Catch up with May', date: '2026-11-27', time: '15:00', duration: 120 },
  { text: 'Review the sun deck Friday 3pm', subject: 'Review the sun deck', date: '2026-11-27', time: '15:00' },
  // --- missing pieces ---
  { text: 'Architecture review', subject: 'Architecture review' },
  { text: 'tomorrow at 3pm', date: '2026-11-27', time: '15:00' },
  { text: 'Coffee chat Friday', subject: 'Coffee chat', date: '2026-11-27' },
  { text: 'Coffee chat tomorrow morning', subject: 'Coffee chat', date: '2026-11-27', why: '"morning" is not a time' },
  { text: 'Quick sync for 15 min', subject: 'Quick sync', duration: 15 },
  { text: '' },
  // --- an explicit zone is converted to the user's own ---
  {
    text: 'Partner call tomorrow at 3pm CET', subject: 'Partner call', date: '2026-11-27', time: '09:00',
    ambiguities: { time: /as 9:00 AM on Fri, Nov 27 in America\/New_York/ },
  },
  // --- zones either side of UTC and across the date line ---
  {
    text: 'Standup tomorrow at 9am', now: new Date('2026-11-27T02:00:00Z'), tz: 'America/Los_Angeles',
    subject: 'Standup', date: '2026-11-27', time: '09:00', why: 'still Nov 26 (6 PM) in Los Angeles',
  },
  {
    text: 'Standup tomorrow at 9am', now: new Date('2026-11-27T02:00:00Z'), tz: 'Asia/Tokyo',
    subject: 'Standup', date: '2026-11-28', time: '09:00', why: 'already Nov 27 (11 AM) in Tokyo',
  },
  {
    text: 'Call today at 10am', now: new Date('2026-11-26T12:00:00Z'), tz: 'Pacific/Kiritimati',
    subject: 'Call', date: '2026-11-27', time: '10:00', why: 'UTC+14: already Nov 27, 2 AM',
  },
  {
    text: 'Call today at 11pm', now: new Date('2026-11-26T09:00:00Z'), tz: 'Pacific/Pago_Pago',
    subject: 'Call', date: '2026-11-25', time: '23:00', why: 'UTC−11: still Nov 25, 10 PM',
  },
  {
    text: 'Call Friday at 10am', now: new Date('2026-11-26T09:00:00Z'), tz: 'Pacific/Pago_Pago',
    subject: 'Call', date: '2026-11-27', time: '10:00', why: 'Wednesday there, so Friday is in two days',
  },
  {
    text: 'Sync tomorrow at 10:00', now: new Date('2026-11-26T18:45:00Z'), tz: 'Asia/Kolkata',
    subject: 'Sync', date: '2026-11-28', time: '10:00', why: 'UTC+5:30: already 00:15 on Nov 27',
  },
  // --- DST transition days ---
  {
    text: 'Night shift tomorrow at 2:30am', now: new Date('2026-03-28T20:00:00Z'), tz: 'Europe/Berlin',
    subject: 'Night shift', date: '2026-03-29', time: '02:30', why: 'wall time kept; the gap is resolved at validation',
  },
  {
    text: 'Ops tomorrow 1am to 4am', now: new Date('2026-10-24T10:00:00Z'), tz: 'Europe/Berlin',
    subject: 'Ops', date: '2026-10-25', time: '01:00', duration: 240, why: 'clocks go back: 3 wall hours last 4 hours',
  },
  {
    text: 'Ops check in 2 hours', now: new Date('2026-03-08T06:30:00Z'), tz: NY,
    subject: 'Ops check', date: '2026-03-08', time: '04:30', why: '1:30 EST + 2 h crosses spring-forward',
  },
  {
    text: 'Ops check today at 1:30am for 30 min', now: new Date('2026-11-01T04:30:00Z'), tz: NY,
    subject: 'Ops check', date: '2026-11-01', time: '01:30', duration: 30,
  },
  {
    text: 'Ops sync tomorrow from 1am to 4am', now: new Date('2026-10-03T09:00:00Z'), tz: 'Australia/Sydney',
    subject: 'Ops sync', date: '2026-10-04', time: '01:00', duration: 120, why: 'clocks go forward: 3 wall hours last 2 hours',
  },
  {
    text: 'Standup today at 9am', now: new Date('2026-11-26T15:00:00Z'), tz: 'Australia/Sydney',
    subject: 'Standup', date: '2026-11-27', time: '09:00', why: 'already 2 AM Nov 27 in Sydney',
  },
];

describe('parseSchedule', () => {
  itReadsEveryRow(rows, { now: NY_THU_10AM, tz: NY, locale: 'en-US' }, (row) => `${JSON.stringify(row.text)} in ${row.tz ?? NY}${row.why ? ` (${row.why})` : ''}`);

  itReadsTheSameInServerZones(
    'gives the same answer whatever time zone the server process runs in',
    rows.filter((r) => r.tz !== undefined),
    { now: NY_THU_10AM, tz: NY, locale: 'en-US' },
    [['Pacific/Kiritimati', -840], ['Pacific/Pago_Pago', 660], ['Europe/London', 0], ['America/St_Johns', 210]],
  );

  it('rejects an unknown time zone rather than guessing', () => {
    assert.throws(() => parseSchedule('Sync tomorrow 3pm', { now: NY_THU_10AM, timeZone: 'Mars/Olympus_Mons' }), RangeError);
  });

  it(`does not parse a request longer than ${MAX_PARSED_CHARS} characters: the whole text becomes the subject`, () => {
    const text = 'Very long topic tomorrow 3pm '.repeat(40);
    assert.ok(text.length > MAX_PARSED_CHARS);
    assert.deepEqual(parseSchedule(text, { now: NY_THU_10AM, timeZone: NY }), { draft: { subject: text }, ambiguities: {} });
  });
});
