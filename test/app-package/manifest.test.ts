import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { fillManifest, readManifestTemplate } from '../../scripts/app-package/write-app-package';
import {
  bundledSchemaVersions,
  checkLanguageFileRules,
  checkManifestRules,
  type LanguageFile,
  SchemaNotBundledError,
  schemaVersionOf,
  TeamsManifest,
  validateAgainstBundledSchema,
  validateLanguageFile,
} from '../../scripts/app-package/validate';
import { HELP_COMMANDS } from '../../src/cards/help-card';
import { COMMAND_WORDS, parseCommand } from '../../src/teams/commands';
import { readEnvFile } from '../../scripts/app-package/env-file';
import { makeTempRoot, REPO_ROOT, TempRoot, validEnv } from './temp-root';

const SCOPES = ['team', 'groupChat', 'personal'];
/** The manifest variables provisioning writes (in the order the manifest uses them). */
const PROVISIONED = ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN'];
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Replaces globalThis.fetch (what @microsoft/app-manifest downloads schemas with) by a recorder that fails. */
function recordFetches(): { urls: string[]; restore(): void } {
  const original = globalThis.fetch;
  const urls: string[] = [];
  globalThis.fetch = (async (input: string | URL | Request) => {
    urls.push(String(input instanceof Request ? input.url : input));
    throw new Error('network access attempted during an offline test');
  }) as typeof fetch;
  return { urls, restore: () => void (globalThis.fetch = original) };
}

function zhCn(): LanguageFile {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'appPackage', 'zh-cn.json'), 'utf8')) as LanguageFile;
}

