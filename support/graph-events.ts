// What the Graph stand-in knows about Outlook calendar events (v1.0 `event`): which properties the type has, the
// shapes and enum values Graph accepts for the ones a client writes, and the time zones `dateTimeTimeZone` takes.
// Graph's own pages are the contract:
//   - event resource type (api-reference/v1.0/resources/event.md): the properties, transactionId's meaning;
//   - dateTimeTimeZone (resources/datetimetimezone.md): "any of the time zones supported by Windows, as well as the
//     following time zones names" — a fixed list of IANA names, not every IANA zone;
//   - create event (api/user-post-events.md), update (api/event-update.md), cancel (api/event-cancel.md).
// The property list is typed against @microsoft/microsoft-graph-types' `Event`, so it can't drift from Graph's schema.
import type { Event } from '@microsoft/microsoft-graph-types';
import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import { WINDOWS_TO_IANA_MAP, findIana } from 'windows-iana';

export type Json = Record<string, any>;

/** The IANA names dateTimeTimeZone documents besides the Windows names (two spellings where the page gives two). */
const DOCUMENTED_IANA_ZONES = new Set(
  [
    'Etc/GMT+12', 'Etc/GMT+11', 'Pacific/Honolulu', 'America/Anchorage', 'America/Santa_Isabel', 'America/Los_Angeles',
    'America/Phoenix', 'America/Chihuahua', 'America/Denver', 'America/Guatemala', 'America/Chicago', 'America/Mexico_City',
    'America/Regina', 'America/Bogota', 'America/New_York', 'America/Indiana/Indianapolis', 'America/Caracas', 'America/Asuncion',
    'America/Halifax', 'America/Cuiaba', 'America/La_Paz', 'America/Santiago', 'America/St_Johns', 'America/Sao_Paulo',
    'America/Argentina/Buenos_Aires', 'America/Cayenne', 'America/Godthab', 'America/Montevideo', 'America/Bahia', 'Etc/GMT+2',
    'Atlantic/Azores', 'Atlantic/Cape_Verde', 'Africa/Casablanca', 'Etc/GMT', 'Europe/London', 'Atlantic/Reykjavik',
    'Europe/Berlin', 'Europe/Budapest', 'Europe/Paris', 'Europe/Warsaw', 'Africa/Lagos', 'Africa/Windhoek', 'Europe/Bucharest',
    'Asia/Beirut', 'Africa/Cairo', 'Asia/Damascus', 'Africa/Johannesburg', 'Europe/Kyiv', 'Europe/Kiev', 'Europe/Istanbul',
    'Asia/Jerusalem', 'Asia/Amman', 'Asia/Baghdad', 'Europe/Kaliningrad', 'Asia/Riyadh', 'Africa/Nairobi', 'Asia/Tehran',
    'Asia/Dubai', 'Asia/Baku', 'Europe/Moscow', 'Indian/Mauritius', 'Asia/Tbilisi', 'Asia/Yerevan', 'Asia/Kabul', 'Asia/Karachi',
    'Asia/Toshkent', 'Asia/Tashkent', 'Asia/Kolkata', 'Asia/Colombo', 'Asia/Kathmandu', 'Asia/Astana', 'Asia/Almaty', 'Asia/Dhaka',
    'Asia/Yekaterinburg', 'Asia/Yangon', 'Asia/Rangoon', 'Asia/Bangkok', 'Asia/Novosibirsk', 'Asia/Shanghai', 'Asia/Krasnoyarsk',
    'Asia/Singapore', 'Australia/Perth', 'Asia/Taipei', 'Asia/Ulaanbaatar', 'Asia/Irkutsk', 'Asia/Tokyo', 'Asia/Seoul',
    'Australia/Adelaide', 'Australia/Darwin', 'Australia/Brisbane', 'Australia/Sydney', 'Pacific/Port_Moresby', 'Australia/Hobart',
    'Asia/Yakutsk', 'Pacific/Guadalcanal', 'Asia/Vladivostok', 'Pacific/Auckland', 'Etc/GMT-12', 'Pacific/Fiji', 'Asia/Magadan',
    'Pacific/Tongatapu', 'Pacific/Apia', 'Pacific/Kiritimati',
  ].map((z) => z.toLowerCase()),
);

