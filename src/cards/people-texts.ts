// What the attendee, reminder and calendar features say, in the reader's language (catalog texts people.*,
// reminder.*, calendar.*).
import { formatDuration, type Translate } from '../i18n/translate';
import { MAX_ATTENDEES, type UnresolvedReason } from '../meetings/people';

/** "I couldn't add Sam: they aren't a member of this conversation." */
export function unresolvedLine(t: Translate, name: string, reason: UnresolvedReason): string {
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
