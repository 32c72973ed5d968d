// az account / group / deployment group / webapp deploy in the stand-in. A deployment checks its parameters against
// the template as ARM does (unknown, missing, length, allowed values) and returns the template's outputs, whose
// values follow the stand-in's own naming (it cannot evaluate ARM expressions): web app "app-<resourceBaseName>",
// storage account "st<resourceBaseName>".
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { CommandSpec } from './arguments';
import { failed, notFound, ok, type Reply } from './reply';
import type { StandInState } from './state';

const SUBSCRIPTION: CommandSpec = { '--subscription': {} };
export const ARM_COMMANDS: Record<string, CommandSpec> = {
  'account show': { ...SUBSCRIPTION },
  'group show': { '--name': { aliases: ['-n', '--resource-group', '-g'], required: true }, ...SUBSCRIPTION },
  'group create': { '--name': { aliases: ['-n', '--resource-group', '-g'], required: true }, '--location': { aliases: ['-l'], required: true }, '--tags': { many: true }, ...SUBSCRIPTION },
  'deployment group create': {
    '--resource-group': { aliases: ['-g'], required: true },
    '--name': { aliases: ['-n'] },
    '--template-file': { aliases: ['-f'] },
    '--parameters': { aliases: ['-p'], many: true },
    '--mode': {},
    ...SUBSCRIPTION,
  },
  'webapp deploy': {
    '--resource-group': { aliases: ['-g'], required: true },
    '--name': { aliases: ['-n'], required: true },
    '--src-path': {},
    '--type': {},
    '--async': {},
    '--restart': {},
    '--clean': {},
    '--timeout': {},
    '--track-status': {},
    ...SUBSCRIPTION,
  },
};

interface TemplateParameter {
  type: string;
  defaultValue?: unknown;
  minLength?: number;
  maxLength?: number;
  allowedValues?: unknown[];
}

const groupId = (state: StandInState, name: string): string => `/subscriptions/${state.subscription.id}/resourceGroups/${name}`;
const groupMissing = (name: string): Reply => notFound(`(ResourceGroupNotFound) Resource group '${name}' could not be found.\nCode: ResourceGroupNotFound`);

function deploy(options: Record<string, string[]>, state: StandInState): Reply {
  const one = (name: string): string => options[name]?.[0] ?? '';
  const group = one('--resource-group');
  if (!state.groups[group]) return groupMissing(group);
  if (!options['--template-file']) return failed('az stand-in: only --template-file deployments are simulated');
  const template = JSON.parse(fs.readFileSync(one('--template-file'), 'utf8')) as { parameters?: Record<string, TemplateParameter>; outputs?: Record<string, { type: string }> };
  const declared = template.parameters ?? {};
  const given: Record<string, unknown> = {};
  for (const value of options['--parameters'] ?? []) {
    if (!value.startsWith('@')) return failed('az stand-in: only @file parameters are simulated');
    const file = JSON.parse(fs.readFileSync(value.slice(1), 'utf8')) as { parameters?: Record<string, { value?: unknown }> };
    for (const [name, p] of Object.entries(file.parameters ?? {})) given[name] = p.value;
  }
  const invalid = (message: string): Reply => failed(`{"code": "InvalidTemplate", "message": "Deployment template validation failed: '${message}'."}`);
  const unknown = Object.keys(given).filter((name) => !(name in declared));
  if (unknown.length) {
    return invalid(`The template parameters '${unknown.join(', ')}' in the parameters file are not valid; they are not present in the original template and can therefore not be provided at deployment time. The only supported parameters for this template are '${Object.keys(declared).join(', ')}'`);
  }
  const values: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(declared)) {
    const value = name in given ? given[name] : p.defaultValue;
    if (value === undefined) return invalid(`The value for the template parameter '${name}' is not provided`);
    if (typeof value === 'string' && ((p.minLength !== undefined && value.length < p.minLength) || (p.maxLength !== undefined && value.length > p.maxLength))) {
      return invalid(`The provided value for the template parameter '${name}' is not valid. Length of the value should be between ${p.minLength} and ${p.maxLength}`);
    }
    if (p.allowedValues && !p.allowedValues.includes(value)) return invalid(`The provided value '${String(value)}' for the template parameter '${name}' is not valid. The parameter value is not part of the allowed value(s)`);
    if (['string', 'securestring'].includes(p.type.toLowerCase()) && typeof value !== 'string' && !(typeof value === 'string' && /^\[/.test(value))) {
      return invalid(`Template parameter '${name}' was provided an invalid value. Expected a value of type 'String'`);
    }
    values[name] = value;
  }

  const base = String(values.resourceBaseName ?? 'bot');
  const webAppName = `app-${base}`;
  const host = `${webAppName}.azurewebsites.net`;
  const computed: Record<string, string> = {
    webAppName,
    webAppHostName: host,
    webAppResourceId: `${groupId(state, group)}/providers/Microsoft.Web/sites/${webAppName}`,
    botEndpoint: `https://${host}/api/messages`,
    storageAccountName: `st${base}`,
    oauthConnectionName: String(values.oauthConnectionName ?? 'graph'),
    botId: String(values.botAadAppClientId ?? ''),
  };
  state.webApps[webAppName] = { resourceGroup: group };
  const name = one('--name') || 'azure';
  state.deployments.push({ resourceGroup: group, name, parameters: Object.fromEntries(Object.entries(values).filter(([n]) => declared[n].type.toLowerCase() !== 'securestring')) });
  return ok({
    id: `${groupId(state, group)}/providers/Microsoft.Resources/deployments/${name}`,
    location: null,
    name,
    properties: {
      correlationId: crypto.randomUUID(),
      mode: one('--mode') || 'Incremental',
      outputs: Object.fromEntries(Object.entries(template.outputs ?? {}).map(([n, o]) => [n, { type: o.type === 'string' ? 'String' : o.type, value: computed[n] ?? `stand-in:${n}` }])),
      // ARM never returns a secure parameter's value.
      parameters: Object.fromEntries(Object.entries(values).map(([n, v]) => [n, declared[n].type.toLowerCase() === 'securestring' ? { type: 'SecureString' } : { type: 'String', value: v }])),
      provisioningState: 'Succeeded',
      timestamp: new Date().toISOString(),
    },
    resourceGroup: group,
    type: 'Microsoft.Resources/deployments',
  });
}

