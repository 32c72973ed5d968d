// Posting into a meeting's conversation outside any turn (reminders): the stored conversation reference, through
// CloudAdapter's continueConversationAsync with the bot's app id.
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { adaptiveCardAttachment } from '../cards/attachment';
import type { AdaptiveCard } from '../cards/card-elements';
import type { MeetingRecord } from '../meetings/meeting-record';

/**
 * A poster for `appId` (the bot's, or the same stand-in id the adapter's authentication uses without one). In a
 * channel the stored conversation id keeps ";messageid=…": the card lands in the meeting's thread.
 */
export function proactivePoster(adapter: Pick<CloudAdapter, 'continueConversationAsync'>, appId: string) {
  return async (record: MeetingRecord, card: AdaptiveCard): Promise<void> => {
    const reference: Partial<ConversationReference> = {
      channelId: record.channelId,
      serviceUrl: record.serviceUrl,
      conversation: { id: record.conversationId, tenantId: record.tenantId, isGroup: record.conversationId !== '', conversationType: '', name: '' },
      bot: { id: record.botId ?? '', name: '' },
    };
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      await context.sendActivity({ type: 'message', attachments: [adaptiveCardAttachment(card)] });
    });
  };
}
