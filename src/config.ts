// One typed configuration, read once from the environment (and env/bot.<APP_ENV>.env when present).
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import * as v from 'valibot';
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

type Issue = { input: unknown };
const got = ({ input }: Issue): string => `(got "${String(input)}")`;
/** Azure's naming rule for containers and queues. */
const STORAGE_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

const text = v.string();
/** Reads a variable's text into a value, or says what is wrong with it (`problem`): one step of a variable's schema. */
const read = <T>(parse: (raw: string, problem: (message: string) => never) => T) =>
  v.pipe(
    text,
    v.rawTransform<string, T>(({ dataset, addIssue, NEVER }) => {
      const stop = (message: string): never => {
        addIssue({ message });
        return NEVER;
      };
      return parse(dataset.value, stop);
    }),
  );
const integer = (min: number, max: number) =>
  read((raw, problem) => {
    if (!/^\d+$/.test(raw)) return problem(`must be a whole number between ${min} and ${max} (got "${raw}")`);
    const value = Number(raw);
    return value < min || value > max ? problem(`must be between ${min} and ${max} (got ${value})`) : value;
  });
/** true/false (also 1/0, yes/no); absent when unset. */
const flag = v.optional(
  v.pipe(
    text,
    v.check((value) => TRUE.includes(value.toLowerCase()) || FALSE.includes(value.toLowerCase()), (issue: Issue) => `must be true or false ${got(issue)}`),
    v.transform((value) => TRUE.includes(value.toLowerCase())),
  ),
);
/** One of `values`, whatever the case; named as `values` spells it. */
const oneOf = <T extends string>(values: readonly T[], choices = `one of ${values.join(', ')}`) =>
  read((raw, problem) => values.find((value) => value.toLowerCase() === raw.toLowerCase()) ?? problem(`must be ${choices} (got "${raw}")`));
/** A list separated by commas, semicolons or spaces. */
const list = (lower: boolean) => v.pipe(text, v.transform((raw) => raw.split(/[\s,;]+/).map((item) => (lower ? item.trim().toLowerCase() : item.trim())).filter(Boolean)));
/** A text that must match `pattern`; `what` says what it must be. */
const matching = (pattern: RegExp, what: string) => v.pipe(text, v.regex(pattern, (issue: Issue) => `must be ${what} ${got(issue)}`));
/** Graph's root: an absolute https URL without query or fragment, kept without a trailing slash. */
const graphUrl = read((raw, problem) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return problem(`must be an absolute https URL such as https://graph.microsoft.com (got "${raw}")`);
  }
  // The user's Graph token must never travel in clear text (and the Graph client would silently drop it).
  if (url.protocol !== 'https:') return problem(`must use https so the user's token is never sent in clear text (got "${raw}")`);
  if (url.search || url.hash) return problem(`must not have a query or fragment (got "${raw}")`);
  return url.origin + url.pathname.replace(/\/+$/, '');
});
/** An Azure Storage service endpoint reached with a managed identity: https, no query (a SAS belongs in a connection string). */
const serviceUrl = (service: 'blob' | 'queue') =>
  read((raw, problem) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return problem(`must be the storage account's ${service} endpoint, such as https://myaccount.${service}.core.windows.net (got "${raw}")`);
    }
    if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) return problem(`must use https (got "${raw}")`);
    if (url.search || url.hash) return problem(`must not have a query or fragment; a SAS token belongs in a connection string (got "${raw}")`);
    return url.origin + url.pathname.replace(/\/+$/, '');
  });
/** With a value used when the variable is unset, read like one that was set. */
const orDefault = <T extends v.GenericSchema<string, unknown>>(schema: T, value: string) => v.optional(schema, value);
const passthrough = Object.fromEntries(BOT_FRAMEWORK_PASSTHROUGH.map((name) => [name, v.optional(text)])) as Record<(typeof BOT_FRAMEWORK_PASSTHROUGH)[number], v.OptionalSchema<v.StringSchema<undefined>, undefined>>;

