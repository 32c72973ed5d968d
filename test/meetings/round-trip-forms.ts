// Writes a meeting the ways people type it, in English and Chinese, for the round-trip test: each writer gets the
// meeting (wall-clock start, length) and the reader's context, and returns a phrase — or nothing when that form can't
// say this meeting (a weekday name for a day three weeks away). A form is `plain` when it has one reading only; the
// others (a bare 7, a numeric date whose order isn't settled, midnight) may be asked about.
import type { DateTime } from 'luxon';
import { localeOrder, settledOrder } from '../../src/meetings/numeric-date';
import type { ReadingContext } from './phrasing-contexts';

export interface Meeting {
  start: DateTime;
  minutes: number;
}

export interface Phrase {
  text: string;
  /** Only one reading: the parser must get it exactly (or, rarely, ask). */
  plain: boolean;
  /** The phrase also says how long (a range, or a length): the default 30 minutes doesn't apply. */
  givesLength?: boolean;
  /** 6.20: a day in Chinese text, only possibly one in English text (a version?), where it is asked about. */
  dotted?: boolean;
}

export type Rand = () => number;

export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EN_SHORT_WEEKDAYS: string[][] = [['Mon'], ['Tue', 'Tues'], ['Wed', 'Weds'], ['Thu', 'Thurs'], ['Fri'], ['Sat'], ['Sun']];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WORD_HOURS = ['twelve', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'];
const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const ZH_WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** 23 → "二十三", 2 → "二" (or "两" for a count/hour), 10 → "十". */
export function chineseNumeral(n: number, liang = false): string {
  if (n === 2 && liang) return '两';
  if (n < 10) return ZH_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones === 0 ? '' : ZH_DIGITS[ones]}`;
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The working-hours reading a bare hour gets (1–6 afternoon, 7 asked, 8–12 as is). */
function workday(h12: number): number | undefined {
  if (h12 >= 1 && h12 <= 6) return h12 + 12;
  if (h12 === 7) return undefined;
  return h12;
}

/** Whether the day needs its year written: without one it would be read as this year, or next once passed. */
function needsYear(day: DateTime, today: DateTime): boolean {
  const thisYear = today.set({ month: day.month, day: day.day });
  const implied = thisYear.isValid && thisYear.startOf('day') >= today.startOf('day') ? today.year : today.year + 1;
  return implied !== day.year || !thisYear.isValid;
}

// ---------- English ----------

export function englishDay(rand: Rand, day: DateTime, ctx: ReadingContext): Phrase | undefined {
  const today = ctx.local.startOf('day');
  const diff = Math.round(day.startOf('day').diff(today, 'days').days);
  const forms: (() => Phrase | undefined)[] = [];
  if (diff === 0) forms.push(() => ({ text: pick(rand, ['today', 'Today', 'TODAY']), plain: true }));
  if (diff === 1) forms.push(() => ({ text: pick(rand, ['tomorrow', 'tmrw', 'Tomorrow', 'TOMORROW']), plain: true }));
  if (diff === 2) forms.push(() => ({ text: 'the day after tomorrow', plain: true }));
  if (diff >= 1 && diff <= 6) {
    forms.push(() => {
      const i = day.weekday - 1;
      const name = pick(rand, [EN_WEEKDAYS[i], ...EN_SHORT_WEEKDAYS[i], EN_WEEKDAYS[i].toUpperCase(), EN_WEEKDAYS[i].toLowerCase()]);
      return { text: `${pick(rand, ['', 'on '])}${name}`, plain: true };
    });
  }
  const year = needsYear(day, today);
  const month = EN_MONTHS[day.month - 1];
  const short = month.slice(0, 3);
  forms.push(() => {
    const text = pick(rand, [
      `${month} ${day.day}${year ? `, ${day.year}` : ''}`,
      `${short} ${ordinal(day.day)}${year ? ` ${day.year}` : ''}`,
      `${day.day} ${month}${year ? ` ${day.year}` : ''}`,
      `the ${ordinal(day.day)} of ${month}${year ? ` ${day.year}` : ''}`,
      `on ${month} ${ordinal(day.day)}${year ? `, ${day.year}` : ''}`,
    ]);
    return { text, plain: true };
  });
  forms.push(() => ({ text: day.toISODate() ?? '', plain: true }));
  forms.push(() => numericDay(rand, day, ctx, year));
  const ahead = monthsAhead(day, today);
  if (ahead === 0 || (ahead === 1 && day.day < today.day)) forms.push(() => ({ text: `${pick(rand, ['', 'on ', 'the ', 'on the '])}${ordinal(day.day)}`, plain: true }));
  if (ahead === 1) forms.push(() => ({ text: `${pick(rand, ['the ', 'on the '])}${ordinal(day.day)} of next month`, plain: true }));
  return pick(rand, forms)();
}

/** Calendar months from today's to `day`'s. */
function monthsAhead(day: DateTime, today: DateTime): number {
  return (day.year - today.year) * 12 + day.month - today.month;
}

/** "3/11", "11/3/2028": in the order the context settles, else only when the order can't matter. */
function numericDay(rand: Rand, day: DateTime, ctx: ReadingContext, year: boolean): Phrase {
  const settled = settledOrder(ctx.locale, ctx.zone);
  const order = settled ?? localeOrder(ctx.locale) ?? 'monthFirst';
  const [a, b] = order === 'monthFirst' ? [day.month, day.day] : [day.day, day.month];
  const text = `${a}/${b}${year ? `/${pick(rand, [String(day.year), String(day.year % 100)])}` : ''}`;
  return { text, plain: settled !== undefined || day.day > 12 || day.day === day.month };
}

export function englishTime(rand: Rand, hour: number, minute: number): Phrase {
  const h12 = hour % 12 || 12;
  const mer = hour < 12 ? 'am' : 'pm';
  const mm = pad(minute);
  const forms: (() => Phrase)[] = [
    () => ({ text: minute === 0 ? `${h12}${pick(rand, [mer, ` ${mer}`, mer.toUpperCase(), ` ${mer[0]}.m.`])}` : `${h12}${pick(rand, [':', '.'])}${mm}${pick(rand, [mer, ` ${mer}`])}`, plain: true }),
    () => ({ text: `${pick(rand, ['', 'at '])}${pad(hour)}:${mm}`, plain: true }),
    // "9h30" is a clock; a one-digit hour up to 4 written that way reads as a length ("2h30"), so it gets its zero.
    () => ({ text: `${hour < 5 ? pad(hour) : pick(rand, [String(hour), pad(hour)])}h${mm}`, plain: true }),
  ];
  const bare = workday(h12);
  if (bare === hour) {
    forms.push(() => ({ text: `at ${h12}${minute === 0 ? pick(rand, ['', " o'clock"]) : `:${mm}`}`, plain: true }));
  } else if (h12 === 7 && minute === 0) {
    forms.push(() => ({ text: 'at 7', plain: false }));
  }
  const period = hour < 12 ? 'in the morning' : hour < 17 ? 'in the afternoon' : 'in the evening';
  if (minute === 0 && hour >= 5) forms.push(() => ({ text: `${pick(rand, [String(h12), WORD_HOURS[hour % 12]])} ${hour < 12 ? 'am' : 'pm'}`, plain: true }));
  if (minute === 0 && hour >= 5 && hour <= 22 && hour !== 12) forms.push(() => ({ text: `${h12} ${period}`, plain: true }));
  if (hour === 12 && minute === 0) forms.push(() => ({ text: pick(rand, ['noon', 'midday', '12 noon', 'at noon']), plain: true }));
  if (hour === 0 && minute === 0) forms.push(() => ({ text: 'at midnight', plain: false }));
  if (minute > 0 && minute < 30 && minute !== 15 && hour >= 1) {
    // "5 past 3", "20 after 4pm"
    const said = hour < 12 ? ' am' : ' pm';
    forms.push(() => ({ text: `${minute} ${pick(rand, ['past', 'after'])} ${h12}${workday(h12) === hour ? pick(rand, ['', said]) : said}`, plain: true }));
  }
  const fraction = minute === 30 ? 'half past' : minute === 15 ? 'quarter past' : minute === 45 ? 'quarter to' : undefined;
  if (fraction) {
    const baseHour = minute === 45 ? (hour + 1) % 24 : hour;
    const base = baseHour === 0 ? 'midnight' : baseHour === 12 && minute === 45 ? 'twelve' : WORD_HOURS[baseHour % 12];
    forms.push(() => {
      if (base === 'midnight') return { text: `${fraction} midnight`, plain: true };
      // "quarter to twelve" is 11:45 either side of noon: only as working hours say it.
      if (base === 'twelve' && minute === 45) return { text: `${fraction} twelve`, plain: hour === 11 };
      const said = hour < 12 ? pick(rand, [' am', ' in the morning']) : hour < 17 ? pick(rand, [' pm', ' in the afternoon']) : pick(rand, [' pm', ' in the evening']);
      const shown = workday(hour % 12 || 12) === hour ? pick(rand, ['', said]) : said;
      return { text: `${pick(rand, ['', 'at '])}${fraction} ${base}${shown}`, plain: true };
    });
  }
  return pick(rand, forms)();
}

/** A range in English: "2–3:30pm", "from 10 to 11:30am", "9:30 to noon", "3pm - 4:15pm", "15:00-16:30". */
export function englishRange(rand: Rand, start: DateTime, end: DateTime): Phrase {
  const clock = (t: DateTime, withMer: boolean) => {
    if (t.hour === 12 && t.minute === 0 && rand() < 0.4) return 'noon';
    const h12 = t.hour % 12 || 12;
    return `${h12}${t.minute === 0 ? '' : `${pick(rand, [':', '.'])}${pad(t.minute)}`}${withMer ? (t.hour < 12 ? 'am' : 'pm') : ''}`;
  };
  const join = pick(rand, ['-', '–', ' - ', ' to ', '—']);
  const lead = join === ' to ' ? pick(rand, ['', 'from ']) : pick(rand, ['', '', 'from ']);
  const sameHalf = (start.hour < 12) === (end.hour < 12) && !(end.hour === 12 && end.minute === 0 && start.hour < 12);
  const endWord = end.hour === 0 && end.minute === 0 ? 'midnight' : undefined;
  const forms: (() => Phrase)[] = [
    () => ({ text: `${lead}${clock(start, true)}${join}${endWord ?? clock(end, true)}`, plain: true }),
    () => ({ text: `${lead}${pad(start.hour)}:${pad(start.minute)}${join}${endWord ? '24:00' : `${pad(end.hour)}:${pad(end.minute)}`}`, plain: !endWord }),
  ];
  // A bare start takes the end's half of the day, else its working-hours reading.
  const bareStartReads = sameHalf || workday(start.hour % 12 || 12) === start.hour;
  if (!endWord && bareStartReads && !(start.hour === 12 && start.minute === 0)) {
    forms.push(() => ({ text: `${lead}${clock(start, false)}${join}${clock(end, true)}`, plain: true }));
  }
  return { ...pick(rand, forms)(), givesLength: true };
}

export function englishLength(rand: Rand, minutes: number): Phrase | undefined {
  const hours = minutes / 60;
  const forms: string[] = [`${minutes} minutes`, `${minutes} mins`, `${minutes} min`, `${minutes}m`];
  if (minutes === 60) forms.push('an hour', '1 hour', 'one hour', '1h');
  if (minutes === 90) forms.push('an hour and a half', '1.5 hours', '1h30', 'one and a half hours');
  if (minutes === 30) forms.push('half an hour', '30 min');
  if (minutes % 60 === 0 && minutes > 60) forms.push(`${hours} hours`, `${['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'][hours] ?? hours} hours`);
  if (minutes % 30 === 0 && minutes % 60 !== 0 && minutes > 90) forms.push(`${hours} hours`);
  if (minutes > 60 && minutes % 60 !== 0 && minutes < 300) forms.push(`${Math.floor(hours)}h${pad(minutes % 60)}`, `${Math.floor(hours)} hour${hours >= 2 ? 's' : ''} ${minutes % 60} minutes`);
  const text = pick(rand, forms);
  return { text: `${pick(rand, ['for ', 'for ', '', ', '])}${text}`.replace(/^, /, ', '), plain: true, givesLength: true };
}

/** The day and the hour in one phrase: "10 tomorrow morning", "3:30 tomorrow afternoon", "9 tonight". */
export function englishDayAndTime(rand: Rand, start: DateTime, ctx: ReadingContext): Phrase | undefined {
  const diff = Math.round(start.startOf('day').diff(ctx.local.startOf('day'), 'days').days);
  const h12 = start.hour % 12 || 12;
  const clock = `${h12}${start.minute === 0 ? '' : `:${pad(start.minute)}`}`;
  if (start.hour < 5 || start.hour === 23) return undefined;
  const period = start.hour < 12 ? 'morning' : start.hour < 17 ? 'afternoon' : 'evening';
  if (diff === 1) return { text: `${clock} tomorrow ${period}`, plain: true };
  if (diff === 0 && start.hour >= 18) return { text: `${clock} tonight`, plain: true };
  return undefined;
}

// ---------- Chinese ----------

/** 明早9点, 明晚八点半, 今晚7点: the day and its part in one word. */
export function chineseDayAndTime(rand: Rand, start: DateTime, ctx: ReadingContext): Phrase | undefined {
  const diff = Math.round(start.startOf('day').diff(ctx.local.startOf('day'), 'days').days);
  const morning = start.hour >= 5 && start.hour < 12;
  const evening = start.hour >= 18 && start.hour < 24;
  if (!(morning || evening) || diff < 0 || diff > 1) return undefined;
  const word = `${diff === 0 ? '今' : '明'}${morning ? '早' : '晚'}`;
  const h = start.hour % 12 || 12;
  return { text: `${word}${pick(rand, [String(h), chineseNumeral(h, true)])}${chineseMinutes(rand, start.minute)}`, plain: true };
}

export function chineseDay(rand: Rand, day: DateTime, ctx: ReadingContext): Phrase | undefined {
  const today = ctx.local.startOf('day');
  const diff = Math.round(day.startOf('day').diff(today, 'days').days);
  const forms: (() => Phrase | undefined)[] = [];
  if (diff >= 0 && diff <= 3) forms.push(() => ({ text: ['今天', '明天', '后天', '大后天'][diff], plain: true }));
  const week = pick(rand, ['周', '星期', '礼拜']);
  const weekday = ZH_WEEKDAYS[day.weekday - 1] === '日' ? pick(rand, ['日', week === '周' ? '日' : '天']) : ZH_WEEKDAYS[day.weekday - 1];
  if (diff >= 1 && diff <= 6) forms.push(() => ({ text: `${week}${weekday}`, plain: true }));
  const nextWeekMonday = today.startOf('week').plus({ weeks: 1 });
  if (day >= nextWeekMonday && day < nextWeekMonday.plus({ weeks: 1 })) forms.push(() => ({ text: `下${week}${weekday}`, plain: true }));
  if (!needsYear(day, today)) {
    // 6.20: month first, as Chinese writes it; settled only where the month comes first.
    const plain = settledOrder(ctx.locale, ctx.zone) === 'monthFirst' || day.day > 12 || day.day === day.month;
    forms.push(() => ({ text: `${day.month}.${day.day} `, plain, dotted: true }));
  }
  const month = monthsAhead(day, today);
  if (month === 0 || (month === 1 && day.day < today.day)) forms.push(() => ({ text: `${day.day}号`, plain: true }));
  if (month === 1) forms.push(() => ({ text: `${pick(rand, ['下个月', '下月'])}${pick(rand, [String(day.day), chineseNumeral(day.day)])}${pick(rand, ['号', '日'])}`, plain: true }));
  const year = needsYear(day, today);
  forms.push(() => {
    const numeral = rand() < 0.3;
    const m = numeral ? chineseNumeral(day.month) : String(day.month);
    const d = numeral ? chineseNumeral(day.day) : String(day.day);
    return { text: `${year ? `${day.year}年` : ''}${m}月${d}${pick(rand, ['日', '号'])}`, plain: true };
  });
  return pick(rand, forms)();
}

/** The hour said with its part of the day: 凌晨2点, 上午10点, 中午12点, 下午3点, 傍晚6点, 晚上8点. */
function periodFor(rand: Rand, hour: number): { word: string; h: number } | undefined {
  if (hour < 5) return hour === 0 ? undefined : { word: '凌晨', h: hour };
  if (hour < 12) return { word: pick(rand, ['上午', '早上']), h: hour };
  if (hour === 12) return { word: pick(rand, ['中午', '下午']), h: 12 };
  if (hour === 13) return { word: pick(rand, ['中午', '下午']), h: 1 };
  if (hour < 17) return { word: '下午', h: hour - 12 };
  if (hour < 19) return { word: pick(rand, ['下午', '傍晚', '晚上']), h: hour - 12 };
  return { word: '晚上', h: hour - 12 };
}

function chineseMinutes(rand: Rand, minute: number): string {
  if (minute === 0) return pick(rand, ['点', '点整', '点钟']);
  if (minute === 30) return pick(rand, ['点半', '点30分', '点三十分']);
  if (minute === 15) return pick(rand, ['点一刻', '点15分', '点十五']);
  if (minute === 45) return pick(rand, ['点三刻', '点45分', '点四十五分']);
  if (minute < 10) return pick(rand, [`点零${chineseNumeral(minute)}分`, `点0${minute}分`]);
  return pick(rand, [`点${minute}分`, `点${chineseNumeral(minute)}分`, `点${chineseNumeral(minute)}`]);
}

export function chineseTime(rand: Rand, hour: number, minute: number): Phrase {
  const forms: (() => Phrase)[] = [
    () => ({ text: `${pad(hour)}:${pad(minute)}`, plain: true }),
    () => ({ text: `${pad(hour)}：${pad(minute)}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), plain: true }),
  ];
  if (hour >= 13) forms.push(() => ({ text: `${hour}${pick(rand, ['点', '时'])}${minute === 0 ? '' : `${minute}分`}`, plain: true }));
  const period = periodFor(rand, hour);
  if (period) {
    forms.push(() => {
      const numeral = rand() < 0.5;
      const h = numeral ? chineseNumeral(period.h, true) : String(period.h);
      return { text: `${period.word}${h}${chineseMinutes(rand, minute)}`, plain: true };
    });
  }
  const h12 = hour % 12 || 12;
  if (workday(h12) === hour && hour !== 12) {
    forms.push(() => ({ text: `${chineseNumeral(h12, true)}${chineseMinutes(rand, minute)}`, plain: true }));
  }
  if (hour === 0 && minute === 0) forms.push(() => ({ text: '晚上12点', plain: false }));
  return pick(rand, forms)();
}

