// What the domain tells people, as a code plus parameters. The edges (cards, replies) put it into the reader's
// language (src/i18n); the domain itself knows no language and no i18n library, so the same validation or
// parsing result can be shown to an English and a Chinese reader, and stored in dialog state between turns.

/** A calendar date (YYYY-MM-DD) as the reader's language shows a day: "Fri, Dec 4" / "12月4日周五". */
interface DateParam {
  date: string;
  withYear?: boolean;
}
/** A wall-clock time (HH:MM, 24 h): "3:00 PM" / "15:00". */
interface TimeParam {
  time: string;
}
/** A month (YYYY-MM): "February 2026" / "2026年2月". */
interface MonthParam {
  month: string;
}
/** The short name of `zone`'s offset at the instant `at` (epoch ms): "EDT" / "GMT-4". */
interface ZoneNameParam {
  zoneNameAt: number;
  zone: string;
}
/** A length of time: "1 hour 30 minutes" / "1小时30分钟". */
interface DurationParam {
  minutes: number;
}

/** Strings and numbers are placed as they are (user text, ids, zone names); the others are formatted per language. */
export type MessageParam = string | number | DateParam | TimeParam | MonthParam | ZoneNameParam | DurationParam | Message;

/** Every message the domain can produce; each has a text in every catalog (src/i18n/locales). */
export type MessageKey =
  | 'validation.subjectMissing'
  | 'validation.subjectTooLong'
  | 'validation.dateMissing'
  | 'validation.dateUnreadable'
  | 'validation.noSuchMonth'
  | 'validation.noSuchDay'
  | 'validation.timeMissing'
  | 'validation.timeUnreadable'
  | 'validation.durationOutOfRange'
  | 'validation.dateInPast'
  | 'validation.timePassedToday'
  | 'validation.timePassedOn'
  | 'validation.tooFarAhead'
  | 'dst.overlap'
  | 'dst.gap'
  | 'parse.weekdayToday'
  | 'parse.weekdayNextWeek'
  | 'parse.readDate'
  | 'parse.readTime'
  | 'parse.endOnly'
  | 'parse.midnight'
  | 'parse.endsWhenItStarts'
  | 'parse.endsBeforeStart'
  | 'parse.rangeTooLong'
  | 'parse.dateOrder'
  | 'parse.noSuchDate'
  | 'parse.twoDays'
  | 'parse.twoTimes'
  | 'parse.twoLengths'
  | 'parse.readLength'
  | 'parse.otherZone'
  | 'graphError.refCode'
  | 'graphError.refRequest'
  | 'graphError.refBoth'
  | 'graphError.forbidden.create'
  | 'graphError.forbidden.change'
  | 'graphError.forbidden.cancel'
  | 'graphError.busy.create'
  | 'graphError.busy.change'
  | 'graphError.busy.cancel'
  | 'graphError.unauthorized'
  | 'graphError.failed.create'
  | 'graphError.failed.change'
  | 'graphError.failed.cancel';

export interface Message {
  key: MessageKey;
  params?: Readonly<Record<string, MessageParam>>;
}

export function message(key: MessageKey, params?: Record<string, MessageParam>): Message {
  return params === undefined ? { key } : { key, params };
}
