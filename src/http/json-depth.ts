// How deeply a request body nests. Teams activities nest about six levels; a body nested thousands deep parses
// fine but makes every later recursive walk (botbuilder's serializers, logging) overflow the stack, so the turn
// dies without an answer. Measured without recursion, so the measuring itself can't overflow.

/** Deeper than this, an activity is refused before any turn. */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests objects and arrays deeper than `max` levels. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}
