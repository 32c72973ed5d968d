// Finds the times of day in English text as people type them — "3pm", "4.15pm", "14h30", "half past three",
// "quarter to five", "12 noon", "at 3", "3 in the afternoon" — and the ranges they make: "2–3:30pm", "from 10 to
// 11:30am", "9:30 to noon", "between 2 and 3pm". Only the numbers and the part of the day each end says are read here;
// clock-range.ts settles which hours they mean.
import { DAY_JUST_BEFORE, type Span } from './schedule-common';
import type { TypedClock } from './clock-range';

/** One time, or a range, as found in the text. */
export interface FoundClock {
  span: Span;
  from: TypedClock;
  to?: TypedClock;
  /** A bare hour that a part of the day right after it settles: "10 tomorrow morning". */
  context?: 'am' | 'pm';
  /** "midnight" starts it: which night is meant is worth a check. */
  midnight: boolean;
  /** "until 5pm" with no start: when the meeting ends. */
  endOnly?: boolean;
  /**
   * Only a guess that these numbers are a time: "10-11" with nothing else saying so. It loses to any other time and
   * is asked when it is the only one.
   */
  weak: boolean;
}

const WORD_HOURS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const FRACTIONS: Record<string, number> = { half: 30, quarter: 15, ten: 10, five: 5, twenty: 20, 'twenty-five': 25, 'twenty five': 25 };
const WORD_HOUR = Object.keys(WORD_HOURS).join('|');
const MERIDIEM = String.raw`[ap]\.?m\b\.?`;
/** Chat shorthand written onto the number: "4p", "9:30a" ("2a" alone is more often a label: see readAtom). */
const SHORT_MERIDIEM = String.raw`[ap]\b`;

