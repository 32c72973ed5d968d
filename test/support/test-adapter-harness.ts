// Drives MeetingBot in process through botbuilder's TestAdapter, with the same Teams-shaped activities
// (support/activities.ts) the out-of-process tests post over HTTP.
import { MemoryStorage, PrivateConversationState, TestAdapter, type Activity, type Storage, type TurnContext } from 'botbuilder';
import assert from 'node:assert/strict';
import pino from 'pino';
import type { SignIn } from '../../src/auth/sign-in';
import { MeetingServiceError } from '../../src/meetings/meeting-service-error';
import type { CreateMeetingInput, CreatedMeeting, MeetingChange, MeetingService } from '../../src/meetings/types';
import { MeetingBot } from '../../src/bot/meeting-bot';
import { Reminders } from '../../src/scheduling/reminder-delivery';
import type { ReminderQueue } from '../../src/storage/reminder-queue';
import type { MemberDirectory } from '../../src/teams/member-directory';
import { PostedForms } from '../../src/storage/posted-forms';
import { MeetingRecords } from '../../src/storage/meeting-record-store';
import { VERBS } from '../../src/teams/card-verbs';
import type { Locale } from '../../src/i18n/locale';
import * as activities from '../../support/activities';
import { ALICE, BOB, BOT_APP_ID, BOT_NAME, CHANNEL_ID, type TeamsUser } from '../../support/activities';

const NOW = new Date('2026-11-27T14:00:00Z'); // 09:00 in New York
/** Root post of the channel thread every channel activity here belongs to. */
export const ROOT = '1795781842256';
export { ALICE, BOB, CHANNEL_ID };
/** The bot's account as Teams addresses it in every activity built here. */
export const BOT = { id: `28:${BOT_APP_ID}`, name: BOT_NAME };

/** A MeetingService double for unit tests: records calls, answers like createOrGet, fails on demand. */
class RecordingMeetingService implements MeetingService {
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

  readonly updates: { meetingId: string; change: MeetingChange; token: string }[] = [];
  readonly cancels: { meetingId: string; token: string }[] = [];

  async update(meetingId: string, change: MeetingChange, token: string): Promise<CreatedMeeting> {
    this.updates.push({ meetingId, change, token });
    const failure = this.failures.shift();
    if (failure) throw failure;
    const meeting = this.byId(meetingId);
    Object.assign(meeting, { subject: change.subject, startIso: new Date(change.startIso).toISOString(), endIso: new Date(change.endIso).toISOString() });
    return { ...meeting, created: false };
  }

  async get(meetingId: string): Promise<CreatedMeeting> {
    return { ...this.byId(meetingId), created: false };
  }

  async cancel(meetingId: string, token: string): Promise<void> {
    this.cancels.push({ meetingId, token });
    const failure = this.failures.shift();
    if (failure) throw failure;
    const meeting = this.byId(meetingId);
    for (const [k, m] of this.byExternalId) if (m === meeting) this.byExternalId.delete(k);
  }

  private byId(meetingId: string): CreatedMeeting {
    const found = [...this.byExternalId.values()].find((m) => m.id === meetingId);
    if (!found) throw new MeetingServiceError('notFound', 'The specified meeting could not be found.', { status: 404, code: 'NotFound' });
    return found;
  }
}

export interface Harness {
  adapter: RecordingTestAdapter;
  meetings: RecordingMeetingService;
  /** Everything the bot sent during the turn, typing indicators and the invoke response excluded. */
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** The invoke response of the last invoke sent (what the presser sees in Teams). */
  lastInvokeResponse(): { status: number; body: any } | undefined;
}

/** TestAdapter that also records card updates (PUT) separately from new activities. */
class RecordingTestAdapter extends TestAdapter {
  readonly updates: Partial<Activity>[] = [];
  override async updateActivity(context: TurnContext, activity: Partial<Activity>) {
    this.updates.push(activity);
    return super.updateActivity(context, activity);
  }
}