describe('app package: manifest', () => {
  let template: TeamsManifest;
  before(() => (template = readManifestTemplate(REPO_ROOT)));

  it('uses schema v1.22, bundled in @microsoft/app-manifest, with the canonical $schema URL', () => {
    assert.equal(template.$schema, 'https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
    assert.equal(template.manifestVersion, '1.22');
    assert.equal(schemaVersionOf(template), '1.22');
    assert.ok(bundledSchemaVersions().includes('1.22'));
    assert.ok(!bundledSchemaVersions().includes('1.18'), '1.18 is not bundled (the control below relies on it)');
  });

  // env/.env.dev and env/.env.local are Agents Toolkit templates: the ids are empty until `atk provision` or
  // `npm run deploy` writes them (the Toolkit creates an app only while its variable is empty). They are checked
  // here as provisioning leaves them; env/.env.playground has fixed, unregistered ids and is checked as committed.
  it('env/.env.dev and env/.env.local leave the ids provisioning writes empty, so packaging them first names what is missing', () => {
    for (const env of ['dev', 'local']) {
      const { vars } = readEnvFile(REPO_ROOT, env);
      for (const name of PROVISIONED) assert.equal(vars[name], '', `${name} in env/.env.${env}`);
      assert.throws(() => fillManifest(REPO_ROOT, env), new RegExp(`env/\\.env\\.${env} does not set ${PROVISIONED.join(', ')} \\(used by appPackage/manifest.json\\)`));
    }
  });

  for (const env of ['dev', 'playground', 'local']) {
    describe(`filled from env/.env.${env}${env === 'playground' ? '' : ' after provisioning'}`, () => {
      let manifest: TeamsManifest;
      let vars: Record<string, string>;
      let tmp: TempRoot | undefined;
      before(() => {
        if (env === 'playground') {
          ({ manifest, vars } = fillManifest(REPO_ROOT, env));
          return;
        }
        tmp = makeTempRoot();
        const { file } = readEnvFile(REPO_ROOT, env);
        tmp.writeEnv(env, `${fs.readFileSync(file, 'utf8')}\n${validEnv({ APP_WEBSITE_URL: undefined, APP_PRIVACY_URL: undefined, APP_TERMS_URL: undefined })}`);
        ({ manifest, vars } = fillManifest(tmp.root, env));
      });
      after(() => tmp?.remove());

      it('validates against the official Teams schema, offline', async () => {
        const net = recordFetches();
        try {
          assert.deepEqual(await validateAgainstBundledSchema(manifest), []);
        } finally {
          net.restore();
        }
        assert.deepEqual(net.urls, []);
        assert.deepEqual(checkManifestRules(manifest), []);
      });

      it('has one command list per scope with the commands the bot reads and the help card lists, in its order', () => {
        const bot = manifest.bots![0];
        assert.deepEqual(bot.scopes, SCOPES);
        assert.deepEqual(bot.commandLists!.map((l) => l.scopes), SCOPES.map((s) => [s]));
        const helpOrder = HELP_COMMANDS.map((c) => COMMAND_WORDS['en-US'][c.kind][0]);
        assert.deepEqual(helpOrder, ['schedule', 'meetings', 'help', 'cancel', 'sign out']);
        for (const list of bot.commandLists!) {
          assert.deepEqual(list.commands!.map((c) => c.title), helpOrder);
          // What a person picks from the command menu is what the bot understands.
          assert.deepEqual(list.commands!.map((c) => parseCommand(c.title!).kind), HELP_COMMANDS.map((c) => c.kind));
          assert.match(list.commands![0].description!, /e\.g\. schedule Design review tomorrow 3pm for 45 min/);
        }
      });

      it('is localized into Simplified Chinese: zh-cn.json validates against the bundled localization schema, offline', async () => {
        assert.deepEqual(manifest.localizationInfo, { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'zh-cn', file: 'zh-cn.json' }] });
        const net = recordFetches();
        try {
          assert.deepEqual(await validateLanguageFile(manifest, zhCn()), []);
        } finally {
          net.restore();
        }
        assert.deepEqual(net.urls, []);
        assert.deepEqual(checkLanguageFileRules(manifest, zhCn()), []);
      });

      it('lists the Chinese command words in zh-cn.json, in the help order, and the bot reads each of them', () => {
        const zh = zhCn();
        const zhOrder = HELP_COMMANDS.map((c) => COMMAND_WORDS['zh-CN'][c.kind][0]);
        assert.deepEqual(zhOrder, ['安排', '我的会议', '帮助', '取消', '退出登录']);
        for (const [i] of manifest.bots![0].commandLists!.entries()) {
          const titles = HELP_COMMANDS.map((_, j) => zh[`bots[0].commandLists[${i}].commands[${j}].title`] as string);
          assert.deepEqual(titles, zhOrder);
          assert.deepEqual(titles.map((t) => parseCommand(t).kind), HELP_COMMANDS.map((c) => c.kind));
          assert.match(zh[`bots[0].commandLists[${i}].commands[0].description`] as string, /安排 架构讨论 明天下午2点 一小时/);
        }
      });

      it('is set up for bot SSO: webApplicationInfo is the bot, token.botframework.com is a valid domain', () => {
        const botId = manifest.bots![0].botId!;
        assert.equal(botId, vars.BOT_ID);
        assert.deepEqual(manifest.webApplicationInfo, { id: botId, resource: `api://botid-${botId}` });
        assert.ok(manifest.validDomains!.includes('token.botframework.com'));
        assert.ok(manifest.validDomains!.includes(vars.BOT_DOMAIN));
        assert.deepEqual(manifest.permissions, ['identity', 'messageTeamMembers']);
      });
    });
  }

  describe('a broken language file fails', () => {
    let good: TeamsManifest;
    before(() => (good = fillManifest(REPO_ROOT, 'playground').manifest));

    it('the localization schema rejects an unknown key and an overlong short name; the rules catch a command the manifest lacks', async () => {
      const bad = zhCn();
      bad['name.short'] = '会'.repeat(31);
      bad['botName'] = 'x';
      bad['bots[0].commandLists[0].commands[7].title'] = '多余';
      delete bad['bots[0].commandLists[2].commands[4].title'];
      const errors = await validateLanguageFile(good, bad);
      assert.ok(errors.some((e) => e.startsWith('/name.short must NOT have more than 30 characters')), errors.join('\n'));
      assert.ok(errors.some((e) => /must NOT have additional properties/.test(e)), errors.join('\n'));
      assert.deepEqual(checkLanguageFileRules(good, bad), [
        "bots[0].commandLists[0].commands[7].title names a command the manifest doesn't have",
        'bots[0].commandLists[2].commands[4].title is not translated',
      ]);
    });
  });

  describe('a broken manifest fails', () => {
    let good: TeamsManifest;
    before(() => (good = fillManifest(REPO_ROOT, 'playground').manifest));

    it('the schema rejects an unknown bot scope, a missing name and a wrong manifestVersion', async () => {
      const bad = clone(good);
      bad.bots![0].scopes = ['team', 'everywhere'];
      delete bad.name;
      bad.manifestVersion = '1.17';
      const net = recordFetches();
      let errors: string[];
      try {
        errors = await validateAgainstBundledSchema(bad);
      } finally {
        net.restore();
      }
      assert.deepEqual(net.urls, []);
      assert.ok(errors.some((e) => e.startsWith('/bots/0/scopes/1 must be equal to one of the allowed values')), errors.join('\n'));
      assert.ok(errors.some((e) => /must have required property 'name'/.test(e)), errors.join('\n'));
      assert.ok(errors.some((e) => e.startsWith('/manifestVersion must be equal to constant')), errors.join('\n'));
    });

    it('the schema rejects a bot id that is not a GUID (an unfilled or mistyped id)', async () => {
      const bad = clone(good);
      bad.bots![0].botId = 'my-bot';
      assert.ok((await validateAgainstBundledSchema(bad)).some((e) => e.startsWith('/bots/0/botId')));
    });

    it('a $schema version that is not bundled is an error, never a download', async () => {
      const bad = clone(good);
      bad.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.18/MicrosoftTeams.schema.json';
      const net = recordFetches();
      try {
        await assert.rejects(validateAgainstBundledSchema(bad), SchemaNotBundledError);
        assert.deepEqual(net.urls, []);
        // Control: the fetch recorder does see the library's download path (no schema passed, version not bundled).
        await assert.rejects(AppManifestUtils.validateAgainstSchema(bad as never));
        assert.deepEqual(net.urls, [bad.$schema]);
      } finally {
        net.restore();
      }
      bad.$schema = 'https://example.com/MicrosoftTeams.schema.json';
      await assert.rejects(validateAgainstBundledSchema(bad), SchemaNotBundledError);
    });

    it('the SSO and command rules catch what the schema allows', () => {
      const bad: TeamsManifest = clone(good);
      bad.webApplicationInfo = { id: bad.bots![0].botId, resource: `api://${bad.bots![0].botId}` };
      bad.validDomains = ['https://bot.example.com'];
      bad.developer!.privacyUrl = 'http://example.com/privacy';
      bad.bots![0].commandLists = bad.bots![0].commandLists!.slice(0, 2);
      assert.deepEqual(checkManifestRules(bad), [
        `webApplicationInfo.resource must be api://botid-${good.bots![0].botId} (is api://${good.bots![0].botId})`,
        'validDomains must include token.botframework.com',
        'validDomains entry "https://bot.example.com" must be a host name, not a URL',
        'developer.privacyUrl must be an https URL (is http://example.com/privacy)',
        'bot scope "personal" has no command list',
      ]);
    });
  });
});
