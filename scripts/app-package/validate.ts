// Offline validation of a filled manifest against the official Teams JSON schema bundled in @microsoft/app-manifest.
//
// Why this never goes to the network: we read the schema file for the manifest's own version from the package's
// build/json-schemas/teams/v<X.Y>/ folder ourselves and hand it to AppManifestUtils.validateAgainstSchema(manifest,
// schema). With a schema argument that function only compiles it with ajv-draft-04 (+ ajv-formats) and validates;
// its download path (fetchSchema → fetch) runs only when no schema is passed. A $schema URL we have no bundled
// file for is an error, not a download.
import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';

const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/;

/** The manifest fields the packaging rules look at (the schema checks everything else). */
export interface TeamsManifest {
  $schema?: string;
  manifestVersion?: string;
  id?: string;
  developer?: { name?: string; websiteUrl?: string; privacyUrl?: string; termsOfUseUrl?: string };
  icons?: { color?: string; outline?: string };
  bots?: Array<{
    botId?: string;
    scopes?: string[];
    commandLists?: Array<{ scopes?: string[]; commands?: Array<{ title?: string; description?: string }> }>;
  }>;
  validDomains?: string[];
  webApplicationInfo?: { id?: string; resource?: string };
  localizationInfo?: { defaultLanguageTag?: string; additionalLanguages?: Array<{ languageTag?: string; file?: string }> };
  [key: string]: unknown;
}

/** A language file (localizationInfo.additionalLanguages[].file): flat keys such as "name.short" → translated text. */
export type LanguageFile = Record<string, unknown>;

/** Folder of the Teams schemas inside the installed @microsoft/app-manifest. */
function bundledSchemaDir(): string {
  return path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
}

/** Versions with a bundled MicrosoftTeams.schema.json, oldest first. */
export function bundledSchemaVersions(): string[] {
  return fs
    .readdirSync(bundledSchemaDir())
    .filter((d) => /^v\d+\.\d+$/.test(d) && fs.existsSync(path.join(bundledSchemaDir(), d, 'MicrosoftTeams.schema.json')))
    .map((d) => d.slice(1))
    .sort((a, b) => {
      const [am, an] = a.split('.').map(Number);
      const [bm, bn] = b.split('.').map(Number);
      return am - bm || an - bn;
    });
}

export class SchemaNotBundledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaNotBundledError';
  }
}

/** The schema version named by the manifest's $schema URL (the canonical developer.microsoft.com form only). */
export function schemaVersionOf(manifest: TeamsManifest): string {
  const m = typeof manifest.$schema === 'string' ? SCHEMA_URL.exec(manifest.$schema) : null;
  if (!m) {
    throw new SchemaNotBundledError(
      `$schema must be https://developer.microsoft.com/json-schemas/teams/vX.Y/MicrosoftTeams.schema.json (got ${JSON.stringify(manifest.$schema)})`,
    );
  }
  return m[1];
}

function loadBundledSchema(version: string): object {
  const file = path.join(bundledSchemaDir(), `v${version}`, 'MicrosoftTeams.schema.json');
  if (!/^\d+\.\d+$/.test(version) || !fs.existsSync(file)) {
    throw new SchemaNotBundledError(
      `no bundled Teams schema v${version} in @microsoft/app-manifest (bundled: ${bundledSchemaVersions().join(', ')})`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as object;
}

/** The bundled localization schema of a manifest version (what a language file is checked against). */
function loadBundledLocalizationSchema(version: string): object {
  const file = path.join(bundledSchemaDir(), `v${version}`, 'MicrosoftTeams.Localization.schema.json');
  if (!/^\d+\.\d+$/.test(version) || !fs.existsSync(file)) {
    throw new SchemaNotBundledError(`no bundled Teams localization schema v${version} in @microsoft/app-manifest`);
  }
  return withUnicodeSafePatterns(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
}

/**
 * Microsoft's localization schemas have property patterns with a bare "]" outside a character class
 * ("^activities.activityTypes\[\b(…)\b]\.description$"). Plain JavaScript regular expressions read it as a
 * literal, but ajv compiles patterns with the u flag, where it is a syntax error and nothing validates. Escaping
 * those brackets keeps every pattern's meaning.
 */
function withUnicodeSafePatterns<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(withUnicodeSafePatterns) as T;
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
        return [key, Object.fromEntries(Object.entries(value).map(([p, v]) => [escapeStrayBrackets(p), withUnicodeSafePatterns(v)]))];
      }
      if (key === 'pattern' && typeof value === 'string') return [key, escapeStrayBrackets(value)];
      return [key, withUnicodeSafePatterns(value)];
    }),
  ) as T;
}

