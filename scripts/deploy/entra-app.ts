// The bot's Entra app registration: found (by the BOT_ID an earlier run wrote, else by its display name) or created,
// then given what aad.manifest.json asks for — with the Azure CLI only.
import fs from 'node:fs';
import path from 'node:path';
import type { Az } from './az';
import { applicationPatches, type DesiredApplication, type EntraApplication, type PermissionLookup } from './entra-manifest';

export type Found = 'created' | 'found by BOT_ID' | 'found by display name';

export class EntraAppError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntraAppError';
  }
}

/** OData string literal: a quote is doubled. */
const odata = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * The app to deploy as. `knownAppId` (BOT_ID from env/.env.<env>) wins; an id that no longer exists is reported in
 * `warnings` and the display name is tried next. Several apps with the display name is an error (which one?).
 */
export async function findOrCreateApp(
  az: Az,
  displayName: string,
  knownAppId: string | undefined,
): Promise<{ app: EntraApplication; found: Found; warnings: string[] }> {
  const warnings: string[] = [];
  if (knownAppId) {
    const app = await az.find<EntraApplication>(['ad', 'app', 'show', '--id', knownAppId]);
    if (app) return { app, found: 'found by BOT_ID', warnings };
    warnings.push(`BOT_ID ${knownAppId} is no longer an app in this tenant; looking for "${displayName}" instead`);
  }
  // --display-name is a prefix match (startswith) in az; the filter is exact.
  const named = (await az.json<EntraApplication[]>(['ad', 'app', 'list', '--filter', `displayName eq ${odata(displayName)}`])) ?? [];
  const exact = named.filter((a) => a.displayName === displayName);
  if (exact.length > 1) {
    throw new EntraAppError(`${exact.length} Entra apps are named "${displayName}" (${exact.map((a) => a.appId).join(', ')}): set BOT_ID in the env file to the one to use`);
  }
  if (exact.length === 1) return { app: exact[0], found: 'found by display name', warnings };
  const app = await az.json<EntraApplication>(['ad', 'app', 'create', '--display-name', displayName, '--sign-in-audience', 'AzureADMyOrg']);
  return { app, found: 'created', warnings };
}

/** Delegated scopes and app roles of a resource app (Microsoft Graph…), read from its service principal in the tenant. */
export function permissionLookup(az: Az): PermissionLookup {
  const cache = new Map<string, ReturnType<PermissionLookup>>();
  return (resourceAppId) => {
    if (!cache.has(resourceAppId)) {
      cache.set(
        resourceAppId,
        az.json<{ oauth2PermissionScopes?: Array<{ id: string; value: string }>; appRoles?: Array<{ id: string; value: string }> }>(['ad', 'sp', 'show', '--id', resourceAppId]).then((sp) => ({
          scopes: Object.fromEntries((sp?.oauth2PermissionScopes ?? []).map((s) => [s.value, s.id])),
          roles: Object.fromEntries((sp?.appRoles ?? []).map((r) => [r.value, r.id])),
        })),
      );
    }
    return cache.get(resourceAppId)!;
  };
}

/**
 * PATCHes what differs through `az rest` (Graph `PATCH /applications/{id}`): `az ad app update` has no options for
 * the exposed scope or the pre-authorized Teams clients. Bodies go through files in `workDir`, never the command
 * line. Returns how many requests were sent (0 = the app already matched).
 */
export async function applyToApp(az: Az, app: EntraApplication, desired: DesiredApplication, workDir: string): Promise<number> {
  const patches = applicationPatches(app, desired);
  for (const [i, body] of patches.entries()) {
    const file = path.join(workDir, `application-patch-${i + 1}.json`);
    fs.writeFileSync(file, JSON.stringify(body, null, 2), { mode: 0o600 });
    await az.json([
      'rest', '--method', 'PATCH',
      '--url', `https://graph.microsoft.com/v1.0/applications/${app.id}`,
      '--headers', 'Content-Type=application/json',
      '--body', `@${file}`,
    ]);
  }
  return patches.length;
}

/** Waits `ms` (replication retries). */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The app's service principal (what a single-tenant Azure Bot and sign-in need): created only when `az ad sp show`
 * finds none. A just-created app can take a few seconds to replicate, so creation is retried a while, as az's own
 * `create-for-rbac` does.
 */
export async function ensureServicePrincipal(az: Az, appId: string, retryDelayMs = 5000): Promise<'created' | 'exists'> {
  if (await az.find(['ad', 'sp', 'show', '--id', appId])) return 'exists';
  for (let attempt = 1; ; attempt++) {
    try {
      await az.json(['ad', 'sp', 'create', '--id', appId]);
      return 'created';
    } catch (err) {
      const replicating = /does not reference|does not exist|not found/i.test((err as Error).message);
      if (!replicating || attempt >= 12) throw err;
      await sleep(retryDelayMs);
    }
  }
}
