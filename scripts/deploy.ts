// npm run deploy -- --resource-group <rg> --location <region> [--suffix <name>] [--subscription <id>] [--env <name>]
//
// One command from a clone to a bot in Teams, with the Azure CLI (`az`, run as a child process, never a shell):
// the resource group, the bot's Entra app (with the SSO settings of aad.manifest.json), its service principal and
// client secret, the Azure resources of infra/azure.json, the code (zip deploy of dist/src + production
// node_modules) and the Teams app package to sideload. It runs again without creating anything new: what an earlier
// run made is found through the ids it wrote to env/.env.<env> (committable) and the secret it wrote to
// env/.env.<env>.user (git-ignored) — the same files and names the Agents Toolkit uses (m365agents.yml).
// `npm run deploy` builds first (npm run build && node dist/scripts/deploy.js).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './app-package/paths';
import { PackageError, writeAppPackage } from './app-package/write-app-package';
import { deploymentParameters, deployTemplate, DeploymentError, parametersPath, templatePath } from './deploy/arm-deployment';
import { AzError, AzMissingError, azCli, type Az } from './deploy/az';
import { ensureClientSecret, SECRET_DISPLAY_NAME } from './deploy/client-secret';
import { applyToApp, EntraAppError, ensureServicePrincipal, findOrCreateApp, permissionLookup } from './deploy/entra-app';
import { desiredApplication, EntraManifestError, fillManifest, SCOPE_ID_VARIABLE } from './deploy/entra-manifest';
import { envFiles, readEnvValues, updateEnvFile } from './deploy/env-files';
import { parseOptions, USAGE, UsageError, type DeployOptions } from './deploy/options';
import { StageError, stageWebapp } from './deploy/stage-webapp';
import { templateVariables } from './deploy/template-variables';
import { zipWebapp } from './deploy/zip-webapp';

/** A problem the user fixes: printed as one line, exit code 1. */
class DeployError extends Error {}

