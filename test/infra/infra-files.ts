// The repository files the infrastructure tests compare, read fresh on every call (tests mutate copies).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/app-package/paths';
import type { ArmTemplate, Json } from './arm-expression';

export const REPO_ROOT = repoRoot(__dirname);

const readJson = <T>(...segments: string[]): T => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, ...segments), 'utf8')) as T;

export const readTemplate = (): ArmTemplate => readJson<ArmTemplate>('infra', 'azure.json');

export interface ParameterFile {
  $schema: string;
  contentVersion: string;
  parameters: Record<string, { value: Json }>;
}
export const readParameterFile = (): ParameterFile => readJson<ParameterFile>('infra', 'azure.parameters.json');

export interface EntraManifest {
  id: string;
  appId: string;
  name?: string;
  displayName?: string;
  signInAudience: string;
  identifierUris: string[];
  api: {
    requestedAccessTokenVersion?: number;
    oauth2PermissionScopes: Array<{ id: string; value: string; type: string; isEnabled: boolean; [key: string]: Json }>;
    preAuthorizedApplications: Array<{ appId: string; delegatedPermissionIds: string[] }>;
  };
  requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>;
  web: { redirectUris: string[]; [key: string]: Json };
  [key: string]: unknown;
}
export const readEntraManifest = (): EntraManifest => readJson<EntraManifest>('aad.manifest.json');

export const readTeamsManifest = (): { webApplicationInfo: { id: string; resource: string }; [key: string]: unknown } =>
  readJson('appPackage', 'manifest.json');

export const readPackageJson = (): { main: string; scripts: Record<string, string> } => readJson('package.json');

export const readReadme = (): string => fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The README's lifecycle management policy: the ```json block holding the once-claims rule. */
export function readmeLifecyclePolicy(): Json {
  const blocks = [...readReadme().matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.includes('meeting-bot-once-claims'));
  if (blocks.length !== 1) throw new Error(`expected one README json block with the once-claims rule, found ${blocks.length}`);
  return JSON.parse(blocks[0]!) as Json;
}