// Every repetition is bounded, so a long run of spaces or digits costs one pass (no backtracking blow-up).
const ATOM = new RegExp(
  String.raw`(?<lead>\b(?:at|from|between)\s{1,3}|@\s{0,3})?` +
    '(?:' +
    // "half past three", "quarter to 5", "twenty past noon"
    String.raw`\b(?<frac>half|quarter|twenty[- ]five|twenty|ten|five)\s{1,3}(?<rel>past|after|to|till|before|of)\s{1,3}(?<fh>\d{1,2}(?![\d:.])|(?:${WORD_HOUR}|noon|midnight)\b)` +
    // "5 past 3", "20 after 4" ("20 to 4" is a range, so only past/after)
    String.raw`|(?<![\w.,:/])(?<dfrac>\d{1,2})\s{1,3}(?<drel>past|after)\s{1,3}(?<dh>\d{1,2}(?![\d:.])|(?:${WORD_HOUR}|noon|midnight)\b)` +
    // "noon", "12 noon", "midday", "midnight"
    String.raw`|(?:\b12\s{0,3})?\b(?<word>noon|midday|midnight)\b` +
    // "3", "3:30", "4.15", "14h30" — not part of a date (2026-12-03, 12/3), a version (v1.2) or a one-on-one (1:1)
    // "15h" alone: a 24-hour time (an hour up to 12 followed by h is a length: "1h")
    String.raw`|(?<![\w.,:/]|\d{4}-|\d-\d{1,2}-)(?<h>\d{1,2})(?:(?<sep>[:.hH])(?<m>[0-5]\d)|(?<hOnly>[hH]))?(?=\s{0,3}${MERIDIEM}|${SHORT_MERIDIEM}|ish\b|(?![\w/]|[:.,]\d|-\d{1,2}-))` +
    // "three pm", "five o'clock"
    String.raw`|\b(?<wh>${WORD_HOUR})(?=\s{0,3}(?:o'?clock\b|${MERIDIEM}))` +
    ')' +
    String.raw`(?<mer>\s{0,3}(?:${MERIDIEM}|o'?clock\b)|${SHORT_MERIDIEM})?` +
    String.raw`(?<period>\s{1,3}(?:in\s{1,3}the\s{1,3}(?:morning|afternoon|evening)|at\s{1,3}night)\b)?` +
    // "3pm-ish" is about then (asked); "3pm sharp" is exactly then. Either way the words are the time's, not the subject's.
    String.raw`(?<approx>\s{0,3}-?\s{0,2}ish\b)?(?:\s{1,3}sharp\b)?`,
  'gi',
);
/** A month name just before, and the day written before it if any ("16 June 12 noon": then the 12 is not the day). */
const MONTH_BEFORE = /(\b\d{1,2}(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?)?\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s{1,3}$/i;
/** What may join the two ends of a range. */
const RANGE_JOIN = /^\s{0,3},?\s{0,3}(?:[-–—~〜]|to|till|til|until|thru|through|and)\s{0,3}$/i;
/** What makes a time the end with no start: "until 5pm". */
const UNTIL_BEFORE = /\b(?:until|till|til)\s{1,3}$/i;
/** What offers two times: "at 10 or 11". */
const OR_JOIN = /^\s{0,3}or\s{0,3}$/i;
/** What makes a number after a day not a time: a month ("Tuesday 15 December": the day), a noun ("9 people"). */
const NOT_A_TIME_AFTER = /^\s{0,3}(?:of\s{1,3})?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|^\s{1,3}(?!(?:for|with|and|or|to|till|until|in|on|about|re)\b)[a-z]/i;
/** A part of the day right after a bare hour: "10 tomorrow morning", "9 tonight". */
const PERIOD_AFTER = /^\s{1,3}(?:(?:tomorrow|today|tmrw|tmr)\s{1,3})?(?:(morning)|afternoon|evening|night)\b|^\s{1,3}tonight\b/i;

interface Atom extends Span {
  clock: TypedClock;
  lead?: string;
  /** Says on its own that it is a time: minutes, am/pm, o'clock, "at", noon … */
  explicit: boolean;
  /** Bare hour with nothing else: a time only in a range, before a part of the day, or offered with a time. */
  bare: boolean;
  /** am or pm as the text says it ("3pm", "3 in the afternoon"), not as a 24-hour form implies it. */
  half?: 'am' | 'pm';
  /** "3pm-ish": about then. */
  approx?: boolean;
  midnight: boolean;
  /** 24:00: only the end of a range. */
  endOnly?: boolean;
}

/** The times and ranges in `text`, in reading order. */
export function findEnglishClocks(text: string): FoundClock[] {
  const atoms: Atom[] = [];
  for (const m of text.matchAll(ATOM)) {
    const atom = readAtom(m as RegExpExecArray);
    if (!atom) continue;
    // "May 12 noon": the 12 is the day's.
    const twelve = /^12\s{0,3}(?=noon|midday|midnight)/i.exec(text.slice(atom.start, atom.end));
    const month = twelve && MONTH_BEFORE.exec(text.slice(Math.max(0, atom.start - 24), atom.start));
    if (twelve && month && !month[1]) atom.start += twelve[0].length;
    atoms.push(atom);
  }
  const found: FoundClock[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    const b = atoms[i + 1];
    const join = b && !b.lead ? RANGE_JOIN.exec(text.slice(a.end, b.start))?.[0].trim().toLowerCase() : undefined;
    if (a.endOnly) continue;
    if (b && join !== undefined && (join !== 'and' || /between/i.test(a.lead ?? ''))) {
      // "from 3 to 4", "3 to 4pm" are times; "3-4" and "9 to 5" alone are only probably hours (weak: asked, and
      // they lose to any other time: "Chapters 3 to 4 review tomorrow 3pm").
      const led = /from|between/i.test(a.lead ?? '');
      // Midnight ends the day it closes.
      const to = b.midnight ? { ...b.clock, fixed: 24 } : b.clock;
      found.push({ span: { start: a.start, end: b.end }, from: a.clock, to, midnight: a.midnight, weak: a.bare && b.bare && !led });
      i++;
      continue;
    }
    // "until 5pm" with no start before it: when the meeting ends (asked, and it loses to any other time).
    const until = UNTIL_BEFORE.exec(text.slice(Math.max(0, a.start - 8), a.start));
    if (until && !a.lead) {
      found.push({ span: { start: a.start - until[0].length, end: a.end }, from: a.clock, midnight: false, weak: true, endOnly: true });
      continue;
    }
    const span = { start: a.start, end: a.end };
    // "at 10 or 11", "9 or 10pm": the other choice of a time is a time too, in the half of the day the other says.
    const offered = [b, atoms[i - 1]].find((t) => t?.explicit && OR_JOIN.test(t === b ? text.slice(a.end, t.start) : text.slice(t.end, a.start)));
    const offeredHalf = offered?.half && a.clock.fixed === undefined ? { context: offered.half } : {};
    if (a.bare) {
      const period = PERIOD_AFTER.exec(text.slice(a.end, a.end + 40));
      if (period) found.push({ span, from: a.clock, context: period[1] ? 'am' : 'pm', midnight: false, weak: false });
      else if (offered) found.push({ span, from: a.clock, ...offeredHalf, midnight: false, weak: false });
      // "standup tomorrow 9": probably the time, so asked (and it loses to any other time).
      else if (a.clock.hour >= 1 && a.clock.hour <= 12 && DAY_JUST_BEFORE.test(text.slice(Math.max(0, a.start - 12), a.start)) && !NOT_A_TIME_AFTER.test(text.slice(a.end, a.end + 16))) {
        found.push({ span, from: a.clock, midnight: false, weak: true });
      }
    } else if (a.explicit) {
      found.push({ span, from: a.clock, ...offeredHalf, midnight: a.midnight, weak: a.approx === true });
    }
  }
  return found;
}

function readAtom(m: RegExpExecArray): Atom | undefined {
  const g = m.groups ?? {};
  const start = m.index ?? 0;
  const span = { start, end: start + m[0].length };
  const lead = g.lead?.trim() || undefined;
  const mer = g.mer?.trim().toLowerCase().replace(/\./g, '');
  // "2a" alone is more often an item or a room than 2 am; "at 10a" and "9:30a" are times.
  if (mer === 'a' && g.m === undefined && !lead) return undefined;
  const half = mer === 'am' || mer === 'a' ? 'am' : mer === 'pm' || mer === 'p' ? 'pm' : undefined;
  const period = g.period?.trim().toLowerCase();
  const periodHalf = period ? (/morning/.test(period) ? 'am' : 'pm') : undefined;
  const saidHalf = half ?? periodHalf;

  if (g.word) {
    const word = g.word.toLowerCase();
    if (half || periodHalf) return undefined; // "noon pm": not something we read
    const midnight = word === 'midnight';
    return { ...span, clock: { hour: midnight ? 0 : 12, minute: 0, fixed: midnight ? 0 : 12 }, lead, explicit: true, bare: false, midnight };
  }

  let hour: number;
  let minute = 0;
  // "9ish" says it is a time, only not exactly: asked.
  let explicit = lead !== undefined || mer !== undefined || period !== undefined || g.approx !== undefined;
  if (g.frac || g.dfrac) {
    const base = (g.fh ?? g.dh).toLowerCase();
    const baseHour = base === 'noon' ? 12 : base === 'midnight' ? 0 : (WORD_HOURS[base] ?? Number(base));
    const fraction = g.frac ? FRACTIONS[g.frac.toLowerCase().replace(/\s+/, ' ')] : Number(g.dfrac);
    if (!(fraction >= 1 && fraction <= 59)) return undefined;
    const before = /^(?:to|till|before|of)$/i.test(g.rel ?? g.drel);
    if (baseHour > 12 && !before) return undefined;
    hour = before ? (baseHour + 23) % 24 : baseHour;
    minute = before ? 60 - fraction : fraction;
    if (base === 'noon' || base === 'midnight') {
      return { ...span, clock: { hour, minute, fixed: hour }, lead, explicit: true, bare: false, midnight: false };
    }
    if (before && hour === 0) hour = 12; // "quarter to one": 12:45
    explicit = true;
  } else if (g.wh) {
    hour = WORD_HOURS[g.wh.toLowerCase()];
    explicit = true;
  } else {
    hour = Number(g.h);
    if (g.hOnly !== undefined) {
      if (hour > 23 || mer) return undefined;
      if (hour >= 13) return { ...span, clock: { hour, minute: 0, fixed: hour }, lead, explicit: true, bare: false, midnight: false };
      // "at 9h" is 9 o'clock. Without "at", "9h" reaches here only where the reader of lengths left it ("tomorrow 9h":
      // 9 o'clock as much as 9 hours): a bare hour, asked.
      return { ...span, clock: { hour, minute: 0 }, lead, explicit: lead !== undefined, bare: lead === undefined, midnight: false };
    }
    if (g.m !== undefined) {
      minute = Number(g.m);
      // "4.15" and "2h30" without am/pm or "at" could be a version or a length; "3:30" is a time.
      if (g.sep === ':' || mer || lead) explicit = true;
      else if (/h/i.test(g.sep) && (hour >= 5 || g.h.length === 2)) explicit = true;
    }
  }

  // "21:30-24:00": 24:00 ends a day; it starts none.
  if (hour === 24 && g.m === '00' && g.sep === ':' && !saidHalf) {
    return { ...span, clock: { hour: 0, minute: 0, fixed: 24 }, lead, explicit: true, bare: false, midnight: false, endOnly: true };
  }
  if (hour > 23 || (saidHalf && (hour > 12 || (half && hour === 0)))) return undefined;
  const bare = !explicit && g.m === undefined && !g.frac && !g.dfrac && !g.wh;
  const clock: TypedClock = { hour, minute };
  if (saidHalf) clock.fixed = (hour % 12) + (saidHalf === 'pm' ? 12 : 0);
  else if (hour > 12 || hour === 0 || (g.m !== undefined && (g.h?.startsWith('0') || /h/i.test(g.sep)))) {
    // A 24-hour form: "15:00", "09:30", "14h30", "9h30", "at 13". "10:30" is not: in "10:30-11:45pm" it is evening.
    clock.fixed = hour;
  }
  return { ...span, clock, lead, explicit, bare, midnight: false, ...(saidHalf ? { half: saidHalf } : {}), ...(g.approx ? { approx: true } : {}) };
}