/** Windows' time zone names (CLDR's windowsZones, as windows-iana ships it). */
const WINDOWS_ZONES = new Map(WINDOWS_TO_IANA_MAP.map((entry) => [entry.windowsName.toLowerCase(), entry.windowsName]));

// Answers already worked out: a load test sends the same few zones and wall times thousands of times a second, and
// windows-iana's lookup and luxon's zone arithmetic were the stand-in's costliest steps. Only accepted values are
// kept (a refusal is rare and cheap to work out again).
const zoneCache = new LRUCache<string, string>({ max: 1000 });
const instantCache = new LRUCache<string, number>({ max: 1000 });
function remembered<T extends {}>(cache: LRUCache<string, T>, key: string, work: () => T | undefined): T | undefined {
  const kept = cache.get(key);
  if (kept !== undefined) return kept;
  const value = work();
  if (value !== undefined) cache.set(key, value);
  return value;
}

/** The IANA zone a name Graph accepts stands for, or undefined when Graph refuses the name. */
export function graphZoneToIana(name: string): string | undefined {
  return remembered(zoneCache, name, () => lookUpZone(name));
}

function lookUpZone(name: string): string | undefined {
  const windows = WINDOWS_ZONES.get(name.toLowerCase());
  if (windows) return windows === 'UTC' ? 'UTC' : findIana(windows, '001')[0] ?? findIana(windows)[0];
  if (!DOCUMENTED_IANA_ZONES.has(name.toLowerCase())) return undefined;
  // Kyiv is the name the page uses; luxon (and older zone data) may know only Kiev.
  return DateTime.local({ zone: name }).isValid ? name : name.replace(/Kyiv$/i, 'Kiev');
}

/** `dateTime` (no offset, as dateTimeTimeZone carries it) read in `zone`, as a UTC instant; an error message otherwise. */
export function dateTimeTimeZoneToUtc(value: unknown, property: string): { ms: number } | { error: string } {
  if (!isObject(value)) return { error: `Cannot convert the literal value to the expected type 'microsoft.graph.dateTimeTimeZone' (property '${property}').` };
  for (const key of Object.keys(value)) {
    if (key !== 'dateTime' && key !== 'timeZone' && key !== '@odata.type') return { error: unknownProperty(key, 'microsoft.graph.dateTimeTimeZone') };
  }
  const { dateTime, timeZone } = value;
  if (typeof dateTime !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/.test(dateTime)) {
    return { error: `The value '${String(dateTime)}' of ${property}.dateTime is not a date and time without an offset (yyyy-MM-ddTHH:mm:ss).` };
  }
  const zone = typeof timeZone === 'string' ? graphZoneToIana(timeZone) : undefined;
  if (!zone) return { error: `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${String(timeZone ?? '')}'.` };
  const ms = remembered(instantCache, `${zone}\n${dateTime}`, () => {
    const local = DateTime.fromISO(dateTime.replace(/(\.\d{3})\d+$/, '$1'), { zone });
    return local.isValid ? local.toMillis() : undefined;
  });
  if (ms === undefined) return { error: `The value '${dateTime}' of ${property}.dateTime is not a valid date and time.` };
  return { ms };
}

/** Graph's form of a UTC instant in an answer without `Prefer: outlook.timezone`: 7 fractional digits, no offset. */
export function utcDateTime(ms: number): { dateTime: string; timeZone: 'UTC' } {
  return { dateTime: `${new Date(ms).toISOString().slice(0, 19)}.0000000`, timeZone: 'UTC' };
}

// ---- The event type's properties ----

