// What one turn is about, read once from its activity when the turn starts: who acts, where, in which language and
// zone, and how much time is left. Everything below the bot takes these values instead of the TurnContext.
import type { Activity } from 'botbuilder';
import type { Locale } from '../i18n/locale';
import { translator, type Translate } from '../i18n/translate';
import { channelThreadIdOf, clientLocaleOf, conversationKind, localeOf, timeZoneOf, type ConversationKind } from './activity-context';
import { tenantOf } from './tenant';

/** Teams redelivers an activity it got no answer for within 15 s; this leaves room for the reply itself. */
export const TURN_BUDGET_MS = 13_000;

/** A call to the token service gets at most this much of the turn, so Graph still has time after it. */
export const TOKEN_SERVICE_BUDGET_MS = 5_000;

export interface Turn {
  /** The person who typed or pressed (untrusted name; the id is what the channel vouches for). */
  readonly user: { readonly id: string; readonly name: string; readonly aadObjectId?: string };
  readonly conversationId: string;
  readonly conversationKind: ConversationKind;
  /** The Teams channel (19:…) when the turn comes from a channel thread. */
  readonly channelThreadId?: string;
  /** The tenant Teams vouches for (msteams only). */
  readonly tenantId?: string;
  /** msteams, emulator, … */
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly botId?: string;
  readonly activityId?: string;
  /** A Universal Actions press (adaptiveCard/action): the presser is answered through the invoke response. */
  readonly isCardInvoke: boolean;
  /** The reader's language (the activity's, else the configured default), and its texts. */
  readonly locale: Locale;
  readonly t: Translate;
  /** The client's own language tag as it sent it ("en-GB"): with the zone it settles how "11/10" is read. */
  readonly clientLocale?: string;
  /** The zone the reader's client sent (activity or clientInfo), if a valid one. */
  readonly activityTimeZone?: string;
  /** The reader's zone: the activity's, else the configured default. */
  readonly timeZone: string;
  /** Epoch ms by which the turn's work must be done. */
  readonly deadline: number;
  /** The presser's token, once this turn obtained it (kept in memory only: never in state, logs or cards). */
  token?: string;
  /** The presser's calendar token (the calendar connection's), once this turn obtained it; memory only, like `token`. */
  calendarToken?: string;
}

export interface TurnDefaults {
  locale: Locale;
  timeZone: string;
}

export function readTurn(activity: Partial<Activity>, defaults: TurnDefaults, startedAt = Date.now()): Turn {
  const locale = localeOf(activity, defaults.locale);
  const activityTimeZone = timeZoneOf(activity, '') || undefined;
  const conversationId = typeof activity.conversation?.id === 'string' ? activity.conversation.id : '';
  return {
    user: { id: activity.from?.id ?? '', name: activity.from?.name ?? '', aadObjectId: activity.from?.aadObjectId },
    conversationId,
    conversationKind: conversationKind(activity),
    channelThreadId: channelThreadIdOf(activity),
    tenantId: tenantOf(activity),
    channelId: activity.channelId ?? '',
    serviceUrl: activity.serviceUrl ?? '',
    botId: activity.recipient?.id,
    activityId: activity.id,
    isCardInvoke: activity.type === 'invoke' && activity.name === 'adaptiveCard/action',
    locale,
    t: translator(locale),
    clientLocale: clientLocaleOf(activity),
    activityTimeZone,
    timeZone: activityTimeZone ?? defaults.timeZone,
    deadline: startedAt + TURN_BUDGET_MS,
  };
}

/**
 * The zone to read a form's values in: the reader's client's, else the zone the form was made for (`given`, from the
 * card or the record), else the configured default.
 */
export function zoneFor(turn: Pick<Turn, 'activityTimeZone' | 'timeZone'>, given: string | undefined): string {
  return turn.activityTimeZone ?? given ?? turn.timeZone;
}

/** Where the conversation's meetings are listed: the channel (all its threads), else the conversation. */
export function listKeyOf(turn: Pick<Turn, 'channelThreadId' | 'conversationId'>): string {
  return turn.channelThreadId ?? turn.conversationId;
}

/**
 * A signal that aborts when `maxMs` (or what is left of the turn, if less) has passed: the deadline of one outbound
 * call. Calls that take a signal are cancelled with it; `untilAborted` bounds those that can't.
 */
export function budgetOf(turn: Pick<Turn, 'deadline'>, maxMs: number): AbortSignal {
  const left = Math.max(0, turn.deadline - Date.now());
  if (maxMs < left) return AbortSignal.timeout(maxMs);
  // The rest of the turn: one signal per turn, however many calls share it (each AbortSignal.timeout costs).
  let end = turnEnds.get(turn);
  if (end === undefined) turnEnds.set(turn, (end = AbortSignal.timeout(left)));
  return end;
}
const turnEnds = new WeakMap<object, AbortSignal>();
