// Turning @mentions into invitable people: Teams' member lookup (GET /v3/conversations/{id}/members/{userId}),
// with a short, bounded per-conversation cache so a form round trip or a busy thread doesn't ask again. And the
// conversation's member list for the organizer's Change form (GET /v3/conversations/{id}/pagedmembers), cached the
// same way, more briefly.
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { untilAborted } from '../abort';
import { boundedUpn, clipName, isTeamsUserId, MAX_ATTENDEES, type MeetingPeople, type UnresolvedMention, type UnresolvedReason } from '../meetings/people';
import type { Attendee } from '../meetings/types';
import { conversationKind } from './activity-context';
import { readMentions, type Mentions, type PersonMention } from './mentions';
import type { ListedMember, MemberListing, Roster } from './roster';

/** What a lookup gives back: getMember's answer carries `objectId` (not aadObjectId, unlike getMembers). */
type Member = TeamsChannelAccount & { objectId?: string };
export type MemberLookup = (context: TurnContext, userId: string) => Promise<Member>;
/** One page of the conversation's members (TeamsInfo.getPagedMembers: a channel asks its team). */
export type MemberPage = (context: TurnContext, pageSize: number, continuationToken?: string) => Promise<{ members?: Member[]; continuationToken?: string }>;

/** A lookup's answer as remembered: the person, or why they can't be invited ('failed' is never remembered). */
type Resolved = Attendee | UnresolvedReason;

type Listed = Extract<MemberListing, { kind: 'listed' }>;

const NONE: MemberListing = { kind: 'none' };
const UNAVAILABLE: MemberListing = { kind: 'unavailable' };
const UNKNOWN_NAME_CHARS = 40;

export interface MemberDirectoryOptions {
  lookup?: MemberLookup;
  /** How long an answer is reused. */
  ttlMs?: number;
  /** At most this many answers are kept (the least recently used dropped first). */
  maxEntries?: number;
  /** One lookup may take this long; Teams' connector otherwise retries for seconds. */
  timeoutMs?: number;
  now?: () => number;
  /** Reads one page of the conversation's members (default: TeamsInfo.getPagedMembers). */
  page?: MemberPage;
  /** How long a conversation's member list is reused (shorter than single lookups: people join and leave). */
  listTtlMs?: number;
  /** At most this many conversations' lists are kept (the least recently used dropped first). */
  maxLists?: number;
  /** Members asked for per page. */
  pageSize?: number;
  /** At most this many members are read per conversation (the form shows fewer). */
  maxListed?: number;
  /** Reading the whole list (every page) may take this long. */
  listTimeoutMs?: number;
}

export class MemberDirectory {
  /** Lookups' answers by (team or conversation, user id). */
  private readonly resolved: LRUCache<string, Resolved>;
  private readonly lookup: MemberLookup;
  private readonly timeoutMs: number;
  /** Lists read in full, by team or conversation. A stale one stays until read again: lookUp still takes names from it. */
  private readonly lists: LRUCache<string, Listed>;
  /** Lists being read right now, so two presses at once ask Teams once. */
  private readonly reading = new Map<string, Promise<MemberListing>>();
  private readonly page: MemberPage;
  private readonly pageSize: number;
  private readonly maxListed: number;
  private readonly listTimeoutMs: number;

  constructor(opts: MemberDirectoryOptions = {}) {
    // A clock of the tests' own: read on every check (lru-cache otherwise reuses a reading for a millisecond).
    const clock = opts.now ? { perf: { now: opts.now }, ttlResolution: 0 } : {};
    this.resolved = new LRUCache({ max: opts.maxEntries ?? 2_000, ttl: opts.ttlMs ?? 5 * 60_000, ...clock });
    this.lists = new LRUCache({ max: opts.maxLists ?? 200, ttl: opts.listTtlMs ?? 60_000, noDeleteOnStaleGet: true, ...clock });
    this.lookup = opts.lookup ?? ((context, userId) => TeamsInfo.getMember(context, userId) as Promise<Member>);
    this.timeoutMs = opts.timeoutMs ?? 3_000;
    this.page = opts.page ?? ((context, pageSize, token) => TeamsInfo.getPagedMembers(context, pageSize, token));
    this.pageSize = opts.pageSize ?? 100;
    this.maxListed = opts.maxListed ?? 200;
    this.listTimeoutMs = opts.listTimeoutMs ?? 3_000;
  }

