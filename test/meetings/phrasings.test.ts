// How people really type a meeting request in a hurry, in English and Chinese: each phrasing with the exact meeting it
// means, or the field the bot must ask about. Every row is read in three zones at three fixed moments (just before and
// after midnight between a Sunday and a Monday, and a winter noon), so the expectations name days relative to them.
import assert from 'node:assert/strict';
import { parseSchedule } from '../../src/meetings/parse-schedule';
import type { DraftField, MeetingDraft } from '../../src/meetings/types';
import { english } from '../support/english';
import { CONTEXTS, LOCAL_NOWS, contextAt, expectedDay, type DayExpectation, type ReadingContext } from './phrasing-contexts';

interface PhrasingRow {
  text: string;
  subject?: string;
  day?: DayExpectation;
  time?: string;
  duration?: number;
  /** The fields the bot must ask about: an ambiguity on the form, or left empty there. */
  asks?: DraftField[];
  /** Read only in these zones, with these client locales (numeric dates depend on both). */
  in?: { zone: string; locale?: string }[];
  why?: string;
}

const NY = 'America/New_York';
const PARIS = 'Europe/Paris';
const SH = 'Asia/Shanghai';

const english_rows: PhrasingRow[] = [
  // --- the issue's examples ---
  { text: 'Ops review Tues 2–3:30pm', subject: 'Ops review', day: 'wd:Tue', time: '14:00', duration: 90 },
  { text: 'Hiring sync weds from 9:30 to noon', subject: 'Hiring sync', day: 'wd:Wed', time: '09:30', duration: 150 },
  { text: 'Forecast call Thu 12 noon to 1.15pm', subject: 'Forecast call', day: 'wd:Thu', time: '12:00', duration: 75 },
  { text: 'Launch prep tomorrow from 5pm to 4pm', subject: 'Launch prep', day: 'tomorrow', time: '17:00', asks: ['duration'], why: 'ends before it starts' },
  { text: 'Launch prep tomorrow or thursday at 11am', subject: 'Launch prep', time: '11:00', asks: ['date'], why: 'two days' },
  { text: 'Sync at half past three', subject: 'Sync', day: 'coming', time: '15:30' },
  { text: 'Sync tomorrow quarter to five pm', subject: 'Sync', day: 'tomorrow', time: '16:45' },
  { text: 'Sync tomorrow 14h30', subject: 'Sync', day: 'tomorrow', time: '14:30' },
  // --- ranges as people write them ---
  { text: 'Design review tomorrow 1–2:30pm', subject: 'Design review', day: 'tomorrow', time: '13:00', duration: 90 },
  { text: 'Team sync tomorrow 4-5pm', subject: 'Team sync', day: 'tomorrow', time: '16:00', duration: 60 },
  { text: 'Planning tomorrow from 10 to 11:30am', subject: 'Planning', day: 'tomorrow', time: '10:00', duration: 90 },
  { text: 'Workshop Wed 9:30 to noon', subject: 'Workshop', day: 'wd:Wed', time: '09:30', duration: 150 },
  { text: 'Lunch talk Thursday noon to 1.15pm', subject: 'Lunch talk', day: 'wd:Thu', time: '12:00', duration: 75 },
  { text: 'Offsite Fri 9-5pm', subject: 'Offsite', day: 'wd:Fri', time: '09:00', duration: 480, why: '9 PM to 5 PM is no range; 9 AM is' },
  { text: 'Interview tomorrow 11am-12:30pm', subject: 'Interview', day: 'tomorrow', time: '11:00', duration: 90 },
  { text: 'Retro tomorrow 3pm - 4pm', subject: 'Retro', day: 'tomorrow', time: '15:00', duration: 60 },
  { text: 'Standup tomorrow 9:00–9:15', subject: 'Standup', day: 'tomorrow', time: '09:00', duration: 15 },
  { text: 'Review tomorrow between 2 and 3:30pm', subject: 'Review', day: 'tomorrow', time: '14:00', duration: 90 },
  { text: 'Call tomorrow 10:30am to 12', subject: 'Call', day: 'tomorrow', time: '10:30', duration: 90 },
  { text: 'Call tomorrow 10-1pm', subject: 'Call', day: 'tomorrow', time: '10:00', duration: 180 },
  { text: 'Demo tomorrow 2pm to 2:45pm', subject: 'Demo', day: 'tomorrow', time: '14:00', duration: 45 },
  { text: 'Sync tomorrow 15:00-16:30', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 90 },
  { text: 'Sync tomorrow 15h00 to 16h15', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 75 },
  { text: 'Sync tomorrow 3pm-4', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 60 },
  { text: 'Sync tomorrow 9am to 10pm', subject: 'Sync', day: 'tomorrow', time: '09:00', asks: ['duration'], why: 'over 12 hours' },
  { text: 'Sync tomorrow 6-5pm', subject: 'Sync', day: 'tomorrow', asks: ['duration'], why: 'no reading ends after it starts' },
  { text: 'Night ops tomorrow 11pm to 1am', subject: 'Night ops', day: 'tomorrow', time: '23:00', duration: 120, why: 'both ends say their part of the day' },
  { text: 'Sync tomorrow 9 - 10.30am', subject: 'Sync', day: 'tomorrow', time: '09:00', duration: 90 },
  { text: 'Sync tomorrow from noon to 1pm', subject: 'Sync', day: 'tomorrow', time: '12:00', duration: 60 },
  // --- clock forms ---
  { text: 'Sync tomorrow at 4.15pm', subject: 'Sync', day: 'tomorrow', time: '16:15' },
  { text: 'Sync tomorrow at half past three', subject: 'Sync', day: 'tomorrow', time: '15:30' },
  { text: 'Sync tomorrow at quarter past five pm', subject: 'Sync', day: 'tomorrow', time: '17:15' },
  { text: 'Sync tomorrow at quarter to five', subject: 'Sync', day: 'tomorrow', time: '16:45' },
  { text: 'Sync tomorrow at half past nine in the morning', subject: 'Sync', day: 'tomorrow', time: '09:30' },
  { text: 'Sync tomorrow at quarter past 10', subject: 'Sync', day: 'tomorrow', time: '10:15' },
  { text: 'Sync tomorrow at midday', subject: 'Sync', day: 'tomorrow', time: '12:00' },
  { text: 'Sync tomorrow at 12 noon', subject: 'Sync', day: 'tomorrow', time: '12:00' },
  { text: 'Lunch tomorrow at noon', subject: 'Lunch', day: 'tomorrow', time: '12:00' },
  { text: 'Release at midnight', subject: 'Release', day: 'coming', time: '00:00', why: 'alone: the coming midnight' },
  { text: 'Release tomorrow at midnight', subject: 'Release', asks: ['time'], why: 'the night into tomorrow or out of it' },
  { text: 'Sync 10 tomorrow morning', subject: 'Sync', day: 'tomorrow', time: '10:00' },
  { text: 'Sync tomorrow 3 in the afternoon', subject: 'Sync', day: 'tomorrow', time: '15:00' },
  { text: 'Sync tomorrow at 8 in the evening', subject: 'Sync', day: 'tomorrow', time: '20:00' },
  { text: "Sync tomorrow at 3 o'clock", subject: 'Sync', day: 'tomorrow', time: '15:00' },
  { text: 'Sync tomorrow at 3PM', subject: 'Sync', day: 'tomorrow', time: '15:00' },
  { text: 'Sync tomorrow at 3 p.m.', subject: 'Sync', day: 'tomorrow', time: '15:00' },
  { text: 'Sync tomorrow at 9.30am', subject: 'Sync', day: 'tomorrow', time: '09:30' },
  { text: 'Sync tomorrow at 09:30', subject: 'Sync', day: 'tomorrow', time: '09:30' },
  { text: 'Sync tomorrow at 12:30', subject: 'Sync', day: 'tomorrow', time: '12:30' },
  { text: 'Sync tomorrow at 7', subject: 'Sync', day: 'tomorrow', time: '19:00', asks: ['time'], why: 'an early call or an evening one' },
  { text: 'Sync tomorrow from 7 to 8', subject: 'Sync', day: 'tomorrow', asks: ['time'] },
  // --- day forms ---
  { text: 'Sync Tue 3pm', subject: 'Sync', day: 'wd:Tue', time: '15:00' },
  { text: 'Sync Tues 3pm', subject: 'Sync', day: 'wd:Tue', time: '15:00' },
  { text: 'Sync Weds 3pm', subject: 'Sync', day: 'wd:Wed', time: '15:00' },
  { text: 'Sync Thu 3pm', subject: 'Sync', day: 'wd:Thu', time: '15:00' },
  { text: 'Sync Thurs 3pm', subject: 'Sync', day: 'wd:Thu', time: '15:00' },
  { text: 'Sync tmrw 3pm', subject: 'Sync', day: 'tomorrow', time: '15:00' },
  { text: 'SYNC TOMORROW 3PM', subject: 'SYNC', day: 'tomorrow', time: '15:00' },
  { text: 'Sync FRIDAY at 10am', subject: 'Sync', day: 'wd:Fri', time: '10:00' },
  { text: 'Sync wednesday 10am', subject: 'Sync', day: 'wd:Wed', time: '10:00' },
  { text: 'Sync on the 3rd of March at 3pm', subject: 'Sync', day: 'md:03-03', time: '15:00' },
  { text: 'Sync March 3rd at 3pm', subject: 'Sync', day: 'md:03-03', time: '15:00' },
  { text: 'Sync 3 March at 3pm', subject: 'Sync', day: 'md:03-03', time: '15:00' },
  { text: 'Sync Mar 3 at 3pm', subject: 'Sync', day: 'md:03-03', time: '15:00' },
  { text: 'Sync on March 3rd, 2028 at 3pm', subject: 'Sync', day: '2028-03-03', time: '15:00' },
  { text: 'Sync the day after tomorrow at 10am', subject: 'Sync', day: '+2', time: '10:00' },
  // --- durations ---
  { text: 'Sync tomorrow 3pm 1h15', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 75 },
  { text: 'Sync tomorrow 3pm 50 mins', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 50 },
  { text: 'Sync tomorrow 3pm for three hours', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 180 },
  { text: 'Sync tomorrow 3pm three hours', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 180 },
  { text: 'Sync tomorrow 3pm for an hour and a half', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 90 },
  { text: 'Sync tomorrow 3pm for 2.5 hours', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 150 },
  { text: 'Sync tomorrow 3pm, 90 min', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 90 },
  { text: 'Sync tomorrow at 14h30 for 45m', subject: 'Sync', day: 'tomorrow', time: '14:30', duration: 45 },
  { text: 'Sync tomorrow 15h', subject: 'Sync', day: 'tomorrow', time: '15:00', why: 'a 24-hour time, not a 15-hour meeting' },
  { text: 'Sync tomorrow at 15h for 1h', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 60 },
  // --- two readings: ask ---
  { text: 'Sync Tue or Wed 3pm', subject: 'Sync', time: '15:00', asks: ['date'] },
  { text: 'Sync sometime tomorrow', subject: 'Sync', day: 'tomorrow', asks: ['time'] },
  { text: 'Sync next week', subject: 'Sync', asks: ['date', 'time'] },
  { text: 'Sync Feb 30 at 3pm', subject: 'Sync', time: '15:00', asks: ['date'], why: 'no such day' },
  { text: 'Sync April 31st at 3pm', subject: 'Sync', time: '15:00', asks: ['date'], why: 'no such day' },
  { text: 'Sync next month at 3pm', subject: 'Sync', time: '15:00', asks: ['date'], why: 'a month, no day' },
  { text: 'Sync tomorrow at 3 or 4pm', subject: 'Sync', day: 'tomorrow', asks: ['time'], why: 'two times' },
  { text: 'Sync 3pm or 4pm tomorrow', subject: 'Sync', day: 'tomorrow', asks: ['time'], why: 'two times' },
  { text: 'Sync friday at 10 or 11', subject: 'Sync', day: 'wd:Fri', asks: ['time'], why: 'two times, the second a bare hour' },
  { text: 'Sync friday 10 or 11am', subject: 'Sync', day: 'wd:Fri', asks: ['time'], why: 'two times, the first a bare hour' },
  { text: 'Sync tomorrow 3pm for 45 min or an hour', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 45, asks: ['duration'], why: 'two lengths' },
  { text: 'Sync tomorrow 3pm, 1 or 2 hours', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 60, asks: ['duration'], why: 'two lengths, the first in the unit of the second' },
  { text: 'Sync tomorrow 3pm for 30 or 45 minutes', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 30, asks: ['duration'], why: 'two lengths' },
  { text: 'Sync tomorrow 3pm for 1 hour 30 minutes', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 90, why: 'one length in two units' },
  { text: 'Standup tomorrow 9', subject: 'Standup', day: 'tomorrow', time: '09:00', asks: ['time'], why: 'a bare hour after a day: probably the time' },
  { text: 'Sprint 9 planning tomorrow', subject: 'Sprint 9 planning', day: 'tomorrow', asks: ['time'], why: 'a number before the day is part of the subject' },
  { text: 'Standup tomorrow 9 people', subject: 'Standup 9 people', day: 'tomorrow', asks: ['time'], why: 'a number that counts something is not a time' },
  { text: 'Sync tomorrow 3pm for 90', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 90, asks: ['duration'], why: 'a length without its unit: minutes, asked' },
  { text: 'Sync for 2 tomorrow at 3pm', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 120, asks: ['duration'], why: 'a few: hours, asked' },
  { text: 'Prep for 2 teams tomorrow 3pm', subject: 'Prep for 2 teams', day: 'tomorrow', time: '15:00', why: 'a number that counts something' },
  { text: 'Sync tomorrow 3pm-ish', subject: 'Sync', day: 'tomorrow', time: '15:00', asks: ['time'], why: 'about then: asked' },
  { text: 'Sync tomorrow 9h', subject: 'Sync', day: 'tomorrow', time: '09:00', asks: ['time'], why: '9 o\'clock or 9 hours: asked' },
  { text: 'Sync tomorrow 2h', subject: 'Sync', day: 'tomorrow', duration: 120, why: 'nobody meets at 2 am: a length' },
  { text: 'Workshop Fri 9am 8h', subject: 'Workshop', day: 'wd:Fri', time: '09:00', duration: 480, why: 'after a time, a length' },
  { text: 'Sync tomorrow 4p', subject: 'Sync', day: 'tomorrow', time: '16:00', why: 'chat shorthand for 4 pm' },
  { text: 'Standup tomorrow 9:30a', subject: 'Standup', day: 'tomorrow', time: '09:30' },
  { text: 'Sync tomorrow 4p-5p', subject: 'Sync', day: 'tomorrow', time: '16:00', duration: 60 },
  { text: 'Sync tomorrow 9ish', subject: 'Sync', day: 'tomorrow', time: '09:00', asks: ['time'], why: 'about 9: asked' },
  { text: 'Sync tomorrow 10ish for 30 min', subject: 'Sync', day: 'tomorrow', time: '10:00', duration: 30, asks: ['time'] },
  { text: 'Sync tomorrow 3pm, until 5pm', subject: 'Sync', day: 'tomorrow', time: '15:00', duration: 120 },
  { text: 'Sync until 5pm tomorrow at 3pm', subject: 'Sync', day: 'tomorrow', time: '15:00', asks: ['time'], why: 'a start and an end written apart: asked' },
  { text: 'Sync tomorrow until 5pm', subject: 'Sync', day: 'tomorrow', asks: ['time'], why: 'when it ends, not when it starts' },
  { text: 'Sync tomorrow till 4:30pm for 1 hour', subject: 'Sync', day: 'tomorrow', time: '15:30', duration: 60, why: 'the end and the length give the start' },
  { text: 'Sync tomorrow at 3pm sharp', subject: 'Sync', day: 'tomorrow', time: '15:00', why: '"sharp" is the time\'s word, not the subject\'s' },
  { text: 'Sharpening session tomorrow 3pm', subject: 'Sharpening session', day: 'tomorrow', time: '15:00' },
  { text: 'Top 10 or 20 risks tomorrow 3pm', subject: 'Top 10 or 20 risks', day: 'tomorrow', time: '15:00', why: 'no time offers those numbers' },
  { text: 'Sync on the 20th at 3pm', subject: 'Sync', day: 'dom:20', time: '15:00' },
  { text: 'Sync the 5th of next month at 3pm', subject: 'Sync', day: 'dom:5', time: '15:00', why: 'the nows are all past the 5th' },
  { text: 'Sync at 5 past 3 tomorrow', subject: 'Sync', day: 'tomorrow', time: '15:05' },
  { text: 'planning wed 10-12', subject: 'planning', day: 'wd:Wed', time: '10:00', duration: 120, asks: ['time'], why: 'wed next to a time is Wednesday; 10-12 alone is only probably hours' },
  { text: 'All hands tomorrow 9 to 5', subject: 'All hands', day: 'tomorrow', time: '09:00', duration: 480, asks: ['time'] },
  { text: 'Chapters 3 to 4 review tomorrow 3pm', subject: 'Chapters 3 to 4 review', day: 'tomorrow', time: '15:00' },
  { text: 'Standup every Thursday 9am', subject: 'Standup', day: 'wd:Thu', time: '09:00', why: 'one meeting: the coming Thursday' },
  // --- subjects keep what is not a time ---
  { text: 'a 1:1 with Sam tomorrow 3pm', subject: 'a 1:1 with Sam', day: 'tomorrow', time: '15:00' },
  { text: 'Q4 planning tomorrow 3pm', subject: 'Q4 planning', day: 'tomorrow', time: '15:00' },
  { text: 'Sprint 7 demo Tues 2-3pm', subject: 'Sprint 7 demo', day: 'wd:Tue', time: '14:00', duration: 60 },
  { text: '2028 budget tomorrow at 10am', subject: '2028 budget', day: 'tomorrow', time: '10:00' },
  { text: 'Budget 2028 tomorrow at 10am', subject: 'Budget 2028', day: 'tomorrow', time: '10:00' },
  { text: 'R&D: roadmap review tomorrow 3pm', subject: 'R&D: roadmap review', day: 'tomorrow', time: '15:00' },
  { text: 'Sales & marketing sync on the 3rd of March at 10am', subject: 'Sales & marketing sync', day: 'md:03-03', time: '10:00' },
  { text: 'Ops review Tues at 2pm', subject: 'Ops review', day: 'wd:Tue', time: '14:00' },
  { text: 'Project X: kickoff Thu 9:30-10am', subject: 'Project X: kickoff', day: 'wd:Thu', time: '09:30', duration: 30 },
  { text: 'Sprint 12 retro tomorrow 4-5pm', subject: 'Sprint 12 retro', day: 'tomorrow', time: '16:00', duration: 60 },
  { text: 'Top 10 risks review tomorrow 3pm', subject: 'Top 10 risks review', day: 'tomorrow', time: '15:00' },
  { text: 'Sprint 7 demo tomorrow at 2pm for 1h15', subject: 'Sprint 7 demo', day: 'tomorrow', time: '14:00', duration: 75 },
  { text: 'Planning: Q1 OKRs on the 3rd of March at 10am', subject: 'Planning: Q1 OKRs', day: 'md:03-03', time: '10:00' },
  { text: 'Sync with <at>Sam</at> tomorrow 3pm', subject: 'Sync', day: 'tomorrow', time: '15:00', why: 'a mention Teams left in the text' },
  { text: 'Tues 2–3:30pm ops review', subject: 'ops review', day: 'wd:Tue', time: '14:00', duration: 90 },
  { text: '1:1 w/ Priya tomorrow 10:30-11', subject: '1:1 w/ Priya', day: 'tomorrow', time: '10:30', duration: 30 },
];

