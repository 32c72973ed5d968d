// The turn's conversation for scheduling, through botbuilder: the bot's cards posted and updated for everyone, and
// how a Reply reaches the person who typed or pressed.
import { ActivityTypes, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, adaptiveCardAttachment } from '../cards/attachment';
import type { AdaptiveCard } from '../cards/card-elements';
import type { Conversation, Reply } from '../scheduling/turn-io';

export class TeamsConversation implements Conversation {
  constructor(private readonly context: TurnContext) {}

  async post(card: AdaptiveCard): Promise<string | undefined> {
    return (await this.context.sendActivity({ attachments: [adaptiveCardAttachment(card)] }))?.id;
  }

  async update(activityId: string, card: AdaptiveCard): Promise<void> {
    await this.context.updateActivity({ type: ActivityTypes.Message, id: activityId, attachments: [adaptiveCardAttachment(card)] });
  }

  async typing(): Promise<void> {
    await this.context.sendActivity({ type: ActivityTypes.Typing });
  }

  /**
   * Shows a reply where presses and commands arrive as messages: a text as a reply, a card in place of the one it
   * replaces (or as a new message) unless the conversation already shows it.
   */
  async send(reply: Reply): Promise<void> {
    if ('text' in reply) await this.context.sendActivity(reply.text);
    else if ('card' in reply && !reply.shownToAll) {
      if (reply.replaces) await this.update(reply.replaces, reply.card);
      else await this.post(reply.card);
    }
  }
}

/** A reply as the answer to a Universal Actions press (the invoke response's body). */
export function invokeAnswerFor(reply: Reply): AdaptiveCardInvokeResponse {
  if ('invokeAnswer' in reply) return reply.invokeAnswer;
  if ('card' in reply) return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: { ...reply.card } };
  // Teams takes a message answer's value as the text itself; botbuilder's type allows only objects there.
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.text as unknown as Record<string, unknown> };
}
