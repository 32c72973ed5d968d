// A cheap structural check before botbuilder sees the body. botbuilder validates some fields outside its own
// error handling and dereferences others without checking them, so a malformed activity would otherwise become a
// 500 (or a failed turn and a misleading "something went wrong") instead of a 400.
//
// Everything Teams, the Bot Framework Emulator and the Agents Playground send passes: they always carry type,
// channelId, serviceUrl, conversation.id and from.id, and invokes always carry an object `value`.
//
// The schema only checks: fields it doesn't name pass unread, and its parsed copy is thrown away (the turn gets the
// body as it came). It runs on every request, so it avoids what costs without checking anything: objects whose
// contents don't matter (channelData, properties, value) are tested as objects, not parsed as records.

import * as v from 'valibot';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { CONVERSATION_KINDS } from '../teams/activity-context';

/**
 * Teams caps a message at about 28 KB; anything longer is not from a Teams client and is answered without being
 * read. (The schedule parser has its own, smaller limit, MAX_PARSED_CHARS: past it the text becomes the subject.)
 */
export const MAX_MESSAGE_CHARS = 28_000;

/** The answer to a message longer than MAX_MESSAGE_CHARS (the schedule parser is superlinear in the text length). */
export function overlongMessageReply(locale: Locale): string {
  return translator(locale)('reply.overlong', { max: MAX_MESSAGE_CHARS.toLocaleString(locale) });
}

/** Ids Teams uses are well under 200 characters; storage keys are built from them. */
const MAX_ID_CHARS = 512;
const MAX_SHORT_CHARS = 256;
const MAX_URL_CHARS = 2048;
/**
 * Ids travel in URL paths (encodeURIComponent throws on a lone surrogate) and in the x-ms-conversation-id header
 * (Node rejects control characters): every channel's ids are printable ASCII. Length and characters in one test.
 */
const ID = new RegExp(`^[\\x20-\\x7e]{0,${MAX_ID_CHARS}}$`);
const REQUIRED_ID = new RegExp(`^[\\x20-\\x7e]{1,${MAX_ID_CHARS}}$`);
const SHORT_ID = new RegExp(`^[\\x20-\\x7e]{1,${MAX_SHORT_CHARS}}$`);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a message function is told about the failing value: its input (undefined for a missing key). */
type Issue = { input: unknown };
/** "is required" when absent, else "must be <what>": the problem as the 400 names it. */
const expected = (what: string) => (issue: Issue): string => (issue.input === undefined ? 'is required' : `must be ${what}`);
/** Why a string failed an id's single test. */
const idProblem = (max: number, empty = 'must be a non-empty string') => ({ input }: Issue): string =>
  input === '' ? empty : String(input).length > max ? 'is too long' : 'must be printable ASCII';

