// What the English and the Chinese parser tests share: a table of phrasings, each with the draft parseSchedule must
// read from it and the ambiguities it must ask about (compared in English, through the en-US catalog).
import assert from 'node:assert/strict';
import { parseSchedule } from '../../src/meetings/parse-schedule';
import type { DraftField, MeetingDraft } from '../../src/meetings/types';
import { english } from './english';

export interface ParseRow {
  text: string;
  now?: Date;
  tz?: string;
  /** The client's locale as Teams sends it (the table's default when absent). */
  locale?: string;
  subject?: string;
  date?: string;
  time?: string;
  duration?: number;
  /** Expected ambiguity messages by field (exact string or pattern); none expected when absent. */
  ambiguities?: Partial<Record<DraftField, string | RegExp>>;
  why?: string;
}

/** The moment, zone and client locale of a row that names none. */
export interface TableDefaults {
  now: Date;
  tz: string;
  locale: string;
}

function expectedDraft(row: ParseRow): MeetingDraft {
  const draft: MeetingDraft = {};
  if (row.subject !== undefined) draft.subject = row.subject;
  if (row.date !== undefined) draft.date = row.date;
  if (row.time !== undefined) draft.time = row.time;
  if (row.duration !== undefined) draft.durationMinutes = row.duration;
  return draft;
}

function parseRow(row: ParseRow, defaults: TableDefaults) {
  return parseSchedule(row.text, { now: row.now ?? defaults.now, timeZone: row.tz ?? defaults.tz, locale: row.locale ?? defaults.locale });
}

/** One test that the table is large enough, then one per row: the draft, and exactly the ambiguities it lists. */
export function itReadsEveryRow(rows: ParseRow[], defaults: TableDefaults, label: (row: ParseRow) => string): void {
  it('has a table of at least 60 phrasings', () => {
    assert.ok(rows.length >= 60, `only ${rows.length} rows`);
  });

  for (const row of rows) {
    it(label(row), () => {
      const parsed = parseRow(row, defaults);
      assert.deepEqual(parsed.draft, expectedDraft(row));
      const expected = row.ambiguities ?? {};
      assert.deepEqual(Object.keys(parsed.ambiguities).sort(), Object.keys(expected).sort());
      for (const [field, message] of Object.entries(expected)) {
        const actual = english(parsed.ambiguities)[field as DraftField] ?? '';
        if (message instanceof RegExp) assert.match(actual, message);
        else assert.equal(actual, message);
      }
    });
  }
}

/**
 * A test that `rows` read the same with the server process in each zone (process.env.TZ) as in its own; each zone
 * comes with its offset on 15 January (Date#getTimezoneOffset), to check the switch took effect.
 */
export function itReadsTheSameInServerZones(title: string, rows: ParseRow[], defaults: TableDefaults, zones: readonly (readonly [string, number])[]): void {
  it(title, () => {
    const original = process.env.TZ;
    const expected = rows.map((row) => parseRow(row, defaults));
    try {
      for (const [serverTz, januaryOffset] of zones) {
        process.env.TZ = serverTz;
        assert.equal(new Date(2026, 0, 15).getTimezoneOffset(), januaryOffset, 'TZ took effect');
        assert.deepEqual(rows.map((row) => parseRow(row, defaults)), expected, `server in ${serverTz}`);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
}
