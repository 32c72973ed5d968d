import assert from 'node:assert/strict';
import { DateTime, IANAZone } from 'luxon';
import { en } from '../support/english';
import {
  isoInstantMs,
  isoWithOffset,
  isValidTimeZone,
  localNow,
  requireZone,
  resolveLocalInstant,
  resolveLocalTime,
  wallDayAndOffset,
  type ResolvedTime,
} from '../../src/meetings/zoned-time';

/** The resolved time with its note (a message code) in English. */
function withEnglishNote(r: ResolvedTime): { instant: ResolvedTime['instant']; note?: string } {
  return { instant: r.instant, note: r.note && en(r.note) };
}

describe('resolveLocalTime', () => {
  it('resolves an ordinary wall time with the zone offset and no note', () => {
    const { instant, note } = withEnglishNote(resolveLocalTime('2026-11-28', '15:00', 'America/New_York'));
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
      const { instant, note } = withEnglishNote(resolveLocalTime('2026-03-08', '02:30', 'America/New_York'));
      assert.equal(instant.toISO(), '2026-03-08T03:30:00.000-04:00');
      assert.equal(
        note,
        "2:30 AM doesn't exist on Sun, Mar 8, 2026 in America/New_York (clocks go forward); using 3:30 AM EDT.",
      );
    });

    it('Europe/Berlin 2:15 AM → 3:15 AM summer time', () => {
      const { instant, note } = withEnglishNote(resolveLocalTime('2026-03-29', '02:15', 'Europe/Berlin'));
      assert.equal(instant.toISO(), '2026-03-29T03:15:00.000+02:00');
      assert.match(note ?? '', /^2:15 AM doesn't exist on Sun, Mar 29, 2026 in Europe\/Berlin \(clocks go forward\); using 3:15 AM/);
    });

    it('Australia/Sydney 2:00 AM → 3:00 AM AEDT', () => {
      const { instant, note } = withEnglishNote(resolveLocalTime('2026-10-04', '02:00', 'Australia/Sydney'));
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
      const { instant, note } = withEnglishNote(resolveLocalTime('2026-11-01', '01:30', 'America/New_York'));
      assert.equal(instant.toISO(), '2026-11-01T01:30:00.000-04:00');
      assert.equal(note, '1:30 AM happens twice on Sun, Nov 1, 2026 in America/New_York; using the first one (EDT).');
    });

    it('Europe/Berlin 2:30 AM → summer time (+02:00)', () => {
      const { instant, note } = withEnglishNote(resolveLocalTime('2026-10-25', '02:30', 'Europe/Berlin'));
      assert.equal(instant.toISO(), '2026-10-25T02:30:00.000+02:00');
      assert.match(note ?? '', /^2:30 AM happens twice on Sun, Oct 25, 2026 in Europe\/Berlin; using the first one/);
    });

    it('Australia/Sydney 2:30 AM → daylight time (+11:00)', () => {
      const { instant, note } = withEnglishNote(resolveLocalTime('2026-04-05', '02:30', 'Australia/Sydney'));
      assert.equal(instant.toISO(), '2026-04-05T02:30:00.000+11:00');
      assert.match(note ?? '', /happens twice on Sun, Apr 5, 2026 in Australia\/Sydney/);
    });

    it('the hour after the overlap is ordinary again', () => {
      const { instant, note } = withEnglishNote(resolveLocalTime('2026-11-01', '02:00', 'America/New_York'));
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

  it('accepts the other spellings of a zone: old names, Etc/UTC, any letter case', () => {
    for (const tz of ['Asia/Calcutta', 'Europe/Kiev', 'US/Eastern', 'Etc/UTC', 'america/new_york', 'utc']) {
      assert.equal(isValidTimeZone(tz), true, tz);
    }
  });

  it('accepts exactly the names luxon can compute with, for every zone the runtime lists', () => {
    // The runtime's list is read without building a formatter; each of its names must work in luxon too.
    for (const tz of Intl.supportedValuesOf('timeZone')) {
      assert.equal(isValidTimeZone(tz), true, tz);
      assert.equal(IANAZone.isValidZone(tz), true, `luxon rejects ${tz}`);
    }
  });
});

describe('wallDayAndOffset', () => {
  it("gives the zone's calendar day and offset, which can differ from UTC's day, and change with DST", () => {
    const day = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);
    // 04:30Z on Nov 29 is still Nov 28 in New York (UTC−5).
    assert.deepEqual(wallDayAndOffset(Date.parse('2026-11-29T04:30:00Z'), 'America/New_York'), { day: day('2026-11-28'), offset: -300 });
    // 23:30Z on Nov 28 is already Nov 29 in Tokyo (UTC+9).
    assert.deepEqual(wallDayAndOffset(Date.parse('2026-11-28T23:30:00Z'), 'Asia/Tokyo'), { day: day('2026-11-29'), offset: 540 });
    // Either side of New York's fall-back on Nov 1, 2026: the same day, two offsets.
    assert.deepEqual(wallDayAndOffset(Date.parse('2026-11-01T05:30:00Z'), 'America/New_York'), { day: day('2026-11-01'), offset: -240 });
    assert.deepEqual(wallDayAndOffset(Date.parse('2026-11-01T06:30:00Z'), 'America/New_York'), { day: day('2026-11-01'), offset: -300 });
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

describe('resolveLocalInstant', () => {
  it('gives the same instant, offset and note as resolveLocalTime (ordinary, gap, overlap)', () => {
    for (const [date, time] of [['2026-11-28', '15:00'], ['2026-03-08', '02:30'], ['2026-11-01', '01:30']]) {
      const full = resolveLocalTime(date, time, 'America/New_York');
      const quick = resolveLocalInstant(date, time, 'America/New_York');
      assert.equal(quick.ms, full.instant.toMillis());
      assert.equal(quick.offset, full.instant.offset);
      assert.deepEqual(quick.note, full.note);
    }
  });

  it('rejects what resolveLocalTime rejects', () => {
    assert.throws(() => resolveLocalInstant('2026-11-28', '15:00', 'Mars/Olympus_Mons'), /Unknown time zone/);
    assert.throws(() => resolveLocalInstant('2026-02-30', '15:00', 'UTC'), RangeError);
  });
});

describe('isoWithOffset', () => {
  // luxon's DateTime#toISO() in an IANA zone is what the meeting's start/end used to be made with.
  const luxonIso = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone: IANAZone.create(zone) }).toISO();
  const iso = (ms: number, zone: string) => isoWithOffset(ms, IANAZone.create(zone).offset(ms));

  it('writes the offset as ±HH:MM, including fractional offsets and +00:00 for UTC', () => {
    const cases: [string, string, string][] = [
      ['2026-11-28T20:00:00Z', 'America/New_York', '2026-11-28T15:00:00.000-05:00'],
      ['2026-07-14T14:00:00Z', 'America/New_York', '2026-07-14T10:00:00.000-04:00'],
      ['2026-11-28T09:15:00Z', 'Asia/Kathmandu', '2026-11-28T15:00:00.000+05:45'],
      ['2026-01-15T04:00:00Z', 'Australia/Lord_Howe', '2026-01-15T15:00:00.000+11:00'],
      ['2026-06-15T04:30:00Z', 'Australia/Lord_Howe', '2026-06-15T15:00:00.000+10:30'],
      ['2026-11-28T18:30:00Z', 'America/St_Johns', '2026-11-28T15:00:00.000-03:30'],
      ['2026-11-28T01:15:00.123Z', 'Pacific/Chatham', '2026-11-28T15:00:00.123+13:45'],
      ['2026-11-28T20:00:00Z', 'UTC', '2026-11-28T20:00:00.000+00:00'],
    ];
    for (const [utc, zone, expected] of cases) {
      const ms = Date.parse(utc);
      assert.equal(iso(ms, zone), expected, `${utc} in ${zone}`);
      assert.equal(luxonIso(ms, zone), expected, `luxon agrees: ${utc} in ${zone}`);
    }
  });

  it("matches luxon's toISO() every 15 minutes through 2026's DST changes", () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];
    for (const zone of zones) {
      const z = IANAZone.create(zone);
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 6 * 3_600_000) {
        if (z.offset(ms) === z.offset(ms + 6 * 3_600_000)) continue;
        for (let t = ms - 3_600_000; t <= ms + 7 * 3_600_000; t += 15 * 60_000) {
          assert.equal(iso(t, zone), luxonIso(t, zone), `${new Date(t).toISOString()} in ${zone}`);
        }
      }
    }
  });

  it('matches luxon for years beyond 9999', () => {
    const ms = Date.parse('+010000-01-01T12:00:00Z');
    assert.equal(iso(ms, 'America/New_York'), '+010000-01-01T07:00:00.000-05:00');
    assert.equal(iso(ms, 'America/New_York'), luxonIso(ms, 'America/New_York'));
  });
});

describe('isoInstantMs', () => {
  // What the card and the simulated Graph used before: luxon, reading a text without an offset as UTC.
  const luxonMs = (iso: string): number => {
    const dt = DateTime.fromISO(iso, { zone: 'utc' });
    return dt.isValid ? dt.toMillis() : Number.NaN;
  };

  it("reads Graph's and the bot's own instants, and one without an offset as UTC", () => {
    const cases: [string, string][] = [
      ['2026-12-04T20:00:00.0000000Z', '2026-12-04T20:00:00.000Z'],
      ['2026-12-04T20:00:00Z', '2026-12-04T20:00:00.000Z'],
      ['2026-12-04T15:00:00.000-05:00', '2026-12-04T20:00:00.000Z'],
      ['2026-12-05T01:45:00.000+05:45', '2026-12-04T20:00:00.000Z'],
      ['2026-12-04T20:00', '2026-12-04T20:00:00.000Z'],
      ['2026-12-04T20:00:00.1234567', '2026-12-04T20:00:00.123Z'],
    ];
    for (const [iso, utc] of cases) {
      assert.equal(new Date(isoInstantMs(iso)).toISOString(), utc, iso);
      assert.equal(isoInstantMs(iso), luxonMs(iso), `luxon agrees on ${iso}`);
    }
  });

  it('says NaN for dates and times that do not exist, where Date.parse alone would roll them over', () => {
    for (const iso of ['2026-02-30T10:00:00Z', '2026-02-29T10:00:00Z', '2026-04-31T10:00:00+02:00', '2026-12-04T23:60:00Z', '2026-13-01T10:00:00Z', 'tomorrow', '', '2026-12-04 20:00:00Z']) {
      assert.ok(Number.isNaN(isoInstantMs(iso)), `${JSON.stringify(iso)} is not an instant`);
      assert.ok(Number.isNaN(luxonMs(iso)), `luxon agrees on ${iso}`);
    }
  });

  it('reads the other ISO forms luxon knows (week dates, ordinal dates, 24:00) through luxon', () => {
    for (const iso of ['2026-W49-5T20:00:00Z', '2026-338T20:00:00Z', '2026-12-04T24:00:00Z']) assert.equal(isoInstantMs(iso), luxonMs(iso), iso);
  });

  it('agrees with luxon on every quarter hour of 2026 written at every offset from -12:00 to +14:00', () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 7 * 3_600_000 + 15 * 60_000) {
      for (let offset = -12 * 60; offset <= 14 * 60; offset += 45) {
        const iso = isoWithOffset(ms, offset);
        assert.equal(isoInstantMs(iso), ms, iso);
      }
    }
  });
});

