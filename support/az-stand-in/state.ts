// What the az stand-in remembers between calls (one JSON file in its state folder), and the log of every call.
import fs from 'node:fs';
import path from 'node:path';

export interface StandInApp {
  id: string;
  appId: string;
  displayName: string;
  signInAudience: string;
  identifierUris: string[];
  api: {
    requestedAccessTokenVersion: number | null;
    oauth2PermissionScopes: Array<Record<string, unknown> & { id: string; value: string; isEnabled?: boolean }>;
    preAuthorizedApplications: Array<{ appId: string; delegatedPermissionIds: string[] }>;
  };
  web: { redirectUris: string[] };
  requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>;
  passwordCredentials: Array<{ keyId: string; displayName: string | null; hint: string; startDateTime: string; endDateTime: string; customKeyIdentifier: null; secretText: null }>;
}

export interface StandInServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  servicePrincipalType: string;
  oauth2PermissionScopes: Array<{ id: string; value: string }>;
  appRoles: Array<{ id: string; value: string }>;
}

export interface StandInState {
  loggedIn: boolean;
  tenantId: string;
  subscription: { id: string; name: string };
  user: string;
  groups: Record<string, { location: string }>;
  apps: StandInApp[];
  servicePrincipals: StandInServicePrincipal[];
  /** Web apps the deployments made, by name. */
  webApps: Record<string, { resourceGroup: string }>;
  deployments: Array<{ resourceGroup: string; name: string; parameters: Record<string, unknown> }>;
}

/** One recorded call: the arguments, and the files it named (@file values, --src-path zips copied aside). */
export interface AzCall {
  argv: string[];
  files: Array<{ option: string; path: string; mode: number; content?: string; copy?: string; bytes: number }>;
  exitCode: number;
}

export const statePath = (dir: string): string => path.join(dir, 'state.json');
export const callsPath = (dir: string): string => path.join(dir, 'calls.json');

/** Microsoft Graph's service principal as every tenant has it (the delegated permissions this bot asks for). */
export const GRAPH_SERVICE_PRINCIPAL: StandInServicePrincipal = {
  id: '5b4ff3a1-0000-4000-8000-00000000a001',
  appId: '00000003-0000-0000-c000-000000000000',
  displayName: 'Microsoft Graph',
  servicePrincipalType: 'Application',
  oauth2PermissionScopes: [
    { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', value: 'User.Read' },
    { id: '37f7f235-527c-4136-accd-4a02d197296e', value: 'openid' },
    { id: '14dad69e-099b-42c9-810b-d002981feec1', value: 'profile' },
    { id: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182', value: 'offline_access' },
    { id: '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0', value: 'email' },
    { id: 'a65f2972-a4f8-4f5e-afd7-69ccb046d5dc', value: 'OnlineMeetings.ReadWrite' },
    { id: '1ec239c2-d7c9-4623-a91a-a9775856bb36', value: 'Calendars.ReadWrite' },
  ],
  appRoles: [],
};

export function initialState(loggedIn: boolean): StandInState {
  return {
    loggedIn,
    tenantId: '72f988bf-0000-4000-8000-0000000000a1',
    subscription: { id: '0b1f6471-0000-4000-8000-0000000000b2', name: 'Contoso Dev' },
    user: 'alexw@contoso.example',
    groups: {},
    apps: [],
    servicePrincipals: [GRAPH_SERVICE_PRINCIPAL],
    webApps: {},
    deployments: [],
  };
}

export const readState = (dir: string): StandInState => JSON.parse(fs.readFileSync(statePath(dir), 'utf8')) as StandInState;
export const writeState = (dir: string, state: StandInState): void => fs.writeFileSync(statePath(dir), JSON.stringify(state, null, 2));
export const readCalls = (dir: string): AzCall[] => (fs.existsSync(callsPath(dir)) ? (JSON.parse(fs.readFileSync(callsPath(dir), 'utf8')) as AzCall[]) : []);
export const appendCall = (dir: string, call: AzCall): void => fs.writeFileSync(callsPath(dir), JSON.stringify([...readCalls(dir), call], null, 2));
