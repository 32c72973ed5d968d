// One typed configuration, read once from the environment (and env/bot.<APP_ENV>.env when present).
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { isSpokenLanguage, supportedLocale, type Locale } from './i18n/locale';
import type { CalendarEventsMode } from './meetings/calendar-events';
import { isValidTimeZone } from './meetings/zoned-time';

/**
 * How the bot reaches one Azure Storage service: a connection string (Azurite, local runs, keys), or the service's URL
 * and the host's managed identity (production: no key anywhere).
 */
export type StorageAccess = { connectionString: string; serviceUrl?: undefined } | { serviceUrl: string; connectionString?: undefined };

export type StorageConfig =
  | { kind: 'memory'; maxEntries: number; idleMs: number }
  | ({ kind: 'blob'; container: string } & StorageAccess);

/** Where reminders wait until due: in-process timers (memory storage), an Azure Storage queue (blob), or nowhere. */
export type ReminderQueueConfig =
  | { kind: 'memory' }
  | ({ kind: 'storageQueue'; queueName: string } & StorageAccess)
  | { kind: 'off'; reason: string };

export interface ReminderConfig {
  /** Minutes before the start when the request doesn't say; 0 = no reminder unless asked for. */
  defaultMinutes: number;
  queue: ReminderQueueConfig;
  /** How often an instance looks for due reminders in the queue. */
  pollMs: number;
  /** How long a taken reminder stays hidden from other instances (and the claim to post it holds). */
  leaseSeconds: number;
}

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  /** Interface to listen on: 0.0.0.0 with an app id, 127.0.0.1 without one (nobody is authenticated then). */
  host: string;
  /** Explicit opt-in to run without inbound authentication beyond loopback (HOST, serviceUrl). */
  allowUnauthenticated: boolean;
  /** /healthz details (stores, sandbox) for every caller, not only loopback ones. */
  healthDetails: boolean;
  /** Empty string = no Bot Framework auth (Emulator / Agents Playground / sandbox). */
  appId: string;
  appPassword: string;
  appTenantId: string;
  appType: AppType;
  oauthConnectionName: string;
  /**
   * Outlook invitations (CALENDAR_EVENTS): the meeting as an event in the organizer's calendar with the attendees
   * invited, the event alone, or none; the event's token comes from `connectionName` (CALENDAR_CONNECTION_NAME, a
   * second OAuth connection holding Calendars.ReadWrite) or, without one, from the meetings connection.
   */
  calendar: { events: CalendarEventsMode; connectionName?: string };
  graphBaseUrl: string;
  /** Host names the Graph client may send the user's token to (Graph's own + GRAPH_BASE_URL's). */
  graphCustomHosts: Set<string>;
  /** Upper bound for one meeting creation, Graph retries included, so a turn ends well within Teams' 15 s. */
  graphTimeoutMs: number;
  defaultTimeZone: string;
  /** The language for users whose Teams client sends none (DEFAULT_LOCALE). */
  defaultLocale: Locale;
  /** Where bot state (dialogs, SSO de-duplication) lives; blob = shared by every instance. */
  storage: StorageConfig;
  /** Age after which an unfinished first delivery of a redelivered message is presumed dead; undefined = the turn budget. */
  redeliveryRetryAfterMs?: number;
  /** Tenants allowed to use the bot; empty = any tenant. */
  allowedTenants: string[];
  /** Channels (activity.channelId) served; others are refused before any turn. */
  allowedChannels: string[];
  /** Offline mode: local identity instead of sign-in, simulated Graph. */
  sandbox: boolean;
  reminders: ReminderConfig;
  /** Days a meeting record is kept after the meeting ends (or was cancelled); then it is deleted. */
  recordRetentionDays: number;
  /** How long a user's token from the token service is reused in this process (auth/user-token-cache.ts); 0 = never. */
  tokenCacheMs: number;
  /**
   * TEST_ONLY_CLOCK_OFFSET_MS: the bot's clock runs this far ahead of the machine's. Only for end-to-end tests
   * that need a reminder due within seconds of a whole-minute start; never set it in production.
   */
  testOnlyClockOffsetMs: number;
  logLevel: LogLevel;
  /** Settings handed unchanged to botbuilder's ConfigurationBotFrameworkAuthentication. */
  botFrameworkAuth: Record<string, string>;
}

