// A cheap structural check before botbuilder sees the body. botbuilder validates some fields outside its own
// error handling and dereferences others without checking them, so a malformed activity would otherwise become a
// 500 (or a failed turn and a misleading "something went wrong") instead of a 400.
//
// Everything Teams, the Bot Framework Emulator and the Agents Playground send passes: they always carry type,
// channelId, serviceUrl, conversation.id and from.id, and invokes always carry an object `value`.

import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';

/**
 * Teams caps a message at about 28 KB; anything longer is not from a Teams client and is answered without being
 * read. (The schedule parser has its own, smaller limit, MAX_PARSED_CHARS: past it the text becomes the subject.)
 */
export const MAX_MESSAGE_CHARS = 28_000;

/** The answer to a message longer than MAX_MESSAGE_CHARS (the schedule parser is superlinear in the text length). */
export function overlongMessageReply(locale: Locale): string {
  return translator(locale)('reply.overlong', { max: MAX_MESSAGE_CHARS.toLocaleString(locale) });
}
export const OVERLONG_MESSAGE_REPLY = overlongMessageReply('en-US');

/** Ids Teams uses are well under 200 characters; storage keys are built from them. */
const MAX_ID_CHARS = 512;
/**
 * Ids travel in URL paths (encodeURIComponent throws on a lone surrogate) and in the x-ms-conversation-id header
 * (Node rejects control characters): every channel's ids are printable ASCII.
 */
const ID_CHARS = /^[\x20-\x7e]*$/;
const MAX_SHORT_CHARS = 256;
const MAX_URL_CHARS = 2048;

const STRING_FIELDS = [
  'id',
  'channelId',
  'serviceUrl',
  'text',
  'replyToId',
  'name',
  'locale',
  'localTimezone',
  'textFormat',
  'deliveryMode',
  'timestamp',
  'localTimestamp',
  'expiration',
  'action',
  'callerId',
] as const;
const SHORT_FIELDS = ['type', 'channelId', 'name', 'locale', 'localTimezone', 'textFormat', 'deliveryMode', 'action'] as const;
const ID_FIELDS = ['id', 'replyToId'] as const;
const DATE_FIELDS = ['timestamp', 'localTimestamp', 'expiration'] as const;
const OBJECT_FIELDS = ['conversation', 'from', 'recipient', 'channelData', 'relatesTo'] as const;
const ARRAY_FIELDS = ['entities', 'attachments', 'membersAdded', 'membersRemoved', 'reactionsAdded', 'reactionsRemoved'] as const;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Why the body is not an activity botbuilder can safely process, or undefined when it is fine. */
export function activityShapeProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'body must be a JSON activity object';
  const activity = body;
  if (typeof activity.type !== 'string' || !activity.type) return 'activity.type must be a non-empty string';

  for (const key of STRING_FIELDS) {
    if (present(activity[key]) && typeof activity[key] !== 'string') return `activity.${key} must be a string`;
  }
  for (const key of SHORT_FIELDS) {
    if (typeof activity[key] === 'string' && (activity[key] as string).length > MAX_SHORT_CHARS) return `activity.${key} is too long`;
  }
  for (const key of [...ID_FIELDS, 'channelId'] as const) {
    const id = activity[key];
    if (typeof id !== 'string') continue;
    if (id.length > MAX_ID_CHARS) return `activity.${key} is too long`;
    if (!ID_CHARS.test(id)) return `activity.${key} must be printable ASCII`;
  }
  for (const key of DATE_FIELDS) {
    if (typeof activity[key] === 'string' && Number.isNaN(Date.parse(activity[key] as string))) return `activity.${key} must be an ISO 8601 date`;
  }
  for (const key of OBJECT_FIELDS) {
    if (present(activity[key]) && !isObject(activity[key])) return `activity.${key} must be an object`;
  }
  for (const key of ARRAY_FIELDS) {
    if (present(activity[key]) && !Array.isArray(activity[key])) return `activity.${key} must be an array`;
  }

  // Every reply goes to serviceUrl, and state is keyed by channel, conversation and user.
  if (typeof activity.channelId !== 'string' || !activity.channelId) return 'activity.channelId is required';
  const serviceUrlProblem = urlProblem(activity.serviceUrl);
  if (serviceUrlProblem) return `activity.serviceUrl ${serviceUrlProblem}`;
  for (const key of ['conversation', 'from'] as const) {
    const account = activity[key];
    if (!isObject(account)) return `activity.${key} is required`;
    if (typeof account.id !== 'string' || !account.id) return `activity.${key}.id must be a non-empty string`;
  }
  for (const key of ['conversation', 'from', 'recipient'] as const) {
    const account = activity[key];
    if (!isObject(account)) continue;
    if (present(account.id) && typeof account.id !== 'string') return `activity.${key}.id must be a string`;
    if (typeof account.id === 'string' && account.id.length > MAX_ID_CHARS) return `activity.${key}.id is too long`;
    if (typeof account.id === 'string' && !ID_CHARS.test(account.id)) return `activity.${key}.id must be printable ASCII`;
    // Replies copy these accounts, and the connector client's serializer rejects a wrong type in any of them.
    for (const field of ['name', 'aadObjectId', 'role', 'tenantId', 'conversationType'] as const) {
      if (present(account[field]) && typeof account[field] !== 'string') return `activity.${key}.${field} must be a string`;
    }
    if (present(account.isGroup) && typeof account.isGroup !== 'boolean') return `activity.${key}.isGroup must be a boolean`;
    if (present(account.properties) && !isObject(account.properties)) return `activity.${key}.properties must be an object`;
  }

  const entityProblem = listProblem(activity.entities, 'entities', (entity) => {
    if (typeof entity.type !== 'string') return 'type must be a string';
    if (entity.type.toLowerCase() === 'mention') {
      // botbuilder's mention helpers read mentioned.id and text without checking them.
      if (!isObject(entity.mentioned) || typeof entity.mentioned.id !== 'string') return 'mentioned.id must be a string';
      if (present(entity.text) && typeof entity.text !== 'string') return 'text must be a string';
    }
    return undefined;
  });
  if (entityProblem) return entityProblem;
  const attachmentProblem = listProblem(activity.attachments, 'attachments', (attachment) =>
    present(attachment.contentType) && typeof attachment.contentType !== 'string' ? 'contentType must be a string' : undefined,
  );
  if (attachmentProblem) return attachmentProblem;
  for (const key of ['membersAdded', 'membersRemoved'] as const) {
    const problem = listProblem(activity[key], key, (member) => (typeof member.id !== 'string' ? 'id must be a string' : undefined));
    if (problem) return problem;
  }
  for (const key of ['reactionsAdded', 'reactionsRemoved'] as const) {
    const problem = listProblem(activity[key], key, (reaction) =>
      present(reaction.type) && typeof reaction.type !== 'string' ? 'type must be a string' : undefined,
    );
    if (problem) return problem;
  }

  if (activity.type === 'invoke') return invokeProblem(activity);
  return undefined;
}

