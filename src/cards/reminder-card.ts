// The reminder the bot posts in the meeting's conversation shortly before it starts: subject, how soon, the
// attendees mentioned (Teams notifies them), and Join.
import { adaptiveCard, richText, run, type AdaptiveCard, type CardElement } from './card-elements';
import { SIMULATED_MEETING_LINE } from './join-card';
import { mentionLine, type Mentionable } from './mentions';
import { PEOPLE_TEXTS, startsIn } from './people-texts';

export interface ReminderCardData {
  subject: string;
  /** Whole minutes until the start (negative once it has started). */
  minutesLeft: number;
  joinWebUrl: string;
  attendees?: Mentionable[];
  simulated?: boolean;
}

export function buildReminderCard(d: ReminderCardData): AdaptiveCard {
  const body: CardElement[] = [
    // The subject is the user's text: a TextRun, never Markdown.
    richText([run(d.subject, { size: 'Large', weight: 'Bolder' }), run(` ${startsIn(d.minutesLeft)}`, { size: 'Large' })]),
  ];
  const mentions = mentionLine(d.attendees ?? []);
  if (mentions) body.push(mentions.block);
  if (d.simulated === true) body.push(richText([run(SIMULATED_MEETING_LINE, { weight: 'Bolder' })]));
  const card = adaptiveCard(body, [{ type: 'Action.OpenUrl', title: PEOPLE_TEXTS.join, url: d.joinWebUrl }]);
  if (mentions) card.msteams.entities = mentions.entities;
  return card;
}
