// Builds appPackage/build/appPackage.<env>.zip from appPackage/manifest.json, the icons and env/.env.<env>.
import fs from 'node:fs';
import path from 'node:path';
import { readEnvFile } from './env-file';
import { checkIcon } from './icons';
import { appPackageDir, manifestTemplatePath, zipPath } from './paths';
import { fillPlaceholders, MissingVariablesError, placeholderNames } from './placeholders';
import { buildZip } from './zip';
import {
  checkLanguageFileRules,
  checkManifestRules,
  schemaVersionOf,
  TeamsManifest,
  validateAgainstBundledSchema,
  validateLanguageFile,
  type LanguageFile,
} from './validate';

/** A packaging failure: `message` is one line; `details` (schema errors etc.) one problem each. */
export class PackageError extends Error {
  constructor(message: string, readonly details: string[] = []) {
    super(message);
    this.name = 'PackageError';
  }
}

export interface AppPackage {
  envName: string;
  /** The filled, validated manifest (what is in the zip). */
  manifest: TeamsManifest;
  /** The validated language files (localizationInfo), by file name, as in the zip. */
  languageFiles: Record<string, LanguageFile>;
  schemaVersion: string;
  zip: Buffer;
  /** Things that don't stop packaging but need a human (placeholder ids). */
  warnings: string[];
}

const PLACEHOLDER_GUID = '00000000-0000-0000-0000-000000000000';

export function readManifestTemplate(root: string): TeamsManifest {
  const file = manifestTemplatePath(root);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TeamsManifest;
  } catch (err) {
    throw new PackageError(`cannot read ${path.relative(root, file)}: ${(err as Error).message}`);
  }
}

/** Fills the template from env/.env.<envName>; a PackageError names every variable the file doesn't set. */
export function fillManifest(root: string, envName: string): { manifest: TeamsManifest; vars: Record<string, string> } {
  const template = readManifestTemplate(root);
  const { vars } = readEnvFile(root, envName);
  try {
    return { manifest: fillPlaceholders(template, vars), vars };
  } catch (err) {
    if (err instanceof MissingVariablesError) {
      throw new PackageError(
        `env/.env.${envName} does not set ${err.variables.join(', ')} (used by appPackage/manifest.json)`,
      );
    }
    throw err;
  }
}

/** Fills, validates (offline) and zips; throws PackageError listing every problem found. */
export async function buildAppPackage(root: string, envName: string): Promise<AppPackage> {
  const { manifest, vars } = fillManifest(root, envName);
  const schemaVersion = schemaVersionOf(manifest);

  const problems: string[] = [];
  problems.push(...(await validateAgainstBundledSchema(manifest)).map((e) => `schema v${schemaVersion}: ${e}`));
  problems.push(...checkManifestRules(manifest));

  // The bot that runs from this env file must be the bot the manifest installs.
  const runtimeBotId = vars.MicrosoftAppId?.trim() || vars.BOT_ID?.trim();
  const manifestBotId = manifest.bots?.[0]?.botId;
  if (runtimeBotId && manifestBotId !== runtimeBotId) {
    problems.push(`the manifest's bot id (${manifestBotId}) differs from the id the bot runs as (${runtimeBotId}) in env/.env.${envName}`);
  }

  const icons: Record<string, Buffer> = {};
  for (const kind of ['color', 'outline'] as const) {
    const name = manifest.icons?.[kind];
    if (!name) continue; // the schema reports it
    if (!/^[\w.-]+\.png$/.test(name)) {
      problems.push(`icons.${kind} must be a .png file name next to manifest.json (is "${name}")`);
      continue;
    }
    const file = path.join(appPackageDir(root), name);
    if (!fs.existsSync(file)) {
      problems.push(`icons.${kind}: appPackage/${name} does not exist (npm run icons draws it)`);
      continue;
    }
    icons[name] = fs.readFileSync(file);
    problems.push(...checkIcon(kind, icons[name]));
  }

  const languageFiles: Record<string, LanguageFile> = {};
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    const name = language.file ?? '';
    if (!/^[\w.-]+\.json$/.test(name)) {
      problems.push(`localizationInfo: the file of ${language.languageTag} must be a .json file name next to manifest.json (is "${name}")`);
      continue;
    }
    const file = path.join(appPackageDir(root), name);
    let content: LanguageFile;
    try {
      content = JSON.parse(fs.readFileSync(file, 'utf8')) as LanguageFile;
    } catch (err) {
      problems.push(`localizationInfo: cannot read appPackage/${name}: ${(err as Error).message}`);
      continue;
    }
    problems.push(...(await validateLanguageFile(manifest, content)).map((e) => `${name}: ${e}`));
    problems.push(...checkLanguageFileRules(manifest, content).map((e) => `${name}: ${e}`));
    languageFiles[name] = content;
  }

  if (problems.length) {
    throw new PackageError(`appPackage/manifest.json filled from env/.env.${envName} is not a valid Teams app package`, problems);
  }

  const warnings = placeholderNames(readManifestTemplate(root))
    .filter((name) => vars[name].trim().toLowerCase() === PLACEHOLDER_GUID)
    .map((name) => `${name} is still the placeholder ${PLACEHOLDER_GUID}: set the real value in env/.env.${envName} before uploading`);

  return { envName, manifest, languageFiles, schemaVersion, zip: buildZip({ manifest, icons, languageFiles }), warnings };
}

/** buildAppPackage, then writes appPackage/build/appPackage.<env>.zip; returns the package and the file written. */
export async function writeAppPackage(root: string, envName: string): Promise<AppPackage & { file: string }> {
  const pkg = await buildAppPackage(root, envName);
  const file = zipPath(root, envName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, pkg.zip);
  return { ...pkg, file };
}