/** A message whose text is longer than any Teams client can send: answered politely, never parsed. */
export function isOverlongMessage(activity: { type?: unknown; text?: unknown }): boolean {
  return activity.type === 'message' && typeof activity.text === 'string' && activity.text.length > MAX_MESSAGE_CHARS;
}

function invokeProblem(activity: Json): string | undefined {
  // Every invoke Teams sends carries an object value; botbuilder's default handlers dereference it unchecked
  // (fileConsent/invoke reads value.action, application/search writes value.kind, …).
  const value = activity.value;
  if (!isObject(value)) return 'invoke value must be an object';
  switch (activity.name) {
    case 'adaptiveCard/action':
      if (!isObject(value.action)) return 'adaptiveCard/action value.action must be an object';
      return undefined;
    case 'signin/verifyState':
      return present(value.state) && typeof value.state !== 'string' ? 'signin/verifyState value.state must be a string' : undefined;
    case 'signin/tokenExchange':
      for (const key of ['id', 'connectionName', 'token'] as const) {
        if (present(value[key]) && typeof value[key] !== 'string') return `signin/tokenExchange value.${key} must be a string`;
      }
      return undefined;
    default:
      return undefined;
  }
}

function urlProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !raw) return 'is required';
  if (raw.length > MAX_URL_CHARS) return 'is too long';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an absolute http(s) URL';
  return undefined;
}

function listProblem(list: unknown, name: string, check: (item: Json) => string | undefined): string | undefined {
  if (!Array.isArray(list)) return undefined;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (!isObject(item)) return `activity.${name}[${i}] must be an object`;
    const problem = check(item);
    if (problem) return `activity.${name}[${i}].${problem}`;
  }
  return undefined;
}