type Rule =
  /** A property a client may write, with Graph's check of its value. */
  | { write: (value: unknown, name: string) => string | undefined }
  /** Part of the type but computed by the server or a relationship: accepted and ignored here. */
  | 'server';

const string = (value: unknown, name: string) => (value === null || typeof value === 'string' ? undefined : literal(value, 'Edm.String', name));
const boolean = (value: unknown, name: string) => (value === null || typeof value === 'boolean' ? undefined : literal(value, 'Edm.Boolean', name));
const int32 = (value: unknown, name: string) => (value === null || (Number.isInteger(value) && Math.abs(value as number) < 2 ** 31) ? undefined : literal(value, 'Edm.Int32', name));
const stringList = (value: unknown, name: string) => (value === null || (Array.isArray(value) && value.every((v) => typeof v === 'string')) ? undefined : literal(value, 'Collection(Edm.String)', name));
/** Graph reads enum members case-insensitively ("HTML", "Required" in its own examples). */
const oneOf = (type: string, members: readonly string[]) => (value: unknown, name: string) =>
  value === null || (typeof value === 'string' && members.some((m) => m.toLowerCase() === value.toLowerCase())) ? undefined : literal(value, `microsoft.graph.${type}`, name);
const dateTimeTimeZone = (value: unknown, name: string) => {
  if (value === null) return undefined;
  const read = dateTimeTimeZoneToUtc(value, name);
  return 'error' in read ? read.error : undefined;
};
const itemBody = (value: unknown, name: string) => {
  if (value === null) return undefined;
  if (!isObject(value)) return literal(value, 'microsoft.graph.itemBody', name);
  for (const key of Object.keys(value)) if (key !== 'contentType' && key !== 'content' && key !== '@odata.type') return unknownProperty(key, 'microsoft.graph.itemBody');
  return oneOf('bodyType', ['text', 'html'])(value.contentType ?? null, `${name}.contentType`) ?? string(value.content ?? null, `${name}.content`);
};
const LOCATION_KEYS = new Set(['displayName', 'locationType', 'locationUri', 'locationEmailAddress', 'uniqueId', 'uniqueIdType', 'address', 'coordinates', '@odata.type']);
const location = (value: unknown, name: string) => {
  if (value === null) return undefined;
  if (!isObject(value)) return literal(value, 'microsoft.graph.location', name);
  for (const key of Object.keys(value)) if (!LOCATION_KEYS.has(key)) return unknownProperty(key, 'microsoft.graph.location');
  return string(value.displayName ?? null, `${name}.displayName`)
    ?? oneOf('locationType', ['default', 'conferenceRoom', 'homeAddress', 'businessAddress', 'geoCoordinates', 'streetAddress', 'hotel', 'restaurant', 'localBusiness', 'postalAddress'])(value.locationType ?? null, `${name}.locationType`);
};
const attendees = (value: unknown, name: string) => {
  if (value === null) return undefined;
  if (!Array.isArray(value)) return literal(value, 'Collection(microsoft.graph.attendee)', name);
  for (const [i, a] of value.entries()) {
    if (!isObject(a)) return literal(a, 'microsoft.graph.attendee', `${name}[${i}]`);
    for (const key of Object.keys(a)) if (!['emailAddress', 'type', 'status', 'proposedNewTime', '@odata.type'].includes(key)) return unknownProperty(key, 'microsoft.graph.attendee');
    const typeError = oneOf('attendeeType', ['required', 'optional', 'resource'])(a.type ?? null, `${name}[${i}].type`);
    if (typeError) return typeError;
    const email = a.emailAddress;
    if (!isObject(email)) return literal(email, 'microsoft.graph.emailAddress', `${name}[${i}].emailAddress`);
    for (const key of Object.keys(email)) if (key !== 'address' && key !== 'name' && key !== '@odata.type') return unknownProperty(key, 'microsoft.graph.emailAddress');
    if (typeof email.address !== 'string' || !/^[^\s@<>]+@[^\s@<>]+$/.test(email.address)) {
      return `The attendee's email address '${String(email.address)}' is not valid.`;
    }
    const nameError = string(email.name ?? null, `${name}[${i}].emailAddress.name`);
    if (nameError) return nameError;
  }
  return undefined;
};
const patternedRecurrence = (value: unknown, name: string) => (value === null || isObject(value) ? undefined : literal(value, 'microsoft.graph.patternedRecurrence', name));

