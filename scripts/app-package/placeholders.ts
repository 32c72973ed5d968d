// `${{VAR}}` placeholders (the Agents Toolkit syntax; spaces inside the braces allowed) in the manifest's strings.
// Values are substituted into the parsed JSON, never into the text, so a value can't break the JSON.

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export class MissingVariablesError extends Error {
  constructor(readonly variables: string[]) {
    super(`missing ${variables.length === 1 ? 'variable' : 'variables'}: ${variables.join(', ')}`);
    this.name = 'MissingVariablesError';
  }
}

export class MalformedPlaceholderError extends Error {
  constructor(readonly text: string) {
    super(`malformed placeholder in "${text}" (expected \${{NAME}} with NAME made of letters, digits and _)`);
    this.name = 'MalformedPlaceholderError';
  }
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function mapStrings(value: Json, fn: (s: string) => string): Json {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn);
    return out;
  }
  return value;
}

/** Every variable name the value's strings refer to, in order of first use. */
export function placeholderNames(value: unknown): string[] {
  const names = new Set<string>();
  mapStrings(value as Json, (s) => {
    for (const m of s.matchAll(PLACEHOLDER)) names.add(m[1]);
    return s;
  });
  return [...names];
}

/**
 * A copy of `value` with every `${{VAR}}` replaced by vars[VAR]. An unset or empty variable is missing:
 * throws MissingVariablesError naming every missing variable at once.
 */
export function fillPlaceholders<T>(value: T, vars: Readonly<Record<string, string | undefined>>): T {
  const missing = placeholderNames(value).filter((name) => !vars[name]?.trim());
  if (missing.length) throw new MissingVariablesError(missing);
  return mapStrings(value as Json, (s) => {
    const filled = s.replace(PLACEHOLDER, (_m, name: string) => vars[name]!.trim());
    if (s.replace(PLACEHOLDER, '').includes('${{')) throw new MalformedPlaceholderError(s);
    return filled;
  }) as T;
}
