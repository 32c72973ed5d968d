// The production artifact, run as production runs it: only what the Dockerfile copies (package.json, the lockfile,
// .npmrc, dist/src — support/production-artifact.ts) in an empty folder, its dependencies installed with
// `npm ci --omit=dev --ignore-scripts`, started with `node dist/src/index.js` on the Node release of the image
// (22.x, from the npm registry: support/production-node.ts), with a production configuration: an app id and secret
// (SingleTenant), inbound JWTs checked against OpenID metadata, Blob state and the reminder queue on Azurite reached
// by service URL with a token from DefaultAzureCredential (no connection string, no key).
//
// Nothing leaves the machine. The two Entra ID clients (botbuilder's, for the bot's own token to the Bot Connector
// and the token service; @azure/identity's, for Storage) talk to login.microsoftonline.com, with the production
// defaults: that name is served by a loopback stand-in through an HTTPS proxy (test/support/connect-proxy.ts),
// because MSAL asks login.microsoftonline.com itself about any other authority ("instance discovery", at an address
// hard-coded in msal-common) and neither botbuilder nor DefaultAzureCredential's environment settings can turn that
// off. The proxy refuses and records everything else, and the test asserts nothing else was tried.
//
// Then the same folder with one runtime dependency moved to devDependencies: the production install leaves it out
// and the bot must not start — a dependency missing from `dependencies` fails here, not in production.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CallerIdConstants } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { ALICE, BOB, BOT_APP_ID, TENANT_ID, type InboundActivity } from '../../support/activities';
import { freePort, launchBot, postActivity, startBot, type BotProcess } from '../../support/bot-process';
import { copyArtifact, installArtifact, PRODUCTION_NODE_VERSION, START_COMMAND } from '../../support/production-artifact';
import { productionNode } from '../../support/production-node';
import { CONNECTION, StandIns } from '../../support/stand-ins';
import { cardOf, isJoin } from '../../support/wire-cards';
import { startAzurite, type Azurite } from '../support/azurite';
import { ConnectProxy } from '../support/connect-proxy';
import { EntraStandIn } from '../support/entra-stand-in';
import { JwtStandIn } from '../support/jwt-stand-in';
import { isReminder, planReminder, scheduleThroughForm, type ReminderPlan } from '../support/reminder-timing';
import { execForm, readDockerfile } from './dockerfile';

const run = promisify(execFile);

const LOGIN_HOST = 'login.microsoftonline.com';
const BOT_SECRET = 'bot-secret-for-tests-only';
/** The identity Storage sees (on App Service, the web app's managed identity; here a service principal from env). */
const STORAGE_CLIENT_ID = '6a1e0c2d-4b3f-4e5a-9c7d-8e9f0a1b2c3d';
const STORAGE_SECRET = 'storage-secret-for-tests-only';
/** The runtime dependency the second case moves to devDependencies (loaded by the first module the bot imports). */
const MOVED_DEPENDENCY = 'luxon';

/** What `node` the process with this pid runs (Linux: /proc/<pid>/exe), asked for its version. */
async function versionOfProcess(pid: number): Promise<string> {
  const exe = fs.readlinkSync(`/proc/${pid}/exe`);
  return (await run(exe, ['-p', 'process.version'])).stdout.trim();
}

/** The artifact folder with `dependency` moved from dependencies to devDependencies, lockfile brought in line. */
async function moveToDevDependencies(dir: string, dependency: string): Promise<void> {
  const file = path.join(dir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  assert.ok(pkg.dependencies[dependency], `${dependency} is a runtime dependency`);
  pkg.devDependencies[dependency] = pkg.dependencies[dependency]!;
  delete pkg.dependencies[dependency];
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  // `npm ci` refuses a lockfile that disagrees with package.json: what a developer's `npm install` would write.
  await run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir });
}

