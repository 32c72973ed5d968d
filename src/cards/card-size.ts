// How big a card may be. Teams refuses a message whose card JSON is over 28 KB; with 50 attendees, long names and
// long Teams ids the people alone could be more. Every builder measures what it built (the JSON as it is sent) and,
// when it is over the budget, shows less: fewer people named (counted instead), shorter names, no optional data.

/** Teams' limit for a card (28 KB of JSON). */
export const TEAMS_CARD_MAX_BYTES = 28 * 1024;

/** Every card builder keeps its card within this: Teams' limit less room for the activity around the card. */
export const CARD_BUDGET_BYTES = 26 * 1024;

/** UTF-8 bytes of a text. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The card's size as sent: its JSON in UTF-8. */
export function cardBytes(card: object): number {
  return byteLength(JSON.stringify(card));
}

/** The card is within `budget` bytes. */
export function fitsBudget(card: object, budget: number = CARD_BUDGET_BYTES): boolean {
  return cardBytes(card) <= budget;
}

/** How many of `items`, from the first, take at most `maxBytes` together, each `cost(item)` bytes. */
export function countWithin<T>(items: readonly T[], maxBytes: number, cost: (item: T) => number): number {
  if (maxBytes === Infinity) return items.length;
  let used = 0;
  let count = 0;
  for (const item of items) {
    used += cost(item);
    if (used > maxBytes) break;
    count += 1;
  }
  return count;
}

/**
 * The first card `build` gives for `shapes` (fullest first, each smaller than the one before) that is within
 * `budget`; the last one when none is.
 */
export function firstWithin<S, C extends object>(shapes: readonly S[], build: (shape: S) => C, budget: number = CARD_BUDGET_BYTES): C {
  let card: C | undefined;
  for (const shape of shapes) {
    card = build(shape);
    if (fitsBudget(card, budget)) return card;
  }
  if (card === undefined) throw new Error('firstWithin needs at least one shape');
  return card;
}