/** 下午2点到3点半, 上午十点至下午一点, 10:00-11:30, １０：００－１１：００. */
export function chineseRange(rand: Rand, start: DateTime, end: DateTime): Phrase | undefined {
  const sp = periodFor(rand, start.hour);
  const ep = periodFor(rand, end.hour);
  const join = pick(rand, ['到', '至', '-', '~']);
  const forms: (() => Phrase | undefined)[] = [
    () => {
      if (end.hour === 0) return undefined;
      const text = `${pad(start.hour)}:${pad(start.minute)}${pick(rand, ['-', '~', '到', '－'])}${pad(end.hour)}:${pad(end.minute)}`;
      return { text: rand() < 0.3 ? text.replace(/[\d:-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : text, plain: true };
    },
  ];
  if (sp && ep) {
    forms.push(() => ({ text: `${sp.word}${sp.h}${chineseMinutes(rand, start.minute)}${join}${ep.word}${ep.h}${chineseMinutes(rand, end.minute)}`, plain: true }));
    // The end without its own part of the day takes the start's: only when it is in the same one.
    if (sp.word === ep.word && ep.h > sp.h) {
      forms.push(() => ({ text: `${sp.word}${chineseNumeral(sp.h, true)}${chineseMinutes(rand, start.minute)}${join}${chineseNumeral(ep.h, true)}${chineseMinutes(rand, end.minute)}`, plain: true }));
    }
  }
  const phrase = pick(rand, forms)();
  return phrase && { ...phrase, givesLength: true };
}

export function chineseLength(rand: Rand, minutes: number): Phrase {
  const forms: string[] = [`${minutes}分钟`, ...(minutes < 100 ? [`${chineseNumeral(minutes)}分钟`] : [])];
  if (minutes === 15) forms.push('一刻钟');
  if (minutes === 30) forms.push('半小时', '半个小时', '半个钟头');
  if (minutes === 45) forms.push('三刻钟');
  if (minutes % 60 === 0) {
    const h = minutes / 60;
    forms.push(`${h}小时`, `${chineseNumeral(h, true)}个小时`, `${chineseNumeral(h, true)}小时`, `${chineseNumeral(h, true)}个钟头`);
  }
  if (minutes % 60 === 30 && minutes > 60) {
    const h = (minutes - 30) / 60;
    forms.push(`${chineseNumeral(h, true)}个半小时`, `${chineseNumeral(h, true)}个半钟头`, `${minutes / 60}小时`);
  }
  if (minutes > 60 && minutes % 60 !== 0 && minutes % 60 !== 30) forms.push(`${Math.floor(minutes / 60)}小时${minutes % 60}分钟`);
  return { text: pick(rand, forms), plain: true, givesLength: true };
}
