import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { findNumericDates, localeOrder, readNumericDate, regionOrder, settledOrder } from '../../src/meetings/numeric-date';
import { countryOfZone } from '../../src/meetings/zone-country';

const TODAY = DateTime.fromISO('2026-06-15T10:00', { zone: 'UTC' });

describe('numeric dates', () => {
  it('knows the country of a zone, by its current and its older names', () => {
    assert.equal(countryOfZone('America/New_York'), 'US');
    assert.equal(countryOfZone('US/Eastern'), 'US');
    assert.equal(countryOfZone('Europe/Paris'), 'FR');
    assert.equal(countryOfZone('Asia/Shanghai'), 'CN');
    assert.equal(countryOfZone('Asia/Kolkata'), 'IN');
    assert.equal(countryOfZone('Asia/Calcutta'), 'IN');
    assert.equal(countryOfZone('UTC'), undefined);
  });

  it("takes each side's order from Intl: the US and China write the month first, France and Britain the day", () => {
    assert.equal(regionOrder('US'), 'monthFirst');
    assert.equal(regionOrder('CN'), 'monthFirst');
    assert.equal(regionOrder('FR'), 'dayFirst');
    assert.equal(regionOrder('GB'), 'dayFirst');
    assert.equal(localeOrder('en-US'), 'monthFirst');
    assert.equal(localeOrder('en-GB'), 'dayFirst');
    assert.equal(localeOrder('zh-cn'), 'monthFirst');
    assert.equal(localeOrder('en'), undefined, 'a language without a region says no order');
    assert.equal(localeOrder(undefined), undefined);
    assert.equal(localeOrder('not a tag'), undefined);
  });

  it('settles the order only when the client locale and the zone agree', () => {
    assert.equal(settledOrder('en-US', 'America/New_York'), 'monthFirst');
    assert.equal(settledOrder('fr-FR', 'Europe/Paris'), 'dayFirst');
    assert.equal(settledOrder('en-US', 'Europe/Paris'), undefined);
    assert.equal(settledOrder(undefined, 'Europe/Paris'), undefined);
    assert.equal(settledOrder('en-GB', 'UTC'), undefined);
  });

  const read = (text: string, settled?: 'monthFirst' | 'dayFirst') => {
    const [found] = findNumericDates(text);
    return found && readNumericDate(found, TODAY, settled, 'monthFirst');
  };

  it('reads a date that only one order allows, whatever the order', () => {
    assert.deepEqual(read('25/10'), { kind: 'date', date: { year: 2026, month: 10, day: 25 } });
    assert.deepEqual(read('10/25'), { kind: 'date', date: { year: 2026, month: 10, day: 25 } });
    assert.deepEqual(read('5/5'), { kind: 'date', date: { year: 2027, month: 5, day: 5 } }, 'the same day either way, and passed this year');
    assert.deepEqual(read('2027-03-04'), { kind: 'date', date: { year: 2027, month: 3, day: 4 } });
  });

  it('gives both readings of a date the order does not settle, and one when it does', () => {
    assert.deepEqual(read('11/10'), { kind: 'either', date: { year: 2026, month: 11, day: 10 }, other: { year: 2026, month: 10, day: 11 } });
    assert.deepEqual(read('11/10', 'dayFirst'), { kind: 'date', date: { year: 2026, month: 10, day: 11 } });
    assert.deepEqual(read('3/11/2028', 'monthFirst'), { kind: 'date', date: { year: 2028, month: 3, day: 11 } });
  });

  it('says when no order gives a real day', () => {
    assert.deepEqual(read('2/30'), { kind: 'noSuchDate' });
    assert.deepEqual(read('31/4'), { kind: 'noSuchDate' });
    assert.deepEqual(read('2027-02-29'), { kind: 'noSuchDate' });
  });

  it('finds no date in fractions, scores, times, ranges and versions', () => {
    for (const text of ['1/2 hour', '50/50', '10.30', '10-11', 'v1.2/3', '3:30', '2026 budget']) {
      assert.deepEqual(findNumericDates(text), [], text);
    }
  });
});
