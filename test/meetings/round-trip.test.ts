// Round trip: random meetings (start within 730 days, a length) written the ways people type them, in English and
// Chinese, read back. Every reading must be the meeting written or a question — never another meeting — and the
// phrasings with a single reading must come back exactly (at least 99%: a parser that always asks fails).
// Reproducible: the seed is printed with any failure; ROUND_TRIP_SEED=<n> runs that seed again, and ROUND_TRIP_SHOW=1
// prints every phrasing that was asked about or misread.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { parseSchedule } from '../../src/meetings/parse-schedule';
import { LOCAL_NOWS, contextAt, type ReadingContext } from './phrasing-contexts';
import {
  type Phrase, type Rand, chineseDay, chineseDayAndTime, chineseLength, chineseRange, chineseTime, englishDay,
  englishDayAndTime, englishLength, englishRange, englishTime, pick,
} from './round-trip-forms';

const SEED = Number(process.env.ROUND_TRIP_SEED ?? 20_261_206);
const CASES = 10_000;

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const int = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

/** Zones with the locale a client there sends; Paris with a US client leaves numeric dates unsettled. */
const PLACES: readonly [string, string][] = [
  ['America/New_York', 'en-US'], ['America/Los_Angeles', 'en-US'], ['Europe/Paris', 'fr-FR'], ['Europe/Paris', 'en-US'],
  ['Europe/London', 'en-GB'], ['Asia/Shanghai', 'zh-CN'], ['Asia/Tokyo', 'ja-JP'], ['Australia/Sydney', 'en-AU'],
];
const CONTEXTS: ReadingContext[] = PLACES.flatMap(([zone, locale]) => LOCAL_NOWS.map((iso) => contextAt(zone, locale, iso)));

const EN_SUBJECTS = [
  'Design review', 'Q4 planning', 'Sprint 7 demo', '2028 budget', 'a 1:1 with Sam', 'R&D: roadmap', 'Ops review',
  'Hiring sync', 'Top 10 risks', 'Forecast call', 'Budget 2027', 'Team 5 standup', 'Sales & marketing sync',
  'Project X: kickoff', 'Release 2.0 retro',
];
const ZH_SUBJECTS = [
  '设计评审', '双十一复盘', '618大促复盘', 'Q4规划', '第3季度复盘', '冲刺7 演示', '研发&产品 对齐会', '项目：启动会',
  '和张三的1:1', '需求评审', '周会', '预算会', '2028预算', '双11备战', 'Sprint review',
];
const LENGTHS = [15, 20, 30, 45, 50, 60, 75, 90, 120, 150, 180, 240];

interface Case {
  text: string;
  ctx: ReadingContext;
  subject: string;
  date: string;
  time: string;
  minutes: number;
  plain: boolean;
}

/**
 * Each context with its `now` as a wall clock in UTC: the writers do calendar arithmetic on wall clocks, and luxon in
 * a real zone asks Intl for the offset at every step (it was most of this test's time).
 */
const WALL_CONTEXTS = CONTEXTS.map((ctx) => ({ ctx, wall: { ...ctx, local: DateTime.fromObject(ctx.local.toObject(), { zone: 'UTC' }) } }));

