// What a Chinese reader must not find on a card: English the bot forgot to translate.
import type { AdaptiveCard } from '../../src/cards/card-elements';
import { findByType } from './adaptive-cards';

/**
 * Latin words a Chinese text may keep: product and brand names, zone names and abbreviations, format patterns, and
 * Graph's own codes. Everything else of two or more ASCII letters is English left behind.
 */
const ALLOWED = [
  /https?:\/\/\S+/g,
  /\b[A-Z][A-Za-z]+\/[A-Za-z_/]+\b/g, // IANA zones: Asia/Shanghai, America/New_York
  /\bGMT[+-]?\d*(?::\d\d)?/g,
  /\bMicrosoft 365\b/g,
  /\bMicrosoft\b|\bTeams\b|\bGraph\b|\bMeeting Bot\b|\bOnlineMeetings\.ReadWrite\b/g,
  /\bOutlook\b|\bExchange Online\b|\bCalendars\.ReadWrite\b/g,
  /\bYYYY-MM-DD\b|\bHH:MM\b|\bID\b/g,
  /\bForbidden\b|\bBadRequest\b|\breq-\d+\b/g, // Graph's error codes and request ids, quoted for the admin
];

export function englishLeft(text: string): string[] {
  let rest = text;
  for (const re of ALLOWED) rest = rest.replace(re, ' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

/** What a reader sees: TextBlock and TextRun texts, input labels, choice titles, button titles. */
export function visibleTexts(card: AdaptiveCard | Record<string, any>): string[] {
  const texts = [...findByType(card, 'TextBlock'), ...findByType(card, 'TextRun')].map((e) => String(e.text));
  for (const type of ['Input.Text', 'Input.Date', 'Input.Time', 'Input.ChoiceSet']) {
    for (const input of findByType(card, type)) {
      texts.push(String(input.label ?? ''));
      for (const choice of (input.choices as { title: string }[] | undefined) ?? []) texts.push(choice.title);
    }
  }
  const actions = [...((card.actions as { title: string }[] | undefined) ?? []), ...findByType(card, 'ActionSet').flatMap((s) => s.actions as { title: string }[])];
  texts.push(...actions.map((a) => a.title));
  return texts.filter((t) => t !== '');
}

