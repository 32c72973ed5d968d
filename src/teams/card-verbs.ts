// The vocabulary of the bot's cards: the verbs their buttons send and the ids of the inputs whose values come back
// with a press. The card builders write it; the press reader reads it back.

/** The verbs the bot's cards send; `teams/card-press.ts` reads them back. */
export const VERBS = {
  /** Form or compact card: create the meeting from the details. */
  create: 'meeting.create',
  /** Form or compact card: drop the request. */
  cancelForm: 'meeting.cancel',
  /** Compact card: show the full form instead. */
  editDetails: 'meeting.editDetails',
  /** Join card, automatic: the viewer's own version of the card. */
  refresh: 'meeting.refresh',
  /** Join card, organizer: show the prefilled form. */
  change: 'meeting.change',
  /** Change form: save the new details. */
  saveChange: 'meeting.saveChange',
  /** Join card, organizer: ask to confirm the cancellation. */
  cancelMeeting: 'meeting.cancelMeeting',
  /** Confirmation: cancel the meeting for everyone. */
  confirmCancel: 'meeting.confirmCancel',
  /** Change form or confirmation: back to the join card, nothing changed. */
  back: 'meeting.back',
  /** Join card, organizer: create the Outlook event and send the invitations (signing in to the calendar first). */
  sendInvitations: 'meeting.sendInvitations',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Ids of the people and reminder inputs on the scheduling and Change forms. */
export const PEOPLE_INPUTS = { attendees: 'attendees', reminder: 'reminder' } as const;
