// The reminder the bot posts in the meeting's conversation shortly before it starts: subject, how soon, the
// attendees mentioned (Teams notifies them), and Join.
import { adaptiveCard, richText, run, type AdaptiveCard, type CardElement } from './card-elements';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { mentionLine, type Mentionable } from './mentions';
import { startsIn } from './people-texts';

export interface ReminderCardData {
  subject: string;
  /** Whole minutes until the start (negative once it has started). */
  minutesLeft: number;
  joinWebUrl: string;
  attendees?: Mentionable[];
  simulated?: boolean;
  /** The organizer's language (the reminder is posted for everyone in the conversation). */
  locale?: Locale;
}

export function buildReminderCard(d: ReminderCardData): AdaptiveCard {
  const t = translator(d.locale ?? 'en-US');
  const body: CardElement[] = [
    // The subject is the user's text: a TextRun, never Markdown.
    richText([run(d.subject, { size: 'Large', weight: 'Bolder' }), run(` ${startsIn(t, d.minutesLeft)}`, { size: 'Large' })]),
  ];
  const mentions = mentionLine(d.attendees ?? []);
  if (mentions) body.push(mentions.block);
  if (d.simulated === true) body.push(richText([run(t('join.simulated'), { weight: 'Bolder' })]));
  const card = adaptiveCard(body, [{ type: 'Action.OpenUrl', title: t('join.join'), url: d.joinWebUrl }]);
  if (mentions) card.msteams.entities = mentions.entities;
  return card;
}
