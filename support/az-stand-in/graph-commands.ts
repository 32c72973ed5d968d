// az ad app / ad sp / rest (Microsoft Graph) in the stand-in, answering with the shapes Graph and az return.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { CommandSpec } from './arguments';
import { failed, notFound, ok, type Reply } from './reply';
import type { StandInApp, StandInState } from './state';

export const GRAPH_COMMANDS: Record<string, CommandSpec> = {
  'ad app list': { '--display-name': {}, '--filter': {}, '--app-id': {}, '--identifier-uri': {}, '--all': { flag: true }, '--show-mine': { flag: true } },
  'ad app show': { '--id': { required: true } },
  'ad app create': { '--display-name': { required: true }, '--sign-in-audience': {}, '--identifier-uris': { many: true }, '--web-redirect-uris': { many: true } },
  'ad app update': { '--id': { required: true }, '--sign-in-audience': {}, '--identifier-uris': { many: true }, '--web-redirect-uris': { many: true }, '--required-resource-accesses': {} },
  'ad app credential list': { '--id': { required: true }, '--cert': { flag: true } },
  'ad app credential reset': { '--id': { required: true }, '--append': { flag: true }, '--display-name': {}, '--years': {}, '--end-date': {} },
  'ad sp show': { '--id': { required: true } },
  'ad sp create': { '--id': { required: true } },
  rest: { '--method': { aliases: ['-m'] }, '--url': { aliases: ['--uri', '-u'], required: true }, '--headers': { many: true }, '--body': { aliases: ['-b'] }, '--resource': {} },
};

const CREDENTIAL_WARNING =
  'The output includes credentials that you must protect. Be sure that you do not include these credentials in your code or check the credentials into your source control. For more information, see https://aka.ms/azadsp-cli';

