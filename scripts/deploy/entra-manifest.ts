// aad.manifest.json (the Agents Toolkit's Entra app manifest) → the Microsoft Graph `application` properties
// `npm run deploy` applies, and what differs from the app as it is.
//
// Both manifest shapes the Toolkit accepts are read: the Graph one ("displayName", "api.oauth2PermissionScopes",
// "api.preAuthorizedApplications[].delegatedPermissionIds", "web.redirectUris") and the older Azure AD one ("name",
// "oauth2Permissions", "preAuthorizedApplications[].permissionIds", "replyUrlsWithType", "accessTokenAcceptedVersion"),
// converted the way teamsfx-core's AadManifestHelper.manifestToApplication does.
// Only what SSO for this bot needs is applied: identifierUris, signInAudience, api (token version, scopes,
// pre-authorized clients), web.redirectUris and requiredResourceAccess. The display name is not changed: the script
// finds the app by it.
import { fillPlaceholders } from '../app-package/placeholders';

export interface PermissionScope {
  id: string;
  value: string;
  type?: string;
  isEnabled?: boolean;
  adminConsentDescription?: string;
  adminConsentDisplayName?: string;
  userConsentDescription?: string;
  userConsentDisplayName?: string;
}
export interface PreAuthorizedApplication {
  appId: string;
  delegatedPermissionIds: string[];
}
export interface ResourceAccess {
  id: string;
  type: string;
}
export interface RequiredResourceAccess {
  resourceAppId: string;
  resourceAccess: ResourceAccess[];
}

/** The Graph `application` properties the script reads and writes. */
export interface EntraApplication {
  id: string;
  appId: string;
  displayName?: string;
  signInAudience?: string;
  identifierUris?: string[];
  api?: {
    requestedAccessTokenVersion?: number | null;
    oauth2PermissionScopes?: PermissionScope[];
    preAuthorizedApplications?: PreAuthorizedApplication[];
  };
  web?: { redirectUris?: string[] };
  requiredResourceAccess?: RequiredResourceAccess[];
  passwordCredentials?: Array<{ keyId: string; displayName?: string | null; hint?: string | null; endDateTime?: string }>;
}

/** What the manifest asks for (permission names already resolved to ids). */
export interface DesiredApplication {
  signInAudience?: string;
  identifierUris: string[];
  requestedAccessTokenVersion?: number;
  scopes: PermissionScope[];
  preAuthorizedApplications: PreAuthorizedApplication[];
  redirectUris: string[];
  requiredResourceAccess: RequiredResourceAccess[];
}

export class EntraManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntraManifestError';
  }
}

