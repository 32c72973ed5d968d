// npm run deploy (scripts/deploy.ts) against the az stand-in (support/az-stand-in): what a first run creates, that a
// second creates nothing new, where the secret goes (and where it never goes), what the zip holds, and the one-line
// failures. The real `npm ci --omit=dev` runs (from the npm cache); the zipped bot is started to prove it runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import dotenv from 'dotenv';
import { startAzStandIn, type AzStandIn } from '../../support/az-stand-in/harness';
import type { AzCall } from '../../support/az-stand-in/state';
import { startBot } from '../../support/bot-process';
import { cleanEnv, makeDeployRoot, type DeployRoot, type Run } from './deploy-root';
import { ENTRA_APP_PERMISSIONS } from '../infra/well-known-ids';

const ARGS = ['--resource-group', 'rg-meeting-bot', '--location', 'westeurope'];
const TEAMS_CLIENTS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];
/** Name → id of every delegated Graph permission the Entra manifest asks for (one list, shared with test/infra). */
const GRAPH_SCOPES: Record<string, string> = Object.fromEntries(ENTRA_APP_PERMISSIONS.map((p) => [p.name, p.id]));

/** The command words of a recorded call ("ad app create"). */
const words = (call: AzCall): string => call.argv.filter((a, i) => !a.startsWith('-') && (i === 0 || !call.argv[i - 1].startsWith('-'))).join(' ');
const commands = (calls: AzCall[]): string[] => calls.map(words);
const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