describe('production artifact (npm ci --omit=dev --ignore-scripts, node dist/src/index.js on Node 22; app id, JWTs, Blob + Queue on Azurite with a token)', function () {
  this.timeout(240_000);
  let root = '';
  let artifactDir = '';
  let brokenDir = '';
  const standIns = new StandIns();
  const jwt = new JwtStandIn();
  let entra: EntraStandIn;
  let proxy: ConnectProxy;
  let azurite: Azurite | undefined;
  let node22 = '';
  let bot: BotProcess | undefined;
  let plan: ReminderPlan;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings[name] = Date.now() - started;
    }
  };

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-artifact-'));
    artifactDir = path.join(root, 'app');
    brokenDir = path.join(root, 'app-missing-dependency');
    for (const dir of [artifactDir, brokenDir]) {
      fs.mkdirSync(dir);
      copyArtifact(dir);
    }
    // The two installs and the Node download are mostly waiting on the disk and the registry: side by side.
    [node22] = await Promise.all([
      timed('node22', () => productionNode()),
      timed('install', () => installArtifact(artifactDir)),
      timed('installWithoutDependency', async () => {
        await moveToDevDependencies(brokenDir, MOVED_DEPENDENCY);
        await installArtifact(brokenDir);
      }),
    ]);

    await standIns.start({
      tokenOwner: (t) => ({ 'graph-token-alice': ALICE.aadObjectId, 'graph-token-bob': BOB.aadObjectId })[t],
      users: { [ALICE.aadObjectId]: { displayName: ALICE.name }, [BOB.aadObjectId]: { displayName: BOB.name } },
      tempPrefix: 'meeting-bot-artifact-tls-',
      tlsHosts: [LOGIN_HOST],
    });
    standIns.tokens.setToken(ALICE.id, 'graph-token-alice');
    entra = new EntraStandIn({ cert: standIns.tls.cert, key: standIns.tls.key, clients: { [BOT_APP_ID]: BOT_SECRET, [STORAGE_CLIENT_ID]: STORAGE_SECRET } });
    await entra.start();
    // The Bot Connector authenticates the bot: a call without a token Entra issued it for the Bot Framework gets 401.
    standIns.connector.acceptsToken = (authorization) =>
      entra.tokensFor(BOT_APP_ID, 'https://api.botframework.com').some((t) => authorization === `Bearer ${t.accessToken}`);
    proxy = new ConnectProxy({ [`${LOGIN_HOST}:443`]: entra.port });
    await proxy.start();
    await jwt.start();
    azurite = await startAzurite({ queue: true, oauth: { certFile: standIns.tls.certFile, keyFile: standIns.tls.keyFile } });
  });

  after(async () => {
    await bot?.stop();
    await Promise.all([standIns.stop(), entra?.stop(), proxy?.stop(), jwt.stop(), azurite?.stop()]);
    if (root) fs.rmSync(root, { recursive: true, force: true });
    console.log(`      timings (ms): ${JSON.stringify(timings)}`);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log(`--- bot log ---\n${bot?.logs().split('\n').slice(-40).join('\n')}`);
      console.log(`--- connector ---\n${standIns.connector.describe()}`);
      console.log(`--- entra ---\n${JSON.stringify({ requests: entra?.requests, refused: entra?.refused }, null, 1)}`);
      console.log(`--- proxy ---\n${JSON.stringify({ tunnelled: proxy?.tunnelled, refused: proxy?.refused })}`);
    }
  });

  /** The production configuration, pointed at the stand-ins. */
  function productionEnv(clockOffsetMs = 0): Record<string, string> {
    return {
      NODE_ENV: 'production',
      APP_ENV: 'production',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      MicrosoftAppId: BOT_APP_ID,
      MicrosoftAppPassword: BOT_SECRET,
      MicrosoftAppTenantId: TENANT_ID,
      MicrosoftAppType: 'SingleTenant',
      OAUTH_CONNECTION_NAME: CONNECTION,
      // Setting any of botbuilder's endpoint settings makes it take all of them as given (the unset ones stay
      // unset, not default): so all of them, the public cloud's values except where the stand-ins are — the
      // Bot Framework's OpenID metadata (both) and its token service.
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToBotFromChannelOpenIdMetadataUrl: jwt.channelMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: jwt.emulatorMetadataUrl,
      OAuthUrl: standIns.tokens.url,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ValidateAuthority: 'true',
      GRAPH_BASE_URL: standIns.graph.baseUrl,
      STORAGE: 'blob',
      BLOB_SERVICE_URL: azurite!.blobServiceUrl,
      BLOB_CONTAINER: 'bot-state',
      QUEUE_SERVICE_URL: azurite!.queueServiceUrl!,
      REMINDER_QUEUE: 'meeting-reminders',
      // DefaultAzureCredential → EnvironmentCredential (a service principal; App Service would give a managed identity).
      AZURE_TENANT_ID: TENANT_ID,
      AZURE_CLIENT_ID: STORAGE_CLIENT_ID,
      AZURE_CLIENT_SECRET: STORAGE_SECRET,
      // The throw-away CA behind every https stand-in (Graph, Entra, Azurite), and the proxy to "the internet".
      NODE_EXTRA_CA_CERTS: standIns.caPem,
      ...proxy.childEnv(),
      // A reminder within seconds (see reminder-timing.ts).
      REMINDER_MINUTES: '1',
      REMINDER_POLL_MS: '200',
      TEST_ONLY_CLOCK_OFFSET_MS: String(clockOffsetMs),
    };
  }

  /** Posts as the Bot Connector does: with a JWT signed by a key the OpenID metadata publishes. */
  async function post(activity: InboundActivity): Promise<void> {
    const res = await postActivity(bot!.messagesUrl, activity, { Authorization: `Bearer ${jwt.channelToken(BOT_APP_ID, standIns.serviceUrl)}` });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }

  it('installs, starts on Node 22 and runs a schedule → join card and a reminder, every token from the stand-ins', async () => {
    plan = planReminder(20_000);
    const [, ...startArgs] = START_COMMAND;
    bot = await timed('start', () =>
      startBot(productionEnv(plan.offsetMs), { cwd: artifactDir, nodePath: node22, nodeArgs: startArgs.slice(0, -1), entry: startArgs.at(-1), timeoutMs: 30_000 }),
    );
    assert.equal(await versionOfProcess(bot.pid), `v${PRODUCTION_NODE_VERSION}`);

    // The image's HEALTHCHECK, run as Docker would (in the app folder, on the image's Node): healthy now, and not
    // where nothing answers.
    const healthcheck = readDockerfile().stages.at(-1)!.instructions.find((i) => i.keyword === 'HEALTHCHECK')!;
    const [, ...check] = execForm(healthcheck.args);
    await run(node22, check, { cwd: artifactDir, env: { PATH: process.env.PATH ?? '', PORT: String(bot.port) } });
    await assert.rejects(run(node22, check, { cwd: artifactDir, env: { PATH: process.env.PATH ?? '', PORT: String(await freePort()) } }), 'unhealthy when nothing answers');

    const meeting = await timed('schedule', () =>
      scheduleThroughForm(post, (p, ms) => standIns.connector.waitFor(p, ms), standIns.serviceUrl, 'Artifact check', plan.startMs),
    );
    const join = standIns.connector.calls.find((c) => c.conversationId === meeting.conversation.id && isJoin(c));
    assert.ok(join, 'the join card reached the connector');
    assert.equal(standIns.graph.meetingRequests().filter((r) => r.method === 'POST').length, 1, 'one meeting created in Graph');

    const reminder = await timed('reminder', () => standIns.connector.waitFor((c) => isReminder(c) && c.conversationId === meeting.conversation.id, plan.dueAtMs - Date.now() + 15_000));
    assert.match(JSON.stringify(cardOf(reminder)), /Artifact check.* starts in 1 minute/);

    // Outbound: every call to the connector and the token service carried a token the Entra stand-in issued to
    // the bot's app id for the Bot Framework.
    const botTokens = new Set(entra.tokensFor(BOT_APP_ID, 'https://api.botframework.com').map((t) => `Bearer ${t.accessToken}`));
    assert.ok(botTokens.size >= 1, 'the bot got its own token');
    const toConnector = standIns.connector.calls.map((c) => c.headers.authorization);
    assert.ok(toConnector.length >= 3 && toConnector.every((a) => botTokens.has(a ?? '')), 'every connector call carries the bot token');
    const toTokenService = standIns.tokens.requests.map((r) => r.headers.authorization);
    assert.ok(toTokenService.length >= 1 && toTokenService.every((a) => botTokens.has(a ?? '')), 'every token service call carries the bot token');
    // Storage: a token for https://storage.azure.com, issued to the storage identity (Azurite accepted it: the state
    // and the reminder went through it).
    assert.ok(entra.tokensFor(STORAGE_CLIENT_ID, 'https://storage.azure.com').length >= 1, 'DefaultAzureCredential got a storage token');
    assert.deepEqual(entra.refused, [], 'no token request was refused');
    // Nothing but login.microsoftonline.com was asked for beyond loopback.
    assert.deepEqual(proxy.refused, [], 'nothing else tried to leave the machine');
    assert.deepEqual([...new Set(proxy.tunnelled)], [`${LOGIN_HOST}:443`]);
    assert.ok(!bot.logs().includes(BOT_SECRET) && !bot.logs().includes(STORAGE_SECRET), 'no secret in the logs');
  });

  it(`fails to start when a runtime dependency (${MOVED_DEPENDENCY}) is only in devDependencies`, async () => {
    assert.ok(!fs.existsSync(path.join(brokenDir, 'node_modules', MOVED_DEPENDENCY)), 'the production install left it out');
    assert.ok(fs.existsSync(path.join(artifactDir, 'node_modules', MOVED_DEPENDENCY)), 'where it is a dependency, it is installed');
    const [, ...startArgs] = START_COMMAND;
    const broken = await launchBot(productionEnv(), { cwd: brokenDir, nodePath: node22, nodeArgs: startArgs.slice(0, -1), entry: startArgs.at(-1) });
    await assert.rejects(broken.ready(30_000), (err: Error) => {
      assert.match(err.message, /bot exited \(code 1\) before \/healthz answered/);
      assert.match(err.message, new RegExp(`Cannot find module '${MOVED_DEPENDENCY}'`));
      return true;
    });
  });
});
