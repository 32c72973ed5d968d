// Posting into a meeting's conversation outside any turn (reminders): the stored conversation reference, through
// CloudAdapter's continueConversationAsync with the bot's app id.
import type { CloudAdapter, ConversationAccount, ConversationReference } from 'botbuilder';
import { adaptiveCardAttachment } from '../cards/attachment';
import type { AdaptiveCard } from '../cards/card-elements';
import type { MeetingRecord } from '../meetings/meeting-record';
import type { ConversationKind } from '../teams/activity-context';

/**
 * A poster for `appId` (the bot's, or the same stand-in id the adapter's authentication uses without one). In a
 * channel the stored conversation id keeps ";messageid=…": the card lands in the meeting's thread.
 */
export function proactivePoster(adapter: Pick<CloudAdapter, 'continueConversationAsync'>, appId: string) {
  return async (record: MeetingRecord, card: AdaptiveCard): Promise<void> => {
    const reference: Partial<ConversationReference> = {
      channelId: record.channelId,
      serviceUrl: record.serviceUrl,
      conversation: conversationAccount(record.conversationId, record.tenantId, record.personalChat ? 'personal' : record.conversationId.includes(';messageid=') ? 'channel' : undefined),
      bot: { id: record.botId ?? '', name: '' },
    };
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      await context.sendActivity({ type: 'message', attachments: [adaptiveCardAttachment(card)] });
    });
  };
}

/**
 * The conversation of a proactive post. Teams' conversation types are personal, groupChat and channel; an empty
 * string is none of them (Agents Playground answers it with 400), so an unknown type is left out — the Connector
 * addresses the post by the conversation id in its URL.
 */
export function conversationAccount(id: string, tenantId: string | undefined, kind: ConversationKind | undefined): ConversationAccount {
  const account: Partial<ConversationAccount> = { id, tenantId, isGroup: kind !== 'personal' };
  if (kind) account.conversationType = kind;
  return account as ConversationAccount;
}