/** Every property of Graph's v1.0 event (the compiler holds this to the types package), and how a write is checked. */
const EVENT_PROPERTIES = {
  id: 'server',
  categories: { write: stringList },
  changeKey: 'server',
  createdDateTime: 'server',
  lastModifiedDateTime: 'server',
  allowNewTimeProposals: { write: boolean },
  attendees: { write: attendees },
  body: { write: itemBody },
  bodyPreview: 'server',
  cancelledOccurrences: 'server',
  end: { write: dateTimeTimeZone },
  hasAttachments: 'server',
  hideAttendees: { write: boolean },
  iCalUId: 'server',
  importance: { write: oneOf('importance', ['low', 'normal', 'high']) },
  isAllDay: { write: boolean },
  isCancelled: 'server',
  isDraft: 'server',
  isOnlineMeeting: { write: boolean },
  isOrganizer: 'server',
  isReminderOn: { write: boolean },
  location: { write: location },
  locations: { write: (v, n) => (v === null || (Array.isArray(v) && v.every((l, i) => location(l, `${n}[${i}]`) === undefined)) ? undefined : literal(v, 'Collection(microsoft.graph.location)', n)) },
  onlineMeeting: 'server',
  onlineMeetingProvider: { write: oneOf('onlineMeetingProviderType', ['unknown', 'skypeForBusiness', 'skypeForConsumer', 'teamsForBusiness']) },
  onlineMeetingUrl: 'server',
  organizer: 'server',
  originalEndTimeZone: 'server',
  originalStart: 'server',
  originalStartTimeZone: 'server',
  recurrence: { write: patternedRecurrence },
  reminderMinutesBeforeStart: { write: int32 },
  responseRequested: { write: boolean },
  responseStatus: 'server',
  sensitivity: { write: oneOf('sensitivity', ['normal', 'personal', 'private', 'confidential']) },
  seriesMasterId: 'server',
  showAs: { write: oneOf('freeBusyStatus', ['unknown', 'free', 'tentative', 'busy', 'oof', 'workingElsewhere']) },
  start: { write: dateTimeTimeZone },
  subject: { write: string },
  transactionId: { write: string },
  type: 'server',
  webLink: 'server',
  attachments: 'server',
  calendar: 'server',
  exceptionOccurrences: 'server',
  extensions: 'server',
  instances: 'server',
  multiValueExtendedProperties: 'server',
  singleValueExtendedProperties: 'server',
} satisfies { [K in keyof Required<Event>]: Rule };

const EVENT_RULES: ReadonlyMap<string, Rule> = new Map(Object.entries(EVENT_PROPERTIES));

/**
 * Graph's check of an event body: every property must be one of the event type's (Graph answers 400 RequestBodyRead
 * for any other, misspellings included), and each written property must have the right shape and enum value. Returns
 * the error message, or undefined when the body is one Graph would read.
 */
export function checkEventBody(body: Json): string | undefined {
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('@odata.')) continue;
    const rule = EVENT_RULES.get(key);
    if (!rule) return unknownProperty(key, 'microsoft.graph.event');
    if (rule !== 'server') {
      const problem = rule.write(value, key);
      if (problem) return problem;
    }
  }
  return undefined;
}

function unknownProperty(key: string, type: string): string {
  return `The property '${key}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`;
}

function literal(value: unknown, type: string, name: string): string {
  return `Cannot convert the literal '${typeof value === 'object' ? JSON.stringify(value) : String(value)}' to the expected type '${type}' (property '${name}').`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
