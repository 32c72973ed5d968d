// The attendee part of the organizer's Change form: who it offers (the current attendees, ticked, and in Teams
// channels and group chats the conversation's members) and who a Save changes invites. The ids a save carries are
// untrusted: current attendees are kept as they are, anyone else is looked up in this conversation first.
import type { AddablePeople } from '../cards/form-card';
import type { MeetingRecord } from '../meetings/meeting-record';
import { MAX_ATTENDEES, MAX_UNRESOLVED, type UnresolvedMention } from '../meetings/people';
import type { Attendee } from '../meetings/types';
import type { Turn } from '../teams/turn';
import type { Roster } from '../teams/roster';

/**
 * The members the Change form offers beyond the attendees, by name; undefined where nobody is listed (personal chat,
 * the Emulator, other channels). The bot and the organizer are never offered.
 */
export async function addablePeople(turn: Pick<Turn, 'botId' | 'locale'>, roster: Roster, record: MeetingRecord): Promise<AddablePeople | undefined> {
  const listing = await roster.listMembers();
  if (listing.kind === 'none') return undefined;
  if (listing.kind === 'unavailable') return 'unavailable';
  const taken = new Set([record.organizer.id, turn.botId, record.botId, ...(record.attendees ?? []).map((a) => a.id)]);
  const collator = new Intl.Collator(turn.locale, { sensitivity: 'base' });
  const members = listing.members.filter((m) => !taken.has(m.id)).sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return { members, more: listing.more };
}

/**
 * The attendees after a save that sent `ids` (the ticked choices): the current attendees still ticked, in their order,
 * then the people added, each looked up in this conversation (at most MAX_ATTENDEES in all). `unresolved`: the added
 * ids that couldn't be invited, to be reported like unresolved mentions.
 */
export async function attendeesAfterEdit(
  turn: Pick<Turn, 'botId'>,
  roster: Roster,
  record: MeetingRecord,
  ids: readonly string[],
): Promise<{ attendees: Attendee[]; unresolved: UnresolvedMention[] }> {
  const current = record.attendees ?? [];
  const wanted = new Set(ids);
  // The organizer and the bot aren't attendees: a tick for them (only a forged card has one) is ignored.
  for (const id of [record.organizer.id, turn.botId, record.botId]) if (id) wanted.delete(id);
  const kept = current.filter((a) => wanted.has(a.id));
  const added = [...wanted].filter((id) => !current.some((a) => a.id === id));
  if (added.length === 0) return { attendees: kept, unresolved: [] };
  const found = await roster.lookUp(added, MAX_ATTENDEES - kept.length);
  const attendees = [...kept];
  for (const a of found.attendees) if (!attendees.some((x) => x.id === a.id)) attendees.push(a);
  return { attendees, unresolved: found.unresolved };
}

/**
 * What the card reports after a change: the earlier unresolved mentions (but not someone now invited under that
 * name) and the newly unresolved, each once, at most MAX_UNRESOLVED.
 */
export function unresolvedAfterEdit(previous: readonly UnresolvedMention[] | undefined, added: readonly UnresolvedMention[], attendees: readonly Attendee[]): UnresolvedMention[] | undefined {
  const invited = new Set(attendees.map((a) => a.name));
  const out: UnresolvedMention[] = [];
  for (const u of [...(previous ?? []).filter((p) => !invited.has(p.name)), ...added]) {
    if (out.length >= MAX_UNRESOLVED) break;
    if (!out.some((o) => o.name === u.name && o.reason === u.reason)) out.push(u);
  }
  return out.length > 0 ? out : undefined;
}
