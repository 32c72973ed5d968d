import * as ACData from 'adaptivecards-templating';

/** Properties every card we send carries (Teams renders schema 1.5 at most). */
export const CARD_ENVELOPE = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  msteams: { width: 'Full' },
} as const;

// Building a Template parses every expression in it (adaptive-expressions/ANTLR): a few ms each time.
// Our templates are module constants and expand() is synchronous, so one prepared Template per template is safe.
const prepared = new WeakMap<object, ACData.Template>();
function preparedTemplate(template: object): ACData.Template {
  let t = prepared.get(template);
  if (!t) {
    t = new ACData.Template(template);
    prepared.set(template, t);
  }
  return t;
}

const FALSE_WHEN = /^WARN: Unable to parse the Adaptive Expression .* The \$when condition has been set to false by default\.$/s;

/**
 * Expands `template` against `data`. Data values are substituted verbatim (a user's "${x}" is not
 * evaluated again), but an expression whose field is *missing* is left in the output as the literal
 * "${field}" — so callers pass every field, using "" / false / [] for absent ones.
 */
export function expandCard(template: object, data: object): Record<string, unknown> {
  const t = preparedTemplate(template);
  const card: unknown = t.expand({ $root: data });
  // The engine also "warns" for every $when that is simply false (adaptivecards-templating 2.3.1
  // pushes a warning whenever the value is falsy), so only other warnings are errors.
  const warnings = t.getLastTemplateExpansionWarnings().filter((w) => !FALSE_WHEN.test(w));
  if (warnings.length > 0) throw new Error(`Adaptive Card template expansion: ${warnings.join('; ')}`);
  if (typeof card !== 'object' || card === null || Array.isArray(card)) {
    throw new Error('Adaptive Card template did not expand to an object');
  }
  return card as Record<string, unknown>;
}

type TextRunStyle = Partial<{
  size: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight: 'Lighter' | 'Default' | 'Bolder';
  color: 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
  isSubtle: boolean;
  italic: boolean;
  fontType: 'Default' | 'Monospace';
}>;

/** Card fragment (in templates too): a TextRun. TextRun never parses Markdown, so user text stays literal. */
export function run(text: string, style: TextRunStyle = {}): Record<string, unknown> {
  return { type: 'TextRun', text, ...style };
}

/** Card fragment (in templates too): a RichTextBlock (one line/paragraph) made of TextRuns. */
export function richText(inlines: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'RichTextBlock', ...extra, inlines };
}
