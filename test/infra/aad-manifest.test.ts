// aad.manifest.json, the bot's Entra app registration in the Agents Toolkit's format (Microsoft Graph application
// properties with ${{VAR}} placeholders): what Teams SSO needs, and agreement with the Teams manifest and the Azure
// Bot's OAuth connection in infra/azure.json.
import assert from 'node:assert/strict';
import { fillPlaceholders, placeholderNames } from '../../scripts/app-package/placeholders';
import { armResources } from './arm-resources';
import { readEntraManifest, readTeamsManifest, readTemplate } from './infra-files';
import { sampleDeployment, SAMPLE_PARAMETERS } from './sample-deployment';
import { ENTRA_APP_PERMISSIONS, MICROSOFT_GRAPH_APP_ID, TEAMS_CLIENT_IDS } from './well-known-ids';

const BOT_ID = SAMPLE_PARAMETERS.botAadAppClientId;

describe('aad.manifest.json: the Entra app registration', () => {
  const manifest = readEntraManifest();

  it('is single-tenant and fills only the variables the Toolkit or the deploy script sets', () => {
    assert.equal(manifest.signInAudience, 'AzureADMyOrg');
    assert.deepEqual(placeholderNames(manifest).sort(), ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID', 'APP_NAME_SUFFIX', 'BOT_ID', 'BOT_OBJECT_ID']);
    assert.equal(manifest.appId, '${{BOT_ID}}', 'the app is the bot: its client id is MicrosoftAppId (BOT_ID)');
  });

  it("exposes api://botid-<bot id>, the resource the Teams manifest's SSO asks for", () => {
    assert.deepEqual(manifest.identifierUris, ['api://botid-${{BOT_ID}}']);
    const resource = readTeamsManifest().webApplicationInfo.resource;
    assert.match(resource, /^api:\/\/botid-\$\{\{\w+\}\}$/, 'the same placeholder form');
    // Filled for one bot the two are the same URI: the Teams manifest and the Entra manifest both name BOT_ID.
    const vars = { BOT_ID, BOT_OBJECT_ID: 'x', AAD_APP_ACCESS_AS_USER_PERMISSION_ID: 'y' };
    assert.equal(fillPlaceholders(manifest.identifierUris[0], vars), fillPlaceholders(resource, vars));
  });

  it('has the access_as_user scope, pre-authorized for the Teams clients (and the Microsoft 365 / Outlook ones)', () => {
    const [scope, ...others] = manifest.api.oauth2PermissionScopes;
    assert.deepEqual(others, []);
    assert.deepEqual([scope!.value, scope!.type, scope!.isEnabled, scope!.id], ['access_as_user', 'User', true, '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}']);
    const preAuthorized = manifest.api.preAuthorizedApplications;
    for (const client of TEAMS_CLIENT_IDS) assert.ok(preAuthorized.some((p) => p.appId === client), `Teams client ${client}`);
    for (const p of preAuthorized) assert.deepEqual(p.delegatedPermissionIds, [scope!.id], p.appId);
    assert.equal(new Set(preAuthorized.map((p) => p.appId)).size, preAuthorized.length, 'no client twice');
  });

  it("redirects to the Bot Framework token service (the OAuth connection's sign-in)", () => {
    assert.ok(manifest.web.redirectUris.includes('https://token.botframework.com/.auth/web/redirect'));
  });

  it("requests exactly the two OAuth connections' scopes as delegated Microsoft Graph permissions", () => {
    assert.deepEqual(manifest.requiredResourceAccess.map((r) => r.resourceAppId), [MICROSOFT_GRAPH_APP_ID], 'Graph only');
    const access = manifest.requiredResourceAccess[0]!.resourceAccess;
    assert.deepEqual(access, ENTRA_APP_PERMISSIONS.map((p) => ({ id: p.id, type: 'Scope' })));
    const template = readTemplate();
    const deployment = sampleDeployment(template);
    const connections = armResources(template).filter((r) => r.type === 'Microsoft.BotService/botServices/connections');
    const scopes = new Set(connections.flatMap((c) => (deployment.value(c.body) as { properties: { scopes: string } }).properties.scopes.split(' ')));
    assert.deepEqual([...scopes].sort(), ENTRA_APP_PERMISSIONS.map((p) => p.name).sort());
  });
});
