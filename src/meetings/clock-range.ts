// Which hours a typed time or range of times means, once the reader of each language has found the numbers: the part
// of the day written on one end of a range ("2–3:30pm", "下午2点到3点半") carries over to the other, a bare hour
// takes the working-hours reading, and a range that ends before it starts or runs over 12 hours is asked, never
// turned into an overnight meeting by guessing.
import { type ClockTime, workdayHour } from './schedule-common';

/** A time of day as typed, before its part of the day is settled. */
export interface TypedClock {
  /** The hour as written (0–23; "half past three" is 3). */
  hour: number;
  minute: number;
  /**
   * The 24-hour hour when the text itself settles it: am/pm, 下午, a 24-hour form (15:00, 09:30, 16点), noon (12),
   * midnight (0 as a start, 24 as an end). Absent for a bare hour ("at 3", "from 2 to 3", "3点").
   */
  fixed?: number;
}

export interface SettledClock extends ClockTime {
  /** The hour had two likely readings (7: an early call or an evening one) and this is a guess. */
  ask: boolean;
}

/** Why a range can't be taken as it is: the form asks how long the meeting is. */
export type RangeProblem = 'endsWhenItStarts' | 'endsBeforeStart' | 'tooLong';

export interface SettledRange {
  start: SettledClock;
  /** The end on the start's wall clock; hour 24 is the midnight ending that day. An end before the start is the next day. */
  end?: ClockTime;
  problem?: RangeProblem;
  /** Wall-clock minutes from start to end, when the range is taken or only too long. */
  minutes?: number;
}

/** A range longer than this is more likely a slip than a meeting ("9am to 10pm"). */
export const MAX_RANGE_MINUTES = 12 * 60;

type Half = 'am' | 'pm';

/** A single time: as the text fixes it, else in `context`'s half of the day ("tomorrow morning at 7"), else in working hours. */
export function settleClock(clock: TypedClock, context?: Half): SettledClock {
  if (clock.fixed !== undefined) return { hour: clock.fixed % 24, minute: clock.minute, ask: false };
  if (context) return { hour: inHalf(clock.hour, context), minute: clock.minute, ask: false };
  const reading = workdayHour(clock.hour);
  return { hour: reading.hour, minute: clock.minute, ask: reading.ask };
}

/**
 * A range. A bare end first takes the other end's part of the day, then its own working-hours reading; the first
 * that ends after the start, the same day, within 12 hours, is taken. Two ends that each say their part of the day
 * are taken as written — across midnight only when that is within 12 hours ("11pm to 1am").
 */
export function settleRange(start: TypedClock, end: TypedClock, context?: Half): SettledRange {
  const s = context && start.fixed === undefined ? { ...start, fixed: inHalf(start.hour, context) } : start;
  const e = context && end.fixed === undefined ? { ...end, fixed: inHalf(end.hour, context) } : end;

  if (s.fixed !== undefined && e.fixed !== undefined) {
    const from = minutesOf(s.fixed, s.minute);
    const to = minutesOf(e.fixed, e.minute);
    const startClock = settleClock(s);
    if (to === from) return { start: startClock, problem: 'endsWhenItStarts' };
    if (to > from && to - from <= MAX_RANGE_MINUTES) return taken(startClock, e.fixed, e.minute, to - from);
    if (to < from && to + 1440 - from <= MAX_RANGE_MINUTES) return taken(startClock, e.fixed, e.minute, to + 1440 - from);
    if (to > from) return { start: startClock, end: { hour: e.fixed % 24, minute: e.minute }, problem: 'tooLong', minutes: to - from };
    return { start: startClock, problem: 'endsBeforeStart' };
  }

  if (e.fixed !== undefined) {
    // "2–3:30pm", "9:30 to noon", "11-1pm": the start in the end's half, else in working hours.
    const to = minutesOf(e.fixed, e.minute);
    const own = settleClock(s);
    for (const candidate of [{ hour: inHalf(s.hour, halfOf(e.fixed)), minute: s.minute, ask: false }, own]) {
      const from = minutesOf(candidate.hour, candidate.minute);
      if (fits(from, to)) return taken(candidate, e.fixed, e.minute, to - from);
    }
    return { start: own, problem: 'endsBeforeStart' };
  }

  // "3pm-4", "下午2点到3点半", "from 2 to 3": the start as it stands, the end in its half, else in working hours.
  const startClock = settleClock(s);
  const from = minutesOf(startClock.hour, startClock.minute);
  for (const hour of [inHalf(e.hour, halfOf(startClock.hour)), settleClock(e).hour]) {
    const to = minutesOf(hour, e.minute);
    if (fits(from, to)) return taken(startClock, hour, e.minute, to - from);
  }
  return { start: startClock, problem: 'endsBeforeStart' };
}

function taken(start: SettledClock, endHour: number, endMinute: number, minutes: number): SettledRange {
  return { start, end: { hour: endHour % 24, minute: endMinute }, minutes };
}

/** Ends after the start on the same day (24:00 at the latest), within 12 hours. */
function fits(from: number, to: number): boolean {
  return to > from && to <= 1440 && to - from <= MAX_RANGE_MINUTES;
}

function minutesOf(hour: number, minute: number): number {
  return hour * 60 + minute;
}

function halfOf(hour24: number): Half {
  return hour24 >= 12 ? 'pm' : 'am';
}

/** The hour of a 12-hour clock in the given half: 12 am is 0, 12 pm is 12. */
function inHalf(hour: number, half: Half): number {
  return (hour % 12) + (half === 'pm' ? 12 : 0);
}
