// The conversation a message extension's meeting belongs to: the reply chain of the message it was started from (a
// channel: "<channel>;messageid=<root>"), or the chat. The invoke's own conversation isn't that thread, and the
// meeting may be finished after the invoke was answered (Teams waits 5 s for a dialog submit), so every post goes
// through the adapter's proactive path with a reference to the thread, never through the turn's context.
import { ActivityTypes, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { adaptiveCardAttachment } from '../cards/attachment';
import type { AdaptiveCard } from '../cards/card-elements';
import type { Conversation } from '../scheduling/turn-io';
import type { Turn } from '../teams/turn';
import { conversationAccount } from './proactive-post';

/** How the bot reaches a conversation outside a turn: CloudAdapter and the bot's app id (as reminders do). */
export interface ProactiveAccess {
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  appId: string;
}

export class ThreadConversation implements Conversation {
  private readonly reference: Partial<ConversationReference>;

  constructor(private readonly access: ProactiveAccess, turn: Pick<Turn, 'channelId' | 'serviceUrl' | 'tenantId' | 'botId' | 'conversationKind'>, readonly conversationId: string) {
    this.reference = {
      channelId: turn.channelId,
      serviceUrl: turn.serviceUrl,
      conversation: conversationAccount(conversationId, turn.tenantId, turn.conversationKind),
      bot: { id: turn.botId ?? '', name: '' },
    };
  }

  async post(card: AdaptiveCard): Promise<string | undefined> {
    return this.within(async (context) => (await context.sendActivity({ type: ActivityTypes.Message, attachments: [adaptiveCardAttachment(card)] }))?.id);
  }

  async postText(text: string): Promise<void> {
    await this.within((context) => context.sendActivity({ type: ActivityTypes.Message, text }));
  }

  async update(activityId: string, card: AdaptiveCard): Promise<void> {
    await this.within((context) => context.updateActivity({ type: ActivityTypes.Message, id: activityId, attachments: [adaptiveCardAttachment(card)] }));
  }

  async typing(): Promise<void> {
    // Nobody is looking at this thread while the dialog closes.
  }

  private async within<T>(work: (context: TurnContext) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await this.access.adapter.continueConversationAsync(this.access.appId, this.reference, async (context) => {
      result = await work(context);
    });
    return result as T;
  }
}
