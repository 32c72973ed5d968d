// Which Microsoft 365 tenant an activity comes from.
import type { Activity } from 'botbuilder';

/**
 * The tenant Teams vouches for, lower-cased: channelData.tenant.id on the msteams channel, nothing otherwise.
 * conversation.tenantId is not read: where it differs from channelData's, channelData's is the one Teams fills
 * for the activity; and on other channels (Emulator, Web Chat, Direct Line) the client itself writes channelData
 * and the conversation, so a tenant there proves nothing.
 */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  if (activity.channelId !== 'msteams') return undefined;
  const tenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof tenant === 'string' && tenant ? tenant.toLowerCase() : undefined;
}