function generate(rand: Rand): Case | undefined {
  const { ctx, wall } = pick(rand, WALL_CONTEXTS);
  const english = rand() < 0.5;
  const days = rand() < 0.6 ? int(rand, 0, 13) : int(rand, 0, 729);
  const hour = rand() < 0.9 ? int(rand, 6, 22) : int(rand, 0, 23);
  const minute = rand() < 0.6 ? pick(rand, [0, 0, 15, 30, 45]) : int(rand, 0, 11) * 5;
  const start = wall.local.startOf('day').plus({ days }).set({ hour, minute });
  // Not in the past (nor in the next few minutes), within 730 days, and a wall time that exists that day.
  if (start <= wall.local.plus({ minutes: 10 }) || start > wall.local.plus({ days: 729 })) return undefined;
  if (DateTime.fromObject(start.toObject(), { zone: ctx.zone }).hour !== hour) return undefined;

  let minutes = pick(rand, LENGTHS);
  const startOfDayMinutes = hour * 60 + minute;
  const rangeFits = hour >= 5 && startOfDayMinutes + minutes <= 24 * 60 && minutes <= 12 * 60;
  const end = start.plus({ minutes });
  let timing: Phrase | undefined;
  if (rangeFits && rand() < 0.35) timing = english ? englishRange(rand, start, end) : chineseRange(rand, start, end);
  timing ??= english ? englishTime(rand, hour, minute) : chineseTime(rand, hour, minute);
  let length: Phrase | undefined;
  if (!timing.givesLength) {
    if (rand() < 0.7) length = english ? englishLength(rand, minutes) : chineseLength(rand, minutes);
    else minutes = 30;
  }

  // A time alone means its next occurrence: the day may go unsaid when that is the day meant.
  const now = wall.local;
  const coming = start.startOf('day').equals(now.startOf('day'))
    ? startOfDayMinutes >= now.hour * 60 + now.minute
    : start.startOf('day').equals(now.startOf('day').plus({ days: 1 })) && startOfDayMinutes < now.hour * 60 + now.minute;
  let dayPhrase: Phrase | undefined = coming && rand() < 0.15 ? { text: '', plain: true } : english ? englishDay(rand, start, wall) : chineseDay(rand, start, wall);
  if (!timing.givesLength && rand() < 0.15) {
    // The day and the time in one phrase ("10 tomorrow morning", 明早9点).
    const both = english ? englishDayAndTime(rand, start, wall) : chineseDayAndTime(rand, start, wall);
    if (both) {
      timing = both;
      dayPhrase = { text: '', plain: true };
    }
  }
  if (!dayPhrase) return undefined;
  if (dayPhrase.text !== '' && rand() < 0.03) {
    // "tomorrow or Friday", 明天或者后天: two days, which must be asked about.
    const other = english ? englishDay(rand, start.plus({ days: int(rand, 1, 3) }), wall) : chineseDay(rand, start.plus({ days: int(rand, 1, 3) }), wall);
    if (other) dayPhrase = { text: `${dayPhrase.text}${english ? ' or ' : pick(rand, ['或者', '或'])}${other.text}`, plain: false };
  }

  const subject = english ? pick(rand, EN_SUBJECTS) : pick(rand, rand() < 0.85 ? ZH_SUBJECTS : EN_SUBJECTS);
  const text = english ? englishText(rand, subject, dayPhrase.text, timing.text, length?.text) : chineseText(rand, subject, dayPhrase.text, timing.text, length?.text);
  return {
    text,
    ctx,
    subject,
    date: start.toISODate() ?? '',
    time: start.toFormat('HH:mm'),
    minutes,
    // "Budget 2027 June 17" could be June 17, 2027: asking is right there.
    plain: dayPhrase.plain && timing.plain && (length?.plain ?? true) && !(/\d{4}$/.test(subject) && /^[A-Z][a-z]+ \d/.test(dayPhrase.text)) &&
      !(dayPhrase.dotted && !/[\u4e00-\u9fff]/.test(text)),
  };
}

function englishText(rand: Rand, subject: string, day: string, time: string, length: string | undefined): string {
  const len = length === undefined ? '' : length.startsWith(',') ? length : ` ${length}`;
  const at = /^(?:at|from|on)\b/i.test(time) || /[-–—]|\bto\b/.test(time) ? '' : 'at ';
  const forms = [
    `${subject} ${day} ${time}${len}`,
    `${subject} ${time} ${day}${len}`,
    `${day} ${time} ${subject}${len}`,
    `${subject}, ${day} ${at}${time}${len}`,
  ];
  return pick(rand, forms).replace(/\s+/g, ' ').replace(/ ,/g, ',').replace(/^, /, '').trim();
}

function chineseText(rand: Rand, subject: string, day: string, time: string, length: string | undefined): string {
  const len = length ?? '';
  const forms = [
    `${subject} ${day}${time} ${len}`,
    `${day}${time} ${subject} ${len}`,
    `${day}${time}的${subject} ${len}`,
    `${subject}，${day}${time}，${len}`,
    `${subject} ${day} ${time} ${len}`,
  ];
  return pick(rand, forms).replace(/\s+/g, ' ').replace(/，$/, '').trim();
}

describe('round trip: random meetings written as people type them, read back', () => {
  it(`reads ${CASES} generated requests (seed ${SEED}) as the meeting written or as a question, never another meeting`, () => {
    const rand = mulberry32(SEED);
    const wrong: string[] = [];
    let plain = 0;
    let plainExact = 0;
    let generated = 0;
    while (generated < CASES) {
      const c = generate(rand);
      if (!c) continue;
      generated++;
      const { draft, ambiguities } = parseSchedule(c.text, { now: c.ctx.now, timeZone: c.ctx.zone, locale: c.ctx.locale });
      const asks = Object.keys(ambiguities).length > 0 || !draft.subject || !draft.date || !draft.time;
      const exact = draft.subject === c.subject && draft.date === c.date && draft.time === c.time && (draft.durationMinutes ?? 30) === c.minutes;
      const told = `${JSON.stringify(c.text)} in ${c.ctx.label}: meant ${c.subject} | ${c.date} ${c.time} | ${c.minutes} min, read ${JSON.stringify(draft)}`;
      if (!asks && !exact) wrong.push(told);
      if (c.plain) plain++;
      if (c.plain && exact && !asks) plainExact++;
      if (process.env.ROUND_TRIP_SHOW && (!exact || asks) && (c.plain || !asks)) console.log(`${asks ? 'asked' : 'WRONG'}: ${told} ${Object.keys(ambiguities).join(',')}`);
    }
    const seed = `seed ${SEED} (ROUND_TRIP_SEED=${SEED} to run it again)`;
    assert.deepEqual(wrong.slice(0, 15), [], `${wrong.length} wrong meetings, ${seed}`);
    if (process.env.ROUND_TRIP_SHOW) console.log(`${plainExact} of ${plain} single-reading phrasings exact`);
    const share = plainExact / plain;
    assert.ok(share >= 0.99, `only ${(share * 100).toFixed(2)}% of ${plain} single-reading phrasings read exactly, ${seed}`);
  });
});
