// A small evaluator for the ARM template expressions infra/azure.json uses (`[format('{0}-plan', ...)]`), so tests can
// see the values a deployment would produce — app settings, names, the OAuth connection — without Azure. Functions
// that ask Azure (reference, uniqueString, resourceGroup) come from a stand-in context. An unknown function, parameter
// or variable, or a property read from nothing, throws: a typo in the template fails here instead of at deploy time.
import crypto from 'node:crypto';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ArmStandIns {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  /** What `reference(id, apiVersion)` returns (the resource's properties), or with 'full' the whole resource. */
  reference(resourceId: string, full: boolean): Json;
}

export interface ArmTemplate {
  parameters?: Record<string, { type: string; defaultValue?: Json; [key: string]: Json | undefined }>;
  variables?: Record<string, Json>;
  resources: Json[];
  outputs?: Record<string, { type: string; value: Json }>;
  [key: string]: unknown;
}

/** `[...]` is an expression; `[[...` is a literal string starting with `[` (ARM's escape). */
export const isExpression = (s: string): boolean => s.startsWith('[') && s.endsWith(']') && !s.startsWith('[[');

type Token = { kind: 'name' | 'string' | 'number' | 'punct'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) i++;
    else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new Error(`unterminated string in [${source}]`);
        if (source[i] === "'" && source[i + 1] === "'") (text += "'"), (i += 2);
        else if (source[i] === "'") break;
        else text += source[i++];
      }
      i++;
      tokens.push({ kind: 'string', text });
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+/.exec(source.slice(i))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'name', text: m[0] });
      i += m[0].length;
    } else if ('(),.[]'.includes(c)) tokens.push({ kind: 'punct', text: c }), i++;
    else throw new Error(`unexpected "${c}" in [${source}]`);
  }
  return tokens;
}

type Node =
  | { kind: 'literal'; value: Json }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'property'; target: Node; name: string }
  | { kind: 'index'; target: Node; index: Node };

function parse(source: string): Node {
  const tokens = tokenize(source);
  let at = 0;
  const peek = (text: string): boolean => tokens[at]?.kind === 'punct' && tokens[at]!.text === text;
  const expect = (text: string): void => {
    if (!peek(text)) throw new Error(`expected "${text}" at token ${at} in [${source}]`);
    at++;
  };
  const primary = (): Node => {
    const t = tokens[at++];
    if (!t) throw new Error(`unexpected end of [${source}]`);
    if (t.kind === 'string') return { kind: 'literal', value: t.text };
    if (t.kind === 'number') return { kind: 'literal', value: Number(t.text) };
    if (t.kind !== 'name') throw new Error(`unexpected "${t.text}" in [${source}]`);
    if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true' };
    expect('(');
    const args: Node[] = [];
    while (!peek(')')) {
      args.push(expression());
      if (!peek(')')) expect(',');
    }
    expect(')');
    return { kind: 'call', name: t.text, args };
  };
  const expression = (): Node => {
    let node = primary();
    for (;;) {
      if (peek('.')) {
        at++;
        const t = tokens[at++];
        if (t?.kind !== 'name') throw new Error(`expected a property name in [${source}]`);
        node = { kind: 'property', target: node, name: t.text };
      } else if (peek('[')) {
        at++;
        const index = expression();
        expect(']');
        node = { kind: 'index', target: node, index };
      } else return node;
    }
  };
  const node = expression();
  if (at !== tokens.length) throw new Error(`unexpected "${tokens[at]!.text}" after the expression in [${source}]`);
  return node;
}

const hash = (parts: Json[]): Buffer => crypto.createHash('sha256').update(JSON.stringify(parts)).digest();

/** Evaluates a template's expressions with given parameter values (defaults for the rest) and stand-ins for Azure. */
export class ArmEvaluator {
  private readonly params: Record<string, Json> = {};
  private readonly vars = new Map<string, Json>();

  constructor(
    private readonly template: ArmTemplate,
    values: Record<string, Json>,
    private readonly azure: ArmStandIns,
  ) {
    for (const [name, definition] of Object.entries(template.parameters ?? {})) {
      if (name in values) this.params[name] = values[name]!;
      else if (definition.defaultValue !== undefined) this.params[name] = this.value(definition.defaultValue);
    }
    for (const name of Object.keys(values)) if (!(name in this.params)) throw new Error(`the template has no parameter ${name}`);
  }

