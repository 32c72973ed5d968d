// infra/azure.json deployed with `az deployment group create` (idempotent: ARM brings the resources to the template,
// an unchanged resource is left as it is). Parameters come from infra/azure.parameters.json — the file the Agents
// Toolkit's arm/deploy uses — with its ${{VAR}} placeholders filled the same way, so both paths deploy the same
// values. The filled file holds the client secret: it is written to a private temporary folder (0700, file 0600)
// and deleted when az is done; the command line only names it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Az } from './az';
import { fillPlaceholders, MissingVariablesError } from '../app-package/placeholders';

/** The outputs infra/azure.json promises (its contract with this script). */
export const TEMPLATE_OUTPUTS = ['webAppName', 'webAppHostName', 'webAppResourceId', 'botEndpoint', 'storageAccountName', 'oauthConnectionName', 'botId'] as const;
export type TemplateOutputs = Record<(typeof TEMPLATE_OUTPUTS)[number], string>;

export const templatePath = (root: string): string => path.join(root, 'infra', 'azure.json');
export const parametersPath = (root: string): string => path.join(root, 'infra', 'azure.parameters.json');

export class DeploymentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeploymentError';
  }
}

type ParameterValues = Record<string, { value?: unknown; reference?: unknown }>;

function readJson(file: string, root: string): Record<string, unknown> {
  if (!fs.existsSync(file)) throw new DeploymentError(`${path.relative(root, file)} does not exist`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new DeploymentError(`${path.relative(root, file)} is not JSON: ${(err as Error).message}`);
  }
}

/**
 * The deployment's parameters: infra/azure.parameters.json filled from `vars`, plus `location` when the template
 * declares it and the file does not set it. Every problem is a DeploymentError naming what to fix.
 */
export function deploymentParameters(root: string, vars: Readonly<Record<string, string | undefined>>, location: string, envFileName: string): ParameterValues {
  const template = readJson(templatePath(root), root);
  const declared = (template.parameters ?? {}) as Record<string, { defaultValue?: unknown }>;
  const file = readJson(parametersPath(root), root);
  let parameters: ParameterValues;
  try {
    parameters = fillPlaceholders((file.parameters ?? {}) as ParameterValues, vars);
  } catch (err) {
    if (err instanceof MissingVariablesError) {
      throw new DeploymentError(`infra/azure.parameters.json uses ${err.variables.join(', ')}: set ${err.variables.length > 1 ? 'them' : 'it'} in ${envFileName}`);
    }
    throw err;
  }
  if ('location' in declared && !('location' in parameters)) parameters.location = { value: location };

  const unknown = Object.keys(parameters).filter((name) => !(name in declared));
  if (unknown.length) throw new DeploymentError(`infra/azure.parameters.json sets ${unknown.join(', ')}, which infra/azure.json does not declare`);
  const missing = Object.keys(declared).filter((name) => !(name in parameters) && declared[name].defaultValue === undefined);
  if (missing.length) throw new DeploymentError(`infra/azure.json needs ${missing.join(', ')}, which infra/azure.parameters.json does not set`);
  const base = parameters.resourceBaseName?.value;
  if (base !== undefined && !/^[a-z0-9]{3,16}$/.test(String(base))) {
    throw new DeploymentError(`resourceBaseName "${String(base)}" must be 3–16 lowercase letters or digits (check RESOURCE_SUFFIX / --suffix)`);
  }
  return parameters;
}

/** Runs the deployment and returns the template's outputs (all of TEMPLATE_OUTPUTS, as strings). */
export async function deployTemplate(
  az: Az,
  root: string,
  target: { resourceGroup: string; subscription: string; deploymentName: string },
  parameters: ParameterValues,
): Promise<TemplateOutputs> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-deploy-'));
  let result: { properties?: { outputs?: Record<string, { value?: unknown }> } } | null;
  try {
    const file = path.join(dir, 'azure.parameters.json');
    const body = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters };
    fs.writeFileSync(file, JSON.stringify(body, null, 2), { mode: 0o600 });
    result = await az.json(['deployment', 'group', 'create',
      '--resource-group', target.resourceGroup,
      '--subscription', target.subscription,
      '--name', target.deploymentName,
      '--template-file', templatePath(root),
      '--parameters', `@${file}`,
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const outputs = result?.properties?.outputs ?? {};
  // ARM may return output names in another case than the template spells them.
  const byName = new Map(Object.entries(outputs).map(([k, v]) => [k.toLowerCase(), v?.value]));
  const missing = TEMPLATE_OUTPUTS.filter((name) => typeof byName.get(name.toLowerCase()) !== 'string' || !byName.get(name.toLowerCase()));
  if (missing.length) throw new DeploymentError(`the deployment returned no ${missing.join(', ')} (infra/azure.json must output them)`);
  return Object.fromEntries(TEMPLATE_OUTPUTS.map((name) => [name, byName.get(name.toLowerCase()) as string])) as TemplateOutputs;
}
