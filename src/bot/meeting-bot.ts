// The Teams activity handler: reads the turn once, routes commands, card presses and sign-in invokes to scheduling,
// and sends or answers with what they return.
import {
  ActivityTypes,
  TeamsActivityHandler,
  tokenExchangeOperationName,
  verifyStateOperationName,
  type BotState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { TurnTokens } from '../auth/presser-tokens';
import type { SignIn } from '../auth/sign-in';
import { buildHelpCard, quoted } from '../cards/help-card';
import { buildMeetingListCard } from '../cards/meeting-cards';
import { progressOf } from '../dialogs/dialog-progress';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import type { Logger } from '../logger';
import type { MeetingService } from '../meetings/types';
import type { CalendarEventsMode, CalendarService } from '../meetings/calendar-events';
import type { SchedulingDeps } from '../scheduling/create-meeting';
import { MemberDirectory } from '../teams/member-directory';
import type { Reminders } from '../scheduling/reminder-delivery';
import type { TurnIO } from '../scheduling/turn-io';
import type { OnceClaims } from '../storage/once-claims';
import type { PostedForms } from '../storage/posted-forms';
import type { MeetingRecords } from '../storage/meeting-record-store';
import { isConcurrentWriteError } from '../storage/storage';
import { localeOf } from '../teams/activity-context';
import { formSubmitOf, isFormPress, pressOutOfBounds, readCardPress } from '../teams/card-press';
import { parseCommand } from '../teams/commands';
import { FETCH_TASK_INVOKE, SUBMIT_ACTION_INVOKE } from '../teams/message-action';
import { messageTextWithoutPeople } from '../teams/mentions';
import { budgetOf, listKeyOf, readTurn, TOKEN_SERVICE_BUDGET_MS, type Turn, type TurnDefaults } from '../teams/turn';
import { untilAborted } from '../abort';
import { badRequest, cardPressRoutes, type PressHandler } from './card-press-routes';
import { MessageExtension } from './message-extension';
import { ScheduleFlow, type FlowResult } from './schedule-flow';
import type { ProactiveAccess } from './thread-conversation';
import { invokeAnswerFor, TeamsConversation } from './teams-conversation';
import type { Verb } from '../teams/card-verbs';

export interface MeetingBotDeps {
  /** Per user AND per conversation (PrivateConversationState): people in one thread never share a dialog. */
  dialogState: BotState;
  meetings: MeetingService;
  records: MeetingRecords;
  forms: PostedForms;
  signIn: SignIn;
  defaultTimeZone: string;
  /** The language for users whose client sends none (DEFAULT_LOCALE); en-US when absent. */
  defaultLocale?: Locale;
  logger: Logger;
  now?: () => Date;
  /** Reminders in the meeting's conversation (absent: none). */
  reminders?: Reminders;
  /** Looks up @mentioned people (default: Teams' member lookup, cached briefly). */
  directory?: MemberDirectory;
  /**
   * The meeting as an Outlook event (CALENDAR_EVENTS), and the sign-in of its own OAuth connection
   * (CALENDAR_CONNECTION_NAME) when there is one; without it the meetings token is used.
   */
  calendar?: { service: CalendarService; mode: CalendarEventsMode; signIn?: SignIn };
  /** Posting outside a turn (the message extension's meetings, finished after the dialog closed); absent: no extension. */
  proactive?: ProactiveAccess;
  /** "First one wins" claims shared by the instances (the message extension creates each meeting once across them). */
  claims?: OnceClaims;
}

/** An invoke this bot answers itself, and what its turn ended with. */
interface Answered {
  response: InvokeResponse;
  result: FlowResult;
}

export class MeetingBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly now: () => Date;
  private readonly defaults: TurnDefaults;
  private readonly scheduling: SchedulingDeps;
  private readonly directory: MemberDirectory;
  private readonly flow: ScheduleFlow;
  private readonly routes: Record<Verb, PressHandler>;
  private readonly extension?: MessageExtension;
  private readonly onError = (err: unknown, what: string): void => this.deps.logger.warn({ err: { message: (err as Error)?.message } }, what);

  constructor(private readonly deps: MeetingBotDeps) {
    super();
    this.now = deps.now ?? (() => new Date());
    this.defaults = { locale: deps.defaultLocale ?? 'en-US', timeZone: deps.defaultTimeZone };
    this.directory = deps.directory ?? new MemberDirectory();
    this.scheduling = {
      meetings: deps.meetings,
      records: deps.records,
      forms: deps.forms,
      now: this.now,
      reminders: deps.reminders,
      onError: this.onError,
      ...(deps.calendar ? { calendar: { service: deps.calendar.service, mode: deps.calendar.mode, separateConnection: deps.calendar.signIn !== undefined } } : {}),
    };
    this.dialogState = deps.dialogState.createProperty('dialogState');
    this.flow = new ScheduleFlow({ dialogState: this.dialogState, scheduling: this.scheduling, signIn: deps.signIn });
    this.routes = cardPressRoutes(this.flow, this.scheduling);
    if (deps.proactive) this.extension = new MessageExtension({ scheduling: this.scheduling, directory: this.directory, proactive: deps.proactive, logger: deps.logger, claims: deps.claims });

    this.onMembersAdded(async (context, next) => {
      await this.welcomeIfBotAdded(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      // conversationUpdate already welcomes; this only records it.
      this.deps.logger.info({ conversationType: context.activity.conversation?.conversationType }, 'app installed');
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    // Everything this turn says is in the user's language, and every slow call shares the turn's budget.
    const turn = readTurn(context.activity, this.defaults);
    const conversation = new TeamsConversation(context);
    const tokens = new TurnTokens(this.deps.signIn, context, turn, this.onError);
    const calendarSignIn = this.deps.calendar?.signIn;
    const io: TurnIO = {
      conversation,
      roster: this.directory.rosterFor(context),
      tokens,
      // The calendar connection's token is kept apart from the meetings token (and never replaces it).
      calendarTokens: calendarSignIn ? new TurnTokens(calendarSignIn, context, turn, this.onError, 'calendarToken') : tokens,
    };
    const result = await this.dispatch(context, turn, io, conversation, tokens);
    try {
      await this.deps.dialogState.saveChanges(context, false);
    } catch (err) {
      if (isConcurrentWriteError(err)) return this.resolveConcurrentWrite(context, turn);
      // The meeting exists and its card is posted: "try again" would create a second one. The stale dialog state
      // left behind is harmless (a later submit of that form finds the meeting through its externalId).
      if (result.created) {
        this.deps.logger.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'state not saved after the meeting was created');
        return;
      }
      throw err;
    }
  }

  private async dispatch(context: TurnContext, turn: Turn, io: TurnIO, conversation: TeamsConversation, tokens: TurnTokens): Promise<FlowResult> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Message) {
      const result = await this.onMessageTurn(context, turn, io);
      if (result.reply) await conversation.send(result.reply);
      return result;
    }
    const answered = activity.type === ActivityTypes.Invoke ? await this.onInvokeTurn(context, turn, io, tokens) : undefined;
    if (!answered) {
      // Members added, installation, invokes the bot doesn't handle (botbuilder answers 501).
      await super.run(context);
      return {};
    }
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: answered.response });
    return answered.result;
  }

  /** A typed command, a magic code, or (Emulator, older cards) a button press arriving as a message. */
  private async onMessageTurn(context: TurnContext, turn: Turn, io: TurnIO): Promise<FlowResult> {
    const press = readCardPress(context.activity);
    if (press && pressOutOfBounds(press)) return { reply: { text: turn.t('reply.pressRefused') } };
    if (press && (!isFormPress(press) || formSubmitOf(press))) return this.routes[press.verb](context, turn, io, press);

    // Mentioned people become attendees, so neither they nor "with"/"invite" end up in the subject.
    const command = parseCommand(messageTextWithoutPeople(context.activity));
    const { t } = turn;
    switch (command.kind) {
      case 'schedule':
        return this.flow.start(context, turn, io, command.details, await this.directory.peopleIn(context));
      case 'cancel': {
        const had = await this.flow.cancel(context, turn, io);
        return { reply: { text: t(had ? 'reply.cancelled' : 'reply.nothingToCancel') } };
      }
      case 'signOut':
        await this.flow.cancel(context, turn, io);
        await io.tokens.forget();
        return { reply: { text: t('reply.signedOut') } };
      case 'help':
        return { reply: { card: buildHelpCard({ locale: turn.locale }) } };
      case 'list':
        return { reply: { card: await this.meetingList(turn) } };
      case 'empty':
      case 'unknown': {
        // A magic code typed into the Emulator, or a reply to a waiting prompt, belongs to the dialog.
        if (command.kind === 'unknown' && /^\d{6}$/.test(command.text) && (await this.flow.inProgress(context))) {
          return this.continueSignIn(context, turn, io);
        }
        const intro = command.kind === 'unknown' ? t('help.didNotUnderstand', { text: quoted(command.text) }) : undefined;
        return { reply: { card: buildHelpCard({ intro, locale: turn.locale }) } };
      }
    }
  }

  /**
   * Invokes this bot answers itself: a button on one of its cards in Teams (Universal Actions), answered with what
   * the presser sees next, and the sign-in invokes that continue the schedule dialog.
   */
  private async onInvokeTurn(context: TurnContext, turn: Turn, io: TurnIO, tokens: TurnTokens): Promise<Answered | undefined> {
    const { activity } = context;
    switch (activity.name) {
      case FETCH_TASK_INVOKE:
      case SUBMIT_ACTION_INVOKE: {
        // The "Schedule a meeting" message action (another command id: botbuilder's own answer).
        const response = await this.extension?.answer(context, turn, io, tokens);
        return response ? { response, result: {} } : undefined;
      }
      case 'adaptiveCard/action': {
        const refused = invalidCardAction(activity.value);
        if (refused) return { response: { status: 400, body: refused }, result: {} };
        const press = readCardPress(activity);
        const result = !press
          ? { reply: badRequest(turn.t('reply.notYourButton')) }
          : pressOutOfBounds(press)
            ? { reply: badRequest(turn.t('reply.pressRefused')) }
            : await this.routes[press.verb](context, turn, io, press);
        const answer = invokeAnswerFor(result.reply ?? { text: turn.t('reply.done') });
        return { response: { status: answer.statusCode, body: answer }, result };
      }
      case verifyStateOperationName: {
        const state = (activity.value as { state?: unknown } | undefined)?.state;
        const result = await this.continueSignIn(context, turn, io, typeof state === 'string' ? state : undefined);
        if (result.reply) await new TeamsConversation(context).send(result.reply);
        return { response: { status: 200 }, result };
      }
      case tokenExchangeOperationName: {
        const result = await this.continueSignIn(context, turn, io);
        if (result.reply) await new TeamsConversation(context).send(result.reply);
        return { response: { status: 200 }, result };
      }
      default:
        return undefined;
    }
  }

  /**
   * A turn that continues a sign-in (a magic code, verifyState, tokenExchange): the prompt asks the token service,
   * which has no deadline of its own, so the whole step gets the token service's share of the turn. A sign-in
   * completed from someone else's card (channels show one sign-in card to all) is kept for its user (`orphanCode`).
   */
  private async continueSignIn(context: TurnContext, turn: Turn, io: TurnIO, orphanCode?: string): Promise<FlowResult> {
    const step = async (): Promise<FlowResult> => {
      const result = await this.flow.continue(context, turn, io);
      if (!result.continued && orphanCode) await this.deps.signIn.completeOrphanSignIn(context, orphanCode);
      return result;
    };
    try {
      return await untilAborted(step(), budgetOf(turn, TOKEN_SERVICE_BUDGET_MS));
    } catch (err) {
      if ((err as Error)?.name !== 'TimeoutError') throw err;
      this.onError(err, 'sign-in step: the token service did not answer in time');
      return { reply: { text: turn.t('signIn.unavailable') } };
    }
  }

  /**
   * Another turn of the same user wrote the state first (double-click, redelivery, another instance). That state
   * is kept. When both turns ended up in the same place (typically: both finished the dialog) nothing needs
   * saying; otherwise the user is told plainly, since this turn's progress wasn't saved.
   */
  private async resolveConcurrentWrite(context: TurnContext, turn: Turn): Promise<void> {
    const ours = progressOf(await this.dialogState.get(context));
    await this.deps.dialogState.load(context, true);
    const theirs = progressOf(await this.dialogState.get(context));
    this.deps.logger.warn({ activityId: turn.activityId, ours, theirs }, 'dialog state changed concurrently; kept the other turn\'s state');
    if (ours !== theirs && context.activity.type === ActivityTypes.Message) await context.sendActivity(turn.t('reply.concurrentWrite'));
  }

  /** The next upcoming meetings the bot created here (for a channel: in all its threads), in the reader's zone. */
  private async meetingList(turn: Turn) {
    const { meetings, more, moreAtLeast } = await this.deps.records.upcoming(listKeyOf(turn), this.now(), 10);
    return buildMeetingListCard({
      timeZone: turn.timeZone,
      locale: turn.locale,
      more,
      moreAtLeast,
      meetings: meetings.map((r) => ({ subject: r.subject, startIso: r.startIso, endIso: r.endIso, organizerName: r.organizer.name, joinWebUrl: r.joinWebUrl })),
    });
  }

  private async welcomeIfBotAdded(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    const added = Array.isArray(context.activity.membersAdded) ? context.activity.membersAdded : [];
    if (!added.some((member) => member?.id !== undefined && member.id === botId)) return;
    const locale = localeOf(context.activity, this.defaults.locale);
    const card = buildHelpCard({ intro: translator(locale)('help.welcome'), locale });
    await new TeamsConversation(context).post(card);
  }
}

/**
 * Bot Framework's own checks of an adaptiveCard/action value (ActivityHandler.getAdaptiveCardInvokeValue), answered
 * as it answers them; undefined when the value is one to read.
 */
function invalidCardAction(value: unknown): Record<string, unknown> | undefined {
  const error = (code: string, message: string) => ({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code, message } });
  if (!value) return error('BadRequest', 'Missing value property');
  const type = (value as { action?: { type?: unknown } }).action?.type;
  if (type !== 'Action.Execute') return error('NotSupported', `The action '${String(type)}' is not supported.`);
  return undefined;
}