  /** Every string in `value` evaluated (expressions) or kept (literals), recursively. */
  value(value: Json): Json {
    if (typeof value === 'string') return isExpression(value) ? this.evaluate(parse(value.slice(1, -1))) : value.startsWith('[[') ? value.slice(1) : value;
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.value(v)]));
    return value;
  }

  private evaluate(node: Node): Json {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'property': {
        const target = this.evaluate(node.target);
        if (!target || typeof target !== 'object' || Array.isArray(target) || !(node.name in target)) {
          throw new Error(`no property "${node.name}" on ${JSON.stringify(target)}`);
        }
        return target[node.name]!;
      }
      case 'index': {
        const target = this.evaluate(node.target);
        const index = this.evaluate(node.index);
        const found = Array.isArray(target) ? target[Number(index)] : target && typeof target === 'object' ? target[String(index)] : undefined;
        if (found === undefined) throw new Error(`no [${String(index)}] in ${JSON.stringify(target)}`);
        return found;
      }
      case 'call':
        return this.call(node.name, node.args.map((a) => this.evaluate(a)));
    }
  }

  private call(name: string, args: Json[]): Json {
    const str = (i: number): string => {
      if (typeof args[i] !== 'string') throw new Error(`${name}: argument ${i + 1} must be a string (got ${JSON.stringify(args[i])})`);
      return args[i] as string;
    };
    const num = (i: number): number => {
      if (typeof args[i] !== 'number') throw new Error(`${name}: argument ${i + 1} must be a number (got ${JSON.stringify(args[i])})`);
      return args[i] as number;
    };
    const { subscriptionId, resourceGroup, location } = this.azure;
    const rgId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
    /** ARM's resource id: the type's segments interleaved with the names (type/a/child/b). */
    const idPath = (type: string, names: string[]): string => {
      const [namespace, ...types] = type.split('/');
      if (types.length !== names.length) throw new Error(`${name}('${type}') needs ${types.length} names, got ${names.length}`);
      return `${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
    };
    switch (name) {
      case 'parameters':
        if (!(str(0) in this.params)) throw new Error(`no parameter ${str(0)} (or it has no value and no default)`);
        return this.params[str(0)]!;
      case 'variables': {
        const v = str(0);
        if (!this.vars.has(v)) {
          if (!this.template.variables || !(v in this.template.variables)) throw new Error(`no variable ${v}`);
          this.vars.set(v, this.value(this.template.variables[v]!));
        }
        return this.vars.get(v)!;
      }
      case 'concat':
        return args.every(Array.isArray) ? (args as Json[][]).flat() : args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join('');
      case 'format':
        return str(0).replace(/\{(\d+)\}/g, (_m, i: string) => {
          const arg = args[Number(i) + 1];
          if (arg === undefined) throw new Error(`format: no argument {${i}}`);
          return typeof arg === 'string' ? arg : JSON.stringify(arg);
        });
      case 'string':
        return typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
      case 'toLower':
        return str(0).toLowerCase();
      case 'take':
        return Array.isArray(args[0]) ? args[0].slice(0, num(1)) : str(0).slice(0, num(1));
      case 'length':
        if (typeof args[0] === 'string' || Array.isArray(args[0])) return args[0].length;
        throw new Error(`length: not a string or array (${JSON.stringify(args[0])})`);
      case 'sub':
        return num(0) - num(1);
      case 'endsWith':
        return str(0).toLowerCase().endsWith(str(1).toLowerCase());
      case 'if':
        if (typeof args[0] !== 'boolean') throw new Error(`if: the condition must be a boolean (got ${JSON.stringify(args[0])})`);
        return args[0] ? args[1]! : args[2]!;
      case 'uniqueString':
        // 13 characters of base 32 (lowercase letters and digits), like Azure's.
        return [...hash(args).subarray(0, 13)].map((b) => 'abcdefghijklmnopqrstuvwxyz234567'[b % 32]).join('');
      case 'guid': {
        const h = hash(args).toString('hex');
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
      }
      case 'resourceGroup':
        return { id: rgId, name: resourceGroup, location };
      case 'subscription':
        return { id: `/subscriptions/${subscriptionId}`, subscriptionId };
      case 'resourceId':
        return `${rgId}/providers/${idPath(str(0), args.slice(1).map((_, i) => str(i + 1)))}`;
      case 'subscriptionResourceId':
        return `/subscriptions/${subscriptionId}/providers/${idPath(str(0), args.slice(1).map((_, i) => str(i + 1)))}`;
      case 'reference':
        if (args.length === 3 && args[2] !== 'full') throw new Error(`reference: the third argument can only be 'full'`);
        return this.azure.reference(str(0), args[2] === 'full');
      default:
        throw new Error(`unknown template function ${name}()`);
    }
  }
}

/** Every parameters('x') an expression in `value` names (to check each parameter is used). */
export function parametersUsed(value: unknown): Set<string> {
  const text = JSON.stringify(value);
  return new Set([...text.matchAll(/parameters\('([^']+)'\)/g)].map((m) => m[1]!));
}
