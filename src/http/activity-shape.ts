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

import { z } from 'zod';
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

type Issue = { input?: unknown };
/** "is required" when absent, else "must be <what>": the problem as the 400 names it. */
const expected = (what: string) => ({ error: (issue: Issue) => (issue.input === undefined ? 'is required' : `must be ${what}`) });
/** Why a string failed an id's single test. */
const idProblem = (max: number, empty = 'must be a non-empty string') => ({
  error: ({ input }: Issue) => (input === '' ? empty : String(input).length > max ? 'is too long' : 'must be printable ASCII'),
});

// Each field type is one shared instance with at most one check: zod runs a field's schema even when the key is
// absent (most fields of most activities), and every check and wrapper costs on every request.
const str = z.string(expected('a string'));
const short = z.string(expected('a string')).max(MAX_SHORT_CHARS, 'is too long');
const id = z.string(expected('a string')).regex(ID, idProblem(MAX_ID_CHARS));
const date = z.string(expected('a string')).refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date');
/** Any JSON object, not copied. */
const object = z.custom<Record<string, unknown>>(isObject, expected('an object'));
const httpUrl = z.string(expected('a string')).refine((raw) => {
  if (raw.length === 0 || raw.length > MAX_URL_CHARS) return false;
  try {
    const { protocol } = new URL(raw);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}, { error: ({ input }: Issue) => (input === '' ? 'is required' : String(input).length > MAX_URL_CHARS ? 'is too long' : 'must be an absolute http(s) URL') });

/**
 * Absent or null. Optional inside nullable, not .nullish() (nullable inside optional): zod 4.1's nullable works out
 * whether it is optional from its inner type each time it is asked, and optional asks on every check.
 */
const maybe = <T extends z.ZodType>(schema: T) => schema.optional().nullable();
const optStr = maybe(str);
const optShort = maybe(short);
const optId = maybe(id);
const optDate = maybe(date);
const optObject = maybe(object);
const list = <T extends z.ZodType>(item: T) => maybe(z.array(item, expected('an array')));

/**
 * Teams' conversation types. Replies carry the conversation as it came, and the Bot Connector (like the Agents
 * Playground) refuses any other value there: one that came in would fail the turn's answer.
 */
const conversationType = z.enum(CONVERSATION_KINDS, { error: (issue: Issue) => (issue.input === undefined ? 'is required' : 'must be personal, groupChat or channel') }).optional();

/** conversation, from, recipient: replies copy them, and the connector client's serializer rejects a wrong type in any field. */
const account = (idRule: z.ZodType, type: z.ZodType = optStr) =>
  z.object(
    {
      id: idRule,
      name: optStr,
      aadObjectId: optStr,
      role: optStr,
      tenantId: optStr,
      conversationType: type,
      isGroup: maybe(z.boolean(expected('a boolean'))),
      properties: optObject,
    },
    expected('an object'),
  );
/** State is keyed by channel, conversation and user: their ids must be there. */
const requiredId = z.string(expected('a non-empty string')).regex(REQUIRED_ID, idProblem(MAX_ID_CHARS));
const party = account(requiredId);

/** botbuilder's mention helpers read mentioned.id and text without checking them. */
const mention = z.object({ mentioned: z.object({ id: str }, expected('an object')), text: optStr });
const entity = z.object({ type: str, mentioned: z.unknown(), text: z.unknown() }, 'must be an object').superRefine((e, ctx) => {
  if (e.type.toLowerCase() !== 'mention') return;
  const checked = mention.safeParse(e);
  if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
const members = list(z.object({ id: str }, 'must be an object'));
const reactions = list(z.object({ type: optStr }, 'must be an object'));

/**
 * Every invoke Teams sends carries an object value; botbuilder's default handlers dereference it unchecked
 * (fileConsent/invoke reads value.action, application/search writes value.kind, …). Some names need more of it.
 */
const INVOKE_VALUES: Record<string, z.ZodType> = {
  'adaptiveCard/action': z.object({ action: object }),
  'signin/verifyState': z.object({ state: optStr }),
  'signin/tokenExchange': z.object({ id: optStr, connectionName: optStr, token: optStr }),
};

export const activityShape = z
  .object(
    {
      type: z.string(expected('a non-empty string')).min(1, 'must be a non-empty string').max(MAX_SHORT_CHARS, 'is too long'),
      channelId: z.string(expected('a string')).regex(SHORT_ID, idProblem(MAX_SHORT_CHARS, 'is required')),
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
      attachments: list(z.object({ contentType: optStr }, 'must be an object')),
      membersAdded: members,
      membersRemoved: members,
      reactionsAdded: reactions,
      reactionsRemoved: reactions,
      value: z.unknown(),
    },
    { error: 'body must be a JSON activity object' },
  )
  .superRefine((activity, ctx) => {
    if (activity.type !== 'invoke') return;
    const checked = (isObject(activity.value) && activity.name ? INVOKE_VALUES[activity.name] : undefined)?.safeParse(activity.value);
    const problem = !isObject(activity.value)
      ? 'invoke value must be an object'
      : checked && !checked.success
        ? `${activity.name} value${pathText(checked.error.issues[0]!.path)} ${checked.error.issues[0]!.message}`
        : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: [], message: problem });
  });

/** The fields of an activity the checks above vouch for. */
export type ActivityShape = z.infer<typeof activityShape>;

/** Why the body is not an activity botbuilder can safely process, or undefined when it is fine. */
export function activityShapeProblem(body: unknown): string | undefined {
  const checked = activityShape.safeParse(body);
  if (checked.success) return undefined;
  const issue = checked.error.issues[0]!;
  return issue.path.length === 0 ? issue.message : `activity${pathText(issue.path)} ${issue.message}`;
}

/** A message whose text is longer than any Teams client can send: answered politely, never parsed. */
export function isOverlongMessage(activity: { type?: unknown; text?: unknown }): boolean {
  return activity.type === 'message' && typeof activity.text === 'string' && activity.text.length > MAX_MESSAGE_CHARS;
}

/** ['entities', 1, 'mentioned', 'id'] → ".entities[1].mentioned.id" */
function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}
