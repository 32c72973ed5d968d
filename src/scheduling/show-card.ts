// Putting a card in the conversation: in place of an earlier one when we know its activity id, else as a new post.
import type { TurnContext } from 'botbuilder';
import { adaptiveCardAttachment } from '../cards/attachment';
import type { AdaptiveCard } from '../cards/card-elements';
import { buildClosedCard } from '../cards/closed-card';

/** Replaces the card at `activityId` (PUT …/activities/{id}) or posts a new one; returns the card's activity id. */
export async function showCard(context: TurnContext, activityId: string | undefined, card: AdaptiveCard): Promise<string | undefined> {
  const attachment = adaptiveCardAttachment(card);
  if (!activityId) return (await context.sendActivity({ attachments: [attachment] }))?.id;
  await context.updateActivity({ type: 'message', id: activityId, attachments: [attachment] });
  return activityId;
}

/** What a form becomes when its owner cancels it. */
export async function showCancelledForm(context: TurnContext, activityId: string | undefined, subject: string | undefined): Promise<void> {
  await showCard(context, activityId, buildClosedCard({ title: 'Scheduling cancelled', detail: 'Nothing was created.', subject }));
}
