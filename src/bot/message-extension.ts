// "Schedule a meeting" from any message: the action-based message extension. fetchTask answers with a dialog holding
// the scheduling form, prefilled from the message (subject, date and time as the commands read them, the author and
// the people it @mentions as attendees, looked up in this conversation); submitAction validates like the form does,
// creates the meeting as the user and posts the join card in the message's thread, within Teams' 5 s for a dialog
// submit — or answers first and finishes proactively.
//
// Every answer is a dialog (`task: continue`): the form, or a short card saying what happened. Teams documents
// "another dialog" for all three contexts; a `task: message` answer to submitAction has been reported to show
// "Something went wrong" in Teams (on the Teams docs' own tracker), and an empty answer, which Teams takes as "close",
// is shown as an invalid response by Agents Playground, whose zod schema needs a `task` or a `composeExtension`.
import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { TurnTokens } from '../auth/presser-tokens';
import { adaptiveCardAttachment } from '../cards/attachment';
import { buildClosedCard } from '../cards/closed-card';
import type { AdaptiveCard, CardAction } from '../cards/card-elements';
import type { Said } from '../i18n/translate';
import { externalIdFor, formIdFor } from '../meetings/external-id';
import { message as said } from '../meetings/message';
import type { DraftField, MeetingDraft, ValidMeeting } from '../meetings/types';
import { validateDraft } from '../meetings/validate-draft';
import type { Logger } from '../logger';
import { createMeeting, type SchedulingDeps } from '../scheduling/create-meeting';
import { MemoryOnceClaims, type OnceClaims } from '../storage/once-claims';
import { formCardFor } from '../scheduling/form-views';
import { carriedPeople, startFromParse, withChoices, type ScheduleRequest } from '../scheduling/schedule-request';
import type { PresserTokens, TurnIO } from '../scheduling/turn-io';
import { formSubmitOf } from '../teams/card-press';
import { VERBS } from '../teams/card-verbs';
import type { MemberDirectory } from '../teams/member-directory';
import { messageIdFrom, readMessageAction, submitOutOfBounds, type MessageAction } from '../teams/message-action';
import { TURN_BUDGET_MS, type Turn } from '../teams/turn';
import { ThreadConversation, type ProactiveAccess } from './thread-conversation';

/** Teams waits 5 s for the answer to a dialog submit; the dialog closes by then whatever Graph does. */
export const SUBMIT_ANSWER_MS = 4_000;

const FAILED: Said = said('graphError.failed.create', { ref: '' });

export interface MessageExtensionDeps {
  scheduling: SchedulingDeps;
  directory: MemberDirectory;
  proactive: ProactiveAccess;
  logger: Logger;
  /** How long a submit waits for the meeting before the dialog answers and the meeting is finished proactively. */
  submitAnswerMs?: number;
  /** Shared by the instances (Blob storage): each meeting is created, and its card posted, by one of them. */
  claims?: OnceClaims;
}

/** What a submit of valid details comes to within its answer time. */
type SubmitOutcome = { kind: 'scheduled' } | { kind: 'pending' } | { kind: 'failed'; banner: Said };
const PENDING: SubmitOutcome = { kind: 'pending' };

/**
 * How long a claimed creation is waited for before another submit may take it over: a creation ends within its turn
 * budget (13 s), and a live claim is renewed while it runs.
 */
const CREATE_CLAIM_MS = 30_000;

/** The Create button's data beyond the form's own: which message (and thread) the dialog was opened from. */
interface SourceData {
  /**
   * The message's id (or, opened from the compose box, the fetch invoke's), part of the form's identity. Not named
   * `key`: Agents Playground's dialog throws on submit data with a `key` property ("Cannot assign to read only
   * property 'key'") and never sends the submit.
   */
  sourceId: string;
  /** The root of the message's reply chain in a channel. */
  rootId?: string;
}

