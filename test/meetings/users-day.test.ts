// Every relative date is counted from the user's own calendar day in their zone — not the server's, not
// UTC's — just before and just after local midnight, wherever the server runs.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { parseSchedule } from '../../src/meetings/parse-schedule';

const ZONES = [
  'Pacific/Honolulu', 'America/New_York', 'America/Sao_Paulo', 'Europe/Paris', 'Asia/Shanghai',
  'Pacific/Auckland', 'Pacific/Kiritimati',
];

// Local wall clocks either side of midnight, on weekdays where "next week" and 下周 cross a week boundary.
const CLOCKS = ['2026-11-25T23:30', '2026-11-26T00:30', '2026-11-29T23:30', '2026-11-30T00:30'];

/** Each phrase with the date it must give, from the user's local `today`. */
const PHRASES: { text: string; expect: (today: DateTime) => DateTime }[] = [
  { text: 'Sync today at 3pm', expect: (d) => d },
  { text: 'Sync tonight', expect: (d) => d },
  { text: 'Sync tonight at 9', expect: (d) => d },
  { text: 'Sync tomorrow at 3pm', expect: (d) => d.plus({ days: 1 }) },
  { text: 'Sync tomorrow', expect: (d) => d.plus({ days: 1 }) },
  { text: 'Sync the day after tomorrow at 3pm', expect: (d) => d.plus({ days: 2 }) },
  { text: 'Sync the day after tomorrow', expect: (d) => d.plus({ days: 2 }) },
  { text: 'Sync in 2 days at 3pm', expect: (d) => d.plus({ days: 2 }) },
  { text: 'Sync next week', expect: (d) => d.plus({ weeks: 1 }) },
  { text: 'Sync Friday at 3pm', expect: (d) => nextWeekday(d, 5) },
  { text: 'Sync on Monday at 3pm', expect: (d) => nextWeekday(d, 1) },
  // chrono's "next Wednesday" is the Wednesday of next week (Monday to Sunday), like 下周三.
  { text: 'Sync next Wednesday at 3pm', expect: (d) => d.startOf('week').plus({ weeks: 1, days: 2 }) },
  { text: '同步 今天下午3点', expect: (d) => d },
  { text: '同步 今晚8点', expect: (d) => d },
  { text: '同步 明天下午3点', expect: (d) => d.plus({ days: 1 }) },
  { text: '同步 明天', expect: (d) => d.plus({ days: 1 }) },
  { text: '同步 明早9点', expect: (d) => d.plus({ days: 1 }) },
  { text: '同步 后天下午3点', expect: (d) => d.plus({ days: 2 }) },
  { text: '同步 大后天上午10点', expect: (d) => d.plus({ days: 3 }) },
  { text: '同步 3天后', expect: (d) => d.plus({ days: 3 }) },
  { text: '同步 下周', expect: (d) => d.plus({ weeks: 1 }) },
  { text: '同步 周五下午3点', expect: (d) => nextWeekday(d, 5) },
  { text: '同步 星期一下午3点', expect: (d) => nextWeekday(d, 1) },
  { text: '同步 下周三下午3点', expect: (d) => d.startOf('week').plus({ weeks: 1, days: 2 }) },
  { text: '同步 这周日上午10点', expect: (d) => d.startOf('week').plus({ days: 6 }) },
];

/** The first `weekday` (luxon: Monday 1 … Sunday 7) on or after `d`. */
function nextWeekday(d: DateTime, weekday: number): DateTime {
  return d.plus({ days: (weekday - d.weekday + 7) % 7 });
}

interface Case {
  label: string;
  text: string;
  now: Date;
  timeZone: string;
  date: string;
}

const cases: Case[] = [];
for (const timeZone of ZONES) {
  for (const clock of CLOCKS) {
    const local = DateTime.fromISO(clock, { zone: timeZone });
    const today = local.startOf('day');
    for (const { text, expect } of PHRASES) {
      cases.push({
        label: `${JSON.stringify(text)} at ${local.toFormat('ccc HH:mm')} in ${timeZone}`,
        text,
        now: local.toJSDate(),
        timeZone,
        date: expect(today).toISODate() ?? '',
      });
    }
  }
}

// Server zones either side of the date line and one with DST of its own; each is checked to take effect.
const SERVER_ZONES: [string, number][] = [
  ['UTC', 0], ['Pacific/Kiritimati', -840], ['Pacific/Pago_Pago', 660], ['America/Los_Angeles', 480], ['Europe/Paris', -60],
];

describe("parseSchedule counts dates from the user's own day", () => {
  const original = process.env.TZ;
  after(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('has the whole table', () => {
    assert.ok(cases.length >= ZONES.length * CLOCKS.length * 20, `only ${cases.length} cases`);
  });

  it("keeps the user's day and the elapsed time when their wall clock doesn't exist in the server's zone", () => {
    // 02:30 on Sun 29 Mar 2026 in New York is skipped in Paris (clocks go forward there that night).
    process.env.TZ = 'Europe/Paris';
    assert.equal(new Date(2026, 2, 29, 2, 30).getHours(), 3, 'Paris skips 02:30 that night');
    const now = DateTime.fromISO('2026-03-29T02:30', { zone: 'America/New_York' }).toJSDate();
    const ctx = { now, timeZone: 'America/New_York' };
    assert.deepEqual(parseSchedule('Ops in 2 hours', ctx).draft, { subject: 'Ops', date: '2026-03-29', time: '04:30' });
    assert.deepEqual(parseSchedule('Ops tomorrow at 9am', ctx).draft, { subject: 'Ops', date: '2026-03-30', time: '09:00' });
    assert.deepEqual(parseSchedule('Ops 明天上午9点', ctx).draft, { subject: 'Ops', date: '2026-03-30', time: '09:00' });
    assert.deepEqual(parseSchedule('Ops 一小时后', ctx).draft, { subject: 'Ops', date: '2026-03-29', time: '03:30' });
  });

  for (const [serverZone, januaryOffset] of SERVER_ZONES) {
    describe(`with the server in ${serverZone}`, () => {
      before(() => {
        process.env.TZ = serverZone;
        // Node re-reads TZ when it is assigned; make sure it did, or the table proves nothing.
        assert.equal(new Date(2026, 0, 15).getTimezoneOffset(), januaryOffset);
      });

      for (const c of cases) {
        it(c.label, () => {
          const { draft } = parseSchedule(c.text, { now: c.now, timeZone: c.timeZone });
          assert.equal(draft.date, c.date);
        });
      }
    });
  }
});
