// Which Microsoft 365 tenant an activity comes from.
import type { Activity } from 'botbuilder';

/** The tenant id, lower-cased: channelData.tenant.id as Teams sends it, else conversation.tenantId. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation = (activity.conversation as { tenantId?: unknown } | undefined)?.tenantId;
  const tenant = typeof fromChannelData === 'string' ? fromChannelData : typeof fromConversation === 'string' ? fromConversation : undefined;
  return tenant?.toLowerCase();
}
