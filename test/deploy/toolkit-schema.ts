// Validates an Agents Toolkit project file against the JSON schema of the version it declares, offline: the schema
// comes from test/deploy/schemas/<version>/ (copied from @microsoft/teamsfx-core, see schemas/README.md).
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { REPO_ROOT } from './deploy-root';

export const SCHEMA_DIR = path.join(REPO_ROOT, 'test', 'deploy', 'schemas');
const SCHEMA_COMMENT = /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/(v\d+\.\d+)\/yaml\.schema\.json$/m;

export interface ProjectFile {
  text: string;
  /** The parsed YAML (plain objects). */
  data: Record<string, unknown>;
  /** The version named by `version:`. */
  version: string;
  /** The version named by the yaml-language-server $schema comment. */
  schemaComment: string | undefined;
}

export function readProjectFile(file: string): ProjectFile {
  const text = fs.readFileSync(file, 'utf8');
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) throw new Error(`${path.basename(file)}: ${doc.errors.map((e) => e.message).join('; ')}`);
  const data = doc.toJS() as Record<string, unknown>;
  return { text, data, version: String(data.version), schemaComment: SCHEMA_COMMENT.exec(text)?.[1] };
}

/** Schema errors of `data` against the offline schema of `version` (empty = valid). */
export function schemaErrors(data: unknown, version: string): string[] {
  const file = path.join(SCHEMA_DIR, version, 'yaml.schema.json');
  if (!fs.existsSync(file)) throw new Error(`no offline schema for ${version} in test/deploy/schemas/`);
  // strict: false — the Toolkit's schema carries editor hints (markdownDescription…) ajv does not know.
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