/** A configuration problem; the message names the variable and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

// botbuilder's own auth settings: passed through verbatim when set.
const BOT_FRAMEWORK_PASSTHROUGH = [
  'OAuthUrl',
  'OAuthApiEndpoint',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'CallerId',
  'ChannelService',
  'ValidateAuthority',
  'CertificateThumbprint',
  'CertificatePrivateKey',
] as const;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const APP_TYPES: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

/** The Agents Toolkit's names for the Bot Framework variables (the first one set wins, the Bot Framework name first). */
const ALIASES: Record<string, readonly string[]> = {
  MicrosoftAppId: ['BOT_ID'],
  MicrosoftAppPassword: ['BOT_PASSWORD', 'SECRET_BOT_PASSWORD'],
  MicrosoftAppTenantId: ['BOT_TENANT_ID'],
  MicrosoftAppType: ['BOT_TYPE'],
};

/**
 * Loads env/bot.<APP_ENV>.env (default APP_ENV "local": env/bot.local.env) without overriding variables already set;
 * returns the file read, if any.
 *
 * Why not env/.env.<name>: those files belong to the Agents Toolkit (m365agents*.yml), `npm run package` and
 * `npm run deploy`, which write the bot's app id (BOT_ID) into them after provisioning. Read by the bot, an app id
 * there would silently take `npm start` out of sandbox mode. TEAMSFX_ENV (the Toolkit's environment name) is
 * ignored for the same reason: only APP_ENV chooses the bot's file.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): string | undefined {
  const name = env.APP_ENV ?? 'local';
  const file = path.join(root, 'env', `bot.${name}.env`);
  if (!/^[\w.-]+$/.test(name) || !fs.existsSync(file)) return undefined;
  dotenv.config({ path: file, processEnv: env as Record<string, string>, quiet: true });
  return file;
}

// ---- The variables, one schema: each key is a variable's name, so a problem's path names the variable. ----
// Every value arrives as text (trimmed; unset or blank = absent, so a default applies); messages end with what was
// given. Rules that involve several variables come after the single ones.

type Issue = { input?: unknown };
const got = ({ input }: Issue): string => `(got "${String(input)}")`;
/** Azure's naming rule for containers and queues. */
const STORAGE_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

const text = z.string();
/** A problem with the value being read, for a transform. */
const fail = (ctx: { issues: unknown[] }, input: string, message: string): never => {
  ctx.issues.push({ code: 'custom', input, message });
  return z.NEVER;
};
const integer = (min: number, max: number) =>
  text.transform((raw, ctx) => {
    if (!/^\d+$/.test(raw)) return fail(ctx, raw, `must be a whole number between ${min} and ${max} (got "${raw}")`);
    const value = Number(raw);
    return value < min || value > max ? fail(ctx, raw, `must be between ${min} and ${max} (got ${value})`) : value;
  });
/** true/false (also 1/0, yes/no); absent when unset. */
const flag = text
  .refine((v) => TRUE.includes(v.toLowerCase()) || FALSE.includes(v.toLowerCase()), { error: (issue: Issue) => `must be true or false ${got(issue)}` })
  .transform((v) => TRUE.includes(v.toLowerCase()))
  .optional();
/** One of `values`, whatever the case; named as `values` spells it. */
const oneOf = <T extends string>(values: readonly T[], choices = `one of ${values.join(', ')}`) =>
  text.transform((v, ctx) => values.find((value) => value.toLowerCase() === v.toLowerCase()) ?? fail(ctx, v, `must be ${choices} (got "${v}")`));
/** A list separated by commas, semicolons or spaces. */
const list = (lower: boolean) => text.transform((v) => v.split(/[\s,;]+/).map((item) => (lower ? item.trim().toLowerCase() : item.trim())).filter(Boolean));
/** Graph's root: an absolute https URL without query or fragment, kept without a trailing slash. */
const graphUrl = text.transform((raw, ctx) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(ctx, raw, `must be an absolute https URL such as https://graph.microsoft.com (got "${raw}")`);
  }
  // The user's Graph token must never travel in clear text (and the Graph client would silently drop it).
  if (url.protocol !== 'https:') return fail(ctx, raw, `must use https so the user's token is never sent in clear text (got "${raw}")`);
  if (url.search || url.hash) return fail(ctx, raw, `must not have a query or fragment (got "${raw}")`);
  return url.origin + url.pathname.replace(/\/+$/, '');
});
/** An Azure Storage service endpoint reached with a managed identity: https, no query (a SAS belongs in a connection string). */
const serviceUrl = (service: 'blob' | 'queue') =>
  text.transform((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail(ctx, raw, `must be the storage account's ${service} endpoint, such as https://myaccount.${service}.core.windows.net (got "${raw}")`);
    }
    if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) return fail(ctx, raw, `must use https (got "${raw}")`);
    if (url.search || url.hash) return fail(ctx, raw, `must not have a query or fragment; a SAS token belongs in a connection string (got "${raw}")`);
    return url.origin + url.pathname.replace(/\/+$/, '');
  });
