import assert from 'node:assert/strict';
import { validateDraft } from '../../src/meetings/validate-draft';
import type { MeetingDraft, ValidationResult, ValidMeeting } from '../../src/meetings/types';
import { english } from '../support/english';

// Thursday 26 Nov 2026, 3:00 PM in New York (EST, UTC−5).
const NOW = new Date('2026-11-26T20:00:00Z');
const NY = 'America/New_York';
const ctx = { now: NOW, timeZone: NY };
const good: MeetingDraft = { subject: 'Design review', date: '2026-11-27', time: '15:00', durationMinutes: 45 };

/** The meeting, its notes in English. */
function ok(result: ValidationResult) {
  assert.ok(result.ok, `expected success, got ${JSON.stringify(result)}`);
  return english(result.meeting satisfies ValidMeeting);
}

/** The errors, in English. */
function errors(result: ValidationResult) {
  assert.ok(!result.ok, `expected errors, got ${JSON.stringify(result)}`);
  return english(result.errors);
}

describe('validateDraft', () => {
  it('turns a complete draft into start and end instants with the zone offset', () => {
    assert.deepEqual(ok(validateDraft(good, ctx)), {
      subject: 'Design review',
      startIso: '2026-11-27T15:00:00.000-05:00',
      endIso: '2026-11-27T15:45:00.000-05:00',
      durationMinutes: 45,
      timeZone: NY,
      notes: [],
    });
  });

  it('reports every problem at once, keyed by field', () => {
    const result = validateDraft({}, ctx);
    assert.deepEqual(Object.keys(errors(result)).sort(), ['date', 'subject', 'time']);
  });

  describe('subject', () => {
    it('is required', () => {
      assert.equal(errors(validateDraft({ ...good, subject: undefined }, ctx)).subject, 'Please give the meeting a subject.');
      assert.equal(errors(validateDraft({ ...good, subject: '   ' }, ctx)).subject, 'Please give the meeting a subject.');
    });

    it('is trimmed', () => {
      assert.equal(ok(validateDraft({ ...good, subject: '  Design review \n' }, ctx)).subject, 'Design review');
    });

    it('may be 255 characters but not 256, and the message says how long it is', () => {
      assert.equal(ok(validateDraft({ ...good, subject: 'x'.repeat(255) }, ctx)).subject.length, 255);
      assert.equal(
        errors(validateDraft({ ...good, subject: 'x'.repeat(256) }, ctx)).subject,
        'The subject is 256 characters long; please shorten it to 255 characters or fewer.',
      );
    });

    it('counts an emoji as one character and ignores surrounding spaces', () => {
      assert.ok(validateDraft({ ...good, subject: `  ${'🚀'.repeat(255)}  ` }, ctx).ok);
    });
  });

  describe('date', () => {
    it('is required', () => {
      assert.equal(errors(validateDraft({ ...good, date: undefined }, ctx)).date, 'Please pick a date for the meeting.');
    });

    it('must be YYYY-MM-DD', () => {
      assert.equal(
        errors(validateDraft({ ...good, date: '11/27/2026' }, ctx)).date,
        '"11/27/2026" isn\'t a date I can read — use YYYY-MM-DD, e.g. 2026-12-03.',
      );
    });

    it('must be a real calendar date', () => {
      assert.equal(
        errors(validateDraft({ ...good, date: '2027-02-29' }, ctx)).date,
        "2027-02-29 isn't a real date: February 2027 has 28 days.",
      );
      assert.equal(errors(validateDraft({ ...good, date: '2026-13-01' }, ctx)).date, "2026-13-01 isn't a real date: there is no month 13.");
      assert.ok(validateDraft({ ...good, date: '2028-02-29' }, ctx).ok, '2028 is a leap year');
    });

    it('must not be an earlier day', () => {
      assert.equal(
        errors(validateDraft({ ...good, date: '2026-11-25' }, ctx)).date,
        'Wed, Nov 25, 2026 is in the past in America/New_York — pick a later date.',
      );
    });

    it('may be up to 730 days ahead, not further (year 9999 is refused, not listed)', () => {
      const dayIn = (days: number) => new Date(ctx.now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
      assert.equal(validateDraft({ ...good, date: dayIn(729) }, ctx).ok, true);
      assert.equal(errors(validateDraft({ ...good, date: dayIn(732) }, ctx)).date, 'That is more than 730 days ahead — pick a date within the next two years.');
      assert.match(errors(validateDraft({ ...good, date: '9999-12-31' }, ctx)).date ?? '', /more than 730 days ahead/);
    });
  });

  describe('time', () => {
    it('is required', () => {
      assert.equal(errors(validateDraft({ ...good, time: undefined }, ctx)).time, 'Please pick a start time for the meeting.');
    });

    it('must be a 24-hour HH:MM time', () => {
      for (const time of ['3pm', '25:00', '12:60', '']) {
        const message = errors(validateDraft({ ...good, time }, ctx)).time ?? '';
        assert.match(message, time === '' ? /Please pick a start time/ : /isn't a time I can read — use 24-hour HH:MM, e\.g\. 14:30\./, time);
      }
    });

    it('also accepts H:MM and HH:MM:SS as some clients send them', () => {
      assert.equal(ok(validateDraft({ ...good, time: '9:05' }, ctx)).startIso, '2026-11-27T09:05:00.000-05:00');
      assert.equal(ok(validateDraft({ ...good, time: '09:05:00' }, ctx)).startIso, '2026-11-27T09:05:00.000-05:00');
    });
  });

  describe('start in the past', () => {
    const today = { ...good, date: '2026-11-26' };

    it('allows a start up to 5 minutes ago', () => {
      assert.ok(validateDraft({ ...today, time: '14:55' }, ctx).ok);
      assert.ok(validateDraft({ ...today, time: '15:00' }, ctx).ok);
    });

    it('rejects a start more than 5 minutes ago, naming the time it read', () => {
      assert.deepEqual(errors(validateDraft({ ...today, time: '14:54' }, ctx)), {
        time: '2:54 PM today has already passed in America/New_York — pick a later time.',
      });
    });

    it("judges 'today' in the user's zone, not UTC", () => {
      // 02:00 UTC on Nov 27 is still 6 PM on Nov 26 in Los Angeles.
      const la = { now: new Date('2026-11-27T02:00:00Z'), timeZone: 'America/Los_Angeles' };
      assert.equal(ok(validateDraft({ ...good, date: '2026-11-26', time: '19:00' }, la)).startIso, '2026-11-26T19:00:00.000-08:00');
      assert.equal(
        errors(validateDraft({ ...good, date: '2026-11-26', time: '17:00' }, la)).time,
        '5:00 PM today has already passed in America/Los_Angeles — pick a later time.',
      );
    });
  });

  describe('duration', () => {
    const range = /from 5 to 1440 \(24 hours\)/;

    it('defaults to 30 minutes', () => {
      const meeting = ok(validateDraft({ ...good, durationMinutes: undefined }, ctx));
      assert.equal(meeting.durationMinutes, 30);
      assert.equal(meeting.endIso, '2026-11-27T15:30:00.000-05:00');
    });

    it('accepts exactly 5 and exactly 1440 minutes', () => {
      assert.equal(ok(validateDraft({ ...good, durationMinutes: 5 }, ctx)).endIso, '2026-11-27T15:05:00.000-05:00');
      assert.equal(ok(validateDraft({ ...good, durationMinutes: 1440 }, ctx)).endIso, '2026-11-28T15:00:00.000-05:00');
    });

    it('rejects 4 and 1441 minutes, saying the allowed range', () => {
      assert.equal(
        errors(validateDraft({ ...good, durationMinutes: 4 }, ctx)).duration,
        'The duration must be a whole number of minutes from 5 to 1440 (24 hours); got 4.',
      );
      assert.match(errors(validateDraft({ ...good, durationMinutes: 1441 }, ctx)).duration ?? '', range);
    });

    it('rejects fractions and non-numbers', () => {
      assert.match(errors(validateDraft({ ...good, durationMinutes: 7.5 }, ctx)).duration ?? '', /got 7\.5\./);
      assert.match(errors(validateDraft({ ...good, durationMinutes: Number.NaN }, ctx)).duration ?? '', range);
    });
  });

  describe('daylight saving', () => {
    const beforeSpringForward = { now: new Date('2026-03-01T12:00:00Z'), timeZone: NY };

    it('moves a time in the spring-forward gap forward and says so', () => {
      const meeting = ok(validateDraft({ ...good, date: '2026-03-08', time: '02:30', durationMinutes: 30 }, beforeSpringForward));
      assert.equal(meeting.startIso, '2026-03-08T03:30:00.000-04:00');
      assert.equal(meeting.endIso, '2026-03-08T04:00:00.000-04:00');
      assert.deepEqual(meeting.notes, [
        "2:30 AM doesn't exist on Sun, Mar 8, 2026 in America/New_York (clocks go forward); using 3:30 AM EDT.",
      ]);
    });

    it('keeps the note when other fields fail', () => {
      const result = validateDraft({ subject: '', date: '2026-03-08', time: '02:30' }, beforeSpringForward);
      assert.ok(!result.ok);
      assert.deepEqual(Object.keys(result.errors), ['subject']);
      assert.match(english(result.notes)[0] ?? '', /^2:30 AM doesn't exist on Sun, Mar 8, 2026/);
    });

    it('uses the first 1:30 AM on the fall-back day; an hour-long meeting ends at the second 1:30 AM', () => {
      const meeting = ok(
        validateDraft({ ...good, date: '2026-11-01', time: '01:30', durationMinutes: 60 }, { now: new Date('2026-10-20T12:00:00Z'), timeZone: NY }),
      );
      assert.equal(meeting.startIso, '2026-11-01T01:30:00.000-04:00');
      assert.equal(meeting.endIso, '2026-11-01T01:30:00.000-05:00');
      assert.deepEqual(meeting.notes, ['1:30 AM happens twice on Sun, Nov 1, 2026 in America/New_York; using the first one (EDT).']);
    });

    it('reports a gap time that has passed using the time it actually means', () => {
      const afterGap = { now: new Date('2026-03-08T09:00:00Z'), timeZone: NY }; // 5:00 AM EDT
      const result = validateDraft({ ...good, date: '2026-03-08', time: '02:30' }, afterGap);
      assert.ok(!result.ok);
      assert.equal(english(result.errors).time, '3:30 AM today has already passed in America/New_York — pick a later time.');
      assert.equal(result.notes.length, 1);
    });
  });

  describe('ISO start and end', () => {
    const before = new Date('2026-03-01T00:00:00Z');
    const meeting = (timeZone: string, date: string, time: string, durationMinutes: number) =>
      ok(validateDraft({ subject: 'S', date, time, durationMinutes }, { now: before, timeZone }));

    it('carry quarter- and half-hour offsets', () => {
      const kathmandu = meeting('Asia/Kathmandu', '2026-11-28', '15:00', 45);
      assert.equal(kathmandu.startIso, '2026-11-28T15:00:00.000+05:45');
      assert.equal(kathmandu.endIso, '2026-11-28T15:45:00.000+05:45');
      const chatham = meeting('Pacific/Chatham', '2026-11-28', '15:00', 45);
      assert.equal(chatham.startIso, '2026-11-28T15:00:00.000+13:45');
      assert.equal(chatham.endIso, '2026-11-28T15:45:00.000+13:45');
    });

    it("give the end its own offset when a DST change (even Lord Howe's half hour) falls inside the meeting", () => {
      const fallBack = meeting('Australia/Lord_Howe', '2026-04-05', '01:15', 60);
      assert.equal(fallBack.startIso, '2026-04-05T01:15:00.000+11:00');
      assert.equal(fallBack.endIso, '2026-04-05T01:45:00.000+10:30');
      const springForward = meeting('Australia/Lord_Howe', '2026-10-04', '01:45', 30);
      assert.equal(springForward.startIso, '2026-10-04T01:45:00.000+10:30');
      assert.equal(springForward.endIso, '2026-10-04T02:45:00.000+11:00');
      const stJohns = meeting('America/St_Johns', '2026-11-01', '00:30', 120);
      assert.equal(stJohns.startIso, '2026-11-01T00:30:00.000-02:30');
      assert.equal(stJohns.endIso, '2026-11-01T01:30:00.000-03:30');
    });

    it('write UTC as +00:00, not Z', () => {
      assert.equal(meeting('UTC', '2026-11-28', '15:00', 30).startIso, '2026-11-28T15:00:00.000+00:00');
    });
  });

  it('rejects an unknown time zone rather than guessing', () => {
    assert.throws(() => validateDraft(good, { now: NOW, timeZone: 'Mars/Olympus_Mons' }), RangeError);
    assert.throws(() => validateDraft({}, { now: NOW, timeZone: 'Mars/Olympus_Mons' }), RangeError, 'even with nothing else to check');
  });
});
