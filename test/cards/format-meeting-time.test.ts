import assert from 'node:assert/strict';
import { formatMeetingTime } from '../../src/cards/format-meeting-time';

describe('formatMeetingTime', () => {
  it('shows a same-day meeting once, in the user zone, with abbreviation and IANA name', () => {
    assert.equal(
      formatMeetingTime('2026-11-28T20:00:00Z', '2026-11-28T20:45:00Z', 'America/New_York'),
      'Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST (America/New_York)',
    );
  });

  it('uses the summer abbreviation in summer (EDT, UTC−4)', () => {
    assert.equal(
      formatMeetingTime('2026-07-14T14:00:00Z', '2026-07-14T14:30:00Z', 'America/New_York'),
      'Tue, Jul 14, 2026, 10:00 AM – 10:30 AM EDT (America/New_York)',
    );
  });

  it('gives each end its own abbreviation when clocks go back during the meeting', () => {
    // 05:30Z = 1:30 AM EDT; 06:15Z = 1:15 AM EST (the second 1 AM hour on Nov 1, 2026).
    assert.equal(
      formatMeetingTime('2026-11-01T05:30:00Z', '2026-11-01T06:15:00Z', 'America/New_York'),
      'Sun, Nov 1, 2026, 1:30 AM EDT – 1:15 AM EST (America/New_York)',
    );
  });

  it('shows both ends across the spring-forward gap', () => {
    // 06:30Z = 1:30 AM EST; 07:30Z = 3:30 AM EDT on Mar 8, 2026.
    assert.equal(
      formatMeetingTime('2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z', 'America/New_York'),
      'Sun, Mar 8, 2026, 1:30 AM EST – 3:30 AM EDT (America/New_York)',
    );
  });

  it('shows both dates when the meeting crosses midnight', () => {
    assert.equal(
      formatMeetingTime('2026-11-29T04:30:00Z', '2026-11-29T05:15:00Z', 'America/New_York'),
      'Sat, Nov 28, 2026, 11:30 PM EST – Sun, Nov 29, 2026, 12:15 AM EST (America/New_York)',
    );
  });

  it("shows one date when only UTC's day changes during the meeting", () => {
    assert.equal(
      formatMeetingTime('2026-11-28T23:30:00Z', '2026-11-29T00:15:00Z', 'Asia/Tokyo'),
      'Sun, Nov 29, 2026, 8:30 AM – 9:15 AM GMT+9 (Asia/Tokyo)',
    );
  });

  it('keeps both day periods when the meeting crosses noon', () => {
    assert.equal(
      formatMeetingTime('2026-11-28T16:30:00Z', '2026-11-28T17:15:00Z', 'America/New_York'),
      'Sat, Nov 28, 2026, 11:30 AM – 12:15 PM EST (America/New_York)',
    );
  });

  it('formats in zones with fractional offsets and no common abbreviation', () => {
    assert.equal(
      formatMeetingTime('2026-11-28T20:00:00Z', '2026-11-28T20:45:00Z', 'Asia/Kolkata'),
      'Sun, Nov 29, 2026, 1:30 AM – 2:15 AM GMT+5:30 (Asia/Kolkata)',
    );
  });

  it("reads Graph's 7-digit fractions, explicit offsets and offset-less strings (as UTC)", () => {
    const expected = 'Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST (America/New_York)';
    assert.equal(formatMeetingTime('2026-11-28T20:00:00.0000000Z', '2026-11-28T20:45:00.0000000Z', 'America/New_York'), expected);
    assert.equal(formatMeetingTime('2026-11-28T15:00:00-05:00', '2026-11-28T21:45:00+01:00', 'America/New_York'), expected);
    assert.equal(formatMeetingTime('2026-11-28T20:00:00', '2026-11-28T20:45:00', 'America/New_York'), expected);
  });

  it('uses plain spaces only (no narrow/thin spaces from ICU)', () => {
    const s = formatMeetingTime('2026-11-28T20:00:00Z', '2026-11-28T20:45:00Z', 'America/New_York');
    assert.doesNotMatch(s, /[\u2009\u202f\u00a0]/);
  });

  it('honours another locale', () => {
    assert.equal(
      formatMeetingTime('2026-11-28T20:00:00Z', '2026-11-28T20:45:00Z', 'Europe/Berlin', 'de-DE'),
      'Sa., 28. Nov. 2026, 21:00 – 21:45 MEZ (Europe/Berlin)',
    );
  });

  it('falls back to UTC, labelled, for an unknown zone rather than failing', () => {
    assert.equal(
      formatMeetingTime('2026-11-28T20:00:00Z', '2026-11-28T20:45:00Z', 'Mars/Olympus_Mons'),
      'Sat, Nov 28, 2026, 8:00 PM – 8:45 PM UTC (UTC)',
    );
  });

  it("calls the bot's default zone and its other IANA spellings UTC", () => {
    const s = '2026-11-28T20:00:00Z';
    const e = '2026-11-28T20:45:00Z';
    assert.equal(formatMeetingTime(s, e, 'UTC'), 'Sat, Nov 28, 2026, 8:00 PM – 8:45 PM UTC (UTC)');
    assert.equal(formatMeetingTime(s, e, 'Etc/UTC'), 'Sat, Nov 28, 2026, 8:00 PM – 8:45 PM UTC (Etc/UTC)');
    assert.equal(formatMeetingTime(s, e, 'GMT'), 'Sat, Nov 28, 2026, 8:00 PM – 8:45 PM UTC (GMT)');
  });

  it('treats names only luxon reads (UTC+5, local) as unknown zones, like the rest of the bot does', () => {
    const s = '2026-11-28T20:00:00Z';
    const e = '2026-11-28T20:45:00Z';
    assert.equal(formatMeetingTime(s, e, 'UTC+5'), 'Sat, Nov 28, 2026, 8:00 PM – 8:45 PM UTC (UTC)');
    assert.equal(formatMeetingTime(s, e, 'local'), 'Sat, Nov 28, 2026, 8:00 PM – 8:45 PM UTC (UTC)');
  });

  it("gives each end its own offset across Lord Howe's half-hour fall-back", () => {
    // 14:45Z = 1:45 AM at +11; 15:30Z = 2:00 AM at +10:30 on Apr 5, 2026.
    assert.equal(
      formatMeetingTime('2026-04-04T14:45:00Z', '2026-04-04T15:30:00Z', 'Australia/Lord_Howe'),
      'Sun, Apr 5, 2026, 1:45 AM GMT+11 – 2:00 AM GMT+10:30 (Australia/Lord_Howe)',
    );
  });

  it('keeps zones and locales apart when calls alternate between them', () => {
    const s = '2026-11-28T20:00:00Z';
    const e = '2026-11-28T20:45:00Z';
    for (let i = 0; i < 2; i++) {
      assert.equal(formatMeetingTime(s, e, 'America/New_York'), 'Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST (America/New_York)');
      assert.equal(formatMeetingTime(s, e, 'Europe/Berlin', 'de-DE'), 'Sa., 28. Nov. 2026, 21:00 – 21:45 MEZ (Europe/Berlin)');
      assert.equal(formatMeetingTime(s, e, 'America/New_York', 'de-DE'), 'Sa., 28. Nov. 2026, 15:00 – 15:45 GMT-5 (America/New_York)');
      assert.equal(formatMeetingTime(s, e, 'Europe/Berlin'), 'Sat, Nov 28, 2026, 9:00 PM – 9:45 PM GMT+1 (Europe/Berlin)');
    }
  });

  it('rejects a start or end that is not an ISO instant', () => {
    assert.throws(() => formatMeetingTime('tomorrow', '2026-11-28T20:45:00Z', 'UTC'), RangeError);
    assert.throws(() => formatMeetingTime('2026-11-28T20:00:00Z', '', 'UTC'), RangeError);
  });

  it('still shows both ends if the end is before the start', () => {
    assert.equal(
      formatMeetingTime('2026-11-28T20:45:00Z', '2026-11-28T20:00:00Z', 'America/New_York'),
      'Sat, Nov 28, 2026, 3:45 PM EST – 3:00 PM EST (America/New_York)',
    );
  });
});
