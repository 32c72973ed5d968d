// One typed configuration, read once from the environment (and env/.env.<APP_ENV> when present).
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { isSpokenLanguage, supportedLocale, type Locale } from './i18n/locale';
import { isValidTimeZone } from './meetings/zoned-time';

export type StorageConfig =
  | { kind: 'memory'; maxEntries: number; idleMs: number }
  | { kind: 'blob'; connectionString: string; container: string };

/** Where reminders wait until due: in-process timers (memory storage), an Azure Storage queue (blob), or nowhere. */
export type ReminderQueueConfig =
  | { kind: 'memory' }
  | { kind: 'storageQueue'; connectionString: string; queueName: string }
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

/** Loads env/.env.<APP_ENV> (default "local") without overriding variables already set. */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): string | undefined {
  const name = env.APP_ENV ?? env.TEAMSFX_ENV ?? 'local';
  const file = path.join(root, 'env', `.env.${name}`);
  if (!/^[\w.-]+$/.test(name) || !fs.existsSync(file)) return undefined;
  dotenv.config({ path: file, processEnv: env as Record<string, string>, quiet: true });
  return file;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // First non-empty value of the Bot Framework name or its Agents Toolkit alias.
  const pick = (...names: string[]): string => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return value;
    }
    return '';
  };

  const port = parsePort(pick('PORT') || '3978');
  const appId = pick('MicrosoftAppId', 'BOT_ID');
  const allowUnauthenticated = parseBoolean('ALLOW_UNAUTHENTICATED', pick('ALLOW_UNAUTHENTICATED')) ?? false;
  // Without an app id anyone who can reach the port can post activities: loopback only, unless asked for.
  const host = pick('HOST') || (appId ? '0.0.0.0' : '127.0.0.1');
  if (!appId && !allowUnauthenticated && !isLoopbackHost(host)) {
    throw new ConfigError(
      'HOST',
      `is ${host}, but without MicrosoftAppId nobody who calls the bot is authenticated: listen on 127.0.0.1, or set ALLOW_UNAUTHENTICATED=true to accept that`,
    );
  }
  const healthDetails = parseBoolean('HEALTHZ_DETAILS', pick('HEALTHZ_DETAILS')) ?? false;
  const appPassword = pick('MicrosoftAppPassword', 'BOT_PASSWORD', 'SECRET_BOT_PASSWORD');
  const appTenantId = pick('MicrosoftAppTenantId', 'BOT_TENANT_ID');
  const appTypeRaw = pick('MicrosoftAppType', 'BOT_TYPE') || 'MultiTenant';
  const appType = APP_TYPES.find((t) => t.toLowerCase() === appTypeRaw.toLowerCase());
  if (!appType) throw new ConfigError('MicrosoftAppType', `must be one of ${APP_TYPES.join(', ')} (got "${appTypeRaw}")`);

  const sandbox = parseBoolean('SANDBOX', pick('SANDBOX')) ?? appId === '';

  if (appId) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(appId)) {
      throw new ConfigError('MicrosoftAppId', `must be the bot's Entra application (client) id, a GUID (got "${appId}")`);
    }
    if (appType !== 'UserAssignedMSI' && !appPassword && !pick('CertificateThumbprint')) {
      throw new ConfigError('MicrosoftAppPassword', 'is required when MicrosoftAppId is set (or BOT_PASSWORD / SECRET_BOT_PASSWORD)');
    }
    if (appType !== 'MultiTenant' && !appTenantId) {
      throw new ConfigError('MicrosoftAppTenantId', `is required when MicrosoftAppType is ${appType}`);
    }
  }

  const oauthConnectionName = pick('OAUTH_CONNECTION_NAME');
  if (!sandbox && !oauthConnectionName) {
    throw new ConfigError('OAUTH_CONNECTION_NAME', "is required outside sandbox mode: the name of the Azure Bot's OAuth connection");
  }

  const graphBaseUrl = parseGraphBaseUrl(pick('GRAPH_BASE_URL') || 'https://graph.microsoft.com');
  const graphTimeoutMs = parseInteger('GRAPH_TIMEOUT_MS', pick('GRAPH_TIMEOUT_MS') || '10000', 1000, 14000);

  const defaultTimeZone = pick('DEFAULT_TIMEZONE') || 'UTC';
  if (!isValidTimeZone(defaultTimeZone)) {
    throw new ConfigError('DEFAULT_TIMEZONE', `must be an IANA time zone such as Europe/London (got "${defaultTimeZone}")`);
  }

  const defaultLocaleRaw = pick('DEFAULT_LOCALE') || 'en-US';
  if (!isSpokenLanguage(defaultLocaleRaw)) {
    throw new ConfigError('DEFAULT_LOCALE', `must be a language the bot speaks: en-US or zh-CN (got "${defaultLocaleRaw}")`);
  }
  const defaultLocale = supportedLocale(defaultLocaleRaw);

  const logLevelRaw = (pick('LOG_LEVEL') || 'info').toLowerCase();
  const logLevel = LOG_LEVELS.find((l) => l === logLevelRaw);
  if (!logLevel) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);

  const retryAfterRaw = pick('REDELIVERY_RETRY_AFTER_MS');
  const redeliveryRetryAfterMs = retryAfterRaw ? parseInteger('REDELIVERY_RETRY_AFTER_MS', retryAfterRaw, 100, 600_000) : undefined;

  const storage = parseStorage(pick('STORAGE') || 'memory', pick('BLOB_CONNECTION_STRING'), pick('BLOB_CONTAINER'), {
    maxEntries: parseInteger('MEMORY_STATE_MAX_ENTRIES', pick('MEMORY_STATE_MAX_ENTRIES') || '50000', 1, 10_000_000),
    idleMs: parseInteger('MEMORY_STATE_IDLE_MINUTES', pick('MEMORY_STATE_IDLE_MINUTES') || '1440', 1, 525_600) * 60_000,
  });
  const reminders: ReminderConfig = {
    defaultMinutes: parseInteger('REMINDER_MINUTES', pick('REMINDER_MINUTES') || '10', 0, 1440),
    queue: parseReminderQueue(storage, pick('QUEUE_CONNECTION_STRING'), pick('REMINDER_QUEUE') || 'meeting-reminders'),
    pollMs: parseInteger('REMINDER_POLL_MS', pick('REMINDER_POLL_MS') || '5000', 100, 600_000),
    leaseSeconds: parseInteger('REMINDER_LEASE_SECONDS', pick('REMINDER_LEASE_SECONDS') || '60', 2, 3600),
  };
  const allowedTenants = pick('ALLOWED_TENANTS')
    .split(/[\s,;]+/)
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);

  // Teams, and the Emulator for local development; the Agents Playground sends msteams.
  const allowedChannels = (pick('ALLOWED_CHANNELS') || 'msteams,emulator')
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);

  const botFrameworkAuth: Record<string, string> = {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: appPassword,
    MicrosoftAppType: appType,
  };
  if (appTenantId) botFrameworkAuth.MicrosoftAppTenantId = appTenantId;
  for (const key of BOT_FRAMEWORK_PASSTHROUGH) {
    const value = env[key]?.trim();
    if (value) botFrameworkAuth[key] = value;
  }

  return {
    port,
    host,
    allowUnauthenticated,
    healthDetails,
    appId,
    appPassword,
    appTenantId,
    appType,
    oauthConnectionName,
    graphBaseUrl,
    graphCustomHosts: new Set([new URL(graphBaseUrl).hostname]),
    graphTimeoutMs,
    defaultTimeZone,
    defaultLocale,
    storage,
    redeliveryRetryAfterMs,
    allowedTenants,
    allowedChannels,
    sandbox,
    reminders,
    testOnlyClockOffsetMs: parseInteger('TEST_ONLY_CLOCK_OFFSET_MS', pick('TEST_ONLY_CLOCK_OFFSET_MS') || '0', 0, 3_600_000),
    logLevel,
    botFrameworkAuth,
  };
}

