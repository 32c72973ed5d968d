// Who a meeting is for, beyond the organizer: the people @mentioned in the request. Plain data, kept in dialog
// state, on form buttons and on the meeting record.
import type { Attendee, LobbyScope } from './types';

/** Why a mentioned (or, on the Change form, added) person could not be invited. */
export type UnresolvedReason = 'notFound' | 'forbidden' | 'failed' | 'tooMany';

export interface UnresolvedMention {
  name: string;
  reason: UnresolvedReason;
}

export interface MeetingPeople {
  attendees: Attendee[];
  /** Mentioned people the bot couldn't look up: reported on the card, never dropped silently. */
  unresolved: UnresolvedMention[];
  /** A channel, team or "everyone" mention: no attendee list, the whole organization skips the lobby. */
  everyone: boolean;
}

/** Graph takes at most this many attendees in one request from us; more mentions than this are reported. */
export const MAX_ATTENDEES = 50;

/** At most this many "I couldn't add …" lines are kept on a meeting and shown on a card (the rest are counted). */
export const MAX_UNRESOLVED = 20;

/**
 * A display name is at most this many characters wherever it enters (Teams' member lookup and member list, a
 * mention, a card's button data): Teams shows no more, and 50 attendees must fit a 28 KB card.
 */
export const NAME_MAX_CHARS = 64;

/** A UPN longer than this is dropped (it is optional: Graph identifies an attendee by the Entra object id). */
const UPN_MAX_CHARS = 128;

/** `name` trimmed and cut to `max` characters (never half a surrogate pair), "…" marking a cut. */
export function clipName(name: string, max: number = NAME_MAX_CHARS): string {
  const trimmed = name.trim();
  // Cheap common case: no name that short can be too long.
  if (trimmed.length <= max) return trimmed;
  const chars = [...trimmed];
  return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…` : trimmed;
}

/** A UPN as the bot keeps one: a string of at most UPN_MAX_CHARS, else none. */
export function boundedUpn(upn: unknown): string | undefined {
  return typeof upn === 'string' && upn !== '' && upn.length <= UPN_MAX_CHARS ? upn : undefined;
}

/** A Teams user id as the bot accepts one from a client ("29:…"); anything else is never looked up. */
export function isTeamsUserId(value: unknown): value is string {
  return typeof value === 'string' && /^29:[\w:.@-]{1,200}$/.test(value);
}

/** Who skips the lobby for these people: undefined = leave Graph's (the tenant's) default alone. */
export function lobbyScopeFor(people: Pick<MeetingPeople, 'attendees' | 'everyone'> | undefined): LobbyScope | undefined {
  if (!people) return undefined;
  if (people.everyone) return 'organization';
  return people.attendees.length > 0 ? 'invited' : undefined;
}

/** `people` keeping only the attendees whose Teams ids are in `ids` (the organizer un-ticked the others). */
export function keepAttendees<T extends { attendees: Attendee[] }>(people: T, ids: readonly string[]): T {
  const keep = new Set(ids);
  return { ...people, attendees: people.attendees.filter((a) => keep.has(a.id)) };
}

/** Same people, in any order. */
export function sameAttendees(a: readonly Attendee[] | undefined, b: readonly Attendee[] | undefined): boolean {
  const left = new Set((a ?? []).map((x) => x.id));
  const right = (b ?? []).map((x) => x.id);
  return left.size === new Set(right).size && right.every((id) => left.has(id));
}

/**
 * Attendees as a client sent them back (button data): only well-formed entries, at most MAX_ATTENDEES, names cut to
 * NAME_MAX_CHARS, a UPN longer than UPN_MAX_CHARS dropped. The data comes from the organizer's own card; it is
 * shape-checked, not trusted beyond that.
 */
export function attendeesFrom(value: unknown): Attendee[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Attendee[] = [];
  for (const item of value.slice(0, MAX_ATTENDEES)) {
    const a = item as Partial<Record<keyof Attendee, unknown>> | null;
    if (!a || typeof a !== 'object') continue;
    if (!isTeamsUserId(a.id)) continue;
    if (typeof a.objectId !== 'string' || !/^[0-9a-f-]{36}$/i.test(a.objectId)) continue;
    const name = typeof a.name === 'string' ? clipName(a.name) : '';
    const upn = boundedUpn(a.upn);
    out.push(upn ? { id: a.id, name, objectId: a.objectId, upn } : { id: a.id, name, objectId: a.objectId });
  }
  return out;
}