const chinese_rows: PhrasingRow[] = [
  // --- the issue's examples ---
  { text: '例会 下礼拜二上午十点 一刻钟', subject: '例会', day: 'nextweek:Tue', time: '10:00', duration: 15 },
  { text: '评审 明天下午五点到四点', subject: '评审', day: 'tomorrow', time: '17:00', asks: ['duration'], why: 'ends before it starts' },
  // --- ranges ---
  { text: '评审 明天下午2点到3点半', subject: '评审', day: 'tomorrow', time: '14:00', duration: 90 },
  { text: '同步 明天到下午5点', subject: '同步', day: 'tomorrow', asks: ['time'], why: 'when it ends, not when it starts' },
  { text: '同步 明天下午5点前 一小时', subject: '同步', day: 'tomorrow', time: '16:00', duration: 60, why: 'the end and the length give the start' },
  { text: '同步 明天9点左右', subject: '同步', day: 'tomorrow', time: '09:00', asks: ['time'], why: 'about 9: asked' },
  { text: '同步 明天大约下午3点', subject: '同步', day: 'tomorrow', time: '15:00', asks: ['time'] },
  { text: '评审 明天上午十点至下午一点', subject: '评审', day: 'tomorrow', time: '10:00', duration: 180 },
  { text: '评审 明天１０：００－１１：００', subject: '评审', day: 'tomorrow', time: '10:00', duration: 60 },
  { text: '评审 明天上午9点到晚上10点', subject: '评审', day: 'tomorrow', time: '09:00', asks: ['duration'], why: 'over 12 hours' },
  { text: '评审 明天 9:30-11:00', subject: '评审', day: 'tomorrow', time: '09:30', duration: 90 },
  { text: '评审 明天下午3点-4点', subject: '评审', day: 'tomorrow', time: '15:00', duration: 60 },
  { text: '评审 明天下午两点到四点', subject: '评审', day: 'tomorrow', time: '14:00', duration: 120 },
  { text: '评审 明天下午2点至3点15分', subject: '评审', day: 'tomorrow', time: '14:00', duration: 75 },
  { text: '评审 明天上午十一点到下午一点', subject: '评审', day: 'tomorrow', time: '11:00', duration: 120 },
  { text: '评审 明天 14:00~15:30', subject: '评审', day: 'tomorrow', time: '14:00', duration: 90 },
  { text: '评审 明天上午10点到12点', subject: '评审', day: 'tomorrow', time: '10:00', duration: 120 },
  { text: '评审 明天晚上8点到10点', subject: '评审', day: 'tomorrow', time: '20:00', duration: 120 },
  { text: '评审 下周二 下午两点到三点半', subject: '评审', day: 'nextweek:Tue', time: '14:00', duration: 90 },
  { text: '评审 明天上午11点到1点', subject: '评审', day: 'tomorrow', time: '11:00', duration: 120 },
  { text: '评审 明天下午3点到下午2点', subject: '评审', day: 'tomorrow', time: '15:00', asks: ['duration'] },
  // --- clock forms ---
  { text: '站会 明天上午十点一刻', subject: '站会', day: 'tomorrow', time: '10:15' },
  { text: '站会 明天下午三点三刻', subject: '站会', day: 'tomorrow', time: '15:45' },
  { text: '站会 明天上午10点整', subject: '站会', day: 'tomorrow', time: '10:00' },
  { text: '站会 明天14时', subject: '站会', day: 'tomorrow', time: '14:00' },
  { text: '站会 明天14时30分', subject: '站会', day: 'tomorrow', time: '14:30' },
  { text: '站会 明天两点半', subject: '站会', day: 'tomorrow', time: '14:30' },
  { text: '午餐会 明天中午十二点', subject: '午餐会', day: 'tomorrow', time: '12:00' },
  { text: '复盘 明天傍晚6点', subject: '复盘', day: 'tomorrow', time: '18:00' },
  { text: '同步 明早九点', subject: '同步', day: 'tomorrow', time: '09:00' },
  { text: '同步 明晚八点', subject: '同步', day: 'tomorrow', time: '20:00' },
  { text: '同步 明天下午三点二十', subject: '同步', day: 'tomorrow', time: '15:20' },
  { text: '同步 明天下午３点', subject: '同步', day: 'tomorrow', time: '15:00' },
  { text: '同步 明天晚上九点半', subject: '同步', day: 'tomorrow', time: '21:30' },
  { text: '同步 明天早上八点', subject: '同步', day: 'tomorrow', time: '08:00' },
  { text: '同步 明天十五点', subject: '同步', day: 'tomorrow', time: '15:00' },
  { text: '同步 明天凌晨两点', subject: '同步', day: 'tomorrow', time: '02:00' },
  { text: '同步 明天下午3点45分', subject: '同步', day: 'tomorrow', time: '15:45' },
  { text: '同步 明天上午十点零五分', subject: '同步', day: 'tomorrow', time: '10:05' },
  { text: '同步 明天七点', subject: '同步', day: 'tomorrow', time: '19:00', asks: ['time'], why: '7 could be either' },
  { text: '同步 明天１５：３０', subject: '同步', day: 'tomorrow', time: '15:30' },
  // --- day forms ---
  { text: '例会 星期三下午3点', subject: '例会', day: 'wd:Wed', time: '15:00' },
  { text: '例会 礼拜四上午10点', subject: '例会', day: 'wd:Thu', time: '10:00' },
  { text: '例会 周二下午3点', subject: '例会', day: 'wd:Tue', time: '15:00' },
  { text: '例会 下周三下午3点', subject: '例会', day: 'nextweek:Wed', time: '15:00' },
  { text: '例会 下星期五上午十点', subject: '例会', day: 'nextweek:Fri', time: '10:00' },
  { text: '例会 3月3日下午3点', subject: '例会', day: 'md:03-03', time: '15:00' },
  { text: '例会 三月三日下午三点', subject: '例会', day: 'md:03-03', time: '15:00' },
  { text: '例会 3月3号下午3点', subject: '例会', day: 'md:03-03', time: '15:00' },
  { text: '例会 2028年3月3日 下午3点', subject: '例会', day: '2028-03-03', time: '15:00' },
  { text: '例会 二〇二八年三月三日下午三点', subject: '例会', day: '2028-03-03', time: '15:00' },
  { text: '例会 星期三十点', subject: '例会', day: 'wd:Wed', time: '10:00', why: 'Wednesday at ten, not 星期 at thirty' },
  { text: '例会 下周三五点15分', subject: '例会', day: 'nextweek:Wed', time: '17:15' },
  { text: '例会 后天上午10点', subject: '例会', day: '+2', time: '10:00' },
  { text: '例会 大后天下午3点', subject: '例会', day: '+3', time: '15:00' },
  { text: '例会 今天下午3点', subject: '例会', day: 'today', time: '15:00' },
  { text: '例会 明天下午3点', subject: '例会', day: 'tomorrow', time: '15:00' },
  // --- two readings, or none: ask ---
  { text: '例会 2月30日 下午3点', subject: '例会', time: '15:00', asks: ['date'], why: 'no such day' },
  { text: '例会 明天或者后天 下午3点', subject: '例会', time: '15:00', asks: ['date'] },
  { text: '例会 周二或周三 下午3点', subject: '例会', time: '15:00', asks: ['date'] },
  { text: '例会 下周', subject: '例会', asks: ['date', 'time'] },
  { text: '例会 明天', subject: '例会', day: 'tomorrow', asks: ['time'] },
  { text: '例会 下周二', subject: '例会', day: 'nextweek:Tue', asks: ['time'] },
  { text: '例会 明天晚上12点', subject: '例会', asks: ['time'] },
  { text: '例会 下个月', subject: '例会', asks: ['date', 'time'] },
  { text: '例会 20号下午3点', subject: '例会', day: 'dom:20', time: '15:00' },
  { text: '周会 周三下午', subject: '周会', day: 'wd:Wed', asks: ['time'], why: '下午 says the part of 周三, not another day' },
  { text: '周会 周三晚上，8点', subject: '周会', day: 'wd:Wed', time: '20:00' },
  { text: '项目例会 每周二上午10点', subject: '项目例会', day: 'wd:Tue', time: '10:00', why: 'every Tuesday: the coming one' },
  { text: '例会 明天下午3点或者4点', subject: '例会', day: 'tomorrow', asks: ['time'], why: 'two times' },
  { text: '例会 明天 3号会议室 下午3点', subject: '例会 3号会议室', day: 'tomorrow', time: '15:00', why: '3号会议室 is a room, not the 3rd' },
  // --- durations ---
  { text: '评审 明天下午3点 一刻钟', subject: '评审', day: 'tomorrow', time: '15:00', duration: 15 },
  { text: '评审 明天下午3点 两个钟头', subject: '评审', day: 'tomorrow', time: '15:00', duration: 120 },
  { text: '评审 明天下午3点 一个半钟头', subject: '评审', day: 'tomorrow', time: '15:00', duration: 90 },
  { text: '评审 明天下午3点 一个半小时', subject: '评审', day: 'tomorrow', time: '15:00', duration: 90 },
  { text: '评审 明天下午3点 四十五分钟', subject: '评审', day: 'tomorrow', time: '15:00', duration: 45 },
  { text: '评审 明天下午3点 三十分钟', subject: '评审', day: 'tomorrow', time: '15:00', duration: 30 },
  { text: '评审 明天下午3点 半个小时', subject: '评审', day: 'tomorrow', time: '15:00', duration: 30 },
  { text: '评审 明天下午3点 两小时', subject: '评审', day: 'tomorrow', time: '15:00', duration: 120 },
  { text: '评审 明天下午3点 1.5小时', subject: '评审', day: 'tomorrow', time: '15:00', duration: 90 },
  { text: '评审 明天下午3点 九十分钟', subject: '评审', day: 'tomorrow', time: '15:00', duration: 90 },
  { text: '评审 明天下午3点 三个小时', subject: '评审', day: 'tomorrow', time: '15:00', duration: 180 },
  { text: '评审 明天下午3点 两个半钟头', subject: '评审', day: 'tomorrow', time: '15:00', duration: 150 },
  { text: '评审 明天下午3点 一刻钟左右', subject: '评审', day: 'tomorrow', time: '15:00', duration: 15 },
  { text: '评审 明天下午3点 1到2小时', subject: '评审', day: 'tomorrow', time: '15:00', duration: 60, asks: ['duration'], why: 'two lengths' },
  { text: '评审 明天下午3点 一到两个小时', subject: '评审', day: 'tomorrow', time: '15:00', duration: 60, asks: ['duration'], why: 'two lengths' },
  { text: '评审 明天下午3点 30或45分钟', subject: '评审', day: 'tomorrow', time: '15:00', duration: 30, asks: ['duration'], why: 'two lengths' },
  // --- subjects keep what is not a time ---
  { text: '双十一复盘 明天下午3点', subject: '双十一复盘', day: 'tomorrow', time: '15:00' },
  { text: '618大促复盘 明天下午3点', subject: '618大促复盘', day: 'tomorrow', time: '15:00' },
  { text: '618 复盘 明天下午3点', subject: '618 复盘', day: 'tomorrow', time: '15:00' },
  { text: '双十一 备战会 周三上午10点', subject: '双十一 备战会', day: 'wd:Wed', time: '10:00' },
  { text: '双11备战 明天下午3点', subject: '双11备战', day: 'tomorrow', time: '15:00' },
  { text: 'Q4规划 明天下午3点', subject: 'Q4规划', day: 'tomorrow', time: '15:00' },
  { text: '第3季度复盘 明天下午3点', subject: '第3季度复盘', day: 'tomorrow', time: '15:00' },
  { text: '2028预算 明天下午3点', subject: '2028预算', day: 'tomorrow', time: '15:00' },
  { text: '研发&产品 对齐会 明天下午3点', subject: '研发&产品 对齐会', day: 'tomorrow', time: '15:00' },
  { text: '项目：启动会 明天下午3点', subject: '项目：启动会', day: 'tomorrow', time: '15:00' },
  { text: '和张三的1:1 明天下午3点', subject: '和张三的1:1', day: 'tomorrow', time: '15:00' },
  { text: '冲刺7 演示 明天下午3点', subject: '冲刺7 演示', day: 'tomorrow', time: '15:00' },
  { text: '评审 明天下午3点 第2轮', subject: '评审 第2轮', day: 'tomorrow', time: '15:00' },
  { text: '10周年 庆祝会 明天下午3点', subject: '10周年 庆祝会', day: 'tomorrow', time: '15:00' },
  { text: '3号楼 评审 明天下午3点', subject: '3号楼 评审', day: 'tomorrow', time: '15:00' },
  { text: '<at>李雷</at> 评审 明天下午3点', subject: '评审', day: 'tomorrow', time: '15:00', why: 'a mention Teams left in the text' },
  { text: '明天下午3点 618复盘会', subject: '618复盘会', day: 'tomorrow', time: '15:00' },
  { text: '双十一 复盘 11月12日下午3点', subject: '双十一 复盘', day: 'md:11-12', time: '15:00' },
  // --- Chinese with English ---
  { text: 'Sprint 评审 明天 3-4pm', subject: 'Sprint 评审', day: 'tomorrow', time: '15:00', duration: 60 },
  { text: 'Sprint评审 周二 2–3:30pm', subject: 'Sprint评审', day: 'wd:Tue', time: '14:00', duration: 90 },
];

