// Follows the ${{VAR}}s through an Agents Toolkit project file in the order the Toolkit runs it (provision, deploy,
// publish): what each step uses (in its own settings and in the files it reads — the Entra manifest, the ARM
// parameters, the Teams manifest) and what it writes to the env file.
import fs from 'node:fs';
import path from 'node:path';
import { placeholderNames } from '../../scripts/app-package/placeholders';

export interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

export interface VariableUse {
  lifecycle: string;
  step: string;
  /** Where the variable appears: the step itself, or a file it reads. */
  where: string;
  variable: string;
}

/** The files a step reads whose ${{VAR}}s the Toolkit fills, by repository path. */
export type FileReader = (relativePath: string) => unknown;

/** What a step writes to the env file. `armOutputs`: the ARM template's output names. */
export function written(step: Step, armOutputs: string[]): string[] {
  const names = Object.values(step.writeToEnvironmentFile ?? {});
  // arm/deploy: every output under its name in upper case (teamsfx-core convertOutputs).
  if (step.uses === 'arm/deploy') names.push(...armOutputs.map((o) => o.toUpperCase()));
  // script: `::set-teamsfx-env NAME=value` lines (teamsfx-core scriptDriver parseSetOutputCommand).
  if (step.uses === 'script') for (const m of String(step.with?.run ?? '').matchAll(/::(?:set-teamsfx-env|set-output)\s+(\w+)=/g)) names.push(m[1]);
  // aadApp/update generates the scope id when the manifest uses it and it is empty.
  if (step.uses === 'aadApp/update') names.push('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
  return names;
}

/** Every variable each step uses, in run order, with what earlier steps wrote at that point. */
export function variableUses(project: Record<string, unknown>, read: FileReader, armOutputs: string[]): Array<VariableUse & { writtenBefore: Set<string> }> {
  const uses: Array<VariableUse & { writtenBefore: Set<string> }> = [];
  const seen = new Set<string>();
  for (const lifecycle of ['provision', 'deploy', 'publish']) {
    for (const step of (project[lifecycle] as Step[] | undefined) ?? []) {
      // aadApp/update generates the scope id before it fills the manifest: provided within the step itself.
      const own = step.uses === 'aadApp/update' ? ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'] : [];
      const at = (where: string, value: unknown) => {
        for (const variable of placeholderNames(value)) uses.push({ lifecycle, step: step.uses, where, variable, writtenBefore: new Set([...seen, ...own]) });
      };
      at('the step', step.with ?? {});
      const files = {
        'aadApp/update': step.with?.manifestPath,
        'teamsApp/validateManifest': step.with?.manifestPath,
        'teamsApp/zipAppPackage': step.with?.manifestPath,
      } as Record<string, unknown>;
      if (typeof files[step.uses] === 'string') at(String(files[step.uses]), read(String(files[step.uses])));
      if (step.uses === 'arm/deploy') {
        for (const t of (step.with?.templates as Array<{ parameters?: string }> | undefined) ?? []) if (t.parameters) at(t.parameters, read(t.parameters));
      }
      for (const name of written(step, armOutputs)) seen.add(name);
    }
  }
  return uses;
}

/** A repository file as JSON, or its stand-in under test/deploy/fixtures/ while the repository has none. */
export function realOrFixture(root: string, fixtures: string, map: Record<string, string>): FileReader {
  return (relativePath) => {
    const clean = path.normalize(relativePath).replace(/^\.\//, '');
    const real = path.join(root, clean);
    const file = fs.existsSync(real) ? real : map[clean] ? path.join(fixtures, map[clean]) : real;
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  };
}