export class MessageExtension {
  /** Meetings being created in this process, by externalId: a second submit of the same form leaves it to the first. */
  private readonly inFlight = new Map<string, Promise<SubmitOutcome>>();
  private readonly claims: OnceClaims;

  constructor(private readonly deps: MessageExtensionDeps) {
    this.claims = deps.claims ?? new MemoryOnceClaims();
  }

  /** The invoke's answer, or undefined when it isn't this extension's command. */
  async answer(context: TurnContext, turn: Turn, io: TurnIO, tokens: TurnTokens): Promise<InvokeResponse | undefined> {
    const action = readMessageAction(context.activity);
    if (!action) return undefined;
    const body = context.activity.name === 'composeExtension/fetchTask' ? await this.fetchTask(context, turn, tokens, action) : await this.submit(turn, io, tokens, action);
    return { status: 200, body };
  }

  private async fetchTask(context: TurnContext, turn: Turn, tokens: TurnTokens, action: MessageAction): Promise<unknown> {
    const signIn = await this.signInFirst(turn, tokens, action);
    if (signIn) return signIn;
    const message = action.message;
    const source: SourceData = message ? { sourceId: message.id, rootId: message.rootId } : { sourceId: messageIdFrom(turn.activityId) ?? 'compose' };
    const thread = threadOf(turn, source);
    const { now } = this.deps.scheduling;
    const parsed = message && message.text !== '' ? parser().parseSchedule(message.text, { now: now(), timeZone: turn.timeZone, locale: turn.clientLocale }) : { draft: {}, ambiguities: {} };
    const people = message ? await this.deps.directory.peopleOf(context, message.people) : undefined;
    const start = startFromParse(turn, formIdFor(thread, turn.user.id, source.sourceId), parsed, people);
    const result = validateDraft(start.draft, { now: now(), timeZone: start.timeZone });
    const errors: Partial<Record<DraftField, Said>> = { ...(start.ambiguities ?? {}) };
    if (!result.ok) for (const [field, said] of Object.entries(result.errors) as [DraftField, Said][]) if (isGiven(start.draft, field)) errors[field] ??= said;
    return this.dialog(turn, start, source, errors, result.ok ? result.meeting.notes : result.notes);
  }

  private async submit(turn: Turn, io: TurnIO, tokens: TurnTokens, action: MessageAction): Promise<unknown> {
    const { t } = turn;
    const data = action.data ?? {};
    if (submitOutOfBounds(data)) return noticeAnswer(turn, t('reply.pressRefused'));
    // The dialog's X closes it without a submit; a Cancel (older dialogs) closes it too.
    if (data.action === VERBS.cancelForm) return {};
    const submit = formSubmitOf({ verb: VERBS.create, data, via: 'submit' });
    const source: SourceData | undefined = messageIdFrom(data.sourceId) ? { sourceId: data.sourceId as string, ...(messageIdFrom(data.rootId) ? { rootId: data.rootId as string } : {}) } : undefined;
    // The form is bound to its user and to this conversation: a form made elsewhere (or for someone else) names
    // another formId than the one this conversation, user and message give.
    if (!submit || !source || submit.ownerId !== turn.user.id || submit.formId !== formIdFor(threadOf(turn, source), turn.user.id, source.sourceId)) {
      return noticeAnswer(turn, t('extension.refused'));
    }
    const timeZone = turn.activityTimeZone ?? submit.timeZone ?? turn.timeZone;
    // People are looked up in this conversation: nobody becomes an attendee on the dialog's word.
    const request: ScheduleRequest = {
      formId: submit.formId,
      ownerId: turn.user.id,
      ownerName: turn.user.name,
      timeZone,
      draft: submit.draft,
      ...withChoices({ people: await carriedPeople(io.roster, submit.people) }, submit),
    };
    const result = validateDraft(request.draft, { now: this.deps.scheduling.now(), timeZone });
    if (!result.ok) return this.dialog(turn, request, source, result.errors, result.notes, request.people?.attendees.map((a) => a.id));
    const signIn = await this.signInFirst(turn, tokens, action);
    if (signIn) return signIn;
    const outcome = await this.createInThread(turn, io, request, source, result.meeting);
    // The card is in the thread (or will be shortly): the dialog says so; its own X closes it.
    if (outcome.kind === 'pending') return noticeAnswer(turn, t('extension.scheduling'), t('extension.schedulingTitle'), result.meeting.subject);
    if (outcome.kind === 'scheduled') return noticeAnswer(turn, t('extension.scheduled'), t('extension.scheduledTitle'), result.meeting.subject);
    // Graph said no in time: the dialog again with the reason on top and everything the user gave.
    return this.dialog(turn, { ...request, banner: outcome.banner }, source, {}, [], request.people?.attendees.map((a) => a.id));
  }

