import assert from 'node:assert/strict';
import { settleClock, settleRange, type TypedClock } from '../../src/meetings/clock-range';

// h(2) is a bare "2"; h(3, 30, 15) is "3:30pm".
const h = (hour: number, minute = 0, fixed?: number): TypedClock => (fixed === undefined ? { hour, minute } : { hour, minute, fixed });
const hhmm = (c: { hour: number; minute: number }) => `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;

describe('settleRange: which hours a typed range means', () => {
  const taken: [string, TypedClock, TypedClock, string, number][] = [
    ['2–3:30pm: the pm carries over', h(2), h(3, 30, 15), '14:00', 90],
    ['9-5pm: 9 PM would end before it starts, 9 AM is a working day', h(9), h(5, 0, 17), '09:00', 480],
    ['11-1pm', h(11), h(1, 0, 13), '11:00', 120],
    ['9:30 to noon', h(9, 30), h(12, 0, 12), '09:30', 150],
    ['10:30am to 12: 12 AM would end before it starts', h(10, 30, 10), h(12), '10:30', 90],
    ['3pm-4', h(3, 0, 15), h(4), '15:00', 60],
    ['from 2 to 3: working hours', h(2), h(3), '14:00', 60],
    ['9-10:30', h(9), h(10, 30), '09:00', 90],
    ['11-1: the end after the start', h(11), h(1), '11:00', 120],
    ['11pm to 1am: both ends say so', h(11, 0, 23), h(1, 0, 1), '23:00', 120],
    ['10pm to midnight', h(10, 0, 22), h(0, 0, 24), '22:00', 120],
    ['7-8pm: the pm settles the 7', h(7), h(8, 0, 20), '19:00', 60],
  ];
  for (const [title, start, end, time, minutes] of taken) {
    it(title, () => {
      const range = settleRange(start, end);
      assert.equal(range.problem, undefined);
      assert.equal(hhmm(range.start), time);
      assert.equal(range.minutes, minutes);
      assert.equal(range.start.ask, false);
    });
  }

  it('asks when no reading ends after the start: 5pm to 4pm, 6-5pm, 下午五点到四点', () => {
    assert.equal(settleRange(h(5, 0, 17), h(4, 0, 16)).problem, 'endsBeforeStart');
    assert.equal(settleRange(h(6), h(5, 0, 17)).problem, 'endsBeforeStart');
    assert.equal(settleRange(h(5, 0, 17), h(4)).problem, 'endsBeforeStart', 'never an overnight meeting by guessing');
  });

  it('asks about a range over 12 hours, and one that ends when it starts', () => {
    const long = settleRange(h(9, 0, 9), h(10, 0, 22));
    assert.equal(long.problem, 'tooLong');
    assert.equal(long.minutes, 780);
    assert.equal(settleRange(h(3, 0, 15), h(3, 0, 15)).problem, 'endsWhenItStarts');
  });

  it('keeps the question of a bare 7 when nothing settles it: from 7 to 8', () => {
    const range = settleRange(h(7), h(8));
    assert.equal(hhmm(range.start), '19:00');
    assert.equal(range.start.ask, true);
  });

  it('reads both ends in the part of the day the date names: tomorrow morning from 7 to 8', () => {
    const range = settleRange(h(7), h(8), 'am');
    assert.equal(hhmm(range.start), '07:00');
    assert.equal(range.minutes, 60);
    assert.equal(range.start.ask, false);
  });
});

describe('settleClock', () => {
  it('takes a fixed hour as it is, a bare one in the context or in working hours', () => {
    assert.deepEqual(settleClock(h(3, 30, 15)), { hour: 15, minute: 30, ask: false });
    assert.deepEqual(settleClock(h(9), 'pm'), { hour: 21, minute: 0, ask: false });
    assert.deepEqual(settleClock(h(3)), { hour: 15, minute: 0, ask: false });
    assert.deepEqual(settleClock(h(7)), { hour: 19, minute: 0, ask: true });
    assert.deepEqual(settleClock(h(12), 'am'), { hour: 0, minute: 0, ask: false });
  });
});