  /** This directory for one turn's conversation: what scheduling asks about its people. */
  rosterFor(context: TurnContext): Roster {
    return { lookUp: (ids, room) => this.lookUp(context, ids, room), listMembers: () => this.listMembers(context) };
  }

  /** The people the activity mentions, looked up; undefined when it mentions nobody but the bot. */
  async peopleIn(context: TurnContext): Promise<MeetingPeople | undefined> {
    return this.peopleOf(context, readMentions(context.activity));
  }

  /**
   * The people of `mentions` (untrusted: a message a client quoted) looked up in this conversation, like @mentions;
   * undefined when there is nobody. Ids may be Teams user ids or Entra object ids: attendees get Teams' own id.
   */
  async peopleOf(context: TurnContext, mentions: Mentions): Promise<MeetingPeople | undefined> {
    if (mentions.people.length === 0 && !mentions.everyone) return undefined;
    // A channel or team mention means "everyone": no list of people, the lobby opens to the organization.
    if (mentions.everyone) return { attendees: [], unresolved: [], everyone: true };
    const wanted = mentions.people.slice(0, MAX_ATTENDEES);
    const results = await Promise.all(wanted.map((m) => this.resolve(context, m)));
    const attendees: Attendee[] = [];
    const unresolved: UnresolvedMention[] = mentions.people.slice(MAX_ATTENDEES).map((m) => ({ name: clipName(m.name), reason: 'tooMany' as const }));
    results.forEach((r, i) => (typeof r === 'string' ? unresolved.push({ name: clipName(wanted[i]!.name), reason: r }) : attendees.push(r)));
    return { attendees, unresolved, everyone: false };
  }

  /**
   * The people behind Teams user ids a client sent (the Change form's added attendees: untrusted), looked up in this
   * conversation like mentions are. Only the first `room` are looked up, the rest are reported as too many; an id
   * that isn't a Teams user id, or isn't a member here, is reported as not found. Names come from Teams; an id the
   * bot never listed is named by the id itself.
   */
  async lookUp(context: TurnContext, ids: readonly string[], room: number = MAX_ATTENDEES): Promise<Pick<MeetingPeople, 'attendees' | 'unresolved'>> {
    const names = new Map(this.lists.peek(scopeOf(context), { allowStale: true })?.members.map((m) => [m.id, m.name]));
    const people = ids.map((id) => ({ id, name: names.get(id) ?? unknownName(id) }));
    const wanted = people.slice(0, Math.max(0, room));
    const inTeams = context.activity.channelId === 'msteams';
    const results = await Promise.all(wanted.map((p) => (inTeams && isTeamsUserId(p.id) ? this.resolve(context, p) : ('notFound' as const))));
    const attendees: Attendee[] = [];
    const unresolved: UnresolvedMention[] = [];
    results.forEach((r, i) => (typeof r === 'string' ? unresolved.push({ name: wanted[i]!.name, reason: r }) : attendees.push(r)));
    for (const p of people.slice(wanted.length)) unresolved.push({ name: p.name, reason: 'tooMany' });
    return { attendees, unresolved };
  }