/** A "]" that closes no character class, escaped. */
function escapeStrayBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']') {
      out += inClass ? c : '\\]';
      inClass = false;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Schema errors of a language file against Microsoft's localization schema of the manifest's version (the same
 * ajv path as the manifest, offline); empty when valid. Its own $schema must name that schema.
 */
export async function validateLanguageFile(manifest: TeamsManifest, languageFile: LanguageFile): Promise<string[]> {
  const version = schemaVersionOf(manifest);
  const expected = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.Localization.schema.json`;
  const problems = languageFile.$schema === expected ? [] : [`$schema must be ${expected} (is ${JSON.stringify(languageFile.$schema)})`];
  const schema = loadBundledLocalizationSchema(version);
  type Args = Parameters<typeof AppManifestUtils.validateAgainstSchema>;
  problems.push(...(await AppManifestUtils.validateAgainstSchema(languageFile as unknown as Args[0], schema as unknown as Args[1])));
  return problems;
}

/** What the schema can't see: every localized bot command must exist in the manifest (else Teams drops it silently). */
export function checkLanguageFileRules(manifest: TeamsManifest, languageFile: LanguageFile): string[] {
  const problems: string[] = [];
  const lists = manifest.bots?.[0]?.commandLists ?? [];
  for (const key of Object.keys(languageFile)) {
    const m = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/.exec(key);
    if (m && lists[Number(m[1])]?.commands?.[Number(m[2])] === undefined) problems.push(`${key} names a command the manifest doesn't have`);
  }
  for (const [i, list] of lists.entries()) {
    for (const [j] of (list.commands ?? []).entries()) {
      if (typeof languageFile[`bots[0].commandLists[${i}].commands[${j}].title`] !== 'string') problems.push(`bots[0].commandLists[${i}].commands[${j}].title is not translated`);
    }
  }
  return problems;
}

/** Schema errors ("<json pointer> <message>. Details: …"); empty when the manifest is valid. Offline. */
export async function validateAgainstBundledSchema(manifest: TeamsManifest): Promise<string[]> {
  const schema = loadBundledSchema(schemaVersionOf(manifest));
  type Args = Parameters<typeof AppManifestUtils.validateAgainstSchema>;
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as Args[0], schema as unknown as Args[1]);
}

/**
 * What the schema can't express but this bot needs to work in Teams (SSO, commands): returns the problems.
 * - webApplicationInfo is the bot's app and its resource is exactly api://botid-<bot id> (else every SSO exchange fails);
 * - token.botframework.com is a valid domain (sign-in card), domains are host names, not URLs;
 * - developer URLs are https (the schema also accepts http);
 * - every bot scope has a command list.
 */
export function checkManifestRules(manifest: TeamsManifest): string[] {
  const problems: string[] = [];
  const bot = manifest.bots?.[0];
  if (!bot) return ['bots must declare the bot'];
  const app = manifest.webApplicationInfo;
  if (!app) problems.push('webApplicationInfo is required for SSO');
  else {
    if (app.id !== bot.botId) problems.push(`webApplicationInfo.id (${app.id}) must be the bot id (${bot.botId})`);
    const expected = `api://botid-${bot.botId}`;
    if (app.resource !== expected) problems.push(`webApplicationInfo.resource must be ${expected} (is ${app.resource})`);
  }
  const domains = manifest.validDomains ?? [];
  if (!domains.includes('token.botframework.com')) problems.push('validDomains must include token.botframework.com');
  for (const d of domains) {
    if (/[/:\s]/.test(d) && !/^[^/\s]+:\d+$/.test(d)) problems.push(`validDomains entry "${d}" must be a host name, not a URL`);
  }
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const) {
    const url = manifest.developer?.[key];
    if (url !== undefined && !/^https:\/\/[^/\s]+/.test(url)) problems.push(`developer.${key} must be an https URL (is ${url})`);
  }
  const covered = new Set((bot.commandLists ?? []).flatMap((l) => l.scopes ?? []));
  for (const scope of bot.scopes ?? []) {
    if (!covered.has(scope)) problems.push(`bot scope "${scope}" has no command list`);
  }
  return problems;
}