describe('requireZone', () => {
  it("gives luxon's offset for every quarter hour of 2026, asked twice, across DST changes and 30-minute shifts", () => {
    for (const name of ['America/New_York', 'Europe/Paris', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo', 'Asia/Shanghai']) {
      const zone = requireZone(name);
      const luxon = IANAZone.create(name);
      for (let pass = 0; pass < 2; pass++) {
        for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 15 * 60_000 + pass * 7_000) {
          if (zone.offset(ms) !== luxon.offset(ms)) assert.fail(`${name} at ${new Date(ms).toISOString()}: ${zone.offset(ms)} ≠ ${luxon.offset(ms)}`);
        }
      }
      // The minutes either side of each change.
      for (const [, at] of [['spring', Date.UTC(2026, 2, 8, 7, 0)], ['fall', Date.UTC(2026, 10, 1, 6, 0)]] as const) {
        for (let ms = at - 120_000; ms <= at + 120_000; ms += 1_000) assert.equal(zone.offset(ms), luxon.offset(ms));
      }
    }
  });

  it('is the same zone to luxon: equal, same name, same wall clock', () => {
    const ours = DateTime.fromMillis(Date.UTC(2026, 2, 8, 7, 30), { zone: requireZone('America/New_York') });
    const theirs = DateTime.fromMillis(Date.UTC(2026, 2, 8, 7, 30), { zone: 'America/New_York' });
    assert.ok(ours.zone.equals(theirs.zone));
    assert.equal(ours.zoneName, 'America/New_York');
    assert.equal(ours.toISO(), theirs.toISO());
    assert.equal(ours.plus({ hours: 1 }).toISO(), theirs.plus({ hours: 1 }).toISO());
  });

  it('refuses an unknown zone', () => {
    assert.throws(() => requireZone('Mars/Olympus_Mons'), RangeError);
  });
});