  /**
   * Creates the meeting as the user in the message's thread, once: the same form with the same details is created by
   * the first submit to claim it, on whichever instance (a double click, or Teams' retry reaching another instance,
   * is told it is being scheduled or is scheduled). Resolves within the submit's answer time; a creation that takes
   * longer is finished proactively (the join card, or what went wrong, in the thread).
   */
  private async createInThread(turn: Turn, io: TurnIO, request: ScheduleRequest, source: SourceData, meeting: ValidMeeting): Promise<SubmitOutcome> {
    const thread = new ThreadConversation(this.deps.proactive, turn, threadOf(turn, source));
    const key = externalIdFor({ conversationId: thread.conversationId, userId: turn.user.id, formId: request.formId, subject: meeting.subject, startIso: meeting.startIso, endIso: meeting.endIso });
    if (this.inFlight.has(key)) return PENDING;
    const claim = await this.claims.begin(`extension|${key}`, CREATE_CLAIM_MS).catch((err: unknown) => {
      // Without the claim store createOrGet and the record still make it one meeting; only a second card could follow.
      this.warn(err, 'could not claim the meeting from a message');
      return undefined;
    });
    if (claim?.state === 'done') return { kind: 'scheduled' };
    if (claim?.state === 'in-progress') return PENDING;

    const threadTurn: Turn = { ...turn, conversationId: thread.conversationId, isCardInvoke: false, deadline: Date.now() + TURN_BUDGET_MS };
    const token = turn.token!;
    const calendar = this.deps.scheduling.calendar;
    const calendarToken = calendar?.separateConnection ? await io.calendarTokens.atHand().catch(() => undefined) : token;
    const threadIo: TurnIO = { conversation: thread, roster: io.roster, tokens: heldToken(token), calendarTokens: heldToken(calendarToken) };
    let answered = false;
    const said = (banner: Said): Promise<void> =>
      // A failure the dialog could still show is shown there; after the dialog answered, it is said in the thread.
      answered ? thread.postText(turn.t('extension.notCreated', { subject: meeting.subject, reason: turn.t(banner) })).catch((err: unknown) => this.warn(err, 'could not post the failure in the thread')) : Promise.resolve();
    const work = createMeeting(threadTurn, threadIo, this.deps.scheduling, meeting, request, token, { mayReauthenticate: false })
      .then(async (outcome): Promise<SubmitOutcome> => {
        if (outcome.kind === 'created') {
          await claim?.finish().catch((err: unknown) => this.warn(err, 'could not mark the meeting from a message created'));
          return { kind: 'scheduled' };
        }
        // Not created: a later submit may try again.
        await claim?.release().catch(() => undefined);
        const banner = outcome.kind === 'form' ? outcome.banner : ({ key: 'signIn.unavailable' } as Said);
        await said(banner);
        return { kind: 'failed', banner };
      })
      .catch(async (err: unknown): Promise<SubmitOutcome> => {
        this.warn(err, 'the meeting from a message was not created');
        await claim?.release().catch(() => undefined);
        await said(FAILED);
        return { kind: 'failed', banner: FAILED };
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);

    const waitMs = Math.max(0, (this.deps.submitAnswerMs ?? SUBMIT_ANSWER_MS) - (Date.now() - (turn.deadline - TURN_BUDGET_MS)));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<SubmitOutcome>((resolve) => (timer = setTimeout(() => resolve(PENDING), waitMs)));
    try {
      return await Promise.race([work, late]);
    } finally {
      answered = true;
      clearTimeout(timer);
    }
  }

  /** Without the user's token: the extension's sign-in answer (undefined when the token is at hand). */
  private async signInFirst(turn: Turn, tokens: TurnTokens, action: MessageAction): Promise<unknown> {
    let got;
    try {
      got = await tokens.forExtension(action.state);
    } catch (err) {
      this.warn(err, 'token lookup failed');
      return noticeAnswer(turn, turn.t('signIn.unavailable'));
    }
    if ('token' in got) return undefined;
    return { composeExtension: { type: 'auth', suggestedActions: { actions: [{ type: 'openUrl', value: got.signInLink, title: turn.t('extension.signIn') }] } } };
  }

  /** The dialog with the form: Action.Submit (what dialogs take), without Cancel (the dialog has its own close). */
  private dialog(turn: Turn, request: ScheduleRequest & { banner?: Said }, source: SourceData, errors: Partial<Record<DraftField, Said>>, notes: Said[], ticked?: string[]): unknown {
    const form = formCardFor(turn, request, { errors, notes, actionStyle: 'submit', ticked });
    const card: AdaptiveCard = { ...form, actions: dialogActions(form.actions ?? [], source) };
    return { task: { type: 'continue', value: { title: turn.t('extension.title'), height: 'large', width: 'medium', card: adaptiveCardAttachment(card) } } };
  }

  private warn(err: unknown, what: string): void {
    this.deps.logger.warn({ err: { message: (err as Error)?.message } }, what);
  }
}

/** The form's Create with the message it came from; its Cancel left out. */
function dialogActions(actions: readonly CardAction[], source: SourceData): CardAction[] {
  return actions
    .filter((a) => !(a.type === 'Action.Submit' && (a.data as { action?: unknown } | undefined)?.action === VERBS.cancelForm))
    .map((a) => (a.type === 'Action.Submit' ? { ...a, data: { ...(a.data as object), ...source } } : a));
}

/**
 * Where the meeting's card goes: in a channel the reply chain of the message (`<channel>;messageid=<root>`), or a new
 * post when the dialog wasn't opened from a message; in a chat the chat.
 */
function threadOf(turn: Turn, source: SourceData): string {
  if (turn.conversationKind === 'channel' && turn.channelThreadId) return source.rootId ? `${turn.channelThreadId};messageid=${source.rootId}` : turn.channelThreadId;
  return turn.conversationId;
}

/** A dialog with a short card in place of the form: what happened, for the dialog's own close to end. */
function noticeAnswer(turn: Turn, detail: string, title = turn.t('extension.title'), subject?: string): unknown {
  const card = buildClosedCard({ title, detail, subject, locale: turn.locale });
  return { task: { type: 'continue', value: { title: turn.t('extension.title'), height: 'small', width: 'medium', card: adaptiveCardAttachment(card) } } };
}

/** The token the submit got, held for work that may outlast its turn (the turn's context can't be used then). */
function heldToken(token: string | undefined): PresserTokens {
  return {
    forPress: async () => (token ? { token } : { reply: { text: '' } }),
    atHand: async () => token,
    forget: async () => undefined,
  };
}

function isGiven(draft: MeetingDraft, field: DraftField): boolean {
  const value = field === 'duration' ? draft.durationMinutes : draft[field];
  return value !== undefined && value !== '';
}

let parserModule: typeof import('../meetings/parse-schedule') | undefined;
function parser(): typeof import('../meetings/parse-schedule') {
  return (parserModule ??= require('../meetings/parse-schedule') as typeof import('../meetings/parse-schedule'));
}