// A numeric date's order is settled only when the client's locale and the zone's country agree on it.
const numeric_rows: PhrasingRow[] = [
  { text: 'Budget review 11/10 at 9am', subject: 'Budget review', time: '09:00', asks: ['date'], in: [{ zone: PARIS, locale: 'en-US' }], why: 'a US client in Paris' },
  { text: 'Budget review 11/10 at 9am', subject: 'Budget review', time: '09:00', asks: ['date'], in: [{ zone: PARIS }], why: 'no locale sent' },
  { text: 'Budget review 11/10 at 9am', subject: 'Budget review', day: 'md:10-11', time: '09:00', in: [{ zone: PARIS, locale: 'fr-FR' }, { zone: PARIS, locale: 'en-GB' }] },
  { text: 'Budget review 11/10 at 9am', subject: 'Budget review', day: 'md:11-10', time: '09:00', in: [{ zone: NY, locale: 'en-US' }] },
  { text: 'Budget review 11/10 at 9am', subject: 'Budget review', time: '09:00', asks: ['date'], in: [{ zone: NY, locale: 'en-GB' }] },
  { text: '预算评审 11/10 上午9点', subject: '预算评审', day: 'md:11-10', time: '09:00', in: [{ zone: SH, locale: 'zh-CN' }], why: 'Chinese writes the month first' },
  { text: '预算评审 11/10 上午9点', subject: '预算评审', time: '09:00', asks: ['date'], in: [{ zone: PARIS, locale: 'zh-CN' }] },
  { text: '预算评审 6.20 下午3点', subject: '预算评审', day: 'md:06-20', time: '15:00', in: [{ zone: SH, locale: 'zh-CN' }, { zone: PARIS, locale: 'en-US' }], why: 'Chinese writes a day with a dot; no month 20' },
  { text: '预算评审 6.10 下午3点', subject: '预算评审', time: '15:00', asks: ['date'], in: [{ zone: PARIS, locale: 'zh-CN' }] },
  { text: 'Budget review 25/10 at 9am', subject: 'Budget review', day: 'md:10-25', time: '09:00', in: [{ zone: PARIS, locale: 'en-US' }, { zone: NY, locale: 'en-US' }], why: 'no month 25' },
  { text: 'Budget review 10/25 at 9am', subject: 'Budget review', day: 'md:10-25', time: '09:00', in: [{ zone: PARIS, locale: 'fr-FR' }, { zone: SH }] },
  { text: 'Budget review 5/5 at 9am', subject: 'Budget review', day: 'md:05-05', time: '09:00', in: [{ zone: PARIS, locale: 'en-US' }], why: 'either order is the same day' },
  { text: 'Budget review 3/11/2028 at 9am', subject: 'Budget review', day: '2028-03-11', time: '09:00', in: [{ zone: NY, locale: 'en-US' }] },
  { text: 'Budget review 3/11/2028 at 9am', subject: 'Budget review', day: '2028-11-03', time: '09:00', in: [{ zone: PARIS, locale: 'fr-FR' }] },
  { text: 'Budget review 3/11/2028 at 9am', subject: 'Budget review', time: '09:00', asks: ['date'], in: [{ zone: SH, locale: 'en-GB' }] },
  { text: 'Budget review 2/30 at 9am', subject: 'Budget review', time: '09:00', asks: ['date'], in: [{ zone: NY, locale: 'en-US' }], why: 'no such day' },
  { text: 'Budget review 31/4 at 9am', subject: 'Budget review', time: '09:00', asks: ['date'], in: [{ zone: PARIS, locale: 'fr-FR' }], why: 'no such day' },
];

