// Reads the facts the bot needs from a Teams (or Emulator) activity, tolerating every shape clients send.
import type { Activity } from 'botbuilder';
import { isLanguageTag, supportedLocale, type Locale } from '../i18n/locale';
import { isValidTimeZone } from '../meetings/zoned-time';

/**
 * The user's time zone: activity.localTimezone, then the clientInfo entity, then the fallback.
 * Invalid names are skipped rather than trusted.
 */
export function timeZoneOf(activity: Partial<Activity>, fallback: string): string {
  return firstValid(activity.localTimezone, activity, 'timezone', (tz): tz is string => typeof tz === 'string' && isValidTimeZone(tz)) ?? fallback;
}

/** The activity's own value, else its clientInfo entities' `field`: the first that `valid` accepts. */
function firstValid(own: unknown, activity: Partial<Activity>, field: 'timezone' | 'locale', valid: (value: unknown) => value is string): string | undefined {
  if (valid(own)) return own;
  for (const entity of Array.isArray(activity.entities) ? activity.entities : []) {
    if (entity && typeof entity === 'object' && (entity as { type?: unknown }).type === 'clientInfo') {
      const value = (entity as Record<string, unknown>)[field];
      if (valid(value)) return value;
    }
  }
  return undefined;
}

/**
 * The Teams channel id (19:…@thread.tacv2) when the activity comes from a channel, else undefined.
 * Card submits and invokes may carry only the older channelData shape (channel.id, no teamsChannelId),
 * and the conversation id of a thread is `<channel id>;messageid=<root post>`.
 */
export function channelThreadIdOf(activity: Partial<Activity>): string | undefined {
  const conversation = activity.conversation as { id?: unknown; conversationType?: unknown } | undefined;
  const channelData = (activity.channelData ?? {}) as { channel?: { id?: unknown }; teamsChannelId?: unknown };
  const fromChannelData = typeof channelData.channel?.id === 'string' ? channelData.channel.id
    : typeof channelData.teamsChannelId === 'string' ? channelData.teamsChannelId : undefined;
  const isChannel = conversation?.conversationType === 'channel' || fromChannelData !== undefined;
  if (!isChannel) return undefined;
  if (fromChannelData) return stripMessageId(fromChannelData);
  return typeof conversation?.id === 'string' ? stripMessageId(conversation.id) : undefined;
}

function stripMessageId(id: string): string {
  return id.split(';messageid=')[0];
}

/** Teams' conversation types (conversation.conversationType); the Bot Connector accepts no other in a post. */
export const CONVERSATION_KINDS = ['channel', 'groupChat', 'personal'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

/** Which kind of conversation the activity comes from. */
export function conversationKind(activity: Partial<Activity>): ConversationKind {
  if (channelThreadIdOf(activity)) return 'channel';
  const type = (activity.conversation as { conversationType?: unknown; isGroup?: unknown } | undefined);
  if (type?.conversationType === 'groupChat' || type?.isGroup === true) return 'groupChat';
  return 'personal';
}

/**
 * The language to answer in: the activity's locale (Teams sends the user's client language, e.g. "zh-cn"), then the
 * clientInfo entity's, then the fallback (DEFAULT_LOCALE). Any Chinese maps to zh-CN, anything else to en-US;
 * malformed tags are skipped.
 */
export function localeOf(activity: Partial<Activity>, fallback: Locale): Locale {
  const tag = clientLocaleOf(activity);
  return tag === undefined ? fallback : supportedLocale(tag);
}

/** The client's own language tag as sent ("en-GB", "zh-cn"), before it is mapped to a language the bot speaks. */
export function clientLocaleOf(activity: Partial<Activity>): string | undefined {
  return firstValid(activity.locale, activity, 'locale', isLanguageTag);
}
