import type { AdaptiveCard, IValidationEvent } from 'adaptivecards';

// `require('adaptivecards')` fails on Node 20 (its lib/ is extensionless ESM inside a CommonJS
// package); the UMD bundle loads fine and its object model works without a DOM.
const AC = require('adaptivecards/dist/adaptivecards.min.js') as typeof import('adaptivecards');

function describe(phase: string, e: IValidationEvent): string {
  const src = e.source;
  let where = '';
  if (src) {
    // Elements and actions (CardObject) have a JSON type name and maybe an id; other objects don't.
    const obj = src as { getJsonTypeName?: () => string; id?: string };
    const type = obj.getJsonTypeName?.() ?? src.constructor.name;
    const id = obj.id;
    where = id ? ` [${type}#${id}]` : ` [${type}]`;
  }
  return `${phase} ${AC.ValidationEvent[e.event]}${where}: ${e.message}`;
}

/**
 * Parses `json` as Teams would at schema 1.5 (newer element types and enum values are reported)
 * and runs the SDK's property validation. `events` is empty for a clean card.
 */
export function parseAdaptiveCard(json: object): { card: AdaptiveCard; events: string[] } {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(describe('parse', context.getEventAt(i)));
  for (const e of card.validateProperties().validationEvents) events.push(describe('validate', e));
  return { card, events };
}

type Json = unknown;

function walk(node: Json, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
  } else if (node !== null && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

/** Every object in the card whose `type` is `type`, in document order. */
export function findByType(card: Json, type: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  walk(card, (o) => {
    if (o.type === type) found.push(o);
  });
  return found;
}

/** TextRun texts (rendered literally) in document order. */
export function textRunTexts(card: Json): string[] {
  return findByType(card, 'TextRun').map((r) => String(r.text));
}

/** Texts Teams runs through Markdown: TextBlock text and FactSet titles/values. */
export function markdownTexts(card: Json): string[] {
  const texts = findByType(card, 'TextBlock').map((b) => String(b.text));
  for (const set of findByType(card, 'FactSet')) {
    for (const fact of (set.facts as { title?: string; value?: string }[] | undefined) ?? []) {
      texts.push(String(fact.title), String(fact.value));
    }
  }
  return texts;
}

/** Each RichTextBlock's runs joined: what the user reads as one line. */
export function richTextLines(card: Json): string[] {
  return findByType(card, 'RichTextBlock').map((b) =>
    ((b.inlines as { text?: string }[] | undefined) ?? []).map((r) => r.text ?? '').join(''),
  );
}

/** Every string value anywhere in the card. */
export function allStrings(card: Json): string[] {
  const out: string[] = [];
  const rec = (n: Json): void => {
    if (typeof n === 'string') out.push(n);
    else if (Array.isArray(n)) n.forEach(rec);
    else if (n !== null && typeof n === 'object') Object.values(n).forEach(rec);
  };
  rec(card);
  return out;
}
