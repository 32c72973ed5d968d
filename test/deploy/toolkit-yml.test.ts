// The Agents Toolkit project files (m365agents.yml, m365agents.local.yml): valid against the schema of the version
// they declare (offline), every ${{VAR}} provided before it is used, the files they point at, and what their deploy
// step ships or writes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import ignore from 'ignore';
import { TEMPLATE_OUTPUTS } from '../../scripts/deploy/arm-deployment';
import { CONFIG_VARIABLES } from '../../src/config';
import { FIXTURES, REPO_ROOT } from './deploy-root';
import { readProjectFile, schemaErrors, type ProjectFile } from './toolkit-schema';
import { realOrFixture, variableUses, written, type Step } from './toolkit-variables';

/** Each project file and the env file its environment starts from. */
const PROJECTS = [
  { file: 'm365agents.yml', env: 'dev' },
  { file: 'm365agents.local.yml', env: 'local' },
] as const;

/** Variables the Toolkit itself provides: the environment's name, and (for a project with Azure steps) what it asks for or generates. */
const BUILT_IN = ['TEAMSFX_ENV'];
const BUILT_IN_AZURE = ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'RESOURCE_SUFFIX'];
/** Filled in by hand (or VS Code's dev tunnel task) before provisioning; each must be in the env file with a comment saying so. */
const HAND_FILLED: Record<string, string[]> = { dev: [], local: ['BOT_ENDPOINT', 'BOT_DOMAIN', 'OAUTH_CONNECTION_NAME'] };