const passthrough = Object.fromEntries(BOT_FRAMEWORK_PASSTHROUGH.map((name) => [name, text.optional()])) as Record<(typeof BOT_FRAMEWORK_PASSTHROUGH)[number], z.ZodOptional<z.ZodString>>;

const configSchema = z
  .object({
    // 0 lets the OS choose (tests); anything else must be a real TCP port.
    PORT: integer(0, 65535).prefault('3978'),
    ALLOW_UNAUTHENTICATED: flag,
    HOST: text.optional(),
    HEALTHZ_DETAILS: flag,
    MicrosoftAppId: text.regex(GUID, { error: (issue: Issue) => `must be the bot's Entra application (client) id, a GUID ${got(issue)}` }).optional(),
    MicrosoftAppPassword: text.prefault(''),
    MicrosoftAppTenantId: text.prefault(''),
    MicrosoftAppType: oneOf(APP_TYPES).prefault('MultiTenant'),
    SANDBOX: flag,
    OAUTH_CONNECTION_NAME: text.prefault(''),
    CALENDAR_EVENTS: oneOf(['invite', 'organizer', 'off'] as const).prefault('invite'),
    // Azure Bot connection names: letters, digits, spaces, '-', '_' and '.'.
    CALENDAR_CONNECTION_NAME: text.regex(/^[\w][\w .-]{0,127}$/, { error: (issue: Issue) => `must be the name of an OAuth connection of the Azure Bot (letters, digits, spaces, - _ .) ${got(issue)}` }).optional(),
    GRAPH_BASE_URL: graphUrl.prefault('https://graph.microsoft.com'),
    GRAPH_TIMEOUT_MS: integer(1000, 14000).prefault('10000'),
    DEFAULT_TIMEZONE: text.refine(isValidTimeZone, { error: (issue: Issue) => `must be an IANA time zone such as Europe/London ${got(issue)}` }).prefault('UTC'),
    DEFAULT_LOCALE: text
      .refine(isSpokenLanguage, { error: (issue: Issue) => `must be a language the bot speaks: en-US or zh-CN ${got(issue)}` })
      .transform((v) => supportedLocale(v))
      .prefault('en-US'),
    LOG_LEVEL: oneOf(LOG_LEVELS).prefault('info'),
    REDELIVERY_RETRY_AFTER_MS: integer(100, 600_000).optional(),
    STORAGE: oneOf(['memory', 'blob'] as const, 'memory or blob').prefault('memory'),
    BLOB_CONNECTION_STRING: text.prefault(''),
    BLOB_CONTAINER: text.prefault(''),
    // With the host's managed identity instead of a connection string: https://<account>.blob.core.windows.net
    BLOB_SERVICE_URL: serviceUrl('blob').optional(),
    QUEUE_SERVICE_URL: serviceUrl('queue').optional(),
    RECORD_RETENTION_DAYS: integer(1, 3650).prefault('30'),
    TOKEN_CACHE_SECONDS: integer(0, 3600).prefault('60'),
    MEMORY_STATE_MAX_ENTRIES: integer(1, 10_000_000).prefault('50000'),
    MEMORY_STATE_IDLE_MINUTES: integer(1, 525_600).prefault('1440'),
    REMINDER_MINUTES: integer(0, 1440).prefault('10'),
    QUEUE_CONNECTION_STRING: text.prefault(''),
    REMINDER_QUEUE: text.regex(STORAGE_NAME, { error: (issue: Issue) => `must be 3–63 lowercase letters, digits and single hyphens ${got(issue)}` }).prefault('meeting-reminders'),
    REMINDER_POLL_MS: integer(100, 600_000).prefault('5000'),
    REMINDER_LEASE_SECONDS: integer(2, 3600).prefault('60'),
    ALLOWED_TENANTS: list(true).prefault(''),
    // Teams, and the Emulator for local development; the Agents Playground sends msteams.
    ALLOWED_CHANNELS: list(false).prefault('msteams,emulator'),
    TEST_ONLY_CLOCK_OFFSET_MS: integer(0, 3_600_000).prefault('0'),
    ...passthrough,
  })
  .check((ctx) => {
    if (ctx.issues.length > 0) return;
    const v = ctx.value;
    const problem = (variable: string, message: string): void => void ctx.issues.push({ code: 'custom', path: [variable], input: undefined, message });
    const appId = v.MicrosoftAppId ?? '';
    // Without an app id anyone who can reach the port can post activities: loopback only, unless asked for.
    const host = v.HOST ?? (appId ? '0.0.0.0' : '127.0.0.1');
    if (!appId && !v.ALLOW_UNAUTHENTICATED && !isLoopbackHost(host)) {
      problem('HOST', `is ${host}, but without MicrosoftAppId nobody who calls the bot is authenticated: listen on 127.0.0.1, or set ALLOW_UNAUTHENTICATED=true to accept that`);
    }
    if (appId) {
      if (v.MicrosoftAppType !== 'UserAssignedMSI' && !v.MicrosoftAppPassword && !v.CertificateThumbprint) {
        problem('MicrosoftAppPassword', 'is required when MicrosoftAppId is set (or BOT_PASSWORD / SECRET_BOT_PASSWORD)');
      }
      if (v.MicrosoftAppType !== 'MultiTenant' && !v.MicrosoftAppTenantId) problem('MicrosoftAppTenantId', `is required when MicrosoftAppType is ${v.MicrosoftAppType}`);
    }
    if (!(v.SANDBOX ?? appId === '') && !v.OAUTH_CONNECTION_NAME) {
      problem('OAUTH_CONNECTION_NAME', "is required outside sandbox mode: the name of the Azure Bot's OAuth connection");
    }
    if (v.CALENDAR_CONNECTION_NAME && v.CALENDAR_CONNECTION_NAME.toLowerCase() === v.OAUTH_CONNECTION_NAME.toLowerCase()) {
      problem('CALENDAR_CONNECTION_NAME', `names the meetings connection (OAUTH_CONNECTION_NAME): leave it unset to use that one for invitations too, or name the second connection that holds Calendars.ReadWrite (got "${v.CALENDAR_CONNECTION_NAME}")`);
    }
    if (v.STORAGE === 'blob') {
      if (!v.BLOB_CONNECTION_STRING && !v.BLOB_SERVICE_URL) problem('BLOB_CONNECTION_STRING', 'is required when STORAGE=blob (an Azure Storage connection string), or BLOB_SERVICE_URL with a managed identity');
      else if (!v.BLOB_CONTAINER) problem('BLOB_CONTAINER', 'is required when STORAGE=blob');
      // Azure's container naming rules; a bad name otherwise fails on the first turn, not at start.
      else if (!STORAGE_NAME.test(v.BLOB_CONTAINER)) problem('BLOB_CONTAINER', `must be 3–63 lowercase letters, digits and single hyphens (got "${v.BLOB_CONTAINER}")`);
    }
  })
  .transform((v): Config => {
    const appId = v.MicrosoftAppId ?? '';
    const storage: StorageConfig =
      v.STORAGE === 'blob'
        ? { kind: 'blob', container: v.BLOB_CONTAINER, ...(v.BLOB_CONNECTION_STRING ? { connectionString: v.BLOB_CONNECTION_STRING } : { serviceUrl: v.BLOB_SERVICE_URL! }) }
        : { kind: 'memory', maxEntries: v.MEMORY_STATE_MAX_ENTRIES, idleMs: v.MEMORY_STATE_IDLE_MINUTES * 60_000 };
    const botFrameworkAuth: Record<string, string> = { MicrosoftAppId: appId, MicrosoftAppPassword: v.MicrosoftAppPassword, MicrosoftAppType: v.MicrosoftAppType };
    if (v.MicrosoftAppTenantId) botFrameworkAuth.MicrosoftAppTenantId = v.MicrosoftAppTenantId;
    for (const key of BOT_FRAMEWORK_PASSTHROUGH) if (v[key]) botFrameworkAuth[key] = v[key];
    return {
      port: v.PORT,
      host: v.HOST ?? (appId ? '0.0.0.0' : '127.0.0.1'),
      allowUnauthenticated: v.ALLOW_UNAUTHENTICATED ?? false,
      healthDetails: v.HEALTHZ_DETAILS ?? false,
      appId,
      appPassword: v.MicrosoftAppPassword,
      appTenantId: v.MicrosoftAppTenantId,
      appType: v.MicrosoftAppType,
      oauthConnectionName: v.OAUTH_CONNECTION_NAME,
      calendar: { events: v.CALENDAR_EVENTS, ...(v.CALENDAR_CONNECTION_NAME ? { connectionName: v.CALENDAR_CONNECTION_NAME } : {}) },
      graphBaseUrl: v.GRAPH_BASE_URL,
      graphCustomHosts: new Set([new URL(v.GRAPH_BASE_URL).hostname]),
      graphTimeoutMs: v.GRAPH_TIMEOUT_MS,
      defaultTimeZone: v.DEFAULT_TIMEZONE,
      defaultLocale: v.DEFAULT_LOCALE,
      storage,
      redeliveryRetryAfterMs: v.REDELIVERY_RETRY_AFTER_MS,
      allowedTenants: v.ALLOWED_TENANTS,
      allowedChannels: v.ALLOWED_CHANNELS,
      sandbox: v.SANDBOX ?? appId === '',
      reminders: {
        defaultMinutes: v.REMINDER_MINUTES,
        queue: reminderQueue(storage, v.QUEUE_CONNECTION_STRING, v.QUEUE_SERVICE_URL, v.REMINDER_QUEUE),
        pollMs: v.REMINDER_POLL_MS,
        leaseSeconds: v.REMINDER_LEASE_SECONDS,
      },
      recordRetentionDays: v.RECORD_RETENTION_DAYS,
      tokenCacheMs: v.TOKEN_CACHE_SECONDS * 1000,
      testOnlyClockOffsetMs: v.TEST_ONLY_CLOCK_OFFSET_MS,
      logLevel: v.LOG_LEVEL,
      botFrameworkAuth,
    };
  });

