// Reads the message extension's invokes (composeExtension/fetchTask and /submitAction of the "Schedule a meeting"
// action): the command, the message it was started from (messagePayload) and the dialog's submitted values.
// Everything here comes from the client: bounded and checked for type, never trusted beyond that.
import type { Activity } from 'botbuilder';
import { clipName } from '../meetings/people';
import { MAX_MENTIONED_PEOPLE, type Mentions, type PersonMention } from './mentions';

/** The action command's id, as the app manifest declares it. */
export const SCHEDULE_FROM_MESSAGE_COMMAND = 'scheduleFromMessage';

/** The invokes Teams sends for an action command. */
export const FETCH_TASK_INVOKE = 'composeExtension/fetchTask';
export const SUBMIT_ACTION_INVOKE = 'composeExtension/submitAction';

/** More of a message's body than is read: a subject is 255 characters, a date phrase a few words. */
const MAX_BODY_CHARS = 16 * 1024;
/** What is kept of the message's text once HTML and mentions are gone (the parser and the subject need far less). */
const MAX_TEXT_CHARS = 2_000;
/** Teams message ids are millisecond timestamps; a fetch invoke's id ("f:…") stands in where there is no message. */
const MESSAGE_ID = /^[\w:.@-]{1,64}$/;
/** A person in messagePayload: Teams gives their Entra object id; "29:" ids are taken too. */
const PERSON_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|29:[\w:.@-]{1,200})$/i;
/** The most a dialog submit carries: the form's values and its button's data (the card is within 28 KB). */
export const MAX_SUBMIT_CHARS = 32 * 1024;

/** The message the action was started from, as far as scheduling needs it. */
export interface SourceMessage {
  /** The message's id, and the root of its reply chain (the same for a root post). */
  id: string;
  rootId: string;
  /** The text without HTML and without the people and groups it @mentions, at most MAX_TEXT_CHARS. */
  text: string;
  /** Who wrote it (a person: not a bot or an app), and whom it @mentions. */
  people: Mentions;
}

export interface MessageAction {
  commandId: string;
  /** 'message' (a message's … menu), 'compose', 'commandbox'. */
  commandContext?: string;
  message?: SourceMessage;
  /** submitAction: the dialog's values merged into its button's data. */
  data?: Record<string, unknown>;
  /** The magic code Teams re-sends the invoke with after the sign-in link (non-SSO). */
  state?: string;
}

export function isMessageActionInvoke(activity: Partial<Activity>): boolean {
  return activity.type === 'invoke' && (activity.name === FETCH_TASK_INVOKE || activity.name === SUBMIT_ACTION_INVOKE);
}

/** The action's value, or undefined when it isn't one (or not ours). */
export function readMessageAction(activity: Partial<Activity>): MessageAction | undefined {
  if (!isMessageActionInvoke(activity) || !isObject(activity.value)) return undefined;
  const value = activity.value;
  if (value.commandId !== SCHEDULE_FROM_MESSAGE_COMMAND) return undefined;
  const out: MessageAction = { commandId: value.commandId };
  if (typeof value.commandContext === 'string' && value.commandContext.length <= 32) out.commandContext = value.commandContext;
  const message = sourceMessage(value.messagePayload, activity.from);
  if (message) out.message = message;
  if (isObject(value.data)) out.data = value.data;
  if (typeof value.state === 'string' && value.state !== '' && value.state.length <= 256) out.state = value.state;
  return out;
}

/** Whether a submit carries more than the dialog's form ever sends. */
export function submitOutOfBounds(data: Record<string, unknown>): boolean {
  try {
    return JSON.stringify(data).length > MAX_SUBMIT_CHARS;
  } catch {
    return true;
  }
}

/** A message id the dialog's button carried back: one of the shapes Teams gives, else undefined. */
export function messageIdFrom(value: unknown): string | undefined {
  return typeof value === 'string' && MESSAGE_ID.test(value) ? value : undefined;
}

function sourceMessage(payload: unknown, invoker: unknown): SourceMessage | undefined {
  if (!isObject(payload)) return undefined;
  const id = messageIdFrom(payload.id);
  if (!id) return undefined;
  const rootId = messageIdFrom(payload.replyToId) ?? id;
  const body = isObject(payload.body) ? payload.body : {};
  const content = typeof body.content === 'string' ? body.content.slice(0, MAX_BODY_CHARS) : '';
  const text = body.contentType === 'text' ? plain(content) : plainFromHtml(content);
  return { id, rootId, text: [...text].slice(0, MAX_TEXT_CHARS).join(''), people: peopleOf(payload, invoker) };
}

/** The author (unless they started the action themselves) and every person mentioned, each once; groups → everyone. */
function peopleOf(payload: Record<string, unknown>, invoker: unknown): Mentions {
  const people: PersonMention[] = [];
  // Teams names people in messagePayload by Entra object id; Agents Playground by their "29:" id: either is the invoker.
  const invokerIds = isObject(invoker) ? [invoker.aadObjectId, invoker.id] : [];
  const seen = new Set<string>(invokerIds.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase()));
  let everyone = false;
  const add = (user: unknown): void => {
    if (!isObject(user) || people.length >= MAX_MENTIONED_PEOPLE) return;
    const id = user.id;
    if (typeof id !== 'string' || !PERSON_ID.test(id) || seen.has(id.toLowerCase())) return;
    seen.add(id.toLowerCase());
    const name = typeof user.displayName === 'string' && user.displayName.trim() !== '' ? clipName(user.displayName.trim()) : id;
    people.push({ id, name });
  };
  const from = isObject(payload.from) ? payload.from : {};
  // A message posted by a bot or an app has no person to invite.
  if (!from.application) add(from.user);
  const mentions = Array.isArray(payload.mentions) ? payload.mentions.slice(0, MAX_MENTIONED_PEOPLE * 2) : [];
  for (const m of mentions) {
    const mentioned = isObject(m) && isObject(m.mentioned) ? m.mentioned : undefined;
    if (!mentioned) continue;
    if (mentioned.conversation || mentioned.tag || mentioned.team) everyone = true;
    else if (!mentioned.application) add(mentioned.user);
  }
  return { people, everyone };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * The text of a Teams message's HTML: mentions (`<at>`, or the Mention span) and quoted replies removed, tags dropped
 * (block ends become spaces), the common entities decoded, whitespace collapsed.
 */
export function plainFromHtml(html: string): string {
  const withoutMentions = html
    .replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<span\b[^>]*itemtype="http:\/\/schema\.skype\.com\/Mention"[^>]*>[\s\S]*?<\/span>/gi, ' ')
    .replace(/<blockquote\b[\s\S]*?<\/blockquote>/gi, ' ');
  const text = withoutMentions
    .replace(/<(?:br|\/p|\/div|\/li)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]+|#39);/gi, (all, name: string) => {
      const lower = name.toLowerCase();
      if (ENTITIES[lower]) return ENTITIES[lower]!;
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : lower.startsWith('#') ? Number(lower.slice(1)) : Number.NaN;
      return Number.isInteger(code) && code > 31 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    });
  return plain(text);
}

function plain(text: string): string {
  // Control characters (and the private-use mark mention removal uses) never reach a subject.
  return text.replace(/[\u0000-\u001f\u007f\uE000]/g, ' ').replace(/\s+/g, ' ').trim();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
