// The text a person typed, as the bot should read it.
import type { Activity } from 'botbuilder';

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

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
