// What the attendee, reminder and calendar features say, in the reader's language (catalog texts people.*,
// reminder.*, calendar.*).
import { formatDuration, type Translate } from '../i18n/translate';
import { clipName, MAX_ATTENDEES, MAX_UNRESOLVED, type UnresolvedMention, type UnresolvedReason } from '../meetings/people';
import { richText, run, type RichTextBlock } from './card-elements';
import { byteLength, countWithin } from './card-size';

/** "I couldn't add Sam: they aren't a member of this conversation." */
function unresolvedLine(t: Translate, fullName: string, reason: UnresolvedReason): string {
  // Names are cut where they enter; a record kept from before that may hold a longer one.
  const name = clipName(fullName);
  switch (reason) {
    case 'notFound':
      return t('people.unresolvedNotFound', { name });
    case 'forbidden':
      return t('people.unresolvedForbidden', { name });
    case 'tooMany':
      return t('people.unresolvedTooMany', { name, max: MAX_ATTENDEES });
    default:
      return t('people.unresolvedFailed', { name });
  }
}

/**
 * One "I couldn't add …" line per person, at most MAX_UNRESOLVED and `maxBytes` of them (default: no byte limit),
 * then one line counting the rest ("I couldn't add 7 more people either."): nobody is dropped silently.
 */
export function unresolvedBlocks(t: Translate, unresolved: readonly UnresolvedMention[] | undefined, maxBytes = Infinity): RichTextBlock[] {
  if (!unresolved || unresolved.length === 0) return [];
  const lines = unresolved.map((u) => richText([run(unresolvedLine(t, u.name, u.reason), { color: 'Attention' })], 'Small'));
  const shown = countWithin(lines.slice(0, MAX_UNRESOLVED), maxBytes, (line) => byteLength(JSON.stringify(line)) + 1);
  const left = unresolved.length - shown;
  const out = lines.slice(0, shown);
  if (left > 0) out.push(richText([run(t(shown > 0 ? 'people.unresolvedMore' : 'people.unresolvedCount', { count: left }), { color: 'Attention' })], 'Small'));
  return out;
}

/** "and 12 more" after the people a line names, or "12 people" when it names none. */
export function morePeople(t: Translate, left: number, shown: number): string {
  return t(shown > 0 ? 'people.andMore' : 'people.count', { count: left });
}

/** The join card's line about the reminder. */
export function reminderLine(t: Translate, minutes: number): string {
  return t('people.reminderLine', { duration: formatDuration(minutes, t.locale) });
}

/** A choice of the reminder input. */
export function reminderChoiceTitle(t: Translate, minutes: number): string {
  return minutes === 0 ? t('people.noReminder') : t('people.reminderChoice', { duration: formatDuration(minutes, t.locale) });
}

/** What follows the subject in a reminder: "starts in 10 minutes", "starts now", "has started". */
export function startsIn(t: Translate, minutesLeft: number): string {
  if (minutesLeft <= -1) return t('reminder.started');
  if (minutesLeft < 1) return t('reminder.startsNow');
  return t('reminder.startsIn', { duration: formatDuration(minutesLeft, t.locale) });
}

/** The calendar event's description: where to join. */
export function calendarBody(t: Translate, joinWebUrl: string): string {
  return t('calendar.body', { url: joinWebUrl });
}
