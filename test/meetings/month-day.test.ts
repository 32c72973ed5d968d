import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { existingDay, findMonthDays } from '../../src/meetings/month-day';

const TODAY = DateTime.fromISO('2026-06-15T10:00', { zone: 'UTC' });
const day = (text: string) => {
  const [md] = findMonthDays(text);
  return md && existingDay(md, TODAY);
};

describe('days written with their month', () => {
  it('reads English and Chinese spellings, with and without a year', () => {
    assert.deepEqual(day('March 3rd'), { year: 2027, month: 3, day: 3 });
    assert.deepEqual(day('the 3rd of March 2028'), { year: 2028, month: 3, day: 3 });
    assert.deepEqual(day('Jun 20'), { year: 2026, month: 6, day: 20 });
    assert.deepEqual(day('12月5日'), { year: 2026, month: 12, day: 5 });
    assert.deepEqual(day('二〇二八年三月三号'), { year: 2028, month: 3, day: 3 });
  });

  it('says a day that is not in the calendar is none', () => {
    for (const text of ['Feb 30', 'April 31st', '2月30日', 'the 29th of February 2027']) assert.equal(day(text), undefined, text);
  });

  it('takes Feb 29 without a year only when the coming February has one', () => {
    assert.equal(day('Feb 29'), undefined, 'February 2027 has no 29th');
    assert.deepEqual(existingDay(findMonthDays('Feb 29')[0], DateTime.fromISO('2027-06-15', { zone: 'UTC' })), { year: 2028, month: 2, day: 29 });
  });
});
