import type { Attachment } from 'botbuilder';
import type { AdaptiveCard } from './card-elements';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Wraps a card for an activity. Same shape as botbuilder's CardFactory.adaptiveCard, built here so
 * the card modules don't load botbuilder at runtime.
 */
export function adaptiveCardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