/** Every variable the schema reads, as set: trimmed, the first non-empty of its name and aliases; blank = absent. */
function variables(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const name of Object.keys(configSchema.in.shape)) {
    for (const candidate of [name, ...(ALIASES[name] ?? [])]) {
      const value = env[candidate]?.trim();
      if (value) {
        values[name] = value;
        break;
      }
    }
  }
  return values;
}

/** Every variable name the configuration reads (aliases included): what a deployment may set. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(configSchema.in.shape).flatMap((name) => [name, ...(ALIASES[name] ?? [])]);

/** The configuration from the environment; a ConfigError (one line naming the variable) for the first problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(variables(env));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ConfigError(String(issue.path[0]), issue.message);
}

/**
 * Memory storage: in-process timers. Blob storage: an Azure Storage queue shared by every instance, on
 * QUEUE_CONNECTION_STRING or else the blob connection string when it reaches the queue service too (a
 * QueueEndpoint, an account name with the default endpoints, or the development storage). Without one there is no
 * reminder queue: reminders are off (and the log says so), rather than duplicated by per-instance timers.
 */
function reminderQueue(storage: StorageConfig, queueConnection: string, queueServiceUrl: string | undefined, queueName: string): ReminderQueueConfig {
  if (storage.kind === 'memory') return { kind: 'memory' };
  if (queueConnection) return { kind: 'storageQueue', connectionString: queueConnection, queueName };
  if (queueServiceUrl) return { kind: 'storageQueue', serviceUrl: queueServiceUrl, queueName };
  if (storage.connectionString && reachesQueues(storage.connectionString)) return { kind: 'storageQueue', connectionString: storage.connectionString, queueName };
  return { kind: 'off', reason: 'STORAGE=blob needs an Azure Storage queue for reminders: set QUEUE_CONNECTION_STRING or QUEUE_SERVICE_URL (or a BLOB_CONNECTION_STRING with a QueueEndpoint)' };
}

function reachesQueues(connectionString: string): boolean {
  const parts = new Map(
    connectionString
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf('=')).toLowerCase(), p.slice(p.indexOf('=') + 1)] as const),
  );
  if (parts.has('queueendpoint') || parts.get('usedevelopmentstorage') === 'true') return true;
  return parts.has('accountname') && !parts.has('blobendpoint');
}

/** localhost, 127.0.0.0/8 or ::1 (with or without brackets, as a URL host or a listen address). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return v4 !== null && v4.slice(1).every((n) => Number(n) <= 255) && v4[1] === '127';
}
