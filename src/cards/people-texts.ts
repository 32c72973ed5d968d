// Every English sentence the attendee, reminder and calendar features show, in one place (so translating them
// means editing this file only).
import { formatDuration } from '../meetings/format-duration';
import type { UnresolvedReason } from '../meetings/people';

export const PEOPLE_TEXTS = {
  attendeesLabel: 'Attendees',
  /** Form: the ChoiceSet of mentioned people the organizer can un-tick. */
  attendeesInputLabel: 'Attendees (untick anyone you don\'t want to invite)',
  everyoneLine: 'Everyone in your organization can join without waiting in the lobby.',
  reminderInputLabel: 'Reminder in this conversation',
  noReminder: 'No reminder',
  addToCalendar: 'Add to my calendar',
  join: 'Join',
} as const;

/** "I couldn't add Sam: they aren't in this conversation." */
export function unresolvedLine(name: string, reason: UnresolvedReason): string {
  switch (reason) {
    case 'notFound':
      return `I couldn't add ${name}: they aren't a member of this conversation.`;
    case 'forbidden':
      return `I couldn't add ${name}: Teams didn't let me look them up here.`;
    default:
      return `I couldn't add ${name}: Teams didn't answer when I looked them up. Add them in Teams, or schedule again.`;
  }
}

/** The join card's line about the reminder. */
export function reminderLine(minutes: number): string {
  return `I'll post a reminder here ${formatDuration(minutes)} before it starts.`;
}

/** A choice of the reminder input. */
export function reminderChoiceTitle(minutes: number): string {
  return minutes === 0 ? PEOPLE_TEXTS.noReminder : `${formatDuration(minutes)} before`;
}

/** What follows the subject in a reminder: "starts in 10 minutes", "starts now", "has started". */
export function startsIn(minutesLeft: number): string {
  if (minutesLeft <= -1) return 'has started';
  if (minutesLeft < 1) return 'starts now';
  return `starts in ${formatDuration(minutesLeft)}`;
}

/** The calendar event's description: where to join. */
export function calendarBody(joinWebUrl: string): string {
  return `Join the Microsoft Teams meeting: ${joinWebUrl}`;
}