/** Resource apps the Toolkit lets a manifest name instead of giving their app id. */
const KNOWN_RESOURCE_APPS: Record<string, string> = {
  'Microsoft Graph': '00000003-0000-0000-c000-000000000000',
  'Office 365 SharePoint Online': '00000003-0000-0ff1-ce00-000000000000',
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Looks up a resource app's delegated scopes and app roles by value (e.g. "User.Read" → its id). */
export type PermissionLookup = (resourceAppId: string) => Promise<{ scopes: Record<string, string>; roles: Record<string, string> }>;

type Manifest = Record<string, unknown>;
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** The ${{VAR}}-filled manifest; a missing variable is an EntraManifestError naming every one. */
export function fillManifest(template: unknown, vars: Readonly<Record<string, string | undefined>>): Manifest {
  try {
    return fillPlaceholders(template, vars) as Manifest;
  } catch (err) {
    throw new EntraManifestError(`aad.manifest.json: ${(err as Error).message}`);
  }
}

/** The placeholder the manifest uses for its access_as_user scope id (the Toolkit generates that one when empty). */
export const SCOPE_ID_VARIABLE = 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID';

/** Reads the filled manifest in either shape and resolves permission names through `lookup`. */
export async function desiredApplication(manifest: Manifest, lookup: PermissionLookup): Promise<DesiredApplication> {
  const graphShape = 'displayName' in manifest || 'api' in manifest;
  const api = (graphShape ? (manifest.api as Manifest | undefined) : undefined) ?? {};
  const scopes = list<PermissionScope>(graphShape ? api.oauth2PermissionScopes : manifest.oauth2Permissions);
  const preAuthorized = graphShape
    ? list<PreAuthorizedApplication>(api.preAuthorizedApplications)
    : list<{ appId: string; permissionIds: string[] }>(manifest.preAuthorizedApplications).map((p) => ({ appId: p.appId, delegatedPermissionIds: p.permissionIds }));
  const redirectUris = graphShape
    ? list<string>((manifest.web as Manifest | undefined)?.redirectUris)
    : list<{ url: string; type: string }>(manifest.replyUrlsWithType).map((r) => {
        if (r.type !== 'Web') throw new EntraManifestError(`aad.manifest.json: replyUrlsWithType of type ${r.type} is not applied by npm run deploy (only Web)`);
        return r.url;
      });
  const tokenVersion = graphShape ? api.requestedAccessTokenVersion : manifest.accessTokenAcceptedVersion;

  for (const scope of scopes) {
    if (!GUID.test(scope.id ?? '')) throw new EntraManifestError(`aad.manifest.json: scope "${scope.value}" needs a GUID id (got ${JSON.stringify(scope.id)})`);
  }
  const requiredResourceAccess: RequiredResourceAccess[] = [];
  for (const entry of list<RequiredResourceAccess>(manifest.requiredResourceAccess)) {
    const resourceAppId = GUID.test(entry.resourceAppId) ? entry.resourceAppId : KNOWN_RESOURCE_APPS[entry.resourceAppId];
    if (!resourceAppId) throw new EntraManifestError(`aad.manifest.json: unknown resource app "${entry.resourceAppId}" (use its app id)`);
    const named = entry.resourceAccess.some((a) => !GUID.test(a.id));
    const known = named ? await lookup(resourceAppId) : { scopes: {}, roles: {} };
    requiredResourceAccess.push({
      resourceAppId,
      resourceAccess: entry.resourceAccess.map((a) => {
        if (GUID.test(a.id)) return { id: a.id, type: a.type };
        const id = a.type === 'Scope' ? known.scopes[a.id] : a.type === 'Role' ? known.roles[a.id] : undefined;
        if (!id) throw new EntraManifestError(`aad.manifest.json: ${entry.resourceAppId} has no ${a.type === 'Role' ? 'app role' : 'delegated permission'} "${a.id}"`);
        return { id, type: a.type };
      }),
    });
  }
  return {
    signInAudience: typeof manifest.signInAudience === 'string' ? manifest.signInAudience : undefined,
    identifierUris: list<string>(manifest.identifierUris),
    requestedAccessTokenVersion: typeof tokenVersion === 'number' ? tokenVersion : undefined,
    scopes,
    preAuthorizedApplications: preAuthorized,
    redirectUris,
    requiredResourceAccess,
  };
}

/** The Graph PATCH bodies that bring `current` to `desired`, in order; none when nothing differs. */
export function applicationPatches(current: EntraApplication, desired: DesiredApplication): object[] {
  const currentScopes = current.api?.oauth2PermissionScopes ?? [];
  // An existing scope keeps its id (Graph refuses to change or drop an enabled scope); references follow it.
  const renamed = new Map<string, string>();
  const scopes = desired.scopes.map((scope) => {
    const existing = currentScopes.find((s) => s.value === scope.value);
    if (existing && existing.id !== scope.id) renamed.set(scope.id, existing.id);
    return existing ? { ...scope, id: existing.id } : scope;
  });
  const keptScopes = currentScopes.filter((s) => !desired.scopes.some((d) => d.value === s.value));
  const preAuthorized = desired.preAuthorizedApplications.map((p) => ({
    appId: p.appId,
    delegatedPermissionIds: p.delegatedPermissionIds.map((id) => renamed.get(id) ?? id),
  }));

  // Ids and URIs compare without case (Graph may return GUIDs in another case than a manifest gives them).
  const sameSet = (a: readonly string[] = [], b: readonly string[] = []): boolean => {
    const norm = (values: readonly string[]) => values.map((v) => v.toLowerCase()).sort();
    return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
  };
  // Same when every scope the manifest declares exists with the values it gives (Graph returns more fields).
  const scopesSame = scopes.every((wanted) => {
    const existing = currentScopes.find((s) => s.value === wanted.value) as Record<string, unknown> | undefined;
    return !!existing && Object.entries(wanted).every(([key, value]) => JSON.stringify(existing[key]) === JSON.stringify(value));
  });
  const preAuthKey = (p: PreAuthorizedApplication): string => `${p.appId.toLowerCase()}:${[...p.delegatedPermissionIds].map((i) => i.toLowerCase()).sort().join(',')}`;
  const preAuthSame = sameSet(preAuthorized.map(preAuthKey), (current.api?.preAuthorizedApplications ?? []).map(preAuthKey));
  const accessKey = (r: RequiredResourceAccess): string[] => r.resourceAccess.map((a) => `${r.resourceAppId.toLowerCase()}:${a.id.toLowerCase()}:${a.type}`);
  const accessSame = sameSet(desired.requiredResourceAccess.flatMap(accessKey), (current.requiredResourceAccess ?? []).flatMap(accessKey));

  const body: Record<string, unknown> = {};
  if (!sameSet(desired.identifierUris, current.identifierUris)) body.identifierUris = desired.identifierUris;
  if (desired.signInAudience && desired.signInAudience !== current.signInAudience) body.signInAudience = desired.signInAudience;
  if (!sameSet(desired.redirectUris, current.web?.redirectUris)) body.web = { redirectUris: desired.redirectUris };
  if (!accessSame) body.requiredResourceAccess = desired.requiredResourceAccess;
  const tokenVersionSame = desired.requestedAccessTokenVersion === undefined || desired.requestedAccessTokenVersion === current.api?.requestedAccessTokenVersion;
  const api = (preAuthorizedApplications: PreAuthorizedApplication[]) => ({
    ...(desired.requestedAccessTokenVersion !== undefined ? { requestedAccessTokenVersion: desired.requestedAccessTokenVersion } : {}),
    oauth2PermissionScopes: [...keptScopes, ...scopes],
    preAuthorizedApplications,
  });

  const patches: object[] = [];
  if (!scopesSame || !tokenVersionSame) {
    // Graph refuses to add a scope and pre-authorize it in one request (teamsfx-core's aadApp/update splits it too).
    patches.push({ ...body, api: api(scopesSame ? preAuthorized : []) });
    if (!scopesSame && preAuthorized.length) patches.push({ api: api(preAuthorized) });
  } else if (!preAuthSame) {
    patches.push({ ...body, api: api(preAuthorized) });
  } else if (Object.keys(body).length) {
    patches.push(body);
  }
  return patches;
}