describe('npm run deploy (scripts/deploy.ts) with the az stand-in', function () {
  this.timeout(300_000);
  let az: AzStandIn;
  let repo: DeployRoot;
  let first: Run;
  let second: Run;
  let firstCalls: AzCall[];
  let secondCalls: AzCall[];
  const envFile = () => dotenv.parse(fs.readFileSync(path.join(repo.root, 'env', '.env.dev')));
  const userFile = () => path.join(repo.root, 'env', '.env.dev.user');
  const secret = () => dotenv.parse(fs.readFileSync(userFile())).SECRET_BOT_PASSWORD;
  const run = (args = ARGS) => repo.deploy(args, cleanEnv({ PATH: az.env(cleanEnv()).PATH, AZ_STAND_IN_STATE: az.stateDir }));

  before(async () => {
    az = startAzStandIn();
    repo = makeDeployRoot();
    // A secret-looking file inside the build output: .webappignore must keep it out of the zip.
    fs.writeFileSync(path.join(repo.root, 'dist', 'src', '.env.dev.user'), 'SECRET_BOT_PASSWORD=decoy\n');
    first = await run();
    firstCalls = az.calls();
    second = await run();
    secondCalls = az.calls().slice(firstCalls.length);
  });
  after(() => {
    repo?.remove();
    az?.remove();
  });

  it('a first run creates the resource group, Entra app, service principal, secret, deployment, zip deploy and Teams package, and names them', () => {
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stderr, '');
    const done = commands(firstCalls);
    for (const command of ['account show', 'group create', 'ad app create', 'ad sp create', 'ad app credential reset', 'deployment group create', 'webapp deploy']) {
      assert.equal(done.filter((c) => c === command).length, 1, `${command} once in ${done.join(', ')}`);
    }
    assert.ok(firstCalls.every((c) => c.exitCode === 0 || ['group show', 'ad sp show'].includes(words(c))), 'only the existence probes failed (not found)');

    const state = az.state();
    const app = state.apps[0];
    const env = envFile();
    assert.equal(state.apps.length, 1);
    assert.equal(app.displayName, `meeting-bot-${env.RESOURCE_SUFFIX}`);
    assert.match(env.RESOURCE_SUFFIX, /^[a-z][a-z0-9]{5}$/);
    assert.deepEqual(state.groups, { 'rg-meeting-bot': { location: 'westeurope' } });
    assert.ok(state.servicePrincipals.some((sp) => sp.appId === app.appId));
    assert.equal(app.passwordCredentials.length, 1);

    const webApp = `app-mtgbot${env.RESOURCE_SUFFIX}`;
    for (const text of [
      'resource group rg-meeting-bot (westeurope): created',
      `Entra app meeting-bot-${env.RESOURCE_SUFFIX} (client id ${app.appId}): created`,
      'service principal: created',
      'client secret: created',
      `web app ${webApp}, storage account stmtgbot${env.RESOURCE_SUFFIX}`,
      `Messaging endpoint: https://${webApp}.azurewebsites.net/api/messages`,
      `Teams app ${env.TEAMS_APP_ID}: appPackage/build/appPackage.dev.zip`,
      'Teams → Apps → Manage your apps → Upload an app',
    ]) assert.ok(first.stdout.includes(text), `stdout names "${text}":\n${first.stdout}`);
  });

  it('writes the ids to env/.env.dev under the Agents Toolkit names, and packages the Teams app for that bot', () => {
    const env = envFile();
    const app = az.state().apps[0];
    assert.deepEqual(
      [env.BOT_ID, env.BOT_OBJECT_ID, env.BOT_TENANT_ID, env.AZURE_SUBSCRIPTION_ID, env.AZURE_RESOURCE_GROUP_NAME, env.OAUTH_CONNECTION_NAME],
      [app.appId, app.id, az.state().tenantId, az.state().subscription.id, 'rg-meeting-bot', 'graph'],
    );
    assert.equal(env.BOT_DOMAIN, `app-mtgbot${env.RESOURCE_SUFFIX}.azurewebsites.net`);
    assert.equal(env.BOT_ENDPOINT, `https://${env.BOT_DOMAIN}`);
    assert.match(env.BOT_AZURE_APP_SERVICE_RESOURCE_ID, /\/resourceGroups\/rg-meeting-bot\/providers\/Microsoft\.Web\/sites\/app-mtgbot/);
    assert.equal(env.BOT_PASSWORD_KEY_ID, app.passwordCredentials[0].keyId);
    assert.match(env.TEAMS_APP_ID, /^[0-9a-f-]{36}$/);
    assert.match(fs.readFileSync(path.join(repo.root, 'env', '.env.dev'), 'utf8'), /^# Environment "dev"/, 'the template comments stay');

    const manifest = JSON.parse(new AdmZip(path.join(repo.root, 'appPackage', 'build', 'appPackage.dev.zip')).readAsText('manifest.json')) as {
      id: string;
      bots: Array<{ botId: string }>;
      validDomains: string[];
      webApplicationInfo: { id: string; resource: string };
    };
    assert.equal(manifest.id, env.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, app.appId);
    assert.deepEqual(manifest.webApplicationInfo, { id: app.appId, resource: `api://botid-${app.appId}` });
    assert.ok(manifest.validDomains.includes(env.BOT_DOMAIN));
  });

  it('applies aad.manifest.json: identifier URI, access_as_user, the Teams clients (pre-authorized once the scope exists), redirect and Graph permissions', () => {
    const app = az.state().apps[0];
    const scope = app.api.oauth2PermissionScopes.find((s) => s.value === 'access_as_user')!;
    assert.ok(scope, 'access_as_user exists');
    assert.equal(envFile().AAD_APP_ACCESS_AS_USER_PERMISSION_ID, scope.id);
    assert.deepEqual(app.identifierUris, [`api://botid-${app.appId}`]);
    assert.equal(app.api.requestedAccessTokenVersion, 2);
    assert.deepEqual(app.api.preAuthorizedApplications, TEAMS_CLIENTS.map((appId) => ({ appId, delegatedPermissionIds: [scope.id] })));
    assert.deepEqual(app.web.redirectUris, ['https://token.botframework.com/.auth/web/redirect']);
    assert.deepEqual(app.requiredResourceAccess, [
      { resourceAppId: '00000003-0000-0000-c000-000000000000', resourceAccess: Object.values(GRAPH_SCOPES).map((id) => ({ id, type: 'Scope' })) },
    ]);
    // Two PATCHes: Graph refuses a scope and its pre-authorization in one (the stand-in enforces it).
    assert.equal(commands(firstCalls).filter((c) => c === 'rest').length, 2);
  });

  it('a second run creates nothing new: it finds the app by BOT_ID and reuses the secret; the deployment and the zip deploy repeat (both idempotent)', () => {
    assert.equal(second.status, 0, second.stderr);
    const done = commands(secondCalls);
    for (const command of ['group create', 'ad app create', 'ad app list', 'ad sp create', 'ad app credential reset', 'rest']) {
      assert.ok(!done.includes(command), `no ${command} the second time: ${done.join(', ')}`);
    }
    assert.ok(done.includes('deployment group create') && done.includes('webapp deploy'));
    const state = az.state();
    assert.equal(state.apps.length, 1);
    assert.equal(state.apps[0].passwordCredentials.length, 1);
    assert.equal(state.servicePrincipals.filter((sp) => sp.appId === state.apps[0].appId).length, 1);
    for (const text of ['resource group rg-meeting-bot (westeurope): exists', 'found by BOT_ID', 'service principal: exists', 'client secret: reused from env/.env.dev.user', 'Teams app id', 'reused', '): unchanged', '(unchanged); production dependencies unchanged']) {
      assert.ok(second.stdout.includes(text), `stdout says "${text}":\n${second.stdout}`);
    }
    // The same deployment parameters both times (nothing drifts between runs).
    const [a, b] = state.deployments;
    assert.deepEqual(a, b);
  });

  it('the secret stays in env/.env.dev.user (0600); it is never printed nor on a command line, only in a 0600 parameters file that is deleted', () => {
    const value = secret();
    assert.ok(value && value.length >= 30, 'a secret was stored');
    assert.equal(modeOf(userFile()), 0o600);
    const all = [...firstCalls, ...secondCalls];
    for (const call of all) assert.ok(!call.argv.some((a) => a.includes(value)), `not in argv of az ${words(call)}`);
    for (const run of [first, second]) assert.ok(!run.stdout.includes(value) && !run.stderr.includes(value), 'not printed');
    assert.ok(!fs.readFileSync(path.join(repo.root, 'env', '.env.dev'), 'utf8').includes(value), 'not in the committable env file');

    const deployments = all.filter((c) => words(c) === 'deployment group create');
    assert.equal(deployments.length, 2);
    for (const call of deployments) {
      const file = call.files.find((f) => f.option === '--parameters')!;
      assert.equal(file.mode, 0o600, 'parameters file is owner-only');
      assert.equal((JSON.parse(file.content!) as { parameters: Record<string, { value: string }> }).parameters.botAadAppClientSecret.value, value);
      assert.ok(!fs.existsSync(file.path), `${file.path} was deleted`);
      assert.ok(!fs.existsSync(path.dirname(file.path)), 'and its folder');
    }
    // The Graph PATCH bodies hold no secret either, and are gone too.
    for (const call of all.filter((c) => words(c) === 'rest')) {
      assert.ok(!call.files[0].content!.includes(value));
      assert.ok(!fs.existsSync(call.files[0].path));
    }
  });

  it('the zip holds dist/src and production dependencies only: no devDependencies, sources, tests, env or secret files', () => {
    const deploys = [...firstCalls, ...secondCalls].filter((c) => words(c) === 'webapp deploy');
    assert.equal(deploys.length, 2);
    const zip = new AdmZip(deploys[0].files.find((f) => f.option === '--src-path')!.copy!);
    const names = zip.getEntries().map((e) => e.entryName);
    for (const needed of ['dist/src/index.js', 'package.json', 'package-lock.json', 'node_modules/botbuilder/package.json', 'node_modules/restify/package.json', 'node_modules/valibot/package.json']) {
      assert.ok(names.includes(needed), `${needed} is in the zip`);
    }
    // (@types/node is not here: botbuilder's own dependencies need it at run time.)
    for (const devOnly of ['mocha', 'typescript', 'tsx', 'azurite', 'playwright-core', 'adm-zip', '@types/mocha', 'yaml']) {
      assert.ok(!names.some((n) => n.startsWith(`node_modules/${devOnly}/`)), `no ${devOnly}`);
    }
    for (const prefix of ['src/', 'test/', 'env/', 'scripts/', 'support/', 'dist/test/', 'dist/scripts/', 'infra/', 'appPackage/']) {
      assert.ok(!names.some((n) => n.startsWith(prefix)), `nothing under ${prefix}`);
    }
    assert.ok(!names.some((n) => /(^|\/)\.env/.test(n) || n.endsWith('.user')), `no .env or .user file: ${names.filter((n) => /\.env|\.user$/.test(n)).join(', ')}`);
    const pkg = JSON.parse(zip.readAsText('package.json')) as { scripts: Record<string, string>; devDependencies?: unknown };
    assert.deepEqual(Object.keys(pkg.scripts), ['start'], 'no prestart (it compiles src/, which is not deployed)');
    assert.equal(pkg.devDependencies, undefined);
  });

  it('the zipped bot starts on its own (production dependencies are enough)', async () => {
    const deploy = firstCalls.find((c) => words(c) === 'webapp deploy')!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deployed-bot-'));
    try {
      new AdmZip(deploy.files[0].copy!).extractAllTo(dir, true);
      const bot = await startBot({ PATH: process.env.PATH ?? '' }, { cwd: dir, timeoutMs: 30_000 });
      await bot.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without env/.env.dev.user (Entra never shows a secret again) a new secret is added with --append; nothing else is created', async () => {
    const old = secret();
    fs.rmSync(userFile());
    const before = az.calls().length;
    const third = await run();
    assert.equal(third.status, 0, third.stderr);
    const done = commands(az.calls().slice(before));
    assert.ok(!done.includes('ad app create') && !done.includes('ad sp create'));
    const reset = az.calls().slice(before).find((c) => words(c) === 'ad app credential reset')!;
    assert.ok(reset.argv.includes('--append'), 'existing secrets (the running bot uses one) stay valid');
    assert.notEqual(secret(), old);
    assert.equal(modeOf(userFile()), 0o600);
    assert.equal(az.state().apps[0].passwordCredentials.length, 2);
    assert.match(third.stdout, /client secret: created \(no SECRET_BOT_PASSWORD in the \.user env file\)/);
    assert.match(third.stdout, /1 older secret\(s\) made by npm run deploy remain valid/);
  });
});

describe('npm run deploy: one-line failures', function () {
  this.timeout(60_000);
  let az: AzStandIn;
  let repo: DeployRoot;
  beforeEach(() => {
    az = startAzStandIn();
    repo = makeDeployRoot();
  });
  afterEach(() => {
    repo.remove();
    az.remove();
  });
  const run = (args: string[], env = cleanEnv({ PATH: az.env(cleanEnv()).PATH, AZ_STAND_IN_STATE: az.stateDir })) => repo.deploy(args, env);
  const oneLine = (result: Run, pattern: RegExp): void => {
    assert.equal(result.status, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], pattern);
  };

  it('not signed in to Azure: one line saying to run az login, exit 1, nothing created', async () => {
    az.setLoggedIn(false);
    oneLine(await run(ARGS), /^error: not signed in to Azure: run `az login`/);
    assert.deepEqual(commands(az.calls()), ['account show']);
  });

  it('no --resource-group: the usage line and what is missing, exit 1, az never called', async () => {
    const result = await run(['--location', 'westeurope']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^usage: npm run deploy -- --resource-group <name> --location <region> .*\nerror: --resource-group is required\n$/);
    assert.deepEqual(az.calls(), []);
  });

  it('an unknown argument is a usage error too', async () => {
    const result = await run([...ARGS, '--region', 'x']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /error: unknown argument "--region"/);
  });

  it('az not installed: one line saying where to get it', async () => {
    oneLine(await run(ARGS, cleanEnv({ PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'empty-path-')) })), /^error: the Azure CLI \(az\) is not installed or not on PATH: install it from https:\/\/aka\.ms\/azure-cli/);
  });

  it('an env file that belongs to another resource group is refused before anything is created', async () => {
    fs.appendFileSync(path.join(repo.root, 'env', '.env.dev'), 'AZURE_RESOURCE_GROUP_NAME=rg-other\n');
    oneLine(await run(ARGS), /^error: env\/\.env\.dev belongs to resource group rg-other, not rg-meeting-bot/);
    assert.deepEqual(commands(az.calls()), ['account show']);
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await run(['--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^usage: npm run deploy -- --resource-group <name> --location <region> \[--suffix .*\] \[--subscription <id>\]/);
  });
});
