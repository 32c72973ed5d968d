// Every message the bot sends that carries a card (plus the texts that come with them), built by the real
// code: the card builders from src/cards with fixed data, and — for what only the bot composes (welcome,
// sign-in prompt, error banners, short texts) — MeetingBot itself, driven through botbuilder's TestAdapter.
// Used by `npm run cards` (PNGs in docs/cards) and test/browser/cards.browser-test.ts. Every message is drawn in
// English and in Simplified Chinese (names ending in -zh-CN).
import { MemoryStorage, PrivateConversationState, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import pino from 'pino';
import { buildClosedCard } from '../src/cards/closed-card';
import { buildFormCard } from '../src/cards/form-card';
import { VERBS } from '../src/teams/card-verbs';
import { buildHelpCard } from '../src/cards/help-card';
import { formatMeetingTime } from '../src/cards/format-meeting-time';
import { buildJoinCard } from '../src/cards/join-card';
import { buildReminderCard } from '../src/cards/reminder-card';
import { buildCancelConfirmCard, buildCancelledMeetingCard, buildMeetingListCard } from '../src/cards/meeting-cards';
import { OAuthSignIn } from '../src/auth/oauth-sign-in';
import { SandboxSignIn } from '../src/auth/sandbox-sign-in';
import { meetingErrorMessage } from '../src/meetings/error-messages';
import { MeetingServiceError } from '../src/meetings/meeting-service-error';
import { SimulatedMeetingService } from '../src/meetings/simulated-meeting-service';
import type { CreateMeetingInput, CreatedMeeting, MeetingService } from '../src/meetings/types';
import { validateDraft } from '../src/meetings/validate-draft';
import { MeetingBot } from '../src/bot/meeting-bot';
import { PostedForms } from '../src/storage/posted-forms';
import { MeetingRecords } from '../src/storage/meeting-record-store';
import type { SignIn } from '../src/auth/sign-in';
import type { Locale } from '../src/i18n/locale';
import { translator } from '../src/i18n/translate';

export interface GalleryAttachment {
  contentType: string;
  content: Record<string, unknown>;
}

/** One message as a Teams user would see it: optional text (Markdown) and cards. */
export interface GalleryMessage {
  /** File name stem: docs/cards/<name>.png */
  name: string;
  title: string;
  /** When the bot sends it. */
  when: string;
  text?: string;
  attachments: GalleryAttachment[];
}

export const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
export const OAUTH = 'application/vnd.microsoft.card.oauth';

/** Fixed clock and people, so the pictures don't change from run to run. 09:00 in New York. */
const GALLERY_NOW = new Date('2026-11-27T14:00:00Z');
const GALLERY_ZONE = 'America/New_York';
const ALEX = { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000c0' };
const MEGAN = { id: '29:megan', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000c1' };
const BOT = { id: '28:meeting-bot', name: 'Meeting Bot' };
const CHANNEL = '19:planning@thread.tacv2';
const ROOT = '1795781842256';

/** The gallery in every language the bot speaks: English first (the names without a suffix), then zh-CN. */
export async function buildCardGallery(): Promise<GalleryMessage[]> {
  return [...(await galleryIn('en-US')), ...(await galleryIn('zh-CN'))];
}

/** Example subjects as a reader of that language would type them. */
const SUBJECTS: Record<Locale, { review: string; budget: string; hijack: string }> = {
  'en-US': { review: 'Design review', budget: 'Budget sync', hijack: 'Hijack' },
  'zh-CN': { review: '架构讨论', budget: '预算同步', hijack: '抢占' },
};
/** What the reader types in the transcripts. */
const TYPED: Record<Locale, { confirm: string; schedule: string; cancel: string; complete: string }> = {
  'en-US': { confirm: 'schedule Design review tomorrow at 7', schedule: 'schedule', cancel: 'cancel', complete: 'schedule Design review tomorrow 3pm for 45 min' },
  'zh-CN': { confirm: '安排 架构讨论 明天7点', schedule: '安排', cancel: '取消', complete: '安排 架构讨论 明天下午3点 45分钟' },
};

async function galleryIn(locale: Locale): Promise<GalleryMessage[]> {
  const t = translator(locale);
  const subjects = SUBJECTS[locale];
  const suffix = locale === 'en-US' ? '' : `-${locale}`;
  const inLanguage = (m: GalleryMessage): GalleryMessage =>
    suffix === '' ? m : { ...m, name: `${m.name}${suffix}`, title: `${m.title} (${locale})` };
  const adaptive = (content: object): GalleryAttachment[] => [{ contentType: ADAPTIVE, content: content as Record<string, unknown> }];
  const form = { formId: 'gallery-form', ownerId: ALEX.id, ownerName: ALEX.name, timeZone: GALLERY_ZONE, locale };

  const bad = validateDraft({ subject: '', date: '2026-11-26', time: '09:00', durationMinutes: 2 }, { now: GALLERY_NOW, timeZone: GALLERY_ZONE });
  if (bad.ok) throw new Error('gallery: expected the invalid draft to fail validation');

  const graphMeeting: CreatedMeeting = {
    id: 'MSo1N2Y5ZGFjYy03MWJmLTQ3NDMtYjQxMy01M2EdFGkdRWHJlQ',
    subject: subjects.review,
    startIso: '2026-11-28T20:00:00Z',
    endIso: '2026-11-28T20:45:00Z',
    joinWebUrl:
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzE3ZGRlN2YtYzQ2Mi00OGE1LWI5N2MtNmI3MGE2OTdjYWQ0%40thread.v2/0?context=%7b%22Tid%22%3a%2200000000-0000-0000-0000-0000000000a1%22%7d',
    organizerName: ALEX.name,
    dialIn: { tollNumber: '+1 323-555-0166', tollFreeNumber: '+1 866-555-0134', conferenceId: '274 905 613#' },
    created: true,
  };
  const simulated = await new SimulatedMeetingService().createOrGet(
    { externalId: 'gallery', subject: subjects.review, startIso: '2026-11-28T15:00:00-05:00', endIso: '2026-11-28T15:45:00-05:00' },
    'sandbox-identity:29:alex',
  );

  const messages: GalleryMessage[] = [
    {
      name: 'form-empty',
      title: 'Schedule form',
      when: '`schedule` on its own (or a command the bot could only partly read).',
      attachments: adaptive(buildFormCard({ ...form, draft: {} })),
    },
    {
      name: 'form-errors',
      title: 'Form with field errors and a banner',
      when: 'After an invalid submit each field shows its own error; the red banner on top says why the last attempt failed (here: Graph throttling).',
      attachments: adaptive(
        buildFormCard({
          ...form,
          draft: { subject: '', date: '2026-11-26', time: '09:00', durationMinutes: 2 },
          errors: Object.fromEntries(Object.entries(bad.errors).map(([field, m]) => [field, t(m)])),
          notes: bad.notes.map((n) => t(n)),
          banner: t(meetingErrorMessage(new MeetingServiceError('busy', 'throttled', { status: 429 }))),
        }),
      ),
    },
    {
      name: 'join-card',
      title: 'Meeting scheduled (Microsoft Graph)',
      when: 'The meeting was created: subject, time in the user’s zone, organizer, dial-in, and the Join button.',
      attachments: adaptive(buildJoinCard({ meeting: graphMeeting, timeZone: GALLERY_ZONE, organizerName: ALEX.name, locale })),
    },
    {
      name: 'join-card-simulated',
      title: 'Meeting scheduled (sandbox)',
      when: 'The same card in sandbox mode: the meeting is simulated and the card says so.',
      attachments: adaptive(buildJoinCard({ meeting: simulated, timeZone: GALLERY_ZONE, organizerName: ALEX.name, locale })),
    },
    {
      name: 'help-card',
      title: 'Help',
      when: '`help`, or anything the bot doesn’t understand (then with an “I didn’t understand …” line on top).',
      attachments: adaptive(buildHelpCard({ locale })),
    },
    {
      name: 'closed-card',
      title: 'Closed form',
      when: 'What a form turns into when it is cancelled with its Cancel button.',
      attachments: adaptive(buildClosedCard({ title: t('closed.cancelledTitle'), detail: t('closed.nothingCreated'), subject: subjects.budget, locale })),
    },
  ];

  // What only the bot composes: run it.
  const sandbox = transcript(new SandboxSignIn(), new SimulatedMeetingService());
  const typed = TYPED[locale];

  const welcome = await sandbox.send({
    type: 'conversationUpdate',
    membersAdded: [BOT, ALEX],
    ...channelEnvelope(ALEX, locale),
  });
  messages.push(single('welcome-card', 'Welcome', 'When the app is added to a team, a chat or a personal scope.', welcome));

  const confirm = await sandbox.send(channelMessage(ALEX, typed.confirm, locale));
  messages.push(single('form-confirm-time', 'Form asking to confirm a guessed time', '“at 7” could be morning or evening: read as 7 PM, the form is prefilled and asks to check.', confirm));

  const notYours = await sandbox.send(cardSubmit(MEGAN, confirm[0], { subject: subjects.hijack, date: '2026-11-28', time: '15:00', duration: '30' }, locale));
  messages.push(single('text-not-your-form', 'Someone else’s form', 'Someone presses Create meeting on a form another person started.', notYours));

  await sandbox.send(channelMessage(ALEX, typed.schedule, locale));
  const cancelled = await sandbox.send(channelMessage(ALEX, typed.cancel, locale));
  messages.push(single('text-cancelled', 'Cancelled', '`cancel` while a form is open.', cancelled));

  const oauth = transcript(new OAuthSignIn('MeetingBotGraph'), new SimulatedMeetingService());
  // In a Teams channel a typed request of someone not signed in gets the compact card: its Create meeting signs
  // them in inside the conversation (Universal Actions), so nobody else sees a sign-in card.
  const compact = await oauth.send(channelMessage(ALEX, typed.complete, locale));
  messages.push(
    single('confirm-details', 'Confirm the details (channel, not signed in yet)', 'Outside sandbox mode, in a channel or group chat, when the user isn’t signed in: Create meeting signs them in inside the conversation.', compact),
  );
  const signIn = await oauth.send(personalMessage(ALEX, typed.complete, locale));
  messages.push(
    single('sign-in-prompt', 'Sign-in prompt (personal chat)', 'Outside sandbox mode, in a personal chat when Teams couldn’t sign the user in silently.', signIn),
  );

  const recordId = 'mGalleryRecordId000000000';
  const manage = (view: 'everyone' | 'organizer') => ({ recordId, organizerId: ALEX.id, view, actionStyle: 'execute' as const });
  messages.push(
    {
      name: 'join-card-organizer',
      title: 'Meeting scheduled, as the organizer sees it',
      when: 'The organizer’s own view of the join card (Teams asks for it through the card’s refresh): Change and Cancel meeting.',
      attachments: adaptive(buildJoinCard({ meeting: graphMeeting, timeZone: GALLERY_ZONE, organizerName: ALEX.name, manage: manage('organizer'), locale })),
    },
    {
      name: 'change-form',
      title: 'Change the meeting',
      when: 'The organizer pressed Change: the form, prefilled, in their zone.',
      attachments: adaptive(
        buildFormCard({
          formId: recordId,
          ownerId: ALEX.id,
          ownerName: ALEX.name,
          timeZone: GALLERY_ZONE,
          draft: { subject: subjects.review, date: '2026-11-28', time: '15:00', durationMinutes: 45 },
          actionStyle: 'execute',
          change: { recordId, version: 1 },
          locale,
        }),
      ),
    },
    {
      name: 'join-card-moved',
      title: 'Meeting updated, for everyone',
      when: 'After the organizer saved a new time: everyone’s card shows it and where it moved from.',
      attachments: adaptive(
        buildJoinCard({
          meeting: { ...graphMeeting, startIso: '2026-11-28T21:30:00Z', endIso: '2026-11-28T22:15:00Z' },
          timeZone: GALLERY_ZONE,
          organizerName: ALEX.name,
          movedFrom: { startIso: graphMeeting.startIso, by: ALEX.name },
          manage: manage('everyone'),
          locale,
        }),
      ),
    },
    {
      name: 'cancel-confirm',
      title: 'Cancel for everyone?',
      when: 'The organizer pressed Cancel meeting: one more press to confirm.',
      attachments: adaptive(buildCancelConfirmCard({ recordId, subject: subjects.review, when: formatMeetingTime(graphMeeting.startIso, graphMeeting.endIso, GALLERY_ZONE, locale), actionStyle: 'execute', locale })),
    },
    {
      name: 'meeting-cancelled',
      title: 'Meeting cancelled',
      when: 'What everyone sees once the organizer cancelled it: no Join any more.',
      attachments: adaptive(buildCancelledMeetingCard({ subject: subjects.review, startIso: graphMeeting.startIso, endIso: graphMeeting.endIso, timeZone: GALLERY_ZONE, note: t('cancelled.by', { name: ALEX.name }), locale })),
    },
    {
      name: 'meetings-list',
      title: 'Upcoming meetings',
      when: '`meetings`: the upcoming meetings scheduled in this chat (for a channel: all its threads), soonest first.',
      attachments: adaptive(
        buildMeetingListCard({
          timeZone: GALLERY_ZONE,
          locale,
          meetings: [
            { subject: subjects.review, startIso: graphMeeting.startIso, endIso: graphMeeting.endIso, organizerName: ALEX.name, joinWebUrl: graphMeeting.joinWebUrl },
            { subject: subjects.budget, startIso: '2026-11-30T15:00:00Z', endIso: '2026-11-30T15:30:00Z', organizerName: 'Megan Bowen', joinWebUrl: graphMeeting.joinWebUrl },
          ],
        }),
      ),
    },
  );

  const people = [
    { id: '29:megan', name: 'Megan Bowen' },
    { id: '29:priya', name: 'Priya Patel' },
  ];
  messages.push(
    {
      name: 'join-card-attendees',
      title: 'Meeting scheduled with attendees and a reminder',
      when: '`schedule Design review tomorrow 3pm with @Megan @Priya @Sam`: the mentioned people are invited (and mentioned, so Teams notifies them); someone who couldn’t be looked up is named; Add to my calendar for everyone.',
      attachments: adaptive(
        buildJoinCard({
          meeting: graphMeeting,
          timeZone: GALLERY_ZONE,
          organizerName: ALEX.name,
          attendees: people,
          unresolved: [{ name: 'Sam', reason: 'notFound' }],
          reminderMinutes: 10,
          manage: manage('everyone'),
          locale,
        }),
      ),
    },
    {
      name: 'join-card-invitations',
      title: 'Meeting scheduled, Outlook invitations sent',
      when: 'The organizer’s calendar token is at hand: the meeting is an event in their Outlook calendar with the attendees invited by email; Add to my calendar stays for everyone else.',
      attachments: adaptive(
        buildJoinCard({
          meeting: graphMeeting,
          timeZone: GALLERY_ZONE,
          organizerName: ALEX.name,
          attendees: people,
          reminderMinutes: 10,
          calendar: { lines: [{ text: t('calendar.invitationsSent', { names: people.map((p) => p.name).join(t('common.listSeparator')) }) }] },
          manage: manage('everyone'),
          locale,
        }),
      ),
    },
    {
      name: 'join-card-invitations-not-sent',
      title: 'The organizer’s card when the invitations couldn’t be sent yet',
      when: 'No token for the calendar connection yet (or Graph refused the calendar): the meeting exists; the card says why, and the organizer can press Send Outlook invitations (Teams signs them in to the calendar, then the event is made).',
      attachments: adaptive(
        buildJoinCard({
          meeting: graphMeeting,
          timeZone: GALLERY_ZONE,
          organizerName: ALEX.name,
          attendees: people,
          calendar: {
            lines: [{ text: t('calendar.notSent', { reason: t('calendar.reason.signIn') }), attention: true }, { text: t('calendar.addYourself') }],
            sendInvitations: true,
          },
          manage: manage('organizer'),
          locale,
        }),
      ),
    },
    {
      name: 'change-form-attendees',
      title: 'Change the meeting: invite and uninvite people',
      when: 'The organizer pressed Change in a channel: the attendees are ticked, the channel’s members can be added (typing filters the list), and the reminder can move.',
      attachments: adaptive(
        buildFormCard({
          formId: recordId,
          ownerId: ALEX.id,
          ownerName: ALEX.name,
          timeZone: GALLERY_ZONE,
          draft: { subject: subjects.review, date: '2026-11-28', time: '15:00', durationMinutes: 45 },
          people: { attendees: people.map((p, i) => ({ ...p, objectId: `00000000-0000-0000-0000-00000000000${i + 1}` })), unresolved: [], everyone: false },
          addable: { members: [{ id: '29:sam', name: 'Sam Jones' }, { id: '29:lee', name: 'Lee Gu' }, { id: '29:diego', name: 'Diego Siciliani' }], more: false },
          reminderInput: 10,
          actionStyle: 'execute',
          change: { recordId, version: 1 },
          locale,
        }),
      ),
    },
    {
      name: 'reminder',
      title: 'Reminder in the thread',
      when: 'Posted in the meeting’s conversation shortly before it starts (10 minutes by default), mentioning the attendees.',
      attachments: adaptive(buildReminderCard({ subject: subjects.review, minutesLeft: 10, joinWebUrl: graphMeeting.joinWebUrl, attendees: people, locale })),
    },
  );

  const failing = transcript(new SandboxSignIn(), failingMeetings(new MeetingServiceError('forbidden', 'Forbidden', { status: 403, code: 'Forbidden', requestId: '8f2c6c1e-2c55-4b8e-9d0a-6b1f0f5e7a11' })));
  const forbidden = await failing.send(channelMessage(ALEX, typed.complete, locale));
  messages.push(single('error-forbidden', 'Graph refused: the form comes back with the reason', 'Graph answered 403 (no licence, policy or consent); the details are kept.', forbidden));

  return messages.map(inLanguage);
}

/** The one message a turn produced (typing indicators aside), as a gallery entry. */
function single(name: string, title: string, when: string, sent: Partial<Activity>[]): GalleryMessage {
  if (sent.length !== 1) {
    throw new Error(`gallery: "${name}" expected the bot to send one message, got ${sent.length}: ${JSON.stringify(sent).slice(0, 500)}`);
  }
  const a = sent[0];
  return {
    name,
    title,
    when,
    text: typeof a.text === 'string' && a.text !== '' ? a.text : undefined,
    attachments: (a.attachments ?? []).map((att) => ({ contentType: att.contentType, content: att.content as Record<string, unknown> })),
  };
}

function failingMeetings(err: MeetingServiceError): MeetingService {
  return {
    async createOrGet(_input: CreateMeetingInput): Promise<CreatedMeeting> {
      throw err;
    },
    async update(): Promise<CreatedMeeting> {
      throw err;
    },
    async get(): Promise<CreatedMeeting> {
      throw err;
    },
    async cancel(): Promise<void> {
      throw err;
    },
  };
}

class RecordingAdapter extends TestAdapter {
  readonly updates: Partial<Activity>[] = [];
  override async updateActivity(context: TurnContext, activity: Partial<Activity>) {
    this.updates.push(activity);
    return super.updateActivity(context, activity);
  }
}

function transcript(signIn: SignIn, meetings: MeetingService): { send(activity: Partial<Activity>): Promise<Partial<Activity>[]> } {
  const storage = new MemoryStorage();
  const bot = new MeetingBot({
    dialogState: new PrivateConversationState(storage),
    meetings,
    records: new MeetingRecords(storage, () => GALLERY_NOW),
    forms: new PostedForms(storage),
    signIn,
    defaultTimeZone: 'UTC',
    logger: pino({ level: 'silent' }),
    now: () => GALLERY_NOW,
  });
  const adapter = new RecordingAdapter(async (context) => bot.run(context));
  return {
    async send(activity) {
      const before = adapter.activeQueue.length;
      const updatesBefore = adapter.updates.length;
      await adapter.processActivity(activity);
      const sent = adapter.activeQueue.splice(before).filter((a) => a.type !== 'typing').map(invokeAnswerAsMessage);
      // A card updated in place is what the user sees as the answer too.
      return [...sent, ...adapter.updates.slice(updatesBefore)];
    },
  };
}

function channelEnvelope(user: typeof ALEX, locale: Locale): Partial<Activity> {
  return {
    channelId: 'msteams',
    locale: locale.toLowerCase(),
    from: user,
    recipient: BOT,
    conversation: { id: `${CHANNEL};messageid=${ROOT}`, isGroup: true, conversationType: 'channel', tenantId: 't', name: '' },
    localTimezone: GALLERY_ZONE,
    channelData: { teamsChannelId: CHANNEL, teamsTeamId: '19:contoso@thread.tacv2', channel: { id: CHANNEL }, team: { id: '19:contoso@thread.tacv2' }, tenant: { id: 't' } },
  };
}

function channelMessage(user: typeof ALEX, text: string, locale: Locale): Partial<Activity> {
  return {
    type: 'message',
    text: `<at>Meeting Bot</at> ${text}`,
    entities: [
      { type: 'mention', mentioned: BOT, text: '<at>Meeting Bot</at>' },
      { type: 'clientInfo', locale, timezone: GALLERY_ZONE },
    ],
    ...channelEnvelope(user, locale),
  };
}

/** A message in the user's personal chat with the bot. */
function personalMessage(user: typeof ALEX, text: string, locale: Locale): Partial<Activity> {
  return {
    type: 'message',
    text,
    channelId: 'msteams',
    locale: locale.toLowerCase(),
    from: user,
    recipient: BOT,
    conversation: { id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: 't', isGroup: false, name: '' },
    localTimezone: GALLERY_ZONE,
    entities: [{ type: 'clientInfo', locale, timezone: GALLERY_ZONE }],
    channelData: { tenant: { id: 't' } },
  };
}

/** An Action.Submit of the card in `cardActivity` by `user`, as Teams sends it (value = data + inputs). */
/** What the presser sees of a Universal Actions press: the invoke's answer, as a message. */
function invokeAnswerAsMessage(a: Partial<Activity>): Partial<Activity> {
  if (a.type !== 'invokeResponse') return a;
  const body = (a.value as { body?: { type?: string; value?: unknown } } | undefined)?.body;
  if (body?.type === 'application/vnd.microsoft.activity.message') return { type: 'message', text: String(body.value) };
  if (body?.type === ADAPTIVE) return { type: 'message', attachments: [{ contentType: ADAPTIVE, content: body.value }] };
  return a;
}

/**
 * A press of Create meeting on the card in `cardActivity` by `user`, as Teams sends it: an adaptiveCard/action invoke
 * for Action.Execute (what Teams gets), a message whose value is data + inputs for Action.Submit.
 */
function cardSubmit(user: typeof ALEX, cardActivity: Partial<Activity> | undefined, inputs: Record<string, string>, locale: Locale): Partial<Activity> {
  type Action = { type?: string; verb?: string; data?: { action?: string } };
  const content = cardActivity?.attachments?.find((a) => a.contentType === ADAPTIVE)?.content as { actions?: Action[] } | undefined;
  const action = content?.actions?.find((a) => (a.verb ?? a.data?.action) === VERBS.create);
  if (!action?.data) throw new Error('gallery: no "Create meeting" action on the form card');
  const data = { ...action.data, ...inputs };
  if (action.type === 'Action.Execute') {
    return {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: cardActivity?.id,
      value: { action: { type: 'Action.Execute', verb: action.verb, data }, trigger: 'manual' },
      ...channelEnvelope(user, locale),
    };
  }
  return { type: 'message', text: '', replyToId: cardActivity?.id, value: data, ...channelEnvelope(user, locale) };
}