export function runArmCommand(command: string, options: Record<string, string[]>, state: StandInState): Reply {
  const one = (name: string): string => options[name]?.[0] ?? '';
  if (!state.loggedIn) return failed("Please run 'az login' to setup account.");
  if (options['--subscription'] && one('--subscription').toLowerCase() !== state.subscription.id) {
    return failed(`Subscription '${one('--subscription')}' not found. Check the spelling and casing and try again.`);
  }
  switch (command) {
    case 'account show':
      return ok({
        environmentName: 'AzureCloud',
        homeTenantId: state.tenantId,
        id: state.subscription.id,
        isDefault: true,
        managedByTenants: [],
        name: state.subscription.name,
        state: 'Enabled',
        tenantId: state.tenantId,
        user: { name: state.user, type: 'user' },
      });
    case 'group show': {
      const group = state.groups[one('--name')];
      return group ? ok({ id: groupId(state, one('--name')), location: group.location, managedBy: null, name: one('--name'), properties: { provisioningState: 'Succeeded' }, tags: null, type: 'Microsoft.Resources/resourceGroups' }) : groupMissing(one('--name'));
    }
    case 'group create': {
      const existing = state.groups[one('--name')];
      if (existing && existing.location !== one('--location').toLowerCase()) {
        return failed(`(InvalidResourceGroupLocation) Invalid resource group location '${one('--location')}'. The Resource group already exists in location '${existing.location}'.`);
      }
      state.groups[one('--name')] = { location: one('--location').toLowerCase() };
      return ok({ id: groupId(state, one('--name')), location: one('--location').toLowerCase(), managedBy: null, name: one('--name'), properties: { provisioningState: 'Succeeded' }, tags: null, type: 'Microsoft.Resources/resourceGroups' });
    }
    case 'deployment group create':
      return deploy(options, state);
    case 'webapp deploy': {
      const app = state.webApps[one('--name')];
      if (!app || app.resourceGroup !== one('--resource-group')) {
        return notFound(`(ResourceNotFound) The Resource 'Microsoft.Web/sites/${one('--name')}' under resource group '${one('--resource-group')}' was not found.`);
      }
      if (one('--type') !== 'zip') return failed('az stand-in: only --type zip is simulated');
      const zip = fs.existsSync(one('--src-path')) ? fs.readFileSync(one('--src-path')) : undefined;
      if (!zip || zip.subarray(0, 2).toString('latin1') !== 'PK') return failed(`Either '--src-path' or '--src-url' must be specified; '${one('--src-path')}' is not a zip file`);
      return ok({ active: true, author: 'N/A', complete: true, deployer: 'OneDeploy', id: crypto.randomUUID(), message: 'OneDeploy', provisioningState: 'Succeeded', site_name: one('--name'), status: 4, status_text: '' });
    }
    default:
      return failed(`az stand-in: ${command} is not simulated`);
  }
}
