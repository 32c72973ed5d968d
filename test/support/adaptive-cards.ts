import type { AdaptiveCard, IValidationEvent } from 'adaptivecards';

// `require('adaptivecards')` fails on Node 20 (its lib/ is extensionless ESM inside a CommonJS
// package); the UMD bundle loads fine and its object model works without a DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
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
