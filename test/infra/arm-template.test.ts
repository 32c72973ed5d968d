// infra/azure.json and infra/azure.parameters.json, offline: Azure's schemas for the template, the parameter file and
// every resource; the app settings a deployment produces, fed to the bot's own configuration; the contract with the
// deploy script (parameters, outputs); and agreement with the Entra manifest, the Teams manifest and the README.
import assert from 'node:assert/strict';
import { START_COMMAND } from '../../support/production-artifact';
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config';
import { fillPlaceholders, placeholderNames } from '../../scripts/app-package/placeholders';
import { isExpression, parametersUsed, type Json } from './arm-expression';
import { armResources, theNamed, theResource } from './arm-resources';
import { ArmSchemaValidator } from './arm-schema-validator';
import { readEntraManifest, readPackageJson, readParameterFile, readReadme, readTeamsManifest, readTemplate, readmeLifecyclePolicy, REPO_ROOT } from './infra-files';
import { appSettingsOf, SAMPLE_PARAMETERS, SAMPLE_PRINCIPAL_ID, sampleDeployment } from './sample-deployment';
import { CALENDAR_SCOPES, ENTRA_APP_PERMISSIONS, GRAPH_SCOPES, MICROSOFT_GRAPH_APP_ID, STORAGE_ROLES } from './well-known-ids';

const SITE = 'Microsoft.Web/sites';
const STORAGE = 'Microsoft.Storage/storageAccounts';
const BOT = 'Microsoft.BotService/botServices';
const CONNECTION = 'Microsoft.BotService/botServices/connections';
const ROLE_ASSIGNMENT = 'Microsoft.Authorization/roleAssignments';

/** The contract with scripts/deploy and the Agents Toolkit: names and types that must not change silently. */
const CONTRACT_PARAMETERS: Record<string, { type: string; defaultValue?: Json }> = {
  resourceBaseName: { type: 'string' },
  location: { type: 'string', defaultValue: '[resourceGroup().location]' },
  botAadAppClientId: { type: 'string' },
  botAadAppTenantId: { type: 'string' },
  botAadAppClientSecret: { type: 'securestring' },
  botDisplayName: { type: 'string', defaultValue: 'Meeting Bot' },
  oauthConnectionName: { type: 'string', defaultValue: 'graph' },
  appServiceSku: { type: 'string', defaultValue: 'B1' },
  instanceCount: { type: 'int', defaultValue: 1 },
  defaultTimeZone: { type: 'string', defaultValue: 'UTC' },
  allowedTenants: { type: 'string', defaultValue: '' },
  recordRetentionDays: { type: 'int', defaultValue: 30 },
};
const CONTRACT_OUTPUTS = ['webAppName', 'webAppHostName', 'webAppResourceId', 'botEndpoint', 'storageAccountName', 'oauthConnectionName', 'botId'];

/**
 * App settings src/config.ts does not read, each a documented App Service platform setting, and why it is set.
 * Only these prefixes are allowed for such settings.
 */
const PLATFORM_PREFIXES = ['WEBSITE_', 'SCM_', 'APPLICATIONINSIGHTS_'];
const PLATFORM_SETTINGS: Record<string, string> = {
  WEBSITE_RUN_FROM_PACKAGE: 'run the deployed zip as the read-only app folder',
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'the zip is prebuilt (dist/ + production node_modules): no build on the server',
};

/** Settings without which the deployed bot would not run as intended (checked below to really be needed). */
const REQUIRED_SETTINGS = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppTenantId',
  'MicrosoftAppType',
  'OAUTH_CONNECTION_NAME',
  'STORAGE',
  'BLOB_SERVICE_URL',
  'BLOB_CONTAINER',
  'QUEUE_SERVICE_URL',
];

/** What keeps the configuration from being the production one: empty when the bot would run as deployed. */
function productionProblems(settings: Record<string, string>): string[] {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(settings);
  } catch (err) {
    return [(err as Error).message];
  }
  const problems: string[] = [];
  if (config.sandbox) problems.push('sandbox mode');
  if (!config.appId) problems.push('no app id: Bot Framework authentication off');
  if (config.appType !== 'SingleTenant') problems.push(`app type ${config.appType}, not SingleTenant`);
  if (config.storage.kind !== 'blob') problems.push(`storage ${config.storage.kind}, not blob`);
  else if (!config.storage.serviceUrl) problems.push('blob storage without the managed identity (a connection string?)');
  if (config.reminders.queue.kind !== 'storageQueue') problems.push(`reminder queue ${config.reminders.queue.kind}`);
  else if (!config.reminders.queue.serviceUrl) problems.push('reminder queue without the managed identity');
  if (!config.allowedChannels.includes('msteams')) problems.push('the msteams channel is refused');
  return problems;
}