function contextsOf(row: PhrasingRow): ReadingContext[] {
  if (!row.in) return [...CONTEXTS];
  return row.in.flatMap(({ zone, locale }) => LOCAL_NOWS.map((iso) => contextAt(zone, locale, iso)));
}

/** Why the row's reading in `ctx` is wrong, or undefined when it is right. */
function mismatch(row: PhrasingRow, ctx: ReadingContext): string | undefined {
  const parsed = parseSchedule(row.text, { now: ctx.now, timeZone: ctx.zone, ...(ctx.locale ? { locale: ctx.locale } : {}) });
  const { draft, ambiguities } = parsed;
  const asked = new Set<DraftField>(Object.keys(ambiguities) as DraftField[]);
  const asks = new Set(row.asks ?? []);
  const day = row.day === undefined ? undefined : expectedDay(row.day, ctx, row.time);
  if (day === 'asks') asks.add('date');

  const expected: MeetingDraft = {};
  if (row.subject !== undefined) expected.subject = row.subject;
  if (day !== undefined && day !== 'asks') expected.date = day;
  if (row.time !== undefined) expected.time = row.time;
  if (row.duration !== undefined) expected.durationMinutes = row.duration;

  const show = () => `got ${JSON.stringify(draft)} asking ${JSON.stringify(english(ambiguities))}`;
  if (asks.size === 0) {
    if (asked.size > 0) return `asked although nothing needs a choice: ${show()}`;
    if (JSON.stringify(sorted(draft)) !== JSON.stringify(sorted(expected))) return `expected ${JSON.stringify(expected)}, ${show()}`;
    return undefined;
  }
  for (const field of asks) {
    const missing = field === 'duration' ? draft.durationMinutes === undefined : draft[field] === undefined;
    if (!asked.has(field) && !(missing && field !== 'duration')) return `expected a question about the ${field}, ${show()}`;
  }
  for (const [field, value] of Object.entries(expected) as [keyof MeetingDraft, unknown][]) {
    if (draft[field] !== value) return `expected ${field} ${JSON.stringify(value)}, ${show()}`;
  }
  return undefined;
}

