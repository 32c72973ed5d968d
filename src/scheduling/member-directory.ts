// Turning @mentions into invitable people: Teams' member lookup (GET /v3/conversations/{id}/members/{userId}),
// with a short, bounded per-conversation cache so a form round trip or a busy thread doesn't ask again.
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { MAX_ATTENDEES, type MeetingPeople, type UnresolvedMention, type UnresolvedReason } from '../meetings/people';
import type { Attendee } from '../meetings/types';
import { readMentions, type PersonMention } from '../teams/mentions';

/** What a lookup gives back: getMember's answer carries `objectId` (not aadObjectId, unlike getMembers). */
type Member = TeamsChannelAccount & { objectId?: string };
export type MemberLookup = (context: TurnContext, userId: string) => Promise<Member>;

type Entry = { at: number; result: Attendee | UnresolvedReason };

export interface MemberDirectoryOptions {
  lookup?: MemberLookup;
  /** How long an answer is reused. */
  ttlMs?: number;
  /** At most this many answers are kept (oldest dropped first). */
  maxEntries?: number;
  /** One lookup may take this long; Teams' connector otherwise retries for seconds. */
  timeoutMs?: number;
  now?: () => number;
}

export class MemberDirectory {
  private readonly cache = new Map<string, Entry>();
  private readonly lookup: MemberLookup;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(opts: MemberDirectoryOptions = {}) {
    this.lookup = opts.lookup ?? ((context, userId) => TeamsInfo.getMember(context, userId) as Promise<Member>);
    this.ttlMs = opts.ttlMs ?? 5 * 60_000;
    this.maxEntries = opts.maxEntries ?? 2_000;
    this.timeoutMs = opts.timeoutMs ?? 3_000;
    this.now = opts.now ?? Date.now;
  }

  /** The people the activity mentions, looked up; undefined when it mentions nobody but the bot. */
  async peopleIn(context: TurnContext): Promise<MeetingPeople | undefined> {
    const mentions = readMentions(context.activity);
    if (mentions.people.length === 0 && !mentions.everyone) return undefined;
    // A channel or team mention means "everyone": no list of people, the lobby opens to the organization.
    if (mentions.everyone) return { attendees: [], unresolved: [], everyone: true };
    const wanted = mentions.people.slice(0, MAX_ATTENDEES);
    const results = await Promise.all(wanted.map((m) => this.resolve(context, m)));
    const attendees: Attendee[] = [];
    const unresolved: UnresolvedMention[] = mentions.people.slice(MAX_ATTENDEES).map((m) => ({ name: m.name, reason: 'failed' as const }));
    results.forEach((r, i) => (typeof r === 'string' ? unresolved.push({ name: wanted[i]!.name, reason: r }) : attendees.push(r)));
    return { attendees, unresolved, everyone: false };
  }

  private async resolve(context: TurnContext, mention: PersonMention): Promise<Attendee | UnresolvedReason> {
    const key = `${scopeOf(context)}\u0000${mention.id}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.result;
    let result: Attendee | UnresolvedReason;
    try {
      const member = await withTimeout(this.lookup(context, mention.id), this.timeoutMs);
      const objectId = member.objectId ?? member.aadObjectId;
      result = objectId
        ? { id: mention.id, name: member.name || mention.name, objectId, ...(upnOf(member) ? { upn: upnOf(member) } : {}) }
        : 'notFound';
    } catch (err) {
      result = reasonOf(err);
    }
    // A failure to reach Teams isn't remembered: the next request asks again.
    if (result !== 'failed') this.remember(key, result);
    return result;
  }

  private remember(key: string, result: Attendee | UnresolvedReason): void {
    this.cache.delete(key);
    this.cache.set(key, { at: this.now(), result });
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** Members are per team in channels (TeamsInfo asks the team), per conversation elsewhere. */
function scopeOf(context: TurnContext): string {
  const teamId = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof teamId === 'string' ? teamId : context.activity.conversation?.id ?? '';
}

function upnOf(member: Member): string | undefined {
  return member.userPrincipalName || member.email || undefined;
}

function reasonOf(err: unknown): UnresolvedReason {
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 404 || status === 400) return 'notFound';
  if (status === 403 || status === 401) return 'forbidden';
  return 'failed';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`member lookup took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
