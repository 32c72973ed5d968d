// aad.manifest.json → the Graph application properties npm run deploy sets, and the PATCHes it sends (none when the
// app already matches; scope first, pre-authorization second when the scope is new; an existing scope keeps its id).
import assert from 'node:assert/strict';
import { applicationPatches, desiredApplication, EntraManifestError, type DesiredApplication, type EntraApplication } from '../../scripts/deploy/entra-manifest';

const APP_ID = '0d8a6a0e-0000-4000-8000-0000000000d1';
const SCOPE = '0d8a6a0e-0000-4000-8000-0000000000d2';
const TEAMS = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const USER_READ = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';
const lookup = async () => ({ scopes: { 'User.Read': USER_READ }, roles: {} });
const scope = { id: SCOPE, value: 'access_as_user', type: 'User', isEnabled: true, adminConsentDisplayName: 'Teams', adminConsentDescription: 'Teams' };

const desired: DesiredApplication = {
  signInAudience: 'AzureADMyOrg',
  identifierUris: [`api://botid-${APP_ID}`],
  requestedAccessTokenVersion: 2,
  scopes: [scope],
  preAuthorizedApplications: [{ appId: TEAMS, delegatedPermissionIds: [SCOPE] }],
  redirectUris: ['https://token.botframework.com/.auth/web/redirect'],
  requiredResourceAccess: [{ resourceAppId: '00000003-0000-0000-c000-000000000000', resourceAccess: [{ id: USER_READ, type: 'Scope' }] }],
};
const fresh: EntraApplication = { id: 'obj', appId: APP_ID, signInAudience: 'AzureADMyOrg', identifierUris: [], api: { requestedAccessTokenVersion: null, oauth2PermissionScopes: [], preAuthorizedApplications: [] }, web: { redirectUris: [] }, requiredResourceAccess: [] };
/** The app as Graph returns it once everything is applied (upper-case GUIDs and extra fields included). */
const applied: EntraApplication = {
  ...fresh,
  identifierUris: [`api://botid-${APP_ID.toUpperCase()}`],
  api: { requestedAccessTokenVersion: 2, oauth2PermissionScopes: [{ ...scope, userConsentDescription: null as unknown as string }], preAuthorizedApplications: [{ appId: TEAMS, delegatedPermissionIds: [SCOPE] }] },
  web: { redirectUris: ['https://token.botframework.com/.auth/web/redirect'] },
  requiredResourceAccess: desired.requiredResourceAccess,
};

describe('aad.manifest.json → Graph application (scripts/deploy/entra-manifest)', () => {
  it('a new app: first the scope and everything else with no pre-authorization, then the pre-authorization', () => {
    const patches = applicationPatches(fresh, desired) as Array<Record<string, any>>;
    assert.equal(patches.length, 2);
    assert.deepEqual(patches[0].api.preAuthorizedApplications, []);
    assert.deepEqual(patches[0].api.oauth2PermissionScopes, [scope]);
    assert.deepEqual(patches[0].identifierUris, desired.identifierUris);
    assert.deepEqual(patches[1].api.preAuthorizedApplications, desired.preAuthorizedApplications);
  });

  it('an app that already matches: no PATCH at all', () => {
    assert.deepEqual(applicationPatches(applied, desired), []);
  });

  it('an app whose access_as_user has another id keeps that id, and the pre-authorization follows it', () => {
    const other = '0d8a6a0e-0000-4000-8000-0000000000ff';
    const current = { ...applied, api: { ...applied.api, oauth2PermissionScopes: [{ ...scope, id: other }], preAuthorizedApplications: [] } };
    const patches = applicationPatches(current, desired) as Array<Record<string, any>>;
    assert.equal(patches.length, 1, 'the scope is unchanged, so one request');
    assert.deepEqual(patches[0].api.oauth2PermissionScopes.map((s: { id: string }) => s.id), [other]);
    assert.deepEqual(patches[0].api.preAuthorizedApplications, [{ appId: TEAMS, delegatedPermissionIds: [other] }]);
  });

  it('only a redirect URI differs: one PATCH with just that', () => {
    const current = { ...applied, web: { redirectUris: [] } };
    assert.deepEqual(applicationPatches(current, desired), [{ web: { redirectUris: desired.redirectUris } }]);
  });

  it('reads the older Azure AD manifest shape the Toolkit also accepts, resolving permission names', async () => {
    const legacy = {
      id: 'obj',
      appId: APP_ID,
      name: 'meeting-bot-dev',
      accessTokenAcceptedVersion: 2,
      identifierUris: [`api://botid-${APP_ID}`],
      oauth2Permissions: [scope],
      preAuthorizedApplications: [{ appId: TEAMS, permissionIds: [SCOPE] }],
      replyUrlsWithType: [{ url: 'https://token.botframework.com/.auth/web/redirect', type: 'Web' }],
      requiredResourceAccess: [{ resourceAppId: 'Microsoft Graph', resourceAccess: [{ id: 'User.Read', type: 'Scope' }] }],
      signInAudience: 'AzureADMyOrg',
    };
    assert.deepEqual(await desiredApplication(legacy, lookup), desired);
  });

  it('an unknown permission name, resource or a scope without a GUID id is a clear error', async () => {
    const base = { displayName: 'x', identifierUris: [], api: { oauth2PermissionScopes: [scope] } };
    await assert.rejects(desiredApplication({ ...base, requiredResourceAccess: [{ resourceAppId: 'Microsoft Graph', resourceAccess: [{ id: 'Meetings.Everything', type: 'Scope' }] }] }, lookup), /has no delegated permission "Meetings.Everything"/);
    await assert.rejects(desiredApplication({ ...base, requiredResourceAccess: [{ resourceAppId: 'Contoso API', resourceAccess: [] }] }, lookup), EntraManifestError);
    await assert.rejects(desiredApplication({ ...base, api: { oauth2PermissionScopes: [{ ...scope, id: '' }] } }, lookup), /needs a GUID id/);
  });
});