/** The variables: each key is a variable's name, so a problem's path names the variable. */
const VARIABLES = {
  // 0 lets the OS choose (tests); anything else must be a real TCP port.
  PORT: orDefault(integer(0, 65535), '3978'),
  ALLOW_UNAUTHENTICATED: flag,
  HOST: v.optional(text),
  HEALTHZ_DETAILS: flag,
  MicrosoftAppId: v.optional(matching(GUID, "the bot's Entra application (client) id, a GUID")),
  MicrosoftAppPassword: orDefault(text, ''),
  MicrosoftAppTenantId: orDefault(text, ''),
  MicrosoftAppType: orDefault(oneOf(APP_TYPES), 'MultiTenant'),
  SANDBOX: flag,
  OAUTH_CONNECTION_NAME: orDefault(text, ''),
  CALENDAR_EVENTS: orDefault(oneOf(['invite', 'organizer', 'off'] as const), 'invite'),
  // Azure Bot connection names: letters, digits, spaces, '-', '_' and '.'.
  CALENDAR_CONNECTION_NAME: v.optional(matching(/^[\w][\w .-]{0,127}$/, 'the name of an OAuth connection of the Azure Bot (letters, digits, spaces, - _ .)')),
  GRAPH_BASE_URL: orDefault(graphUrl, 'https://graph.microsoft.com'),
  GRAPH_TIMEOUT_MS: orDefault(integer(1000, 14000), '10000'),
  DEFAULT_TIMEZONE: orDefault(v.pipe(text, v.check(isValidTimeZone, (issue: Issue) => `must be an IANA time zone such as Europe/London ${got(issue)}`)), 'UTC'),
  DEFAULT_LOCALE: orDefault(
    v.pipe(text, v.check(isSpokenLanguage, (issue: Issue) => `must be a language the bot speaks: en-US or zh-CN ${got(issue)}`), v.transform((value) => supportedLocale(value))),
    'en-US',
  ),
  LOG_LEVEL: orDefault(oneOf(LOG_LEVELS), 'info'),
  REDELIVERY_RETRY_AFTER_MS: v.optional(integer(100, 600_000)),
  STORAGE: orDefault(oneOf(['memory', 'blob'] as const, 'memory or blob'), 'memory'),
  BLOB_CONNECTION_STRING: orDefault(text, ''),
  BLOB_CONTAINER: orDefault(text, ''),
  // With the host's managed identity instead of a connection string: https://<account>.blob.core.windows.net
  BLOB_SERVICE_URL: v.optional(serviceUrl('blob')),
  QUEUE_SERVICE_URL: v.optional(serviceUrl('queue')),
  RECORD_RETENTION_DAYS: orDefault(integer(1, 3650), '30'),
  TOKEN_CACHE_SECONDS: orDefault(integer(0, 3600), '60'),
  MEMORY_STATE_MAX_ENTRIES: orDefault(integer(1, 10_000_000), '50000'),
  MEMORY_STATE_IDLE_MINUTES: orDefault(integer(1, 525_600), '1440'),
  REMINDER_MINUTES: orDefault(integer(0, 1440), '10'),
  QUEUE_CONNECTION_STRING: orDefault(text, ''),
  REMINDER_QUEUE: orDefault(matching(STORAGE_NAME, '3–63 lowercase letters, digits and single hyphens'), 'meeting-reminders'),
  REMINDER_POLL_MS: orDefault(integer(100, 600_000), '5000'),
  REMINDER_LEASE_SECONDS: orDefault(integer(2, 3600), '60'),
  ALLOWED_TENANTS: orDefault(list(true), ''),
  // Teams, and the Emulator for local development; the Agents Playground sends msteams.
  ALLOWED_CHANNELS: orDefault(list(false), 'msteams,emulator'),
  TEST_ONLY_CLOCK_OFFSET_MS: orDefault(integer(0, 3_600_000), '0'),
  ...passthrough,
};
type Variables = v.InferOutput<v.ObjectSchema<typeof VARIABLES, undefined>>;