/** Every string of `value` that is a template expression. */
function expressions(value: unknown): string[] {
  if (typeof value === 'string') return isExpression(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(expressions);
  if (value && typeof value === 'object') return Object.values(value).flatMap(expressions);
  return [];
}

describe('infra/azure.json: the ARM template', () => {
  const template = readTemplate();
  const resources = armResources(template);
  let validator: ArmSchemaValidator;
  before(() => (validator = new ArmSchemaValidator()));

  describe("Azure's schemas (offline copy in test/infra/arm-schemas)", () => {
    it('the top-level shape validates against 2019-04-01/deploymentTemplate.json', () => {
      assert.equal(template.$schema, 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#');
      assert.deepEqual(validator.checkTemplateShape(template), []);
    });

    it('the parameter file validates against 2019-04-01/deploymentParameters.json', () => {
      const parameters = readParameterFile();
      assert.equal(parameters.$schema, 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#');
      assert.deepEqual(validator.checkParameterFile(parameters), []);
    });

    for (const resource of resources) {
      it(`${resource.type}@${resource.apiVersion} (${resource.path}${resource.nested ? ', nested' : ''}) validates against its type's schema`, () => {
        assert.deepEqual(validator.checkResource(resource), []);
      });
    }

    it("uses only property names the types' schemas define (Azure would ignore a misspelt one)", () => {
      assert.deepEqual(resources.flatMap((r) => validator.unknownProperties(r).map((p) => `${r.type}: ${p}`)), []);
      const site = structuredClone(theResource(resources, SITE));
      (site.body.properties as { siteConfig: { [key: string]: Json } }).siteConfig.alwaysOnn = true;
      assert.deepEqual(validator.unknownProperties(site), ['properties.siteConfig.alwaysOnn'], 'the check can fail');
    });

    it('uses the API versions whose schemas are bundled, one per provider', () => {
      const expected: Record<string, string> = {
        'Microsoft.Storage': '2023-05-01',
        'Microsoft.Web': '2024-04-01',
        'Microsoft.Authorization': '2022-04-01',
        'Microsoft.BotService': '2022-09-15',
      };
      for (const r of resources) assert.equal(r.apiVersion, expected[r.type.split('/')[0]!], `${r.path} ${r.type}`);
      assert.deepEqual(new Set(resources.map((r) => r.type.split('/')[0])), new Set(Object.keys(expected)));
    });

    it('fails a broken resource, a wrong API version and a misshapen template (the validator can fail)', () => {
      const storage = structuredClone(theResource(resources, STORAGE));
      (storage.body.properties as { [key: string]: Json }).allowBlobPublicAccess = 'nope';
      assert.notDeepEqual(validator.checkResource(storage), []);
      const queue = structuredClone(theResource(resources, `${STORAGE}/queueServices/queues`));
      queue.body.name = 'Not_A--Queue';
      assert.notDeepEqual(validator.checkResource(queue), [], 'a nested resource is checked too');
      assert.notDeepEqual(validator.checkResource({ ...theResource(resources, SITE), apiVersion: '2019-08-01' }), []);
      assert.notDeepEqual(validator.checkTemplateShape({ ...template, parameters: { x: { type: 'text' } } }), []);
      assert.notDeepEqual(validator.checkParameterFile({ ...readParameterFile(), contentVersion: '1' }), []);
    });
  });

  describe('the contract with the deploy script and the Agents Toolkit', () => {
    it('declares the contract parameters with their types and defaults', () => {
      for (const [name, expected] of Object.entries(CONTRACT_PARAMETERS)) {
        const actual = template.parameters?.[name];
        assert.ok(actual, `parameter ${name}`);
        assert.equal(actual.type.toLowerCase(), expected.type, `${name} type`);
        assert.deepEqual(actual.defaultValue, expected.defaultValue, `${name} default`);
      }
      const base = template.parameters!.resourceBaseName!;
      assert.deepEqual([base.minLength, base.maxLength], [3, 16]);
      const instances = template.parameters!.instanceCount!;
      assert.ok(Number(instances.maxValue) >= 2, 'instanceCount allows scaling out');
      assert.equal(instances.minValue, 1);
    });

    it('uses every parameter it declares', () => {
      const used = parametersUsed({ variables: template.variables, resources: template.resources, outputs: template.outputs });
      assert.deepEqual(Object.keys(template.parameters ?? {}).filter((p) => !used.has(p)), []);
    });

    it('has the contract outputs, with the values a deployment produces', () => {
      const deployment = sampleDeployment(template);
      const outputs = Object.fromEntries(Object.entries(template.outputs ?? {}).map(([name, o]) => [name, deployment.value(o.value)]));
      for (const name of CONTRACT_OUTPUTS) assert.ok(name in outputs, `output ${name}`);
      const host = String(outputs.webAppHostName);
      assert.equal(outputs.botEndpoint, `https://${host}/api/messages`);
      assert.equal(outputs.botId, SAMPLE_PARAMETERS.botAadAppClientId);
      assert.equal(outputs.oauthConnectionName, 'graph');
      assert.match(String(outputs.webAppResourceId), /\/providers\/Microsoft\.Web\/sites\/[^/]+$/);
      assert.ok(String(outputs.webAppResourceId).endsWith(`/${outputs.webAppName}`));
      // The Agents Toolkit's names for the same values (its zipDeploy and app package read them from the env file).
      assert.equal(outputs.BOT_AZURE_APP_SERVICE_RESOURCE_ID, outputs.webAppResourceId);
      assert.equal(outputs.BOT_DOMAIN, host);
      assert.ok(!JSON.stringify(template.outputs).includes('botAadAppClientSecret'), 'no output carries the secret');
    });

    it('evaluates every expression in the template (no unknown function, parameter or variable)', () => {
      const deployment = sampleDeployment(template);
      for (const e of expressions({ parameters: template.parameters, variables: template.variables, resources: template.resources, outputs: template.outputs })) {
        assert.doesNotThrow(() => deployment.value(e), e);
      }
    });

    it('derives names within Azure limits from the longest base name, the same in one resource group every time', () => {
      const names = (base: string) => {
        const d = sampleDeployment(template, { resourceBaseName: base });
        return { storage: String(d.value('[variables(\'storageAccountName\')]')), site: String(d.value('[variables(\'webAppName\')]')), bot: String(d.value('[variables(\'botName\')]')) };
      };
      const longest = names('a'.repeat(16));
      assert.match(longest.storage, /^[a-z0-9]{3,24}$/, 'storage account: 3-24 lowercase letters and digits');
      assert.match(longest.site, /^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$/, 'web app: at most 60, no leading or trailing hyphen');
      assert.match(longest.bot, /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,63}$/, 'Azure Bot handle');
      assert.deepEqual(names('meetbotdev'), names('meetbotdev'), 'redeploying to the same group names the same resources');
    });

    it('the parameter file gives the Toolkit placeholders for the identity, and only template parameters', () => {
      const file = readParameterFile();
      assert.deepEqual(Object.keys(file.parameters).filter((p) => !template.parameters?.[p]), []);
      assert.equal(file.parameters.botAadAppClientId?.value, '${{BOT_ID}}');
      assert.equal(file.parameters.botAadAppTenantId?.value, '${{BOT_TENANT_ID}}');
      assert.equal(file.parameters.botAadAppClientSecret?.value, '${{SECRET_BOT_PASSWORD}}');
      for (const [name, definition] of Object.entries(template.parameters ?? {})) {
        if (definition.defaultValue === undefined) assert.ok(name in file.parameters, `required parameter ${name} is in the parameter file`);
      }
      // The same variables the bot reads (aliases of MicrosoftAppId, MicrosoftAppTenantId, MicrosoftAppPassword).
      for (const name of placeholderNames(file).filter((n) => n !== 'RESOURCE_SUFFIX')) assert.ok(CONFIG_VARIABLES.includes(name), name);
    });
  });

  describe('the web app', () => {
    const site = theResource(resources, SITE);
    const settings = appSettingsOf(site.body, sampleDeployment(template));

    it('names only settings the configuration reads, or documented App Service platform settings', () => {
      const unknown = Object.keys(settings).filter((name) => !CONFIG_VARIABLES.includes(name) && !(name in PLATFORM_SETTINGS));
      assert.deepEqual(unknown, []);
      for (const name of Object.keys(PLATFORM_SETTINGS)) assert.ok(PLATFORM_PREFIXES.some((p) => name.startsWith(p)), name);
      assert.equal(settings.WEBSITE_RUN_FROM_PACKAGE, '1');
      assert.equal(settings.SCM_DO_BUILD_DURING_DEPLOYMENT, 'false');
    });

    it("documents every configuration variable it sets in the README's Configuration table", () => {
      const readme = readReadme();
      const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
      const undocumented = Object.keys(settings).filter((name) => CONFIG_VARIABLES.includes(name) && !table.includes(`\`${name}\``));
      assert.deepEqual(undocumented, []);
    });

    it('gives the bot a production configuration: loadConfig accepts the settings, blob storage and a queue over the managed identity, not sandbox', () => {
      assert.deepEqual(productionProblems(settings), []);
      const config = loadConfig(settings);
      assert.equal(config.storage.kind, 'blob');
      assert.equal(config.reminders.queue.kind, 'storageQueue');
      assert.equal(config.sandbox, false);
      assert.equal(config.appId, SAMPLE_PARAMETERS.botAadAppClientId);
      assert.equal(config.appTenantId, SAMPLE_PARAMETERS.botAadAppTenantId);
      assert.equal(config.oauthConnectionName, 'graph');
      assert.equal(config.recordRetentionDays, 30);
      assert.deepEqual(config.allowedChannels, ['msteams']);
    });

    it('needs each required setting: without any one of them the bot would not run as deployed', () => {
      for (const name of REQUIRED_SETTINGS) {
        assert.ok(name in settings, `${name} is set`);
        const { [name]: _removed, ...without } = settings;
        assert.notDeepEqual(productionProblems(without), [], `without ${name} the configuration still looks like production`);
      }
    });

    it('reaches storage by the account endpoints, without a trailing slash, and holds no key or connection string', () => {
      const account = String(sampleDeployment(template).value("[variables('storageAccountName')]"));
      assert.equal(settings.BLOB_SERVICE_URL, `https://${account}.blob.core.windows.net`);
      assert.equal(settings.QUEUE_SERVICE_URL, `https://${account}.queue.core.windows.net`);
      assert.deepEqual(Object.keys(settings).filter((n) => /CONNECTION_STRING|KEY|SAS/i.test(n)), []);
      assert.ok(!/listKeys|listAccountSas|listServiceSas/i.test(JSON.stringify(template)), 'no key is read anywhere in the template');
    });

    it('runs the prebuilt bot on Linux Node 22 with the same command as npm start, minus npm (prestart may need TypeScript)', () => {
      const config = (site.body.properties as { siteConfig: { [key: string]: Json } }).siteConfig;
      assert.equal(config.linuxFxVersion, 'NODE|22-lts');
      const command = String(sampleDeployment(template).value(config.appCommandLine as string));
      const pkg = readPackageJson();
      assert.equal(command, pkg.scripts.start);
      assert.equal(command, START_COMMAND.join(' '), 'the command the production-artifact test and the Dockerfile run');
      assert.match(command, /^node /);
      assert.ok(command.includes(pkg.main), `runs ${pkg.main}`);
      const plan = theResource(resources, 'Microsoft.Web/serverfarms');
      assert.equal(plan.body.kind, 'linux');
      assert.deepEqual(plan.body.properties, { reserved: true });
      assert.equal((plan.body.sku as { capacity: Json }).capacity, "[parameters('instanceCount')]");
    });

    it('is https only, always on, health-checked on /healthz (a route the server has), TLS 1.2+, no FTP, with its own identity', () => {
      const properties = site.body.properties as { httpsOnly: boolean; clientAffinityEnabled: boolean; siteConfig: { [key: string]: Json } };
      assert.equal(properties.httpsOnly, true);
      assert.equal(properties.clientAffinityEnabled, false, 'no sticky sessions: every instance serves every user');
      const c = properties.siteConfig;
      assert.deepEqual([c.alwaysOn, c.healthCheckPath, c.minTlsVersion, c.ftpsState], [true, '/healthz', '1.2', 'Disabled']);
      assert.match(fs.readFileSync(path.join(REPO_ROOT, 'src', 'http', 'server.ts'), 'utf8'), /server\.get\('\/healthz'/);
      assert.deepEqual(site.body.identity, { type: 'SystemAssigned' });
    });
  });

  describe('storage', () => {
    const deployment = sampleDeployment(template);
    const settings = appSettingsOf(theResource(resources, SITE).body, deployment);

    it('is StorageV2 LRS, Entra ID only (no shared keys, no public blobs), https and TLS 1.2', () => {
      const account = theResource(resources, STORAGE);
      assert.equal(account.body.kind, 'StorageV2');
      assert.deepEqual(account.body.sku, { name: 'Standard_LRS' });
      const p = account.body.properties as { [key: string]: Json };
      assert.deepEqual([p.allowBlobPublicAccess, p.allowSharedKeyAccess, p.supportsHttpsTrafficOnly, p.minimumTlsVersion], [false, false, true, 'TLS1_2']);
    });

    it('has the container and queue the app settings name; the queue is the configuration default', () => {
      assert.equal(deployment.value(theResource(resources, `${STORAGE}/blobServices/containers`).body.name!), settings.BLOB_CONTAINER);
      assert.equal(deployment.value(theResource(resources, `${STORAGE}/queueServices/queues`).body.name!), settings.REMINDER_QUEUE);
      const defaults = loadConfig({ STORAGE: 'blob', BLOB_SERVICE_URL: 'https://a.blob.core.windows.net', BLOB_CONTAINER: 'bot-state', QUEUE_SERVICE_URL: 'https://a.queue.core.windows.net' });
      assert.equal(defaults.reminders.queue.kind === 'storageQueue' && defaults.reminders.queue.queueName, settings.REMINDER_QUEUE);
    });

    it("has the README's lifecycle rules, for the state container's once/ claims and Teams dialog state", () => {
      const policy = theResource(resources, `${STORAGE}/managementPolicies`);
      assert.equal(policy.body.name, 'default');
      const rules = (policy.body.properties as { policy: Json }).policy;
      assert.deepEqual(rules, readmeLifecyclePolicy());
      const prefixes = (rules as { rules: Array<{ definition: { filters: { prefixMatch: string[] } } }> }).rules.flatMap((r) => r.definition.filters.prefixMatch);
      // BlobsStorage names a blob after its key, URI-encoded: msteams/conversations/… is msteams%2Fconversations%2F….
      assert.deepEqual(prefixes, [`${settings.BLOB_CONTAINER}/once/`, `${settings.BLOB_CONTAINER}/${encodeURIComponent('msteams/conversations/')}`]);
    });

    it("grants the web app's identity Blob and Queue Data Contributor on this account only", () => {
      const assignments = resources.filter((r) => r.type === ROLE_ASSIGNMENT).map((r) => deployment.value(r.body) as { [key: string]: Json });
      const account = String(deployment.value("[variables('storageAccountName')]"));
      const roles = assignments.map((a) => {
        const p = a.properties as { roleDefinitionId: string; principalId: string; principalType: string };
        assert.equal(a.scope, `Microsoft.Storage/storageAccounts/${account}`);
        assert.equal(p.principalId, SAMPLE_PRINCIPAL_ID);
        assert.equal(p.principalType, 'ServicePrincipal');
        assert.match(String(a.name), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'name from guid()');
        return p.roleDefinitionId.split('/').pop();
      });
      assert.deepEqual(roles.sort(), [STORAGE_ROLES.blobDataContributor, STORAGE_ROLES.queueDataContributor].sort());
      assert.equal(new Set(assignments.map((a) => a.name)).size, 2, 'distinct role assignment names');
    });
  });

  describe('the Azure Bot', () => {
    const deployment = sampleDeployment(template);

    it('is an azurebot for the single-tenant Entra app, with the web app as endpoint and the Teams channel', () => {
      const bot = deployment.value(theResource(resources, BOT).body) as { [key: string]: Json };
      assert.equal(bot.kind, 'azurebot');
      assert.equal(bot.location, 'global');
      assert.deepEqual(bot.sku, { name: 'F0' });
      const p = bot.properties as { [key: string]: Json };
      assert.deepEqual([p.msaAppType, p.msaAppId, p.msaAppTenantId], ['SingleTenant', SAMPLE_PARAMETERS.botAadAppClientId, SAMPLE_PARAMETERS.botAadAppTenantId]);
      const host = deployment.value(template.outputs!.webAppHostName!.value);
      assert.equal(p.endpoint, `https://${host}/api/messages`);
      const teams = theResource(resources, `${BOT}/channels`);
      assert.equal(teams.body.name, 'MsTeamsChannel');
      assert.deepEqual(teams.body.properties, { channelName: 'MsTeamsChannel' });
    });

    const meetingsConnection = () => theNamed(resources, CONNECTION, (n) => n.includes('oauthConnectionName'));
    const calendarConnection = () => theNamed(resources, CONNECTION, (n) => n.includes('calendarConnectionName'));

    it('has the SSO OAuth connection: Azure AD v2, the Entra app, Token Exchange URL = the Teams manifest resource, the Graph scopes', () => {
      const connection = deployment.value(meetingsConnection().body) as { name: string; properties: { [key: string]: Json } };
      const p = connection.properties;
      assert.equal(connection.name, 'graph');
      assert.equal(p.serviceProviderId, '30dd229c-58e3-4a48-bdfd-91ec48eb906c', 'Azure Active Directory v2');
      const parameters = Object.fromEntries((p.parameters as Array<{ key: string; value: string }>).map((x) => [x.key, x.value]));
      const { botAadAppClientId: clientId, botAadAppTenantId: tenantId, botAadAppClientSecret: secret } = SAMPLE_PARAMETERS;
      assert.deepEqual(parameters, { ClientId: clientId, ClientSecret: secret, TenantId: tenantId, TokenExchangeUrl: `api://botid-${clientId}` });
      // The Teams manifest asks Teams for a token for this resource; the exchange URL must be that same URI.
      const resource = readTeamsManifest().webApplicationInfo.resource;
      assert.equal(resource.replace(/\$\{\{\s*\w+\s*\}\}/, clientId), parameters.TokenExchangeUrl);
      // …and the Entra app's identifier URI, which Teams' SSO token is issued for.
      assert.deepEqual(fillPlaceholders(readEntraManifest().identifierUris, { BOT_ID: clientId }), [parameters.TokenExchangeUrl]);
      assert.equal(p.scopes, GRAPH_SCOPES);
    });

    it('has the calendar OAuth connection the bot reads as CALENDAR_CONNECTION_NAME: the same app and exchange URL, the calendar scope only', () => {
      const meetings = deployment.value(meetingsConnection().body) as { properties: { [key: string]: Json } };
      const calendar = deployment.value(calendarConnection().body) as { name: string; properties: { [key: string]: Json } };
      assert.equal(calendar.name, 'calendar');
      assert.equal(calendar.properties.scopes, CALENDAR_SCOPES);
      assert.doesNotMatch(String(meetings.properties.scopes), /Calendars/, 'signing in for meetings never asks for the calendar');
      assert.deepEqual(calendar.properties.parameters, meetings.properties.parameters);
      assert.equal(calendar.properties.serviceProviderId, meetings.properties.serviceProviderId);
      const site = theResource(resources, 'Microsoft.Web/sites');
      const settings = deployment.value((site.body.properties as any).siteConfig.appSettings) as Array<{ name: string; value: string }>;
      assert.equal(settings.find((x) => x.name === 'CALENDAR_CONNECTION_NAME')?.value, calendar.name);
    });

    it('asks for the same Graph permissions as the Entra manifest and the README', () => {
      const scopesOf = (r: ReturnType<typeof meetingsConnection>) => (deployment.value(r.body) as { properties: { scopes: string } }).properties.scopes.split(' ');
      const scopes = new Set([...scopesOf(meetingsConnection()), ...scopesOf(calendarConnection())]);
      const graph = readEntraManifest().requiredResourceAccess.find((r) => r.resourceAppId === MICROSOFT_GRAPH_APP_ID)!;
      const byId = new Map(ENTRA_APP_PERMISSIONS.map((x) => [x.id, x.name]));
      assert.deepEqual(graph.resourceAccess.map((a) => byId.get(a.id) ?? `unknown id ${a.id}`).sort(), [...scopes].sort());
      assert.ok(readReadme().includes(GRAPH_SCOPES), `README lists the scopes "${GRAPH_SCOPES}"`);
      assert.ok(readReadme().includes(CALENDAR_SCOPES), `README lists the calendar connection's scopes "${CALENDAR_SCOPES}"`);
    });
  });
});