  /**
   * The conversation's members (TeamsInfo.getPagedMembers, a page at a time, up to `maxListed`), for the Change
   * form: only in Teams channels and group chats. A list read in full is reused for `listTtlMs`; a failure isn't
   * remembered (the next form asks again) and yields `unavailable`, or what the pages before it gave.
   */
  async listMembers(context: TurnContext): Promise<MemberListing> {
    const activity = context.activity;
    if (activity.channelId !== 'msteams' || conversationKind(activity) === 'personal') return NONE;
    const key = scopeOf(context);
    if (key === '') return NONE;
    const hit = this.lists.get(key);
    if (hit) return hit;
    let pending = this.reading.get(key);
    if (!pending) {
      pending = this.readMembers(context, key).finally(() => this.reading.delete(key));
      this.reading.set(key, pending);
    }
    return pending;
  }

  private async readMembers(context: TurnContext, key: string): Promise<MemberListing> {
    const botId = context.activity.recipient?.id;
    // One limit for every page: TeamsInfo takes no signal, so the wait for a page ends when it aborts.
    const signal = AbortSignal.timeout(this.listTimeoutMs);
    const members: ListedMember[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    try {
      do {
        const page = await untilAborted(this.page(context, this.pageSize, token), signal);
        for (const m of Array.isArray(page?.members) ? page.members : []) {
          // People only: bots have "28:" ids; an id the bot wouldn't accept back from a form isn't offered.
          if (!isTeamsUserId(m?.id) || m.id === botId || seen.has(m.id)) continue;
          seen.add(m.id);
          members.push({ id: m.id, name: typeof m.name === 'string' && m.name.trim() !== '' ? clipName(m.name) : m.id });
        }
        token = typeof page?.continuationToken === 'string' && page.continuationToken !== '' ? page.continuationToken : undefined;
      } while (token && members.length < this.maxListed);
    } catch {
      // Nothing read: the form shows the current attendees only. Some pages read: offer those, not remembered.
      return members.length === 0 ? UNAVAILABLE : { kind: 'listed', members, more: true };
    }
    const listing: Listed = { kind: 'listed', members: members.slice(0, this.maxListed), more: token !== undefined || members.length > this.maxListed };
    this.lists.set(key, listing);
    return listing;
  }

  private async resolve(context: TurnContext, mention: PersonMention): Promise<Attendee | UnresolvedReason> {
    const key = `${scopeOf(context)}\u0000${mention.id}`;
    const hit = this.resolved.get(key);
    if (hit !== undefined) return hit;
    let result: Resolved;
    try {
      // TeamsInfo takes no signal: the wait ends at the limit (Teams' connector would otherwise retry for seconds).
      const member = await untilAborted(this.lookup(context, mention.id), AbortSignal.timeout(this.timeoutMs));
      const objectId = member.objectId ?? member.aadObjectId;
      result = objectId
        ? { id: isTeamsUserId(member.id) ? member.id : mention.id, name: clipName((typeof member.name === 'string' && member.name.trim()) || mention.name), objectId, ...(upnOf(member) ? { upn: upnOf(member) } : {}) }
        : 'notFound';
    } catch (err) {
      result = reasonOf(err);
    }
    // A failure to reach Teams isn't remembered: the next request asks again.
    if (result !== 'failed') this.resolved.set(key, result);
    return result;
  }
}

/** Members are per team in channels (TeamsInfo asks the team), per conversation elsewhere. */
function scopeOf(context: TurnContext): string {
  const teamId = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof teamId === 'string' ? teamId : context.activity.conversation?.id ?? '';
}

/** The member's UPN (or mail) when it is short enough to keep (UPN_MAX_CHARS): Graph needs only the object id. */
function upnOf(member: Member): string | undefined {
  return boundedUpn(member.userPrincipalName || member.email);
}

function reasonOf(err: unknown): UnresolvedReason {
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 404 || status === 400) return 'notFound';
  if (status === 403 || status === 401) return 'forbidden';
  return 'failed';
}

/** How an id the bot never listed is named on a card (a forged or stale one): the id itself, cut. */
function unknownName(id: string): string {
  return clipName(id, UNKNOWN_NAME_CHARS);
}