/** HOST, else every interface with an app id and loopback only without one. */
function hostOf(values: Variables): string {
  return values.HOST ?? (values.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1');
}

/** SANDBOX, else sandbox exactly when there is no app id. */
function isSandbox(values: Variables): boolean {
  return values.SANDBOX ?? !values.MicrosoftAppId;
}

/** Rules that involve several variables: the first problem, as [variable, problem]. */
function crossProblem(values: Variables): [string, string] | undefined {
  const appId = values.MicrosoftAppId ?? '';
  // Without an app id anyone who can reach the port can post activities: loopback only, unless asked for.
  const host = hostOf(values);
  if (!appId && !values.ALLOW_UNAUTHENTICATED && !isLoopbackHost(host)) {
    return ['HOST', `is ${host}, but without MicrosoftAppId nobody who calls the bot is authenticated: listen on 127.0.0.1, or set ALLOW_UNAUTHENTICATED=true to accept that`];
  }
  if (appId) {
    if (values.MicrosoftAppType !== 'UserAssignedMSI' && !values.MicrosoftAppPassword && !values.CertificateThumbprint) {
      return ['MicrosoftAppPassword', 'is required when MicrosoftAppId is set (or BOT_PASSWORD / SECRET_BOT_PASSWORD)'];
    }
    if (values.MicrosoftAppType !== 'MultiTenant' && !values.MicrosoftAppTenantId) return ['MicrosoftAppTenantId', `is required when MicrosoftAppType is ${values.MicrosoftAppType}`];
  }
  if (!isSandbox(values) && !values.OAUTH_CONNECTION_NAME) {
    return ['OAUTH_CONNECTION_NAME', "is required outside sandbox mode: the name of the Azure Bot's OAuth connection"];
  }
  if (values.CALENDAR_CONNECTION_NAME && values.CALENDAR_CONNECTION_NAME.toLowerCase() === values.OAUTH_CONNECTION_NAME.toLowerCase()) {
    return ['CALENDAR_CONNECTION_NAME', `names the meetings connection (OAUTH_CONNECTION_NAME): leave it unset to use that one for invitations too, or name the second connection that holds Calendars.ReadWrite (got "${values.CALENDAR_CONNECTION_NAME}")`];
  }
  if (values.STORAGE === 'blob') {
    if (!values.BLOB_CONNECTION_STRING && !values.BLOB_SERVICE_URL) return ['BLOB_CONNECTION_STRING', 'is required when STORAGE=blob (an Azure Storage connection string), or BLOB_SERVICE_URL with a managed identity'];
    if (!values.BLOB_CONTAINER) return ['BLOB_CONTAINER', 'is required when STORAGE=blob'];
    // Azure's container naming rules; a bad name otherwise fails on the first turn, not at start.
    if (!STORAGE_NAME.test(values.BLOB_CONTAINER)) return ['BLOB_CONTAINER', `must be 3–63 lowercase letters, digits and single hyphens (got "${values.BLOB_CONTAINER}")`];
  }
  return undefined;
}

function toConfig(values: Variables): Config {
  const appId = values.MicrosoftAppId ?? '';
  const storage: StorageConfig =
    values.STORAGE === 'blob'
      ? { kind: 'blob', container: values.BLOB_CONTAINER, ...(values.BLOB_CONNECTION_STRING ? { connectionString: values.BLOB_CONNECTION_STRING } : { serviceUrl: values.BLOB_SERVICE_URL! }) }
      : { kind: 'memory', maxEntries: values.MEMORY_STATE_MAX_ENTRIES, idleMs: values.MEMORY_STATE_IDLE_MINUTES * 60_000 };
  const botFrameworkAuth: Record<string, string> = { MicrosoftAppId: appId, MicrosoftAppPassword: values.MicrosoftAppPassword, MicrosoftAppType: values.MicrosoftAppType };
  if (values.MicrosoftAppTenantId) botFrameworkAuth.MicrosoftAppTenantId = values.MicrosoftAppTenantId;
  for (const key of BOT_FRAMEWORK_PASSTHROUGH) {
    const value = values[key];
    if (value) botFrameworkAuth[key] = value;
  }
  return {
    port: values.PORT,
    host: hostOf(values),
    allowUnauthenticated: values.ALLOW_UNAUTHENTICATED ?? false,
    healthDetails: values.HEALTHZ_DETAILS ?? false,
    appId,
    appPassword: values.MicrosoftAppPassword,
    appTenantId: values.MicrosoftAppTenantId,
    appType: values.MicrosoftAppType,
    oauthConnectionName: values.OAUTH_CONNECTION_NAME,
    calendar: { events: values.CALENDAR_EVENTS, ...(values.CALENDAR_CONNECTION_NAME ? { connectionName: values.CALENDAR_CONNECTION_NAME } : {}) },
    graphBaseUrl: values.GRAPH_BASE_URL,
    graphCustomHosts: new Set([new URL(values.GRAPH_BASE_URL).hostname]),
    graphTimeoutMs: values.GRAPH_TIMEOUT_MS,
    defaultTimeZone: values.DEFAULT_TIMEZONE,
    defaultLocale: values.DEFAULT_LOCALE,
    storage,
    redeliveryRetryAfterMs: values.REDELIVERY_RETRY_AFTER_MS,
    allowedTenants: values.ALLOWED_TENANTS,
    allowedChannels: values.ALLOWED_CHANNELS,
    sandbox: isSandbox(values),
    reminders: {
      defaultMinutes: values.REMINDER_MINUTES,
      queue: reminderQueue(storage, values.QUEUE_CONNECTION_STRING, values.QUEUE_SERVICE_URL, values.REMINDER_QUEUE),
      pollMs: values.REMINDER_POLL_MS,
      leaseSeconds: values.REMINDER_LEASE_SECONDS,
    },
    recordRetentionDays: values.RECORD_RETENTION_DAYS,
    tokenCacheMs: values.TOKEN_CACHE_SECONDS * 1000,
    testOnlyClockOffsetMs: values.TEST_ONLY_CLOCK_OFFSET_MS,
    logLevel: values.LOG_LEVEL,
    botFrameworkAuth,
  };
}

const configSchema = v.object(VARIABLES);

/** Every variable the schema reads, as set: trimmed, the first non-empty of its name and aliases; blank = absent. */
function variables(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const name of Object.keys(VARIABLES)) {
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
export const CONFIG_VARIABLES: readonly string[] = Object.keys(VARIABLES).flatMap((name) => [name, ...(ALIASES[name] ?? [])]);

/** The configuration from the environment; a ConfigError (one line naming the variable) for the first problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = v.safeParse(configSchema, variables(env), { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new ConfigError(String(issue.path?.[0]?.key), issue.message);
  }
  const problem = crossProblem(parsed.output);
  if (problem) throw new ConfigError(...problem);
  return toConfig(parsed.output);
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