function sorted(draft: MeetingDraft): MeetingDraft {
  return Object.fromEntries(Object.entries(draft).sort(([a], [b]) => a.localeCompare(b)));
}

function itReads(rows: PhrasingRow[]): void {
  for (const row of rows) {
    const title = `${JSON.stringify(row.text)}${row.in ? ` in ${row.in.map((c) => `${c.zone}/${c.locale ?? 'no locale'}`).join(', ')}` : ''}${row.why ? ` (${row.why})` : ''}`;
    it(title, () => {
      const failures = contextsOf(row).flatMap((ctx) => {
        const why = mismatch(row, ctx);
        return why ? [`${ctx.label}: ${why}`] : [];
      });
      assert.ok(failures.length === 0, `${failures.length} of the readings are wrong:\n${failures.slice(0, 3).join('\n')}`);
    });
  }
}

describe('How people really write meeting times', () => {
  it('has at least 150 phrasings, about half of them Chinese', () => {
    const all = english_rows.length + chinese_rows.length + numeric_rows.length;
    assert.ok(all >= 150, `only ${all} rows`);
    assert.ok(chinese_rows.length >= 0.4 * all, `only ${chinese_rows.length} Chinese rows of ${all}`);
  });

  describe('in English', () => itReads(english_rows));
  describe('in Chinese', () => itReads(chinese_rows));
  describe('numeric dates, by the client locale and the zone', () => itReads(numeric_rows));
});
