// The people a message @mentions (other than the bot), and the message text without them: "schedule Design review
// tomorrow 3pm with @Sam @Priya" is a request for "Design review tomorrow 3pm" with Sam and Priya invited.
import type { Activity } from 'botbuilder';
import { messageText } from './message-text';

export interface PersonMention {
  /** Teams user id ("29:…"). */
  id: string;
  name: string;
}

export interface Mentions {
  /** Mentioned people, each once, without the bot and without the sender. */
  people: PersonMention[];
  /** A channel, team, tag or "everyone" mention: it names a group, not people. */
  everyone: boolean;
}

interface MentionEntity {
  type?: unknown;
  text?: unknown;
  mentioned?: { id?: unknown; name?: unknown; type?: unknown };
}

/** Stands for a removed mention while the words around it are cut (a private-use character nobody types). */
const MARK = '\uE000';
/** Words that introduce the invited people: "with @Sam", "invite @Sam", "邀请 @Sam". */
const LEAD = String.raw`(?:\b(?:with|invite|inviting|invites|and)\b|邀请|请|和|与|跟)`;
/** Between two mentions: "@Sam, @Priya", "@Sam and @Priya", "@Sam、@Priya". */
const JOIN = String.raw`(?:,|，|、|&|\band\b|和|与|跟|及)`;
const INVITEES = new RegExp(String.raw`(?:${LEAD}\s*)?${MARK}(?:\s*${JOIN}?\s*${MARK})*`, 'giu');

function mentionEntities(activity: Partial<Activity>): MentionEntity[] {
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  return entities.filter((e): e is MentionEntity => !!e && typeof e === 'object' && (e as MentionEntity).type === 'mention');
}

/** A mention that names a group: Teams gives channels and chats "19:" ids, and tags/channels/teams a type. */
function isGroupMention(e: MentionEntity): boolean {
  const id = typeof e.mentioned?.id === 'string' ? e.mentioned.id : '';
  const type = typeof e.mentioned?.type === 'string' ? e.mentioned.type.toLowerCase() : 'person';
  const name = typeof e.mentioned?.name === 'string' ? e.mentioned.name.trim().toLowerCase() : '';
  return id.startsWith('19:') || (type !== 'person' && type !== 'user') || name === 'everyone';
}

/**
 * More people than anyone mentions in one message: a meeting takes 50, the rest are reported as too many, and a
 * crafted activity with thousands of mention entities can't make the bot look up or store thousands of names.
 */
export const MAX_MENTIONED_PEOPLE = 100;

export function readMentions(activity: Partial<Activity>): Mentions {
  const botId = (activity.recipient as { id?: unknown } | undefined)?.id;
  const senderId = (activity.from as { id?: unknown } | undefined)?.id;
  const people: PersonMention[] = [];
  const seen = new Set<string>();
  let everyone = false;
  for (const e of mentionEntities(activity)) {
    const id = e.mentioned?.id;
    if (typeof id !== 'string' || id === '' || id === botId) continue;
    if (isGroupMention(e)) {
      everyone = true;
      continue;
    }
    if (id === senderId || seen.has(id) || people.length >= MAX_MENTIONED_PEOPLE) continue;
    seen.add(id);
    const name = typeof e.mentioned?.name === 'string' && e.mentioned.name.trim() !== '' ? e.mentioned.name.trim() : nameIn(e.text) ?? id;
    people.push({ id, name });
  }
  return { people, everyone };
}

/**
 * The message text (as messageText reads it) without the mentions of people and groups and the words that
 * introduce them, so "with @Sam @Priya" never ends up in a subject. The bot's own mention is left to messageText.
 */
export function messageTextWithoutPeople(activity: Partial<Activity>): string {
  const raw = typeof activity.text === 'string' ? activity.text : '';
  const botId = (activity.recipient as { id?: unknown } | undefined)?.id;
  let text = raw;
  for (const e of mentionEntities(activity)) {
    if (e.mentioned?.id === botId || typeof e.text !== 'string' || e.text === '') continue;
    text = text.split(e.text).join(MARK);
  }
  if (text === raw) return messageText(activity);
  text = text.replace(INVITEES, ' ').split(MARK).join(' ');
  return messageText({ ...activity, text });
}

function nameIn(text: unknown): string | undefined {
  const m = typeof text === 'string' ? /<at>([^<]*)<\/at>/i.exec(text) : null;
  return m?.[1]?.trim() || undefined;
}
