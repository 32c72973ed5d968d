// Mentions on a card: Teams notifies a person when a TextBlock contains the mention's exact `<at>…</at>` text and
// the card lists it under msteams.entities.
import { clipName, NAME_MAX_CHARS } from '../meetings/people';
import { byteLength, countWithin } from './card-size';
import type { MentionEntity, TextBlock } from './card-elements';

export interface Mentionable {
  id: string;
  name: string;
}

/**
 * The name as it may appear inside a TextBlock, which Teams reads as Markdown: only letters, marks, digits,
 * spaces and . ' - (and the "…" of a cut name) survive, so a display name can't become a link, formatting, HTML or a
 * template expression. At most NAME_MAX_CHARS characters.
 */
export function mentionName(name: string): string {
  const safe = clipName(name.replace(/[^\p{L}\p{M}\p{N} .'\-…]/gu, ' ').replace(/\s+/g, ' '), NAME_MAX_CHARS);
  return safe === '' || safe === '…' ? 'someone' : safe;
}

export interface MentionLineOptions {
  /** The mentions (their text and entities) take at most this many bytes of the card; default: no limit. */
  maxBytes?: number;
  /**
   * What stands for the people who aren't mentioned for lack of room ("and 12 more"; `shown` is how many are
   * mentioned before it). Required with `maxBytes`.
   */
  more?: (left: number, shown: number) => string;
}

const SEPARATOR = ', ';

/**
 * One TextBlock mentioning the people in `people` ("<at>Sam</at>, <at>Priya</at>") and its entities. Within
 * `maxBytes`, the people beyond the room are counted by `more` instead of mentioned. `text` of each entity is exactly
 * the text in the block (Teams requires it).
 */
export function mentionLine(people: readonly Mentionable[], lead = '', opts: MentionLineOptions = {}): { block: TextBlock; entities: MentionEntity[]; left: number } | undefined {
  if (people.length === 0) return undefined;
  const all: MentionEntity[] = people.map((p) => {
    const name = mentionName(p.name);
    return { type: 'mention', text: `<at>${name}</at>`, mentioned: { id: p.id, name } };
  });
  // Each mention costs its text in the block, the separator, and its entity (with the comma between entities).
  const shown = countWithin(all, opts.maxBytes ?? Infinity, (e) => byteLength(e.text) + SEPARATOR.length + byteLength(JSON.stringify(e)) + 1);
  const entities = all.slice(0, shown);
  const left = all.length - shown;
  const mentioned = entities.map((e) => e.text).join(SEPARATOR);
  const rest = left > 0 && opts.more ? opts.more(left, shown) : '';
  const text = `${lead}${mentioned}${mentioned !== '' && rest !== '' ? ' ' : ''}${rest}`;
  return { block: { type: 'TextBlock', text, wrap: true, spacing: 'Small' }, entities, left };
}
