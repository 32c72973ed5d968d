// Putting a card or a message in front of people. In a Universal Actions turn (an adaptiveCard/action invoke) the
// one who pressed the button gets the invoke's answer; everyone else sees the activity the bot updates.
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, adaptiveCardAttachment } from '../cards/attachment';
import type { AdaptiveCard } from '../cards/card-elements';
import { buildClosedCard } from '../cards/closed-card';
import { translator, type Said, type Translate } from '../i18n/translate';
import { turnLocale } from '../teams/activity-context';

const INVOKE_ANSWER = Symbol('invokeAnswer');

/** Whether this turn is a Universal Actions button press, answered through the invoke response. */
export function isCardInvoke(context: TurnContext): boolean {
  return context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action';
}

/** Sets what the invoke turn answers the person who pressed (the last call wins). */
export function answerInvoker(context: TurnContext, answer: AdaptiveCardInvokeResponse): void {
  context.turnState.set(INVOKE_ANSWER, answer);
}

/** The invoke answer this turn settled on, if any. */
export function invokeAnswer(context: TurnContext): AdaptiveCardInvokeResponse | undefined {
  return context.turnState.get(INVOKE_ANSWER) as AdaptiveCardInvokeResponse | undefined;
}

export function cardAnswer(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
}

export function messageAnswer(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
}

/**
 * Replaces the card at `activityId` (PUT …/activities/{id}) or posts a new one, for everyone; returns the card's
 * activity id. `activityId` must be an id the bot stored when it posted the card, never one a client sent. In an
 * invoke turn the presser gets `forPresser` (default: the same card).
 */
export async function showCard(
  context: TurnContext,
  activityId: string | undefined,
  card: AdaptiveCard,
  forPresser: AdaptiveCard = card,
): Promise<string | undefined> {
  if (isCardInvoke(context)) answerInvoker(context, cardAnswer(forPresser));
  const attachment = adaptiveCardAttachment(card);
  if (!activityId) return (await context.sendActivity({ attachments: [attachment] }))?.id;
  await context.updateActivity({ type: 'message', id: activityId, attachments: [attachment] });
  return activityId;
}

/**
 * A card for the presser only (a confirmation, the organizer's form): the invoke answer in Teams. Where buttons
 * arrive as message submits (the Emulator: one person, one chat) it replaces the card at `sharedActivityId`.
 */
export async function showToPresser(context: TurnContext, sharedActivityId: string | undefined, card: AdaptiveCard): Promise<void> {
  if (isCardInvoke(context)) {
    answerInvoker(context, cardAnswer(card));
    return;
  }
  await showCard(context, sharedActivityId, card);
}

/** How this turn's reader is spoken to: their language (see MeetingBot.run). */
export function textsFor(context: TurnContext): Translate {
  return translator(turnLocale(context));
}

/** A sentence for the presser, in their language: the invoke's message answer, or a reply in the conversation. */
export async function tell(context: TurnContext, said: Said | string): Promise<void> {
  const text = typeof said === 'string' ? said : textsFor(context)(said);
  if (isCardInvoke(context)) {
    answerInvoker(context, messageAnswer(text));
    return;
  }
  await context.sendActivity(text);
}

/** What a form becomes when its owner cancels it. */
export async function showCancelledForm(context: TurnContext, activityId: string | undefined, subject: string | undefined): Promise<void> {
  const t = textsFor(context);
  await showCard(context, activityId, buildClosedCard({ title: t('closed.cancelledTitle'), detail: t('closed.nothingCreated'), subject, locale: t.locale }));
}
