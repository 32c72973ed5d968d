// Every resource of an ARM template, the ones nested in a parent's `resources` included, with its full type
// (a nested `containers` under storageAccounts/blobServices is Microsoft.Storage/storageAccounts/blobServices/containers).
import type { Json } from './arm-expression';

export interface ArmResource {
  /** Full type, e.g. Microsoft.Storage/storageAccounts/blobServices/containers. */
  type: string;
  apiVersion: string;
  /** True when declared inside its parent's `resources` (its `type` and `name` are then the short, child forms). */
  nested: boolean;
  /** Where it is in the template, for messages: resources[0].resources[1]. */
  path: string;
  body: { [key: string]: Json };
}

const isObject = (v: unknown): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

export function armResources(template: { resources: Json[] }): ArmResource[] {
  const found: ArmResource[] = [];
  const walk = (list: Json[], parentType: string | undefined, prefix: string): void => {
    list.forEach((body, i) => {
      const path = `${prefix}[${i}]`;
      if (!isObject(body) || typeof body.type !== 'string' || typeof body.apiVersion !== 'string') {
        throw new Error(`${path} is not a resource with a string type and apiVersion`);
      }
      const type = parentType ? `${parentType}/${body.type}` : body.type;
      found.push({ type, apiVersion: body.apiVersion, nested: parentType !== undefined, path, body });
      if (Array.isArray(body.resources)) walk(body.resources, type, `${path}.resources`);
    });
  };
  walk(template.resources, undefined, 'resources');
  return found;
}

/** The one resource of `type` (full type); throws when there is none or several. */
export function theResource(resources: ArmResource[], type: string): ArmResource {
  const matching = resources.filter((r) => r.type === type);
  if (matching.length !== 1) throw new Error(`expected one ${type}, found ${matching.length}`);
  return matching[0]!;
}

/** The one resource of `type` named `name` (as the sample deployment evaluates it, or the raw expression). */
export function theNamed(resources: ArmResource[], type: string, name: (raw: string) => boolean): ArmResource {
  const matching = resources.filter((r) => r.type === type && name(String(r.body.name)));
  if (matching.length !== 1) throw new Error(`expected one ${type} so named, found ${matching.length}`);
  return matching[0]!;
}