const noSuchObject = (id: string): Reply => notFound(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

/** `@file` → the file's text (az's convention); anything else as given. */
const valueOrFile = (value: string): string => (value.startsWith('@') ? fs.readFileSync(value.slice(1), 'utf8') : value);

function findApp(state: StandInState, id: string): StandInApp | undefined {
  const lower = id.toLowerCase();
  return state.apps.find((a) => a.appId === lower || a.id === lower || a.identifierUris.includes(id));
}

/** The application as Graph returns it (az ad app show/list/create print this). */
const asGraph = (app: StandInApp): object => ({
  ...app,
  publisherDomain: 'contoso.example',
  createdDateTime: '2026-12-06T10:00:00Z',
  keyCredentials: [],
});

/** The filters az ad app list sends: displayName eq / appId eq (exact), as --filter or built from its options. */
function filterApps(state: StandInState, options: Record<string, string[]>): StandInApp[] | Reply {
  let apps = state.apps;
  if (options['--display-name']) apps = apps.filter((a) => a.displayName.startsWith(options['--display-name'][0]));
  if (options['--app-id']) apps = apps.filter((a) => a.appId === options['--app-id'][0].toLowerCase());
  if (options['--filter']) {
    const m = /^\s*(displayName|appId)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(options['--filter'][0]);
    if (!m) return failed(`az stand-in: filter ${JSON.stringify(options['--filter'][0])} is not one it simulates (displayName eq '…', appId eq '…')`);
    const value = m[2].replace(/''/g, "'");
    apps = apps.filter((a) => (m[1] === 'displayName' ? a.displayName === value : a.appId === value.toLowerCase()));
  }
  return apps;
}

function newApp(displayName: string, signInAudience: string): StandInApp {
  return {
    id: crypto.randomUUID(),
    appId: crypto.randomUUID(),
    displayName,
    signInAudience,
    identifierUris: [],
    api: { requestedAccessTokenVersion: null, oauth2PermissionScopes: [], preAuthorizedApplications: [] },
    web: { redirectUris: [] },
    requiredResourceAccess: [],
    passwordCredentials: [],
  };
}

/** A secret the way Entra makes them: 40 characters, the first 3 of which are the credential's hint. */
function newSecret(): string {
  return `${crypto.randomBytes(3).toString('base64url').slice(0, 3)}8Q~${crypto.randomBytes(30).toString('base64url').slice(0, 34)}`;
}

/**
 * Graph's PATCH /applications/{id}, with the two rules a deployment script runs into: a scope can't be added and
 * pre-authorized in the same request, and an enabled scope can't be removed or changed in place.
 */
function patchApplication(app: StandInApp, body: Record<string, unknown>): Reply | undefined {
  const api = body.api as Partial<StandInApp['api']> | undefined;
  if (api?.oauth2PermissionScopes) {
    for (const old of app.api.oauth2PermissionScopes.filter((s) => s.isEnabled !== false)) {
      const next = api.oauth2PermissionScopes.find((s) => s.id === old.id);
      if (!next || next.value !== old.value) {
        return failed(`Bad Request({"error":{"code":"CannotDeleteOrUpdateEnabledEntitlement","message":"Permission (scope or role) cannot be deleted or updated unless disabled first."}})`);
      }
    }
  }
  if (api?.preAuthorizedApplications) {
    const existing = new Set(app.api.oauth2PermissionScopes.map((s) => s.id));
    const unknown = api.preAuthorizedApplications.flatMap((p) => p.delegatedPermissionIds).filter((id) => !existing.has(id));
    if (unknown.length) {
      return failed(`Bad Request({"error":{"code":"InvalidValue","message":"Property PreAuthorizedApplication references permission ids (${unknown.join(', ')}) that do not exist on the application yet."}})`);
    }
  }
  for (const [key, value] of Object.entries(body)) {
    if (key === 'api') app.api = { ...app.api, ...(value as object) };
    else if (key === 'web') app.web = { ...app.web, ...(value as object) };
    else if (['identifierUris', 'signInAudience', 'requiredResourceAccess', 'displayName'].includes(key)) (app as unknown as Record<string, unknown>)[key] = value;
    else return failed(`az stand-in: PATCH of application property "${key}" is not simulated`);
  }
  return undefined;
}

export function runGraphCommand(command: string, options: Record<string, string[]>, state: StandInState): Reply {
  const one = (name: string): string => options[name]?.[0] ?? '';
  switch (command) {
    case 'ad app list': {
      const apps = filterApps(state, options);
      return Array.isArray(apps) ? ok(apps.map(asGraph)) : apps;
    }
    case 'ad app show': {
      const app = findApp(state, one('--id'));
      return app ? ok(asGraph(app)) : noSuchObject(one('--id'));
    }
    case 'ad app create': {
      // az's own idempotency: an app with the same display name is patched, not duplicated.
      const existing = state.apps.filter((a) => a.displayName === one('--display-name'));
      if (existing.length > 1) return failed(`More than one application have the same display name '${one('--display-name')}'`);
      const app = existing[0] ?? newApp(one('--display-name'), one('--sign-in-audience') || 'AzureADMyOrg');
      if (!existing.length) state.apps.push(app);
      if (options['--identifier-uris']) app.identifierUris = options['--identifier-uris'];
      if (options['--web-redirect-uris']) app.web.redirectUris = options['--web-redirect-uris'];
      return ok(asGraph(app), existing.length ? `Found an existing application instance: (id) ${app.id}. We will patch it.` : undefined);
    }
    case 'ad app update': {
      const app = findApp(state, one('--id'));
      if (!app) return noSuchObject(one('--id'));
      if (options['--identifier-uris']) app.identifierUris = options['--identifier-uris'];
      if (options['--web-redirect-uris']) app.web.redirectUris = options['--web-redirect-uris'];
      if (options['--sign-in-audience']) app.signInAudience = one('--sign-in-audience');
      if (options['--required-resource-accesses']) app.requiredResourceAccess = JSON.parse(valueOrFile(one('--required-resource-accesses'))) as StandInApp['requiredResourceAccess'];
      return ok();
    }
    case 'ad app credential list': {
      const app = findApp(state, one('--id'));
      return app ? ok(app.passwordCredentials) : noSuchObject(one('--id'));
    }
    case 'ad app credential reset': {
      const app = findApp(state, one('--id'));
      if (!app) return noSuchObject(one('--id'));
      const secret = newSecret();
      const start = new Date();
      const end = options['--end-date'] ? new Date(one('--end-date')) : new Date(start.getTime() + Number(one('--years') || 1) * 365 * 24 * 3600 * 1000);
      if (!('--append' in options)) app.passwordCredentials = [];
      app.passwordCredentials.push({
        keyId: crypto.randomUUID(),
        displayName: one('--display-name') || null,
        hint: secret.slice(0, 3),
        startDateTime: start.toISOString(),
        endDateTime: end.toISOString(),
        customKeyIdentifier: null,
        secretText: null,
      });
      return ok({ appId: app.appId, password: secret, tenant: state.tenantId }, CREDENTIAL_WARNING);
    }
    case 'ad sp show': {
      const id = one('--id').toLowerCase();
      const sp = state.servicePrincipals.find((s) => s.appId === id || s.id === id);
      return sp ? ok(sp) : noSuchObject(one('--id'));
    }
    case 'ad sp create': {
      const app = findApp(state, one('--id'));
      if (!app) return failed(`The appId '${one('--id')}' of the service principal does not reference a valid application object.`);
      if (state.servicePrincipals.some((s) => s.appId === app.appId)) {
        return failed('Another object with the same value for property servicePrincipalNames already exists.');
      }
      const sp = { id: crypto.randomUUID(), appId: app.appId, displayName: app.displayName, servicePrincipalType: 'Application', oauth2PermissionScopes: [], appRoles: [] };
      state.servicePrincipals.push(sp);
      return ok(sp);
    }
    case 'rest': {
      const method = (one('--method') || 'get').toUpperCase();
      const m = /^https:\/\/graph\.microsoft\.com\/v1\.0\/applications\/([0-9a-f-]{36})$/i.exec(one('--url'));
      if (!m) return failed(`az stand-in: ${method} ${one('--url')} is not simulated`);
      const app = state.apps.find((a) => a.id === m[1].toLowerCase());
      if (!app) return failed(`Not Found({"error":{"code":"Request_ResourceNotFound","message":"Resource '${m[1]}' does not exist or one of its queried reference-property objects are not present."}})`);
      if (method === 'GET') return ok(asGraph(app));
      if (method !== 'PATCH') return failed(`az stand-in: ${method} on an application is not simulated`);
      if (!options['--body']) return failed('az stand-in: PATCH without --body');
      return patchApplication(app, JSON.parse(valueOrFile(one('--body'))) as Record<string, unknown>) ?? ok();
    }
    default:
      return failed(`az stand-in: ${command} is not simulated`);
  }
}
