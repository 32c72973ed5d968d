// The reminder the bot posts in the meeting's conversation shortly before it starts: subject, how soon, the
// attendees mentioned (Teams notifies them), and Join.
import { adaptiveCard, richText, run, type AdaptiveCard, type CardElement } from './card-elements';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { CARD_BUDGET_BYTES, cardBytes, fitsBudget } from './card-size';
import { mentionLine, type Mentionable } from './mention-entities';
import { morePeople, startsIn } from './people-texts';

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

/**
 * Within CARD_BUDGET_BYTES whatever the attendees: when all of them don't fit, the first are mentioned and the others
 * counted ("and 12 more").
 */
export function buildReminderCard(d: ReminderCardData): AdaptiveCard {
  const full = reminderCard(d, Infinity);
  if (fitsBudget(full)) return full;
  let room = Math.max(0, CARD_BUDGET_BYTES - cardBytes(reminderCard(d, 0)) - 128);
  let card = reminderCard(d, room);
  while (!fitsBudget(card) && room > 0) {
    room = Math.floor(room / 2);
    card = reminderCard(d, room);
  }
  return card;
}

function reminderCard(d: ReminderCardData, mentionBytes: number): AdaptiveCard {
  const t = translator(d.locale ?? 'en-US');
  const body: CardElement[] = [
    // The subject is the user's text: a TextRun, never Markdown.
    richText([run(d.subject, { size: 'Large', weight: 'Bolder' }), run(` ${startsIn(t, d.minutesLeft)}`, { size: 'Large' })]),
  ];
  const mentions = mentionLine(d.attendees ?? [], '', { maxBytes: mentionBytes, more: (left, shown) => morePeople(t, left, shown) });
  if (mentions) body.push(mentions.block);
  if (d.simulated === true) body.push(richText([run(t('join.simulated'), { weight: 'Bolder' })]));
  const card = adaptiveCard(body, [{ type: 'Action.OpenUrl', title: t('join.join'), url: d.joinWebUrl }]);
  if (mentions) card.msteams.entities = mentions.entities;
  return card;
}
