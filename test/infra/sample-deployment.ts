// infra/azure.json as one deployment would make it: sample values for the required parameters, and stand-ins for what
// Azure answers (a resource group, the storage account's endpoints, the web app's host name and identity).
import { ArmEvaluator, type ArmStandIns, type ArmTemplate, type Json } from './arm-expression';

/** Values for the parameters without defaults, as the deploy script or the Agents Toolkit passes them. */
export const SAMPLE_PARAMETERS = {
  resourceBaseName: 'meetbotdev',
  botAadAppClientId: '3d5f7a9b-2c4e-4f6a-8b0c-1d3e5f7a9b2c',
  botAadAppTenantId: '9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0',
  botAadAppClientSecret: 'sample-client-secret',
} as const;

export const SAMPLE_PRINCIPAL_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';

const STAND_INS: ArmStandIns = {
  subscriptionId: '00000000-1111-4222-8333-444444444444',
  resourceGroup: 'rg-meeting-bot',
  location: 'westeurope',
  reference(resourceId, full): Json {
    const m = /\/providers\/(Microsoft\.[A-Za-z]+\/[A-Za-z]+)\/([^/]+)$/.exec(resourceId);
    if (!m) throw new Error(`reference(): the stand-in knows no resource ${resourceId}`);
    const [, type, name] = m;
    // What Azure returns: properties (reference(id, version)) or the whole resource (…, 'full').
    if (type === 'Microsoft.Storage/storageAccounts') {
      const properties: Json = { primaryEndpoints: { blob: `https://${name}.blob.core.windows.net/`, queue: `https://${name}.queue.core.windows.net/` } };
      return full ? { properties } : properties;
    }
    if (type === 'Microsoft.Web/sites') {
      const properties: Json = { defaultHostName: `${name}.azurewebsites.net` };
      return full ? { properties, identity: { type: 'SystemAssigned', principalId: SAMPLE_PRINCIPAL_ID } } : properties;
    }
    throw new Error(`reference(): the stand-in knows no ${type}`);
  },
};

export function sampleDeployment(template: ArmTemplate, values: Record<string, Json> = {}): ArmEvaluator {
  return new ArmEvaluator(template, { ...SAMPLE_PARAMETERS, ...values }, STAND_INS);
}

/** The web app's application settings (siteConfig.appSettings) as name → value after evaluation. */
export function appSettingsOf(site: { [key: string]: Json }, deployment: ArmEvaluator): Record<string, string> {
  const properties = deployment.value(site.properties ?? null) as { siteConfig?: { appSettings?: Array<{ name: string; value: Json }> } };
  const list = properties.siteConfig?.appSettings ?? [];
  const settings: Record<string, string> = {};
  for (const { name, value } of list) {
    if (name in settings) throw new Error(`app setting ${name} appears twice`);
    if (typeof value !== 'string') throw new Error(`app setting ${name} is not a string (${JSON.stringify(value)})`);
    settings[name] = value;
  }
  return settings;
}
