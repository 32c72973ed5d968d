import assert from 'node:assert/strict';
import { isValidTimeZone, localNow, resolveLocalTime } from '../../src/meetings/zoned-time';

describe('resolveLocalTime', () => {
  it('resolves an ordinary wall time with the zone offset and no note', () => {
    const { instant, note } = resolveLocalTime('2026-11-28', '15:00', 'America/New_York');
    assert.equal(instant.toISO(), '2026-11-28T15:00:00.000-05:00');
    assert.equal(note, undefined);
  });

  it('handles zones with half-hour offsets and zones east of UTC', () => {
    assert.equal(resolveLocalTime('2026-12-03', '09:30', 'Asia/Kolkata').instant.toISO(), '2026-12-03T09:30:00.000+05:30');
    assert.equal(resolveLocalTime('2026-12-03', '09:30', 'Pacific/Kiritimati').instant.toISO(), '2026-12-03T09:30:00.000+14:00');
  });

  it('accepts H:MM and HH:MM:SS', () => {
    assert.equal(resolveLocalTime('2026-11-28', '9:05', 'UTC').instant.toISO(), '2026-11-28T09:05:00.000+00:00');
    assert.equal(resolveLocalTime('2026-11-28', '09:05:00', 'UTC').instant.toISO(), '2026-11-28T09:05:00.000+00:00');
  });

  describe('DST gap (spring forward): the time moves forward by the gap', () => {
    it('America/New_York 2:30 AM → 3:30 AM EDT', () => {
      const { instant, note } = resolveLocalTime('2026-03-08', '02:30', 'America/New_York');
      assert.equal(instant.toISO(), '2026-03-08T03:30:00.000-04:00');
      assert.equal(
        note,
        "2:30 AM doesn't exist on Sun, Mar 8, 2026 in America/New_York (clocks go forward); using 3:30 AM EDT.",
      );
    });

    it('Europe/Berlin 2:15 AM → 3:15 AM summer time', () => {
      const { instant, note } = resolveLocalTime('2026-03-29', '02:15', 'Europe/Berlin');
      assert.equal(instant.toISO(), '2026-03-29T03:15:00.000+02:00');
      assert.match(note ?? '', /^2:15 AM doesn't exist on Sun, Mar 29, 2026 in Europe\/Berlin \(clocks go forward\); using 3:15 AM/);
    });

    it('Australia/Sydney 2:00 AM → 3:00 AM AEDT', () => {
      const { instant, note } = resolveLocalTime('2026-10-04', '02:00', 'Australia/Sydney');
      assert.equal(instant.toISO(), '2026-10-04T03:00:00.000+11:00');
      assert.match(note ?? '', /doesn't exist on Sun, Oct 4, 2026 in Australia\/Sydney/);
    });

    it('the minute before the gap and the first minute after it are ordinary', () => {
      const before = resolveLocalTime('2026-03-08', '01:59', 'America/New_York');
      const after = resolveLocalTime('2026-03-08', '03:00', 'America/New_York');
      assert.equal(before.instant.toISO(), '2026-03-08T01:59:00.000-05:00');
      assert.equal(after.instant.toISO(), '2026-03-08T03:00:00.000-04:00');
      assert.equal(before.note, undefined);
      assert.equal(after.note, undefined);
    });
  });

  describe('DST overlap (fall back): the first occurrence is used', () => {
    it('America/New_York 1:30 AM → EDT, not EST (luxon alone would pick EST)', () => {
      const { instant, note } = resolveLocalTime('2026-11-01', '01:30', 'America/New_York');
      assert.equal(instant.toISO(), '2026-11-01T01:30:00.000-04:00');
      assert.equal(note, '1:30 AM happens twice on Sun, Nov 1, 2026 in America/New_York; using the first one (EDT).');
    });

    it('Europe/Berlin 2:30 AM → summer time (+02:00)', () => {
      const { instant, note } = resolveLocalTime('2026-10-25', '02:30', 'Europe/Berlin');
      assert.equal(instant.toISO(), '2026-10-25T02:30:00.000+02:00');
      assert.match(note ?? '', /^2:30 AM happens twice on Sun, Oct 25, 2026 in Europe\/Berlin; using the first one/);
    });

    it('Australia/Sydney 2:30 AM → daylight time (+11:00)', () => {
      const { instant, note } = resolveLocalTime('2026-04-05', '02:30', 'Australia/Sydney');
      assert.equal(instant.toISO(), '2026-04-05T02:30:00.000+11:00');
      assert.match(note ?? '', /happens twice on Sun, Apr 5, 2026 in Australia\/Sydney/);
    });

    it('the hour after the overlap is ordinary again', () => {
      const { instant, note } = resolveLocalTime('2026-11-01', '02:00', 'America/New_York');
      assert.equal(instant.toISO(), '2026-11-01T02:00:00.000-05:00');
      assert.equal(note, undefined);
    });
  });

  it('rejects an unknown zone, an impossible date and a malformed time', () => {
    assert.throws(() => resolveLocalTime('2026-11-28', '15:00', 'Mars/Olympus_Mons'), /Unknown time zone/);
    assert.throws(() => resolveLocalTime('2026-02-30', '15:00', 'UTC'), RangeError);
    assert.throws(() => resolveLocalTime('2026-11-28', '3pm', 'UTC'), RangeError);
    assert.throws(() => resolveLocalTime('2026-11-28', '24:00', 'UTC'), RangeError);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects anything else', () => {
    assert.equal(isValidTimeZone('America/New_York'), true);
    assert.equal(isValidTimeZone('Asia/Kolkata'), true);
    assert.equal(isValidTimeZone('UTC'), true);
    assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
    assert.equal(isValidTimeZone(''), false);
    assert.equal(isValidTimeZone('Eastern Standard Time'), false, 'Windows zone names are not IANA');
  });
});

describe('localNow', () => {
  it("gives the user's wall clock, which can be a different day from UTC", () => {
    const now = new Date('2026-11-27T02:00:00Z');
    assert.equal(localNow(now, 'America/Los_Angeles').toFormat('yyyy-MM-dd HH:mm'), '2026-11-26 18:00');
    assert.equal(localNow(now, 'Asia/Tokyo').toFormat('yyyy-MM-dd HH:mm'), '2026-11-27 11:00');
    assert.equal(localNow(now, 'Asia/Tokyo').toMillis(), now.getTime());
  });

  it('rejects an unknown zone', () => {
    assert.throws(() => localNow(new Date(), 'Nowhere/Special'), RangeError);
  });
});
