// Composition root: configuration → services → bot → HTTP server.
import { PrivateConversationState, type CloudAdapter, type TurnContext } from 'botbuilder';
import { ConfigError, loadConfig, loadEnvFile, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { createServer } from './http/server';
import { sharedHealth } from './http/shared-health';
import { BotAdapter } from './http/bot-adapter';
import { listenFailureMessage } from './http/listen-failure';
import { BotAuthentication } from './http/bot-authentication';
import { MeetingBot } from './bot/meeting-bot';
import { RedeliveryGuard } from './bot/redelivery-guard';
import { TenantAllowList } from './bot/tenant-allow-list';
import { PerUserSsoTokenExchange } from './bot/sso-token-exchange';
import { TurnLogger } from './bot/turn-logger';
import { proactivePoster } from './bot/proactive-post';
import { OAuthSignIn } from './auth/oauth-sign-in';
import { UserTokenCache } from './auth/user-token-cache';
import { SandboxSignIn } from './auth/sandbox-sign-in';
import type { GraphMeetingService } from './meetings/graph-meeting-service';
import { SimulatedMeetingService } from './meetings/simulated-meeting-service';
import type { GraphCalls } from './meetings/graph-calls';
import type { GraphCalendarService } from './meetings/graph-calendar-service';
import { SimulatedCalendarService } from './meetings/simulated-calendar-service';
import { createMeetingStorage, createOnceClaims, createStorage, storeHealth, sweepAgedClaims } from './storage/storage';
import { translator } from './i18n/translate';
import { localeOf } from './teams/activity-context';
import { PostedForms } from './storage/posted-forms';
import { MeetingRecords } from './storage/meeting-record-store';
import { RecordRetention, retentionIndexStorage, sweepRetention } from './storage/record-retention';
import { MemoryReminderQueue, type ReminderQueue } from './storage/reminder-queue';
import { Reminders } from './scheduling/reminder-delivery';

function main(): void {
  loadEnvFile();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      // One line naming the variable; no stack trace for a configuration mistake.
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  start(config, logger);
}

function start(config: Config, logger: Logger): void {
  const storage = createStorage(config.storage);
  const dialogState = new PrivateConversationState(storage);
  const meetingStorage = createMeetingStorage(config.storage, storage);
  // Without an app id the user-token client (and proactive posts) need a stand-in app id: the same one everywhere.
  const botAppId = config.appId || 'local-bot';
  const adapter = new BotAdapter(new BotAuthentication(config.botFrameworkAuth, botAppId));

  const claims = createOnceClaims(config.storage);

  adapter.use(new TurnLogger(logger));
  // Before any work, so refused tenants cause no token exchange and no state reads.
  if (config.allowedTenants.length > 0) adapter.use(new TenantAllowList(config.allowedTenants, config.defaultLocale));
  adapter.use(new RedeliveryGuard(claims, logger, config.redeliveryRetryAfterMs));

  if (!config.appId && !config.sandbox) {
    logger.warn('Inbound authentication is off: without MicrosoftAppId anyone who can reach the port can post activities. Set MicrosoftAppId outside local tests.');
  }
  if (config.sandbox) {
    logger.warn(
      'SANDBOX MODE: no Azure configuration — sign-in uses the chat user as-is and meetings are SIMULATED (join links are not real). ' +
        'Set MicrosoftAppId (or SANDBOX=false) for the real Teams + Graph path.',
    );
  } else {
    // Teams sends one tokenExchange per signed-in client; only the first may reach the dialog.
    adapter.use(new PerUserSsoTokenExchange(claims, config.oauthConnectionName, () => logger.warn('SSO token exchange: the token service did not answer in time; Teams was told to show the sign-in button')));
  }

  // TurnLogger has logged the error with the turn's fields; the user is told, in their language.
  adapter.onTurnError = async (context: TurnContext) => {
    if (context.activity.type === 'message') {
      await context
        .sendActivity(translator(localeOf(context.activity, config.defaultLocale))('reply.turnError'))
        .catch((sendErr: Error) => logger.warn({ err: { message: sendErr.message } }, 'could not tell the user about the error'));
    }
  };

  // One Graph client (one keep-alive connection) for meetings and calendar events.
  // The Graph client is loaded only off sandbox: a sandbox start (and its cold start) doesn't need it.
  const graphModules = config.sandbox ? undefined : loadGraphModules();
  const graph = graphModules && new graphModules.GraphCalls({ baseUrl: config.graphBaseUrl, customHosts: config.graphCustomHosts, timeoutMs: config.graphTimeoutMs });
  const meetings = graph ? new graphModules!.GraphMeetingService(graph) : new SimulatedMeetingService();
  // Users' tokens from the token service, reused for TOKEN_CACHE_SECONDS (both connections; keyed by connection).
  const tokenCache = new UserTokenCache(config.tokenCacheMs);
  // With CALENDAR_EVENTS=off new meetings get no event; the events of meetings made before still follow them.
  const calendar = {
    service: graph ? new graphModules!.GraphCalendarService(graph) : new SimulatedCalendarService(),
    mode: config.calendar.events,
    signIn: !config.sandbox && config.calendar.connectionName ? new OAuthSignIn(config.calendar.connectionName, 'calendar', tokenCache) : undefined,
  };
  const offset = config.testOnlyClockOffsetMs;
  if (offset !== 0) logger.warn({ offsetMs: offset }, 'TEST_ONLY_CLOCK_OFFSET_MS is set: the bot\'s clock runs ahead of the machine\'s (tests only)');
  const now = offset === 0 ? undefined : () => new Date(Date.now() + offset);
  // Records and form links are written through the retention's storage, which files them for deletion.
  const retention = new RecordRetention({ storage: meetingStorage, index: retentionIndexStorage(config.storage, meetingStorage), days: config.recordRetentionDays, now });
  const records = new MeetingRecords(retention.storage, now);
  const reminders = createReminders(config, logger, records, adapter, botAppId, now);
  const bot = new MeetingBot({
    dialogState,
    meetings,
    reminders,
    records,
    calendar,
    forms: new PostedForms(retention.storage),
    signIn: config.sandbox ? new SandboxSignIn() : new OAuthSignIn(config.oauthConnectionName, 'meetings', tokenCache),
    defaultTimeZone: config.defaultTimeZone,
    defaultLocale: config.defaultLocale,
    logger,
    now,
    proactive: { adapter, appId: botAppId },
    claims,
  });

  const server = createServer({
    adapter,
    logic: (context) => bot.run(context),
    logger,
    healthDetails: config.healthDetails,
    allowedChannels: new Set(config.allowedChannels),
    loopbackServiceUrlOnly: !config.appId && !config.allowUnauthenticated,
    defaultLocale: config.defaultLocale,
    health: sharedHealth(async () => ({ sandbox: config.sandbox, ...(await storeHealth(config.storage.kind, storage, claims)) })),
  });

  // A port already taken (another bot, a second `npm start`) is an operator's mistake like a bad variable: one
  // line naming PORT and exit 1, not Node's stack trace for an unhandled 'error' event (restify re-emits the HTTP
  // server's errors on itself, so that is where the listener goes).
  const listenFailed = (err: NodeJS.ErrnoException): void => {
    process.stderr.write(`${listenFailureMessage(err, config.port, config.host)}\n`);
    process.exit(1);
  };
  server.once('error', listenFailed);
  server.listen(config.port, config.host, () => {
    server.off('error', listenFailed);
    const address = server.address();
    logger.info({ port: address.port, sandbox: config.sandbox }, `Meeting Bot listening on http://localhost:${address.port}/api/messages`);
    reminders?.start();
  });
  const stopSweeps = sweepAgedClaims(claims, (deleted) => {
    if (deleted instanceof Error) logger.warn({ err: { message: deleted.message } }, 'could not delete aged claims');
    else if (deleted > 0) logger.info({ deleted }, 'aged claims deleted');
  });

  const stopRetention = sweepRetention(retention, (record) => records.remove(record), (result) => {
    if (result instanceof Error) logger.warn({ err: { message: result.message } }, 'could not delete meeting records past retention');
    else if (result.records + result.forms > 0) logger.info({ ...result, retentionDays: config.recordRetentionDays }, 'meeting records past retention deleted');
  });

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    stopSweeps();
    stopRetention();
    // No new reminders are taken; one being posted finishes (or its lease hands it to another instance).
    const remindersStopped = reminders?.stop().catch(() => undefined) ?? Promise.resolve();
    server.close(() => void remindersStopped.then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

function createReminders(config: Config, logger: Logger, records: MeetingRecords, adapter: CloudAdapter, appId: string, now?: () => Date): Reminders | undefined {
  const settings = config.reminders;
  if (settings.queue.kind === 'off') {
    logger.warn(`Reminders are off: ${settings.queue.reason}.`);
    return undefined;
  }
  const onError = (err: unknown, what: string) => logger.warn({ err: { message: (err as Error)?.message } }, what);
  const clock = now ? () => now().getTime() : undefined;
  let queue: ReminderQueue;
  if (settings.queue.kind === 'storageQueue') {
    const { StorageQueueReminders } = require('./storage/storage-queue-reminders') as typeof import('./storage/storage-queue-reminders');
    queue = new StorageQueueReminders({ ...settings.queue, pollMs: settings.pollMs, leaseSeconds: settings.leaseSeconds, onError, now: clock });
  } else {
    queue = new MemoryReminderQueue({ retryMs: settings.pollMs, now: clock });
  }
  return new Reminders({
    records,
    queue,
    post: proactivePoster(adapter, appId),
    defaultMinutes: settings.defaultMinutes,
    // A little shorter than the lease, so the instance that gets the message next finds the claim lapsed.
    claimMs: Math.max(1000, settings.leaseSeconds * 800),
    now,
    log: (fields, message) => logger.info(fields, message),
    onError,
  });
}

main();

/** The Graph services, required when the bot talks to real Graph. */
function loadGraphModules(): { GraphCalls: typeof GraphCalls; GraphMeetingService: typeof GraphMeetingService; GraphCalendarService: typeof GraphCalendarService } {
  return {
    GraphCalls: (require('./meetings/graph-calls') as typeof import('./meetings/graph-calls')).GraphCalls,
    GraphMeetingService: (require('./meetings/graph-meeting-service') as typeof import('./meetings/graph-meeting-service')).GraphMeetingService,
    GraphCalendarService: (require('./meetings/graph-calendar-service') as typeof import('./meetings/graph-calendar-service')).GraphCalendarService,
  };
}