interface Account {
  id: string;
  name?: string;
  tenantId: string;
  user?: { name?: string };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const usableId = (value: string | undefined): string | undefined => (value && GUID.test(value) && value !== ZERO_GUID ? value : undefined);

/** 6 lowercase letters/digits, starting with a letter (Azure names such as storage accounts must be lowercase). */
function newSuffix(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const chars = letters + '0123456789';
  return letters[crypto.randomInt(letters.length)] + Array.from({ length: 5 }, () => chars[crypto.randomInt(chars.length)]).join('');
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function signedIn(az: Az, subscription: string | undefined): Promise<Account> {
  try {
    return (await az.json<Account>(['account', 'show', ...(subscription ? ['--subscription', subscription] : [])]))!;
  } catch (err) {
    if (err instanceof AzError && /az login/i.test(err.stderr)) throw new DeployError('not signed in to Azure: run `az login` (and `az account set --subscription <id>`), then try again');
    if (err instanceof AzError && subscription) throw new DeployError(`subscription ${subscription} is not available to the signed-in account (${err.message})`);
    throw err;
  }
}

/** Refuses to point an environment's ids at a second deployment (they would mix two sets of resources). */
function sameTarget(kept: string | undefined, given: string, what: string, envFile: string): void {
  if (kept && kept.toLowerCase() !== given.toLowerCase()) {
    throw new DeployError(`${envFile} belongs to ${what} ${kept}, not ${given}: deploy to ${kept}, or use another --env for a second deployment`);
  }
}

async function deploy(root: string, options: DeployOptions, az: Az): Promise<void> {
  const files = envFiles(root, options.env);
  const envName = path.relative(root, files.file);
  const userName = path.relative(root, files.userFile);
  if (!fs.existsSync(files.file)) throw new DeployError(`${envName} does not exist: copy env/.env.dev to it (empty ids) for a new environment`);
  for (const required of [templatePath(root), parametersPath(root), path.join(root, 'aad.manifest.json')]) {
    if (!fs.existsSync(required)) throw new DeployError(`${path.relative(root, required)} does not exist`);
  }
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'index.js'))) throw new DeployError('dist/src/index.js does not exist: run `npm run build` (npm run deploy does)');

  const kept = readEnvValues(files.file);
  const secrets = readEnvValues(files.userFile);

  // --- Who and where ---
  const account = await signedIn(az, options.subscription ?? usableId(kept.AZURE_SUBSCRIPTION_ID));
  sameTarget(usableId(kept.AZURE_SUBSCRIPTION_ID), account.id, 'subscription', envName);
  sameTarget(kept.AZURE_RESOURCE_GROUP_NAME, options.resourceGroup, 'resource group', envName);
  if (options.suffix && kept.RESOURCE_SUFFIX && options.suffix !== kept.RESOURCE_SUFFIX) {
    throw new DeployError(`${envName} was deployed with --suffix ${kept.RESOURCE_SUFFIX}, not ${options.suffix}: use another --env for a second deployment`);
  }
  const suffix = options.suffix ?? (kept.RESOURCE_SUFFIX || newSuffix());
  const subscription = account.id;
  const tenantId = account.tenantId;
  say(`Azure: subscription ${account.name ? `${account.name} ` : ''}(${subscription}), tenant ${tenantId}${account.user?.name ? `, signed in as ${account.user.name}` : ''}`);
  updateEnvFile(files.file, { AZURE_SUBSCRIPTION_ID: subscription, AZURE_RESOURCE_GROUP_NAME: options.resourceGroup, RESOURCE_SUFFIX: suffix });

  const group = await az.find<{ location: string }>(['group', 'show', '--name', options.resourceGroup, '--subscription', subscription]);
  if (group && group.location.toLowerCase() !== options.location) {
    throw new DeployError(`resource group ${options.resourceGroup} is in ${group.location}, not ${options.location}: pass --location ${group.location}`);
  }
  if (!group) await az.json(['group', 'create', '--name', options.resourceGroup, '--location', options.location, '--subscription', subscription]);
  say(`resource group ${options.resourceGroup} (${options.location}): ${group ? 'exists' : 'created'}`);

  // --- The bot's identity ---
  const displayName = `meeting-bot-${suffix}`;
  const { app, found, warnings } = await findOrCreateApp(az, displayName, usableId(kept.BOT_ID));
  for (const warning of warnings) say(`warning: ${warning}`);
  say(`Entra app ${app.displayName ?? displayName} (client id ${app.appId}): ${found}`);
  updateEnvFile(files.file, { BOT_ID: app.appId, BOT_OBJECT_ID: app.id, BOT_TENANT_ID: tenantId });
  say(`service principal: ${await ensureServicePrincipal(az, app.appId)}`);

  const secret = await ensureClientSecret(az, app.appId, { secret: secrets.SECRET_BOT_PASSWORD, keyId: kept.BOT_PASSWORD_KEY_ID || undefined });
  // Written at once: a later failure must not lose a secret Entra will never show again.
  if (secret.created) updateEnvFile(files.userFile, { SECRET_BOT_PASSWORD: secret.secret }, { secret: true });
  updateEnvFile(files.file, { BOT_PASSWORD_KEY_ID: secret.keyId ?? '' });
  say(`client secret: ${secret.created ? `created (${secret.reason}), kept in ${userName}` : `reused from ${userName}`}`);
  const stale = secret.others.filter((c) => c.displayName === SECRET_DISPLAY_NAME);
  if (stale.length) say(`  ${stale.length} older secret(s) made by npm run deploy remain valid; remove unused ones with: az ad app credential delete --id ${app.appId} --key-id <keyId>`);

  const teamsAppId = usableId(kept.TEAMS_APP_ID) ?? crypto.randomUUID();
  say(`Teams app id ${teamsAppId}: ${usableId(kept.TEAMS_APP_ID) ? 'reused' : 'created'}`);
  updateEnvFile(files.file, { TEAMS_APP_ID: teamsAppId, TEAMS_APP_TENANT_ID: kept.TEAMS_APP_TENANT_ID || tenantId });

  const vars = templateVariables(readEnvValues(files.file), secrets, { env: options.env, appId: app.appId, objectId: app.id, tenantId, secret: secret.secret });

  // --- Azure resources ---
  const parameters = deploymentParameters(root, vars, options.location, envName);
  const deploymentName = `meeting-bot-${suffix}`;
  say(`deploying infra/azure.json to ${options.resourceGroup} as deployment ${deploymentName} (a few minutes the first time) …`);
  const outputs = await deployTemplate(az, root, { resourceGroup: options.resourceGroup, subscription, deploymentName }, parameters);
  const messagingEndpoint = /\/api\/messages\/?$/.test(outputs.botEndpoint) ? outputs.botEndpoint : `${outputs.botEndpoint.replace(/\/$/, '')}/api/messages`;
  updateEnvFile(files.file, {
    BOT_DOMAIN: outputs.webAppHostName,
    BOT_ENDPOINT: `https://${outputs.webAppHostName}`,
    BOT_AZURE_APP_SERVICE_RESOURCE_ID: outputs.webAppResourceId,
    OAUTH_CONNECTION_NAME: outputs.oauthConnectionName,
  });
  say(`ARM deployment ${deploymentName}: web app ${outputs.webAppName}, storage account ${outputs.storageAccountName}, Azure Bot ${outputs.botId}, OAuth connection ${outputs.oauthConnectionName}`);

  // --- Single sign-on settings of the app (after the deployment: the manifest may name the web app's host) ---
  const scopeId =
    usableId(kept[SCOPE_ID_VARIABLE]) ?? app.api?.oauth2PermissionScopes?.find((s) => s.value === 'access_as_user')?.id ?? crypto.randomUUID();
  const manifestTemplate = JSON.parse(fs.readFileSync(path.join(root, 'aad.manifest.json'), 'utf8')) as unknown;
  const desired = await desiredApplication(fillManifest(manifestTemplate, { ...vars, ...readEnvValues(files.file), [SCOPE_ID_VARIABLE]: scopeId }), permissionLookup(az));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-entra-'));
  let patched: number;
  try {
    patched = await applyToApp(az, app, desired, work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const appliedScope = app.api?.oauth2PermissionScopes?.find((s) => s.value === 'access_as_user')?.id ?? scopeId;
  updateEnvFile(files.file, { [SCOPE_ID_VARIABLE]: appliedScope });
  say(`aad.manifest.json (${desired.identifierUris.join(', ')}, ${desired.scopes.map((s) => s.value).join(', ')}, ${desired.preAuthorizedApplications.length} pre-authorized clients, ${desired.requiredResourceAccess.reduce((n, r) => n + r.resourceAccess.length, 0)} API permissions): ${patched ? 'applied' : 'unchanged'}`);

  // --- The code ---
  const staged = await stageWebapp(root, say);
  const zip = zipWebapp(root, staged.dir);
  say(`web app package ${path.relative(root, zip.file)}: ${zip.entries} files, ${(zip.bytes / 1e6).toFixed(1)} MB${zip.reused ? ' (unchanged)' : ''}; production dependencies ${staged.installed ? 'installed' : 'unchanged'}`);
  say(`zip deploy to ${outputs.webAppName} …`);
  await az.json(['webapp', 'deploy', '--resource-group', options.resourceGroup, '--subscription', subscription, '--name', outputs.webAppName, '--src-path', zip.file, '--type', 'zip']);
  say(`zip deploy to ${outputs.webAppName}: done`);

  // --- The Teams app package (scripts/app-package, from the env file this run filled) ---
  const pkg = await writeAppPackage(root, options.env);
  for (const warning of pkg.warnings) say(`warning: ${warning}`);
  const packagePath = path.relative(root, pkg.file);

  say('');
  say(`Deployed. Messaging endpoint: ${messagingEndpoint}`);
  say(`  bot (Entra app) ${app.appId}, web app ${outputs.webAppName} (https://${outputs.webAppHostName}), resource group ${options.resourceGroup}`);
  say(`  Teams app ${teamsAppId}: ${packagePath}`);
  say(`Sideload it: Teams → Apps → Manage your apps → Upload an app → Upload a custom app → ${packagePath}`);
  say(`If your tenant requires admin consent for the Graph permissions: az ad app permission admin-consent --id ${app.appId}`);
  say(`Running it again updates in place and creates nothing new (ids in ${envName}, secret in ${userName}).`);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    say(USAGE);
    return 0;
  }
  let options: DeployOptions;
  try {
    options = parseOptions(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${USAGE}\nerror: ${err.message}\n`);
    return 1;
  }
  if (process.platform === 'win32') {
    process.stderr.write('error: npm run deploy runs az without a shell, which needs Linux or macOS: use WSL or Azure Cloud Shell\n');
    return 1;
  }
  try {
    await deploy(repoRoot(), options, azCli());
    return 0;
  } catch (err) {
    const known = [DeployError, AzError, AzMissingError, DeploymentError, EntraAppError, EntraManifestError, StageError, PackageError];
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${message.split('\n')[0]}\n`);
    if (err instanceof PackageError) for (const d of err.details) process.stderr.write(`  - ${d}\n`);
    if (!known.some((k) => err instanceof k) && process.env.DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