// Each field type is one shared instance with at most one check: every check and wrapper costs on every request.
const str = v.string(expected('a string'));
const short = v.pipe(v.string(expected('a string')), v.maxLength(MAX_SHORT_CHARS, 'is too long'));
const id = v.pipe(v.string(expected('a string')), v.regex(ID, idProblem(MAX_ID_CHARS)));
const date = v.pipe(v.string(expected('a string')), v.check((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date'));
/** Any JSON object (not an array), not copied. */
const object = v.custom<Record<string, unknown>>(isObject, expected('an object'));
const httpUrl = v.pipe(
  v.string(expected('a string')),
  v.check((raw) => {
    if (raw.length === 0 || raw.length > MAX_URL_CHARS) return false;
    try {
      const { protocol } = new URL(raw);
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }, ({ input }: Issue) => (input === '' ? 'is required' : String(input).length > MAX_URL_CHARS ? 'is too long' : 'must be an absolute http(s) URL')),
);
/**
 * An object whose fields are checked: an array is not one (valibot's object takes any non-null object), so that is
 * tested first; then its own message is only ever about a missing field. Fields it doesn't name pass unread.
 */
const record = <E extends v.ObjectEntries>(entries: E, notObject = 'must be an object') =>
  v.pipe(v.custom<Record<string, unknown>>(isObject, notObject), v.looseObject(entries, 'is required'));

/** Absent or null. */
const maybe = <T extends v.GenericSchema>(schema: T) => v.nullish(schema);
const optStr = maybe(str);
const optShort = maybe(short);
const optId = maybe(id);
const optDate = maybe(date);
const optObject = maybe(object);
const list = <T extends v.GenericSchema>(item: T) => maybe(v.array(item, expected('an array')));

/**
 * Teams' conversation types. Replies carry the conversation as it came, and the Bot Connector (like the Agents
 * Playground) refuses any other value there: one that came in would fail the turn's answer.
 */
const conversationType = v.optional(v.picklist(CONVERSATION_KINDS, expected('personal, groupChat or channel')));

/** conversation, from, recipient: replies copy them, and the connector client's serializer rejects a wrong type in any field. */
const account = (idRule: v.GenericSchema, type: v.GenericSchema = optStr) =>
  record({
    id: idRule,
    name: optStr,
    aadObjectId: optStr,
    role: optStr,
    tenantId: optStr,
    conversationType: type,
    isGroup: maybe(v.boolean(expected('a boolean'))),
    properties: optObject,
  });
/** State is keyed by channel, conversation and user: their ids must be there. */
const requiredId = v.pipe(v.string(expected('a non-empty string')), v.regex(REQUIRED_ID, idProblem(MAX_ID_CHARS)));
const party = account(requiredId);

/** botbuilder's mention helpers read mentioned.id and text without checking them. */
const mention = record({ mentioned: record({ id: str }), text: optStr });
const entity = v.pipe(
  record({ type: str }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed || dataset.value.type.toLowerCase() !== 'mention') return;
    const checked = v.safeParse(mention, dataset.value, { abortEarly: true });
    if (!checked.success) addIssue({ message: checked.issues[0].message, path: checked.issues[0].path });
  }),
);
const members = list(record({ id: str }));
const reactions = list(record({ type: optStr }));

/**
 * Every invoke Teams sends carries an object value; botbuilder's default handlers dereference it unchecked
 * (fileConsent/invoke reads value.action, application/search writes value.kind, …). Some names need more of it.
 */
const INVOKE_VALUES: Record<string, v.GenericSchema> = {
  'adaptiveCard/action': record({ action: object }),
  'signin/verifyState': record({ state: optStr }),
  'signin/tokenExchange': record({ id: optStr, connectionName: optStr, token: optStr }),
};

const activityShape = v.pipe(
  record(
    {
      type: v.pipe(v.string(expected('a non-empty string')), v.minLength(1, 'must be a non-empty string'), v.maxLength(MAX_SHORT_CHARS, 'is too long')),
      channelId: v.pipe(v.string(expected('a string')), v.regex(SHORT_ID, idProblem(MAX_SHORT_CHARS, 'is required'))),
      serviceUrl: httpUrl,
      conversation: account(requiredId, conversationType),
      from: party,
      recipient: maybe(account(optId)),
      id: optId,
      replyToId: optId,
      text: optStr,
      name: optShort,
      locale: optShort,
      localTimezone: optShort,
      textFormat: optShort,
      deliveryMode: optShort,
      action: optShort,
      callerId: optStr,
      timestamp: optDate,
      localTimestamp: optDate,
      expiration: optDate,
      channelData: optObject,
      relatesTo: optObject,
      entities: list(entity),
      attachments: list(record({ contentType: optStr })),
      membersAdded: members,
      membersRemoved: members,
      reactionsAdded: reactions,
      reactionsRemoved: reactions,
    },
    'body must be a JSON activity object',
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const activity = dataset.value;
    if (activity.type !== 'invoke') return;
    const name = typeof activity.name === 'string' ? activity.name : undefined;
    const value: unknown = activity.value;
    const checked = isObject(value) && name && Object.hasOwn(INVOKE_VALUES, name) ? v.safeParse(INVOKE_VALUES[name]!, value, { abortEarly: true }) : undefined;
    if (!isObject(value)) addIssue({ message: 'invoke value must be an object' });
    else if (checked && !checked.success) addIssue({ message: `${name} value${pathText(keysOf(checked.issues[0].path))} ${checked.issues[0].message}` });
  }),
);

/** Why the body is not an activity botbuilder can safely process, or undefined when it is fine. */
export function activityShapeProblem(body: unknown): string | undefined {
  const checked = v.safeParse(activityShape, body, { abortEarly: true });
  if (checked.success) return undefined;
  const issue = checked.issues[0];
  const path = keysOf(issue.path);
  return path.length === 0 ? issue.message : `activity${pathText(path)} ${issue.message}`;
}

/** The keys of an issue's path: ['entities', 1, 'mentioned', 'id']. */
function keysOf(path: readonly { key: unknown }[] | undefined): PropertyKey[] {
  return (path ?? []).map((item) => item.key as PropertyKey);
}

/** A message whose text is longer than any Teams client can send: answered politely, never parsed. */
export function isOverlongMessage(activity: { type?: unknown; text?: unknown }): boolean {
  return activity.type === 'message' && typeof activity.text === 'string' && activity.text.length > MAX_MESSAGE_CHARS;
}

/** ['entities', 1, 'mentioned', 'id'] → ".entities[1].mentioned.id" */
function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}
