import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, loadEnvFile } from '../src/config';

const APP_ID = '3d5f7a9b-2c4e-4f6a-8b0c-1d3e5f7a9b2c';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${err}`);
    return err;
  }
  assert.fail(`expected a configuration error for ${JSON.stringify(env)}`);
}

describe('config', () => {
  it('defaults to sandbox mode on port 3978 with UTC and Graph on graph.microsoft.com', () => {
    const config = loadConfig({});
    assert.equal(config.sandbox, true);
    assert.equal(config.port, 3978);
    assert.equal(config.defaultTimeZone, 'UTC');
    assert.equal(config.graphBaseUrl, 'https://graph.microsoft.com');
    assert.equal(config.logLevel, 'info');
  });

  it('accepts the Agents Toolkit names as aliases', () => {
    const config = loadConfig({ BOT_ID: APP_ID, BOT_PASSWORD: 's3cret', BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: 'tenant-1', OAUTH_CONNECTION_NAME: 'Graph' });
    assert.equal(config.appId, APP_ID);
    assert.equal(config.sandbox, false, 'an app id means the real path');
    assert.deepEqual(
      [config.botFrameworkAuth.MicrosoftAppId, config.botFrameworkAuth.MicrosoftAppPassword, config.botFrameworkAuth.MicrosoftAppType, config.botFrameworkAuth.MicrosoftAppTenantId],
      [APP_ID, 's3cret', 'SingleTenant', 'tenant-1'],
    );
  });

  it('SANDBOX=false forces the real path without an app id', () => {
    const config = loadConfig({ SANDBOX: 'false', OAUTH_CONNECTION_NAME: 'Graph' });
    assert.equal(config.sandbox, false);
    assert.equal(config.appId, '');
  });

  it("passes botbuilder's own auth settings through unchanged", () => {
    const config = loadConfig({ OAuthUrl: 'http://127.0.0.1:9999', ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/meta', ValidateAuthority: 'false' });
    assert.equal(config.botFrameworkAuth.OAuthUrl, 'http://127.0.0.1:9999');
    assert.equal(config.botFrameworkAuth.ToBotFromChannelOpenIdMetadataUrl, 'http://127.0.0.1:1/meta');
    assert.equal(config.botFrameworkAuth.ValidateAuthority, 'false');
  });

  it('adds an https GRAPH_BASE_URL host to the hosts the token may be sent to', () => {
    const config = loadConfig({ GRAPH_BASE_URL: 'https://127.0.0.1:8443/' });
    assert.equal(config.graphBaseUrl, 'https://127.0.0.1:8443');
    assert.ok(config.graphCustomHosts.has('127.0.0.1'));
  });

  it('Outlook invitations: attendees invited by default, with the meetings connection\'s token unless CALENDAR_CONNECTION_NAME names a second one', () => {
    assert.deepEqual(loadConfig({}).calendar, { events: 'invite' });
    assert.deepEqual(loadConfig({ CALENDAR_EVENTS: ' Organizer ', CALENDAR_CONNECTION_NAME: 'Graph Calendar' }).calendar, { events: 'organizer', connectionName: 'Graph Calendar' });
    assert.deepEqual(loadConfig({ CALENDAR_EVENTS: 'off', CALENDAR_CONNECTION_NAME: '  ' }).calendar, { events: 'off' }, 'blank is unset');
  });

  const cases: [string, Record<string, string>, string, RegExp][] = [
    ['plain-http Graph', { GRAPH_BASE_URL: 'http://graph.example' }, 'GRAPH_BASE_URL', /https/],
    ['a Graph URL that is not a URL', { GRAPH_BASE_URL: 'graph' }, 'GRAPH_BASE_URL', /absolute https URL/],
    ['a bad port', { PORT: 'eighty' }, 'PORT', /whole number/],
    ['a port out of range', { PORT: '70000' }, 'PORT', /between 0 and 65535/],
    ['an unknown time zone', { DEFAULT_TIMEZONE: 'Mars/Olympus' }, 'DEFAULT_TIMEZONE', /IANA/],
    ['a language the bot does not speak', { DEFAULT_LOCALE: 'fr-FR' }, 'DEFAULT_LOCALE', /en-US or zh-CN/],
    ['a malformed language tag', { DEFAULT_LOCALE: 'zh_CN!' }, 'DEFAULT_LOCALE', /en-US or zh-CN/],
    ['a bad SANDBOX value', { SANDBOX: 'maybe' }, 'SANDBOX', /true or false/],
    ['a bad log level', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/],
    ['an app id that is not a GUID', { MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'x', OAUTH_CONNECTION_NAME: 'c' }, 'MicrosoftAppId', /GUID/],
    ['an app id without a password', { MicrosoftAppId: APP_ID, OAUTH_CONNECTION_NAME: 'c' }, 'MicrosoftAppPassword', /required/],
    ['SingleTenant without tenant', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant', OAUTH_CONNECTION_NAME: 'c' }, 'MicrosoftAppTenantId', /required/],
    ['an unknown app type', { MicrosoftAppType: 'Personal' }, 'MicrosoftAppType', /one of/],
    ['the real path without an OAuth connection', { SANDBOX: 'false' }, 'OAUTH_CONNECTION_NAME', /required/],
  ];
  for (const [name, env, variable, message] of cases) {
    it(`rejects ${name}, naming ${variable}`, () => {
      const err = configError(env);
      assert.equal(err.variable, variable);
      assert.match(err.message, message);
    });
  }

  it('the process exits at start with one line naming the variable', () => {
    const root = path.resolve(__dirname, '..', '..');
    const result = spawnSync(process.execPath, ['--disable-warning=DEP0111', 'dist/src/index.js'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', APP_ENV: 'test', GRAPH_BASE_URL: 'http://graph.example' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(result.status, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], /^Configuration error: GRAPH_BASE_URL /);
  });

  describe('where it listens without an app id (nobody is authenticated then)', () => {
    it('defaults to 127.0.0.1 without an app id, 0.0.0.0 with one', () => {
      assert.equal(loadConfig({}).host, '127.0.0.1');
      assert.equal(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', OAUTH_CONNECTION_NAME: 'c' }).host, '0.0.0.0');
    });

    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '::1']) {
      it(`accepts HOST=${host} without an app id`, () => assert.equal(loadConfig({ HOST: host }).host, host));
    }

    for (const host of ['0.0.0.0', '::', '192.0.2.2', 'bot.example.com', '127.0.0.1.nip.io']) {
      it(`refuses HOST=${host} without an app id, naming ALLOW_UNAUTHENTICATED=true as the opt-in`, () => {
        const err = configError({ HOST: host });
        assert.equal(err.variable, 'HOST');
        assert.match(err.message, /ALLOW_UNAUTHENTICATED=true/);
        assert.equal(loadConfig({ HOST: host, ALLOW_UNAUTHENTICATED: 'true' }).host, host);
      });
    }

    it('rejects a bad ALLOW_UNAUTHENTICATED value', () => assert.equal(configError({ ALLOW_UNAUTHENTICATED: 'sure' }).variable, 'ALLOW_UNAUTHENTICATED'));
  });
});

describe('configuration: reminders', () => {
  const blob = (connection: string, extra: Record<string, string> = {}) =>
    loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: connection, BLOB_CONTAINER: 'bot-state', ...extra });
  const ACCOUNT = 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net';

  it('memory storage: in-process timers, 10 minutes by default', () => {
    const { reminders } = loadConfig({});
    assert.deepEqual(reminders, { defaultMinutes: 10, queue: { kind: 'memory' }, pollMs: 5000, leaseSeconds: 60 });
  });

  it('blob storage: the queue on QUEUE_CONNECTION_STRING, else on a blob connection string that reaches queues, else off', () => {
    assert.deepEqual(blob(ACCOUNT).reminders.queue, { kind: 'storageQueue', connectionString: ACCOUNT, queueName: 'meeting-reminders' });
    const both = 'AccountName=a;AccountKey=k;BlobEndpoint=http://127.0.0.1:1/a;QueueEndpoint=http://127.0.0.1:2/a;';
    assert.equal(blob(both).reminders.queue.kind, 'storageQueue');
    const blobOnly = 'AccountName=a;AccountKey=k;BlobEndpoint=http://127.0.0.1:1/a;';
    assert.equal(blob(blobOnly).reminders.queue.kind, 'off');
    assert.deepEqual(blob(blobOnly, { QUEUE_CONNECTION_STRING: ACCOUNT, REMINDER_QUEUE: 'reminders-2' }).reminders.queue, { kind: 'storageQueue', connectionString: ACCOUNT, queueName: 'reminders-2' });
  });

  it('refuses a bad REMINDER_MINUTES, REMINDER_QUEUE or TEST_ONLY_CLOCK_OFFSET_MS with the variable named', () => {
    assert.throws(() => loadConfig({ REMINDER_MINUTES: '1441' }), /REMINDER_MINUTES/);
    assert.throws(() => loadConfig({ REMINDER_MINUTES: 'ten' }), /REMINDER_MINUTES/);
    assert.throws(() => loadConfig({ REMINDER_QUEUE: 'Bad_Name' }), /REMINDER_QUEUE/);
    assert.throws(() => loadConfig({ TEST_ONLY_CLOCK_OFFSET_MS: '-5' }), /TEST_ONLY_CLOCK_OFFSET_MS/);
    assert.equal(loadConfig({ REMINDER_MINUTES: '0' }).reminders.defaultMinutes, 0);
  });
});

describe('configuration: values as typed', () => {
  it('a blank variable is unset (its default applies); values are trimmed and case-insensitive where they are names', () => {
    const config = loadConfig({ PORT: '   ', LOG_LEVEL: ' DEBUG ', MicrosoftAppType: 'multitenant', STORAGE: 'Memory', ALLOWED_TENANTS: ' A1, b2;C3 ' });
    assert.equal(config.port, 3978);
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.appType, 'MultiTenant');
    assert.equal(config.storage.kind, 'memory');
    assert.deepEqual(config.allowedTenants, ['a1', 'b2', 'c3']);
  });

  it('the Bot Framework name wins over its Agents Toolkit alias', () => {
    const config = loadConfig({ MicrosoftAppId: APP_ID, BOT_ID: '11111111-2222-3333-4444-555555555555', BOT_PASSWORD: 'b', SECRET_BOT_PASSWORD: 'c', OAUTH_CONNECTION_NAME: 'c' });
    assert.equal(config.appId, APP_ID);
    assert.equal(config.appPassword, 'b');
  });

  const cases: [Record<string, string>, string, RegExp][] = [
    [{ STORAGE: 'disk' }, 'STORAGE', /must be memory or blob \(got "disk"\)/],
    [{ STORAGE: 'blob' }, 'BLOB_CONNECTION_STRING', /required when STORAGE=blob/],
    [{ STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' }, 'BLOB_CONTAINER', /required when STORAGE=blob/],
    [{ STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true', BLOB_CONTAINER: 'Bot_State' }, 'BLOB_CONTAINER', /3–63 lowercase/],
    [{ CALENDAR_EVENTS: 'everyone' }, 'CALENDAR_EVENTS', /must be one of invite, organizer, off \(got "everyone"\)/],
    [{ CALENDAR_CONNECTION_NAME: 'Calendar;DROP' }, 'CALENDAR_CONNECTION_NAME', /name of an OAuth connection .*\(got "Calendar;DROP"\)/],
    [{ SANDBOX: 'false', OAUTH_CONNECTION_NAME: 'Graph', CALENDAR_CONNECTION_NAME: 'graph' }, 'CALENDAR_CONNECTION_NAME', /names the meetings connection \(OAUTH_CONNECTION_NAME\)/],
    [{ GRAPH_TIMEOUT_MS: '999' }, 'GRAPH_TIMEOUT_MS', /must be between 1000 and 14000 \(got 999\)/],
    [{ GRAPH_BASE_URL: 'https://graph.example/v1?x=1' }, 'GRAPH_BASE_URL', /query or fragment/],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', OAUTH_CONNECTION_NAME: 'c' }, 'MicrosoftAppTenantId', /required when MicrosoftAppType is UserAssignedMSI/],
  ];
  for (const [env, variable, message] of cases) {
    it(`${JSON.stringify(env)}: ${variable}`, () => {
      const err = configError(env);
      assert.equal(err.variable, variable);
      assert.match(err.message, message);
      assert.equal(err.message.split('\n').length, 1);
    });
  }
});

describe("configuration: the bot's env file, env/bot.<APP_ENV>.env", () => {
  let root: string;
  const write = (name: string, content: string): void => fs.writeFileSync(path.join(root, 'env', name), content);
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-env-'));
    fs.mkdirSync(path.join(root, 'env'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("an Agents Toolkit env/.env.local with the bot's app id does not take `npm start` out of sandbox mode", () => {
    // What `atk provision --env local` or `npm run deploy` leave behind: ids for the Toolkit and packaging.
    write('.env.local', `TEAMSFX_ENV=local\nBOT_ID=${APP_ID}\nMicrosoftAppId=${APP_ID}\nBOT_DOMAIN=x.devtunnels.ms\n`);
    const env: NodeJS.ProcessEnv = {};
    assert.equal(loadEnvFile(env, root), undefined);
    assert.deepEqual(env, {});
    assert.equal(loadConfig(env).sandbox, true);
  });

  it('reads env/bot.local.env when APP_ENV is unset, without overriding variables already set', () => {
    write('bot.local.env', 'PORT=4010\nLOG_LEVEL=debug\n');
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn' };
    assert.equal(loadEnvFile(env, root), path.join(root, 'env', 'bot.local.env'));
    const config = loadConfig(env);
    assert.deepEqual([config.port, config.logLevel, config.sandbox], [4010, 'warn', true]);
  });

  it('APP_ENV names the file; the Toolkit\'s TEAMSFX_ENV does not', () => {
    write('bot.teams-local.env', `MicrosoftAppId=${APP_ID}\nMicrosoftAppPassword=s3cret\nOAUTH_CONNECTION_NAME=graph\n`);
    const toolkit: NodeJS.ProcessEnv = { TEAMSFX_ENV: 'teams-local' };
    assert.equal(loadEnvFile(toolkit, root), undefined);
    assert.equal(loadConfig(toolkit).sandbox, true);

    const chosen: NodeJS.ProcessEnv = { APP_ENV: 'teams-local' };
    assert.equal(loadEnvFile(chosen, root), path.join(root, 'env', 'bot.teams-local.env'));
    assert.deepEqual([loadConfig(chosen).appId, loadConfig(chosen).sandbox], [APP_ID, false]);
  });

  it('an APP_ENV that is not a plain name reads nothing (no path outside env/)', () => {
    fs.writeFileSync(path.join(root, 'bot.x.env'), 'LOG_LEVEL=debug\n');
    const env: NodeJS.ProcessEnv = { APP_ENV: '../x' };
    assert.equal(loadEnvFile(env, root), undefined);
    assert.equal(env.LOG_LEVEL, undefined);
  });

  for (const name of ['local', 'playground']) {
    it(`the committed env/bot.${name}.env keeps the bot in sandbox mode (no app id, no secret)`, () => {
      const env: NodeJS.ProcessEnv = { APP_ENV: name };
      assert.ok(loadEnvFile(env, path.resolve(__dirname, '..', '..')), `env/bot.${name}.env is missing`);
      assert.equal(loadConfig(env).sandbox, true);
      for (const key of ['MicrosoftAppId', 'BOT_ID', 'MicrosoftAppPassword', 'BOT_PASSWORD', 'SECRET_BOT_PASSWORD']) assert.equal(env[key], undefined, key);
    });
  }
});
