// Turns what the user typed into one of the bot's commands.
import type { Activity } from 'botbuilder';

export type Command =
  | { kind: 'schedule'; details: string }
  | { kind: 'help' }
  | { kind: 'cancel' }
  | { kind: 'signOut' }
  | { kind: 'empty' }
  | { kind: 'unknown'; text: string };

/**
 * The message text without the bot's @mention. Other people's mentions keep their names as plain text
 * ("sync with <at>Bob</at>" → "sync with Bob"), and HTML entities Teams adds are decoded.
 */
export function messageText(activity: Partial<Activity>): string {
  const raw = typeof activity.text === 'string' ? activity.text : '';
  const botId = (activity.recipient as { id?: unknown } | undefined)?.id;
  let text = raw;
  for (const entity of Array.isArray(activity.entities) ? activity.entities : []) {
    const e = entity as { type?: unknown; mentioned?: { id?: unknown }; text?: unknown };
    if (e?.type === 'mention' && e.mentioned?.id === botId && typeof e.text === 'string' && e.text) {
      text = text.split(e.text).join(' ');
    }
  }
  // A leading <at>…</at> is addressed to the bot even if the entity didn't match (older clients, Emulator).
  text = text.replace(/^\s*<at>[^<]*<\/at>/i, ' ');
  text = text.replace(/<at>([^<]*)<\/at>/gi, '$1');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  const match = /^\/?([a-z-]+)(?:\s+([a-z]+))?\b/i.exec(trimmed);
  const word = match?.[1]?.toLowerCase() ?? '';
  const second = match?.[2]?.toLowerCase();
  if (word === 'schedule' || word === 'new' || word === 'book') {
    return { kind: 'schedule', details: trimmed.slice(match![1].length + (trimmed.startsWith('/') ? 1 : 0)).trim() };
  }
  if (word === 'help' || word === '?' ) return { kind: 'help' };
  if (word === 'cancel' || word === 'stop') return { kind: 'cancel' };
  if ((word === 'sign' || word === 'log') && second === 'out') return { kind: 'signOut' };
  if (word === 'signout' || word === 'logout') return { kind: 'signOut' };
  return { kind: 'unknown', text: trimmed };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