const read = realOrFixture(REPO_ROOT, FIXTURES, {
  'aad.manifest.json': 'aad.manifest.json',
  'infra/azure.parameters.json': 'azure.parameters.json',
  'infra/azure.json': 'azure.json',
});
const templateOutputs = (): string[] => Object.keys((read('infra/azure.json') as { outputs?: object }).outputs ?? {});
const steps = (project: ProjectFile, lifecycle = 'provision'): Step[] => (project.data[lifecycle] as Step[] | undefined) ?? [];
const stepOf = (project: ProjectFile, uses: string, lifecycle = 'provision'): Step => {
  const step = steps(project, lifecycle).find((s) => s.uses === uses);
  assert.ok(step, `${uses} in ${lifecycle}`);
  return step;
};
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('Agents Toolkit project files', () => {
  for (const { file, env } of PROJECTS) {
    describe(file, () => {
      let project: ProjectFile;
      let envTemplate: Record<string, string>;
      before(() => {
        project = readProjectFile(path.join(REPO_ROOT, file));
        envTemplate = dotenv.parse(fs.readFileSync(path.join(REPO_ROOT, 'env', `.env.${env}`)));
      });

      it('declares the same schema version in its $schema comment and `version:` (v1.11, what the Toolkit templates declare)', () => {
        assert.equal(project.version, 'v1.11');
        assert.equal(project.schemaComment, project.version);
        assert.equal(project.data.environmentFolderPath, './env');
      });

      it('is valid against that schema, offline', () => {
        assert.deepEqual(schemaErrors(project.data, project.version), []);
      });

      it('every ${{VAR}} (in the file, the Entra manifest, the ARM parameters, the Teams manifest) is written by an earlier step or given in env/.env.' + env, () => {
        const azure = steps(project).some((s) => s.uses === 'arm/deploy');
        const given = new Set([
          ...BUILT_IN,
          ...(azure ? BUILT_IN_AZURE : []),
          ...Object.entries(envTemplate).filter(([, v]) => v !== '').map(([k]) => k),
          ...HAND_FILLED[env],
        ]);
        for (const name of HAND_FILLED[env]) assert.ok(name in envTemplate, `${name} is listed in env/.env.${env} for the developer to fill`);
        const problems = variableUses(project.data, read, templateOutputs())
          .filter((u) => !u.writtenBefore.has(u.variable) && !given.has(u.variable))
          .map((u) => `${u.variable} (${u.lifecycle} ${u.step}, in ${u.where})`);
        assert.deepEqual([...new Set(problems)], []);
      });

      it(`lists what provisioning writes in env/.env.${env} (empty), and secrets only in the .user file`, () => {
        const all = ['provision', 'deploy', 'publish'].flatMap((l) => steps(project, l));
        for (const name of all.flatMap((s) => written(s, []))) {
          if (name.startsWith('SECRET_')) assert.ok(!(name in envTemplate), `${name} must not be in env/.env.${env} (the Toolkit keeps SECRET_ values in .env.${env}.user)`);
          else assert.equal(envTemplate[name], '', `${name} is in env/.env.${env}, empty until provisioning writes it`);
        }
      });

      it('applies ./aad.manifest.json to the Entra app it creates (single tenant, with a secret and a service principal)', () => {
        const create = stepOf(project, 'aadApp/create');
        assert.deepEqual(create.with && [create.with.generateClientSecret, create.with.generateServicePrincipal, create.with.signInAudience], [true, true, 'AzureADMyOrg']);
        assert.deepEqual(create.writeToEnvironmentFile, { clientId: 'BOT_ID', clientSecret: 'SECRET_BOT_PASSWORD', objectId: 'BOT_OBJECT_ID', tenantId: 'BOT_TENANT_ID' });
        const update = stepOf(project, 'aadApp/update');
        assert.equal(update.with?.manifestPath, './aad.manifest.json');
        // aadApp/update renames the app to the manifest's name: the same name keeps it stable.
        const manifest = read('aad.manifest.json') as { displayName?: string; name?: string };
        assert.equal(create.with?.name, manifest.displayName ?? manifest.name);
        const order = steps(project).map((s) => s.uses);
        assert.ok(order.indexOf('aadApp/create') < order.indexOf('aadApp/update'));
        assert.ok(order.indexOf('aadApp/update') < order.indexOf('teamsApp/validateManifest'));
      });

      it('builds, validates and applies the Teams app package from ./appPackage/manifest.json', () => {
        const order = steps(project).map((s) => s.uses);
        const teams = ['teamsApp/create', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update'];
        assert.deepEqual(order.filter((u) => teams.includes(u)), teams);
        assert.equal(stepOf(project, 'teamsApp/zipAppPackage').with?.manifestPath, './appPackage/manifest.json');
        // The same zip `npm run package -- <env>` writes.
        assert.equal(stepOf(project, 'teamsApp/zipAppPackage').with?.outputZipPath, './appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip');
      });
    });
  }

  describe('m365agents.yml (Azure)', () => {
    let project: ProjectFile;
    before(() => (project = readProjectFile(path.join(REPO_ROOT, 'm365agents.yml'))));

    it('arm/deploy deploys infra/azure.json with infra/azure.parameters.json, and names its outputs for the later steps', () => {
      const arm = stepOf(project, 'arm/deploy');
      const [template] = arm.with?.templates as Array<{ path: string; parameters: string }>;
      assert.deepEqual([template.path, template.parameters], ['./infra/azure.json', './infra/azure.parameters.json']);
      // The outputs the script step reads are the template's (the contract with infra/azure.json).
      for (const output of TEMPLATE_OUTPUTS) assert.ok(templateOutputs().includes(output), `infra/azure.json outputs ${output}`);
      const script = steps(project).find((s) => s.uses === 'script')!;
      assert.deepEqual(written(script, []), ['BOT_DOMAIN', 'BOT_ENDPOINT', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'OAUTH_CONNECTION_NAME']);
      assert.match(String(script.with?.run), /BOT_AZURE_APP_SERVICE_RESOURCE_ID=\$\{\{WEBAPPRESOURCEID\}\}/);
    });

    it('deploy: installs, builds, stages build/webapp and zip-deploys it to the web app, leaving out what .webappignore lists', () => {
      const deploy = steps(project, 'deploy');
      assert.deepEqual(deploy.map((s) => [s.uses, s.with?.args ?? null]), [
        ['cli/runNpmCommand', 'ci --no-audit --no-fund'],
        ['cli/runNpmCommand', 'run build'],
        ['cli/runNpmCommand', 'run stage:webapp'],
        ['azureAppService/zipDeploy', null],
      ]);
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
      assert.equal(pkg.scripts['stage:webapp'], 'node dist/scripts/stage-webapp.js');
      const zip = stepOf(project, 'azureAppService/zipDeploy', 'deploy');
      assert.deepEqual(zip.with, { artifactFolder: './build/webapp', ignoreFile: '.webappignore', resourceId: '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}' });
    });

    it('.webappignore (as the Toolkit reads it, with `ignore`) leaves out .env*/.user files, env/, src/, test/ and all but dist/src — not a package\'s own src/', () => {
      // teamsfx-core: ignore().add(".deployment").add(<file>) tested against paths relative to artifactFolder.
      const ig = ignore().add('.deployment').add(fs.readFileSync(path.join(REPO_ROOT, '.webappignore'), 'utf8'));
      for (const excluded of ['.env.dev.user', 'env/.env.dev.user', 'dist/src/.env.local.user', 'x/y/.env', '.env.local', 'env/bot.teams-local.env', 'src/index.ts', 'test/config.test.ts', 'dist/test/config.test.js', 'dist/scripts/deploy.js', 'dist/support/az-stand-in/main.js', 'scripts/deploy.ts', 'infra/azure.json', 'aad.manifest.json', 'm365agents.yml', '.deployment/deployment.zip']) {
        assert.ok(ig.ignores(excluded), `${excluded} is left out`);
      }
      for (const kept of ['dist/src/index.js', 'dist/src/index.js.map', 'package.json', 'package-lock.json', 'node_modules/botbuilder/lib/index.js', 'node_modules/some-package/src/index.js', 'node_modules/some-package/test/helper.js']) {
        assert.ok(!ig.ignores(kept), `${kept} is deployed`);
      }
    });
  });

  describe('m365agents.local.yml (dev tunnel)', () => {
    let project: ProjectFile;
    before(() => (project = readProjectFile(path.join(REPO_ROOT, 'm365agents.local.yml'))));

    it('registers the bot on the dev tunnel endpoint with the Teams channel', () => {
      const bot = stepOf(project, 'botFramework/create');
      assert.equal(bot.with?.botId, '${{BOT_ID}}');
      assert.equal(bot.with?.messagingEndpoint, '${{BOT_ENDPOINT}}/api/messages');
      assert.deepEqual(bot.with?.channels, [{ name: 'msteams' }]);
      assert.ok(!steps(project).some((s) => s.uses === 'arm/deploy'), 'no Azure resources for local');
    });

    it("writes the bot's own env file (env/bot.teams-local.env, git-ignored) with variables the bot reads, never env/.env.*", () => {
      const file = stepOf(project, 'file/createOrUpdateEnvironmentFile', 'deploy');
      const target = String(file.with?.target);
      assert.equal(target, './env/bot.teams-local.env');
      const envs = file.with?.envs as Record<string, unknown>;
      for (const key of Object.keys(envs)) assert.ok(CONFIG_VARIABLES.includes(key), `${key} is a variable src/config.ts reads`);
      assert.deepEqual(
        [envs.MicrosoftAppId, envs.MicrosoftAppPassword, envs.MicrosoftAppTenantId, envs.MicrosoftAppType, envs.OAUTH_CONNECTION_NAME],
        ['${{BOT_ID}}', '${{SECRET_BOT_PASSWORD}}', '${{BOT_TENANT_ID}}', 'SingleTenant', '${{OAUTH_CONNECTION_NAME}}'],
      );
    });
  });

  it('git ignores the secrets and generated files the project files and npm run deploy write, and keeps the templates', () => {
    const ignored = (p: string): boolean => spawnSync('git', ['check-ignore', '-q', '--no-index', p], { cwd: REPO_ROOT }).status === 0;
    for (const p of ['env/.env.dev.user', 'env/.env.local.user', 'env/.env.dev.tmp-123.user', 'env/bot.teams-local.env', 'env/bot.dev.env', 'build/webapp/package.json', 'build/aad.manifest.dev.json', '.deployment/deployment.zip']) {
      assert.ok(ignored(p), `${p} is git-ignored`);
    }
    for (const p of ['env/.env.dev', 'env/.env.local', 'env/bot.local.env', 'env/bot.playground.env', 'm365agents.yml', 'm365agents.local.yml', '.webappignore']) {
      assert.ok(!ignored(p), `${p} is committed`);
    }
  });

  describe('the validator can fail', () => {
    let project: ProjectFile;
    before(() => (project = readProjectFile(path.join(REPO_ROOT, 'm365agents.yml'))));

    it('an unknown action is invalid', () => {
      const broken = clone(project.data);
      (broken.provision as Step[]).push({ uses: 'teamsApp/doesNotExist', with: { manifestPath: './appPackage/manifest.json' } });
      assert.notDeepEqual(schemaErrors(broken, project.version), []);
    });

    it('a known action missing a required setting, an unknown setting, or another version is invalid', () => {
      const noTemplates = clone(project.data);
      delete (noTemplates.provision as Step[]).find((s) => s.uses === 'arm/deploy')!.with!.templates;
      assert.notDeepEqual(schemaErrors(noTemplates, project.version), []);

      const extra = clone(project.data);
      (extra.deploy as Step[]).find((s) => s.uses === 'azureAppService/zipDeploy')!.with!.artifactFolderr = './dist';
      assert.notDeepEqual(schemaErrors(extra, project.version), []);

      assert.notDeepEqual(schemaErrors({ ...project.data, version: 'v1.10' }, project.version), []);
    });

    it('a variable nobody writes is reported', () => {
      const broken = clone(project.data);
      (broken.deploy as Step[]).find((s) => s.uses === 'azureAppService/zipDeploy')!.with!.resourceId = '${{AZURE_APP_SERVICE_RESOURCE_ID}}';
      const unprovided = variableUses(broken, read, templateOutputs()).filter((u) => !u.writtenBefore.has(u.variable)).map((u) => u.variable);
      assert.ok(unprovided.includes('AZURE_APP_SERVICE_RESOURCE_ID'));
    });
  });
});
