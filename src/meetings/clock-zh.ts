// Finds the times of day in Chinese text — 下午3点, 十点一刻, 两点半, 14时30分, 9:30, 晚上8点四十 — and the ranges
// they make: 下午2点到3点半, 上午十点至下午一点, 2-4点, 10:00-11:00. chrono's Chinese parser reads 周三十点 as
// 6:00, 下周三五点 as 8:15 and drops 07:15到08:15; the numbers are read here, the hours they mean are settled by the
// caller (parse-schedule-zh.ts, clock-range.ts). Expects half-width text with 一刻/三刻 already written 15/45.
import { CHINESE_NUMERAL, chineseNumber } from './chinese-text';
import type { Span } from './schedule-common';

export type Period = 'early' | 'morning' | 'noon' | 'afternoon' | 'evening';

/** One end of a time as typed. */
export interface ChineseClock {
  raw: number;
  minute: number;
  /** 16点, 09:00: a 24-hour hour, taken as written. */
  literal: boolean;
  /** Its own part of the day: 下午 in 下午2点. */
  period?: Period;
  /** Where it was typed, for messages. */
  typed: Span;
}

export interface FoundChineseClock {
  span: Span;
  start: ChineseClock;
  end?: ChineseClock;
  /** 到下午5点, 下午5点前: when the meeting ends; no start is said. */
  endOnly?: boolean;
  /** 3点左右, 大约3点: about then. */
  approx?: boolean;
}

const N = CHINESE_NUMERAL;
// 早/晚 alone are parts of the day only when not the end of 明早, 今晚 (those are days, read with the date).
const PERIOD_WORD = String.raw`凌晨|早上|上午|中午|下午|晚上|(?<![今明昨后])[早晚]`;
// Minutes must follow 点 directly: in "2点 三楼" the 三 is a floor. Every repetition is bounded.
const MINUTES = String.raw`半|整|(?:零\s?)?(?:\d{1,2}(?!\d)|${N}{1,3})\s?分?`;
const ATOM = new RegExp(
  // A digit hour must start a number ("Q4-3点" is no range); a numeral hour may follow digits (6.24十点一刻).
  String.raw`(?:(?<period>${PERIOD_WORD})\s{0,2})?(?<h>(?<![A-Za-z0-9_.:])\d{1,2}|${N}{1,3})\s{0,2}` +
    String.raw`(?:(?<colon>:)\s?(?<mm>\d{2})(?!\d)|(?<unit>[点时])(?:钟(?!头))?(?<min>${MINUTES})?)` +
    // "3:30pm" is English, for the English reader.
    String.raw`(?!\s{0,2}[AaPp]\.?[Mm]\b)`,
  'g',
);
const SEPARATOR = String.raw`\s{0,2}(?:到|至|-|~|〜|–|—)\s{0,2}`;
const JOIN = new RegExp(`^${SEPARATOR}$`);
/** Words that make a lone time the end (到下午5点, 5点前) or only about right (3点左右, 大约3点). */
const END_BEFORE = /(?:到|至)\s{0,2}$/;
const END_AFTER = /^\s{0,2}(?:之前|以前|前)(?!后)/;
const ABOUT_BEFORE = /(?:大概|大约|约)\s{0,2}$/;
const ABOUT_AFTER = /^\s{0,2}(?:左右|前后)/;
/** 2-4点, 下午2到4点: a range's first hour without a 点 of its own. */
const HEAD = new RegExp(String.raw`(?:(?<period>${PERIOD_WORD})\s{0,2})?(?<![A-Za-z0-9_.:])(?<h>\d{1,2}|${N}{1,3})${SEPARATOR}$`);

export function periodOf(word: string): Period {
  if (word === '凌晨') return 'early';
  if (/上午|早/.test(word)) return 'morning';
  if (word === '中午') return 'noon';
  if (word === '下午') return 'afternoon';
  return 'evening';
}

/** The last part-of-the-day word in `text` (明早 and 今晚 count here: they say which part of the day). */
export function lastPeriod(text: string): Period | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(/凌晨|上午|早上|中午|下午|晚上|早|晚/g)) last = m[0];
  return last === undefined ? undefined : periodOf(last);
}

/** The times and ranges in `text`, in reading order. */
export function findChineseClocks(text: string): FoundChineseClock[] {
  const atoms: ChineseClock[] = [];
  const spans: Span[] = [];
  for (const m of text.matchAll(ATOM)) {
    const clock = readAtom(m as RegExpExecArray);
    if (clock) {
      atoms.push(clock);
      spans.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
    }
  }
  const found: FoundChineseClock[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const next = atoms[i + 1];
    if (next && JOIN.test(text.slice(spans[i].end, spans[i + 1].start))) {
      found.push({ span: { start: spans[i].start, end: spans[i + 1].end }, start: atoms[i], end: next });
      i++;
      continue;
    }
    const head = HEAD.exec(text.slice(Math.max(0, spans[i].start - 12), spans[i].start));
    const headHour = head ? chineseNumber(head.groups?.h ?? '') : undefined;
    if (head && headHour !== undefined && headHour <= 24) {
      const start = spans[i].start - head[0].length;
      const first: ChineseClock = {
        raw: headHour,
        minute: 0,
        literal: /^0\d/.test(head.groups?.h ?? ''),
        typed: { start, end: start + head[0].length },
        ...(head.groups?.period ? { period: periodOf(head.groups.period) } : {}),
      };
      // 下午2-4点: the part of the day said before the first hour is the range's.
      const end = first.period && !atoms[i].period ? { ...atoms[i], period: first.period } : atoms[i];
      found.push({ span: { start, end: spans[i].end }, start: first, end });
      continue;
    }
    found.push(lone(text, spans[i], atoms[i]));
  }
  return found;
}

/** A time on its own, with the words around it that say it is the end, or only about then. */
function lone(text: string, span: Span, clock: ChineseClock): FoundChineseClock {
  const before = text.slice(Math.max(0, span.start - 4), span.start);
  const after = text.slice(span.end, span.end + 4);
  const endBefore = END_BEFORE.exec(before);
  const endAfter = endBefore ? null : END_AFTER.exec(after);
  if (endBefore || endAfter) {
    const start = span.start - (endBefore?.[0].length ?? 0);
    return { span: { start, end: span.end + (endAfter?.[0].length ?? 0) }, start: clock, endOnly: true };
  }
  const aboutBefore = ABOUT_BEFORE.exec(before);
  const aboutAfter = ABOUT_AFTER.exec(after);
  if (aboutBefore || aboutAfter) {
    const start = span.start - (aboutBefore?.[0].length ?? 0);
    return { span: { start, end: span.end + (aboutAfter?.[0].length ?? 0) }, start: clock, approx: true };
  }
  return { span, start: clock };
}

function readAtom(m: RegExpExecArray): ChineseClock | undefined {
  const g = m.groups ?? {};
  const raw = chineseNumber(g.h);
  if (raw === undefined || raw > 24) return undefined;
  let minute = 0;
  if (g.colon) minute = Number(g.mm);
  else if (g.min === '半') minute = 30;
  else if (g.min && g.min !== '整') minute = chineseNumber(g.min.replace(/[零\s分]/g, '') || '0') ?? NaN;
  if (!(minute >= 0 && minute <= 59) || (raw === 24 && minute > 0)) return undefined;
  const start = m.index ?? 0;
  return {
    raw,
    minute,
    literal: /^0\d/.test(g.h) || raw > 12,
    ...(g.period ? { period: periodOf(g.period) } : {}),
    typed: { start, end: start + m[0].length },
  };
}
