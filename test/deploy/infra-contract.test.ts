// The files `npm run deploy` reads from the infra branch — infra/azure.json, infra/azure.parameters.json,
// aad.manifest.json — against what the script provides and expects: the stand-ins in fixtures/ always, the
// repository's own files once they exist.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dotenv from 'dotenv';
import { deploymentParameters, TEMPLATE_OUTPUTS } from '../../scripts/deploy/arm-deployment';
import { desiredApplication, fillManifest, SCOPE_ID_VARIABLE } from '../../scripts/deploy/entra-manifest';
import { templateVariables } from '../../scripts/deploy/template-variables';
import { FIXTURES, REPO_ROOT } from './deploy-root';
import { ENTRA_APP_PERMISSIONS } from '../infra/well-known-ids';

const CONTRACT_PARAMETERS = ['resourceBaseName', 'location', 'botAadAppClientId', 'botAadAppTenantId', 'botAadAppClientSecret', 'botDisplayName', 'oauthConnectionName', 'appServiceSku', 'instanceCount', 'defaultTimeZone', 'allowedTenants', 'recordRetentionDays'];
const TEAMS_CLIENTS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];
const GRAPH = '00000003-0000-0000-c000-000000000000';
/** Name → id of every delegated Graph permission the Entra manifest asks for (one list, shared with test/infra). */
const GRAPH_SCOPES: Record<string, string> = Object.fromEntries(ENTRA_APP_PERMISSIONS.map((p) => [p.name, p.id]));
const RUN = { env: 'dev', appId: '6a1c2f3e-0000-4000-8000-00000000c001', objectId: '6a1c2f3e-0000-4000-8000-00000000c002', tenantId: '6a1c2f3e-0000-4000-8000-00000000c003', secret: 'abc8Q~not-a-real-secret' };
const SCOPE_ID = '6a1c2f3e-0000-4000-8000-00000000c004';

/** What env/.env.dev holds after the first steps of a run (before the ARM deployment). */
function variables(): Record<string, string> {
  const template = dotenv.parse(fs.readFileSync(path.join(REPO_ROOT, 'env', '.env.dev')));
  return templateVariables({ ...template, RESOURCE_SUFFIX: 'k3x9q2', AZURE_SUBSCRIPTION_ID: RUN.tenantId, AZURE_RESOURCE_GROUP_NAME: 'rg' }, {}, RUN);
}

/** A folder laid out like the repository, holding the fixture stand-ins. */
function fixtureRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-contract-'));
  fs.mkdirSync(path.join(root, 'infra'));
  fs.copyFileSync(path.join(FIXTURES, 'azure.json'), path.join(root, 'infra', 'azure.json'));
  fs.copyFileSync(path.join(FIXTURES, 'azure.parameters.json'), path.join(root, 'infra', 'azure.parameters.json'));
  fs.copyFileSync(path.join(FIXTURES, 'aad.manifest.json'), path.join(root, 'aad.manifest.json'));
  return root;
}

const realFilesExist = ['infra/azure.json', 'infra/azure.parameters.json', 'aad.manifest.json'].every((f) => fs.existsSync(path.join(REPO_ROOT, f)));
const sources: Array<{ name: string; root: () => string }> = [{ name: 'the stand-ins in test/deploy/fixtures', root: fixtureRoot }];
if (realFilesExist) sources.push({ name: "the repository's own files", root: () => REPO_ROOT });

describe('infra files npm run deploy reads (the contract with infra/azure.json and aad.manifest.json)', () => {
  if (!realFilesExist) it("the repository's own infra/azure.json, infra/azure.parameters.json and aad.manifest.json (they come with the infra branch)");

  for (const source of sources) {
    describe(source.name, () => {
      let root: string;
      before(() => (root = source.root()));
      after(() => root !== REPO_ROOT && fs.rmSync(root, { recursive: true, force: true }));

      it('the template declares the agreed parameters (the secret as securestring) and outputs', () => {
        const template = JSON.parse(fs.readFileSync(path.join(root, 'infra', 'azure.json'), 'utf8')) as { parameters: Record<string, { type: string }>; outputs: Record<string, unknown> };
        for (const name of CONTRACT_PARAMETERS) assert.ok(name in template.parameters, `parameter ${name}`);
        assert.equal(template.parameters.botAadAppClientSecret.type.toLowerCase(), 'securestring');
        for (const name of TEMPLATE_OUTPUTS) assert.ok(name in template.outputs, `output ${name}`);
      });

      it('infra/azure.parameters.json fills from what npm run deploy provides: the app, its tenant and secret, a valid resourceBaseName', () => {
        const parameters = deploymentParameters(root, variables(), 'westeurope', 'env/.env.dev');
        assert.equal(parameters.botAadAppClientId.value, RUN.appId);
        assert.equal(parameters.botAadAppTenantId.value, RUN.tenantId);
        assert.equal(parameters.botAadAppClientSecret.value, RUN.secret);
        assert.match(String(parameters.resourceBaseName.value), /^[a-z0-9]{3,16}$/);
        assert.match(String(parameters.resourceBaseName.value), /k3x9q2/, 'the resource names carry RESOURCE_SUFFIX (globally unique names)');
      });

      it('aad.manifest.json gives the SSO settings: api://botid-<app id>, access_as_user, the Teams clients, the token service redirect, the Graph permissions', async () => {
        const manifest = fillManifest(JSON.parse(fs.readFileSync(path.join(root, 'aad.manifest.json'), 'utf8')), { ...variables(), [SCOPE_ID_VARIABLE]: SCOPE_ID, BOT_DOMAIN: 'app.example.net' });
        const desired = await desiredApplication(manifest, async (resourceAppId) => {
          assert.equal(resourceAppId, GRAPH);
          return { scopes: GRAPH_SCOPES, roles: {} };
        });
        assert.deepEqual(desired.identifierUris, [`api://botid-${RUN.appId}`]);
        const scope = desired.scopes.find((s) => s.value === 'access_as_user');
        assert.ok(scope && scope.type === 'User' && scope.isEnabled !== false);
        for (const client of TEAMS_CLIENTS) {
          assert.deepEqual(desired.preAuthorizedApplications.find((p) => p.appId === client)?.delegatedPermissionIds, [scope.id], `Teams client ${client}`);
        }
        assert.ok(desired.redirectUris.includes('https://token.botframework.com/.auth/web/redirect'));
        const graph = desired.requiredResourceAccess.find((r) => r.resourceAppId === GRAPH);
        assert.deepEqual(new Set(graph?.resourceAccess.map((a) => `${a.id}:${a.type}`)), new Set(Object.values(GRAPH_SCOPES).map((id) => `${id}:Scope`)));
        if (desired.signInAudience) assert.equal(desired.signInAudience, 'AzureADMyOrg');
      });
    });
  }
});