/**
 * Memory storage: in-process timers. Blob storage: an Azure Storage queue shared by every instance, on
 * QUEUE_CONNECTION_STRING or else the blob connection string when it reaches the queue service too (a
 * QueueEndpoint, an account name with the default endpoints, or the development storage). Without one there is no
 * reminder queue: reminders are off (and the log says so), rather than duplicated by per-instance timers.
 */
function parseReminderQueue(storage: StorageConfig, queueConnection: string, queueName: string): ReminderQueueConfig {
  if (!/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(queueName)) {
    throw new ConfigError('REMINDER_QUEUE', `must be 3–63 lowercase letters, digits and single hyphens (got "${queueName}")`);
  }
  if (storage.kind === 'memory') return { kind: 'memory' };
  const connectionString = queueConnection || (reachesQueues(storage.connectionString) ? storage.connectionString : '');
  if (!connectionString) return { kind: 'off', reason: 'STORAGE=blob needs an Azure Storage queue for reminders: set QUEUE_CONNECTION_STRING (or a BLOB_CONNECTION_STRING with a QueueEndpoint)' };
  return { kind: 'storageQueue', connectionString, queueName };
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

function parseStorage(kind: string, connectionString: string, container: string, memory: { maxEntries: number; idleMs: number }): StorageConfig {
  switch (kind.toLowerCase()) {
    case 'memory':
      return { kind: 'memory', ...memory };
    case 'blob':
      if (!connectionString) throw new ConfigError('BLOB_CONNECTION_STRING', 'is required when STORAGE=blob (an Azure Storage connection string)');
      if (!container) throw new ConfigError('BLOB_CONTAINER', 'is required when STORAGE=blob');
      // Azure's container naming rules; a bad name otherwise fails on the first turn, not at start.
      if (!/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(container)) {
        throw new ConfigError('BLOB_CONTAINER', `must be 3–63 lowercase letters, digits and single hyphens (got "${container}")`);
      }
      return { kind: 'blob', connectionString, container };
    default:
      throw new ConfigError('STORAGE', `must be memory or blob (got "${kind}")`);
  }
}

/** true/false (also 1/0, yes/no); undefined when unset. */
function parseBoolean(variable: string, raw: string): boolean | undefined {
  const value = raw.toLowerCase();
  if (value === '') return undefined;
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(value)) throw new ConfigError(variable, `must be true or false (got "${raw}")`);
  return ['true', '1', 'yes'].includes(value);
}

/** localhost, 127.0.0.0/8 or ::1 (with or without brackets, as a URL host or a listen address). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return v4 !== null && v4.slice(1).every((n) => Number(n) <= 255) && v4[1] === '127';
}

function parsePort(raw: string): number {
  // 0 lets the OS choose (tests); anything else must be a real TCP port.
  return parseInteger('PORT', raw, 0, 65535);
}

function parseInteger(variable: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(variable, `must be a whole number between ${min} and ${max} (got "${raw}")`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(variable, `must be between ${min} and ${max} (got ${value})`);
  return value;
}

function parseGraphBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('GRAPH_BASE_URL', `must be an absolute https URL such as https://graph.microsoft.com (got "${raw}")`);
  }
  // The user's Graph token must never travel in clear text (and the Graph client would silently drop it).
  if (url.protocol !== 'https:') {
    throw new ConfigError('GRAPH_BASE_URL', `must use https so the user's token is never sent in clear text (got "${raw}")`);
  }
  if (url.search || url.hash) throw new ConfigError('GRAPH_BASE_URL', `must not have a query or fragment (got "${raw}")`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}
