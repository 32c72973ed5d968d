// Mentions on a card: Teams notifies a person when a TextBlock contains the mention's exact `<at>…</at>` text and
// the card lists it under msteams.entities.
import type { MentionEntity, TextBlock } from './card-elements';

export interface Mentionable {
  id: string;
  name: string;
}

/**
 * The name as it may appear inside a TextBlock, which Teams reads as Markdown: only letters, marks, digits,
 * spaces and . ' - survive, so a display name can't become a link, formatting, HTML or a template expression.
 */
export function mentionName(name: string): string {
  const safe = name.replace(/[^\p{L}\p{M}\p{N} .'-]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 64);
  return safe === '' ? 'someone' : safe;
}

/** One TextBlock mentioning everyone in `people` ("<at>Sam</at>, <at>Priya</at>") and its entities. */
export function mentionLine(people: readonly Mentionable[], lead = ''): { block: TextBlock; entities: MentionEntity[] } | undefined {
  if (people.length === 0) return undefined;
  const entities: MentionEntity[] = people.map((p) => {
    const name = mentionName(p.name);
    return { type: 'mention', text: `<at>${name}</at>`, mentioned: { id: p.id, name } };
  });
  const text = `${lead}${entities.map((e) => e.text).join(', ')}`;
  return { block: { type: 'TextBlock', text, wrap: true, spacing: 'Small' }, entities };
}
