// Drives MeetingBot through botbuilder's TestAdapter with Teams-shaped activities.
import { MemoryStorage, PrivateConversationState, TestAdapter, type Activity, type Storage, type TurnContext } from 'botbuilder';
import pino from 'pino';
import type { SignIn } from '../../src/auth/sign-in';
import { MeetingServiceError } from '../../src/meetings/meeting-service-error';
import type { CreateMeetingInput, CreatedMeeting, MeetingService } from '../../src/meetings/types';
import { MeetingBot } from '../../src/teams/meeting-bot';

export const NOW = new Date('2026-11-27T14:00:00Z'); // 09:00 in New York
export const CHANNEL = '19:design-channel@thread.tacv2';
export const ROOT = '1795781842256';
export const ALICE = { id: '29:alice', name: 'Alice Adams', aadObjectId: 'aad-alice' };
export const BOB = { id: '29:bob', name: 'Bob Brown', aadObjectId: 'aad-bob' };
export const BOT = { id: '28:meeting-bot', name: 'Meeting Bot' };

/** A MeetingService double for unit tests: records calls, answers like createOrGet, fails on demand. */
export class RecordingMeetingService implements MeetingService {
  readonly calls: { input: CreateMeetingInput; token: string }[] = [];
  readonly failures: MeetingServiceError[] = [];
  private readonly byExternalId = new Map<string, CreatedMeeting>();

  async createOrGet(input: CreateMeetingInput, token: string): Promise<CreatedMeeting> {
    this.calls.push({ input, token });
    const failure = this.failures.shift();
    if (failure) throw failure;
    const existing = this.byExternalId.get(input.externalId);
    if (existing) return { ...existing, created: false };
    const n = this.byExternalId.size + 1;
    const meeting: CreatedMeeting = {
      id: `meeting-${n}`,
      subject: input.subject,
      startIso: new Date(input.startIso).toISOString(),
      endIso: new Date(input.endIso).toISOString(),
      joinWebUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${n}%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d`,
      dialIn: { tollNumber: '+1 555 0100', conferenceId: '123456789' },
      created: true,
    };
    this.byExternalId.set(input.externalId, meeting);
    return meeting;
  }
}

export interface Harness {
  adapter: RecordingTestAdapter;
  meetings: RecordingMeetingService;
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

/** TestAdapter that also records card updates (PUT) separately from new activities. */
export class RecordingTestAdapter extends TestAdapter {
  readonly updates: Partial<Activity>[] = [];
  override async updateActivity(context: TurnContext, activity: Partial<Activity>) {
    this.updates.push(activity);
    return super.updateActivity(context, activity);
  }
}

export function createHarness(signIn: SignIn, opts: { now?: Date; storage?: Storage } = {}): Harness {
  const meetings = new RecordingMeetingService();
  const bot = new MeetingBot({
    dialogState: new PrivateConversationState(opts.storage ?? new MemoryStorage()),
    meetings,
    signIn,
    defaultTimeZone: 'UTC',
    logger: pino({ level: 'silent' }),
    now: () => opts.now ?? NOW,
  });
  const adapter = new RecordingTestAdapter(async (context) => bot.run(context));
  return {
    adapter,
    meetings,
    async send(activity) {
      const before = adapter.activeQueue.length;
      await adapter.processActivity(activity);
      // Everything the bot sent during this turn (typing indicators excluded).
      return adapter.activeQueue.splice(before).filter((a) => a.type !== 'typing');
    },
  };
}

type User = typeof ALICE;

export function channelMessage(text: string, user: User = ALICE, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'msteams',
    text: `<at>Meeting Bot</at> ${text}`,
    from: user,
    recipient: BOT,
    conversation: { id: `${CHANNEL};messageid=${ROOT}`, isGroup: true, conversationType: 'channel', tenantId: 't', name: '' },
    entities: [
      { type: 'mention', mentioned: BOT, text: '<at>Meeting Bot</at>' },
      { type: 'clientInfo', locale: 'en-US', timezone: 'America/New_York' },
    ],
    localTimezone: 'America/New_York',
    channelData: { teamsChannelId: CHANNEL, teamsTeamId: '19:team@thread.tacv2', channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' }, tenant: { id: 't' } },
    ...extra,
  };
}

export function personalMessage(text: string, user: User = ALICE): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'msteams',
    text,
    from: user,
    recipient: BOT,
    conversation: { id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: 't', isGroup: false, name: '' },
    entities: [{ type: 'clientInfo', locale: 'en-US', timezone: 'Europe/Berlin' }],
    localTimezone: 'Europe/Berlin',
    channelData: { tenant: { id: 't' } },
  };
}

/** A card submit as Teams sends it: no mention, empty text, value = data + inputs, older channelData shape. */
export function cardSubmit(card: Partial<Activity>, inputs: Record<string, string>, user: User = ALICE, action = 'meeting.create'): Partial<Activity> {
  const data = findSubmitData(card, action);
  return {
    type: 'message',
    channelId: 'msteams',
    text: '',
    from: user,
    recipient: BOT,
    replyToId: card.id,
    conversation: { id: `${CHANNEL};messageid=${ROOT}`, isGroup: true, conversationType: 'channel', tenantId: 't', name: '' },
    channelData: { channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' }, tenant: { id: 't' }, source: { name: 'message' } },
    value: { ...data, ...inputs },
  };
}

export function adaptiveCard(activity: Partial<Activity> | undefined): Record<string, any> | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, any> | undefined;
}

export function findSubmitData(card: Partial<Activity>, action: string): Record<string, unknown> {
  const content = adaptiveCard(card);
  const found = (content?.actions as any[] | undefined)?.find((a) => a.data?.action === action);
  if (!found) throw new Error(`no ${action} action on card: ${JSON.stringify(content)}`);
  return found.data;
}

/** All text a person would read on a card (TextBlock text, TextRun text, facts, action titles). */
export function cardText(card: Record<string, any> | undefined): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label', 'placeholder']) if (typeof n[key] === 'string') out.push(n[key] as string);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out.join(' | ');
}

export function inputValues(card: Record<string, any> | undefined): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') values[n.id] = n.value as string | undefined;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return values;
}
