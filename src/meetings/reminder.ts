// Reminders in the meeting's conversation: what a request says about them, and when one is due.

/** The longest lead a reminder may have: a day. */
export const MAX_REMINDER_MINUTES = 24 * 60;

export interface ReminderPhrase {
  /** The request without the reminder words (what the schedule parser reads). */
  text: string;
  /** Minutes before the start; 0 = "no reminder"; undefined = the request didn't say. */
  minutes?: number;
}

const UNIT = String.raw`(m|mins?|minutes?|h|hrs?|hours?)`;
const NUMBER = String.raw`(\d{1,4}(?:\.\d+)?)`;

/** English and Chinese ways of saying it; the first match wins and is cut out of the text. */
const PHRASES: { re: RegExp; minutes: (m: RegExpExecArray) => number | undefined }[] = [
  { re: /\b(?:no|without(?: an?)?|skip(?: the)?) reminders?\b|\bdon'?t remind(?: me| us| anyone| everyone)?\b/i, minutes: () => 0 },
  {
    re: new RegExp(String.raw`\b(?:and |with )?remind(?: me| us| everyone| all| people)?\s+${NUMBER}\s*${UNIT}\s*(?:before(?:hand)?|ahead|early|earlier|prior)?(?![\p{L}\p{N}])`, 'iu'),
    minutes: (m) => toMinutes(m[1]!, m[2]!),
  },
  {
    re: new RegExp(String.raw`\b(?:with |and )?(?:an? )?${NUMBER}[- ]?${UNIT}\s+reminder\b`, 'i'),
    minutes: (m) => toMinutes(m[1]!, m[2]!),
  },
  { re: /(?:不(?:要|用|需要)?|无需|别)提醒(?:我|我们|大家)?/u, minutes: () => 0 },
  {
    re: /提前\s*(\d{1,4})\s*(分钟|分|小时|个小时)\s*提醒(?:我|我们|大家)?/u,
    minutes: (m) => toMinutes(m[1]!, m[2]!.includes('时') ? 'h' : 'm'),
  },
];

/** Reads "remind me 30 min before", "no reminder", "提前30分钟提醒", "不提醒" out of a request. */
export function readReminderPhrase(text: string): ReminderPhrase {
  for (const phrase of PHRASES) {
    const m = phrase.re.exec(text);
    if (!m) continue;
    const minutes = phrase.minutes(m);
    if (minutes === undefined) continue;
    const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim();
    return { text: rest, minutes };
  }
  return { text };
}

function toMinutes(amount: string, unit: string): number | undefined {
  const minutes = Math.round(Number(amount) * (/^h/i.test(unit) ? 60 : 1));
  return Number.isFinite(minutes) && minutes >= 1 && minutes <= MAX_REMINDER_MINUTES ? minutes : undefined;
}

/**
 * When the reminder for a meeting starting at `startIso` is due, or undefined when there is none: reminders off,
 * or the meeting starts sooner than the lead (a reminder right after the join card would only be noise).
 */
export function reminderDueAt(startIso: string, minutes: number | undefined, now: Date): Date | undefined {
  if (!minutes || minutes <= 0) return undefined;
  const at = Date.parse(startIso) - minutes * 60_000;
  return Number.isFinite(at) && at > now.getTime() ? new Date(at) : undefined;
}