export function createHarness(
  signIn: SignIn,
  opts: { now?: Date; storage?: Storage; defaultLocale?: Locale; directory?: MemberDirectory; reminderQueue?: ReminderQueue } = {},
): Harness {
  const meetings = new RecordingMeetingService();
  const storage = opts.storage ?? new MemoryStorage();
  const records = new MeetingRecords(storage, () => opts.now ?? NOW);
  // With a queue, reminders are planned and queued as in the bot (nothing is posted: no job comes due in a test).
  const reminders = opts.reminderQueue
    ? new Reminders({ records, queue: opts.reminderQueue, post: async () => undefined, defaultMinutes: 10, claimMs: 1000, now: () => opts.now ?? NOW })
    : undefined;
  const bot = new MeetingBot({
    dialogState: new PrivateConversationState(storage),
    meetings,
    records,
    reminders,
    forms: new PostedForms(storage),
    signIn,
    defaultTimeZone: 'UTC',
    defaultLocale: opts.defaultLocale,
    logger: pino({ level: 'silent' }),
    now: () => opts.now ?? NOW,
    directory: opts.directory,
  });
  const adapter = new RecordingTestAdapter(async (context) => bot.run(context));
  let invokeResponse: { status: number; body: any } | undefined;
  return {
    adapter,
    meetings,
    async send(activity) {
      const before = adapter.activeQueue.length;
      await adapter.processActivity(activity);
      const sent = adapter.activeQueue.splice(before);
      const response = sent.find((a) => a.type === 'invokeResponse');
      if (response) invokeResponse = response.value as { status: number; body: any };
      return sent.filter((a) => a.type !== 'typing' && a.type !== 'invokeResponse');
    },
    lastInvokeResponse: () => invokeResponse,
  };
}

/** Where replies would go; TestAdapter never calls it. */
const SERVICE_URL = 'https://smba.test.invalid/amer/';

/** A channel post in the test thread (America/New_York), mentioning the bot; `locale` is the client's language (en-US). */
export function threadMessage(text: string, user: TeamsUser = ALICE, extra: { id?: string; locale?: string } = {}): Partial<Activity> {
  return activities.channelMessage({ serviceUrl: SERVICE_URL, text, user, rootMessageId: ROOT, id: extra.id, locale: extra.locale }) as Partial<Activity>;
}

/** A message in the user's personal chat with the bot (Europe/Berlin). */
export function directMessage(text: string, user: TeamsUser = ALICE, extra: { locale?: string } = {}): Partial<Activity> {
  return activities.personalMessage({ serviceUrl: SERVICE_URL, text, user, tz: 'Europe/Berlin', locale: extra.locale }) as Partial<Activity>;
}

/**
 * A press of the card's button with `verb` in the test thread, as the client sends it: an adaptiveCard/action invoke
 * for Action.Execute (Teams), a message submit for Action.Submit; the button's data + `inputs`.
 */
export function pressButton(card: Partial<Activity>, inputs: Record<string, string>, user: TeamsUser = ALICE, verb: string = VERBS.create, locale?: string): Partial<Activity> {
  return activities.cardPress({
    serviceUrl: SERVICE_URL,
    user,
    locale,
    card: cardIn(card),
    verb,
    inputs,
    replyToId: card.id ?? '',
    conversation: activities.channelConversation(CHANNEL_ID, ROOT),
  }) as Partial<Activity>;
}

export function cardIn(activity: Partial<Activity> | undefined): Record<string, any> | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, any> | undefined;
}

/** The Join button's URL on a card activity. */
export function joinUrl(activity: Partial<Activity> | undefined): string | undefined {
  const action = (cardIn(activity)?.actions as any[] | undefined)?.find((a) => a.type === 'Action.OpenUrl');
  return action?.url;
}

/** The one card among a turn's replies. */
export function onlyCard(replies: Partial<Activity>[]): Partial<Activity> {
  const cards = replies.filter((r) => cardIn(r));
  assert.equal(cards.length, 1, `expected exactly one card, got ${JSON.stringify(replies.map((r) => r.text ?? r.attachments?.[0]?.contentType))}`);
  return cards[0];
}

/** The automatic refresh a viewer's Teams client sends for a card with `refresh` (user-specific views). */
export function refreshInvoke(card: Partial<Activity>, user: TeamsUser, tz = 'America/New_York'): Partial<Activity> {
  const refresh = cardIn(card)?.refresh;
  if (!refresh) throw new Error(`no refresh on card: ${JSON.stringify(cardIn(card))}`);
  return activities.cardActionInvoke({
    serviceUrl: SERVICE_URL,
    user,
    tz,
    verb: refresh.action.verb,
    data: refresh.action.data,
    trigger: 'automatic',
    replyToId: card.id ?? '',
    conversation: activities.channelConversation(CHANNEL_ID, ROOT),
  }) as Partial<Activity>;
}

/** A press of the button with `verb` on a card the presser was shown (e.g. an invoke answer) that lives at `activityId`. */
export function pressOn(card: Record<string, any>, activityId: string, verb: string, user: TeamsUser = ALICE, inputs: Record<string, string> = {}): Partial<Activity> {
  return activities.cardPress({
    serviceUrl: SERVICE_URL,
    user,
    card,
    verb,
    inputs,
    replyToId: activityId,
    conversation: activities.channelConversation(CHANNEL_ID, ROOT),
  }) as Partial<Activity>;
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
