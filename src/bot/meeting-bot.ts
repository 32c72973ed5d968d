// The Teams activity handler: routes commands, card submits and sign-in invokes to scheduling and the per-user dialog.
import {
  ActivityTypes,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type SigninStateVerificationQuery,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { ActionToken, SignIn } from '../auth/sign-in';
import { adaptiveCardAttachment } from '../cards/attachment';
import { buildHelpCard, quoted } from '../cards/help-card';
import { SCHEDULE_DIALOG_ID, ScheduleDialog } from '../dialogs/schedule-dialog';
import type { Locale } from '../i18n/locale';
import type { Said } from '../i18n/translate';
import { formIdFor } from '../meetings/external-id';
import { parseSchedule } from '../meetings/parse-schedule';
import type { MeetingService } from '../meetings/types';
import type { Logger } from '../logger';
import { buildMeetingListCard } from '../cards/meeting-cards';
import { validateDraft } from '../meetings/validate-draft';
import { meetingShownInTurn, SIGN_IN_UNAVAILABLE, type SchedulingDeps } from '../scheduling/create-meeting';
import { isFormPress, readCardAction, readFormSubmit, type FormSubmit } from '../scheduling/card-action';
import { manageMeeting, type TokenSource } from '../scheduling/manage-meeting';
import { scheduleAtOnce } from '../scheduling/schedule-at-once';
import { withChoices, type ScheduleRequest, type ScheduleStart } from '../scheduling/schedule-request';
import { answerInvoker, invokeAnswer, messageAnswer, showCancelledForm, tell, textsFor } from '../scheduling/show-card';
import type { FormCards } from '../storage/form-cards';
import type { MeetingRecords } from '../storage/meeting-records';
import { channelThreadIdOf, localeOf, setTurnLocale, timeZoneOf } from '../teams/activity-context';
import { markTurnStarted, withinTurn } from '../scheduling/turn-deadline';
import { rememberTurnToken, turnToken } from '../scheduling/turn-token';
import { isConcurrentWriteError } from '../storage/storage';
import { parseCommand } from '../teams/commands';
import { messageTextWithoutPeople } from '../teams/mentions';
import { readReminderPhrase } from '../meetings/reminder';
import { MemberDirectory } from '../scheduling/member-directory';
import type { Reminders } from '../scheduling/reminders';

const SIGN_IN_UNAVAILABLE_FOR_ACTION: Said = { key: 'signIn.unavailableForAction' };

export interface MeetingBotDeps {
  /** Per user AND per conversation (PrivateConversationState): people in one thread never share a dialog. */
  dialogState: BotState;
  meetings: MeetingService;
  records: MeetingRecords;
  forms: FormCards;
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
}

export class MeetingBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private readonly now: () => Date;
  private readonly scheduling: SchedulingDeps;

  constructor(private readonly deps: MeetingBotDeps) {
    super();
    this.now = deps.now ?? (() => new Date());
    this.scheduling = {
      meetings: deps.meetings,
      records: deps.records,
      forms: deps.forms,
      signIn: deps.signIn,
      now: this.now,
      reminders: deps.reminders,
      directory: deps.directory ?? new MemberDirectory(),
      onError: (err, what) => deps.logger.warn({ err: { message: (err as Error)?.message } }, what),
    };
    this.dialogState = deps.dialogState.createProperty('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(new ScheduleDialog(this.scheduling));

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
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
    markTurnStarted(context);
    // Everything this turn says is in the user's language (the activity's locale, else the default).
    setTurnLocale(context, localeOf(context.activity, this.deps.defaultLocale ?? 'en-US'));
    await super.run(context);
    try {
      await this.deps.dialogState.saveChanges(context, false);
    } catch (err) {
      if (isConcurrentWriteError(err)) return this.resolveConcurrentWrite(context);
      // The meeting exists and its card is posted: "try again" would create a second one. The stale dialog state
      // left behind is harmless (a later submit of that form finds the meeting through its externalId).
      if (meetingShownInTurn(context)) {
        this.deps.logger.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'state not saved after the meeting was created');
        return;
      }
      throw err;
    }
  }

  /**
   * Another turn of the same user wrote the state first (double-click, redelivery, another instance). That state
   * is kept. When both turns ended up in the same place (typically: both finished the dialog) nothing needs
   * saying; otherwise the user is told plainly, since this turn's progress wasn't saved.
   */
  private async resolveConcurrentWrite(context: TurnContext): Promise<void> {
    const ours = ScheduleDialog.progressOf(await this.dialogState.get(context));
    await this.deps.dialogState.load(context, true);
    const theirs = ScheduleDialog.progressOf(await this.dialogState.get(context));
    const same = ours === theirs;
    this.deps.logger.warn({ activityId: context.activity.id, ours, theirs }, 'dialog state changed concurrently; kept the other turn\'s state');
    if (!same && context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(textsFor(context)('reply.concurrentWrite'));
    }
  }

  /**
   * A button on one of our cards in Teams (Universal Actions). Sign-in happens here, inside the conversation: a
   * press that needs the user's token and has none is answered with Teams' loginRequest, and nothing else moves
   * until Teams re-sends it signed in.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, _value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const t = textsFor(context);
    const press = readCardAction(context.activity);
    if (!press) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: t('reply.notYourButton') } };
    if (isFormPress(press)) {
      const submit = readFormSubmit(context.activity);
      if (!submit) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: t('reply.formIncomplete') } };
      if (submit.ownerId === context.activity.from?.id && submit.action === 'create' && this.isValid(context, submit)) {
        const token = await this.presserToken(context);
        if (!token) return messageAnswer(t(SIGN_IN_UNAVAILABLE));
        if ('answer' in token) return token.answer;
        rememberTurnToken(context, token.token);
      }
      await this.handleSubmit(context, submit);
    } else {
      await manageMeeting(context, this.scheduling, press, this.actionToken);
    }
    return invokeAnswer(context) ?? messageAnswer(t('reply.done'));
  }

  /** The presser's token inside an invoke; without one the invoke answers with Teams' sign-in request. */
  private readonly actionToken: TokenSource = async (context) => {
    const token = await this.presserToken(context);
    if (!token) answerInvoker(context, messageAnswer(textsFor(context)(SIGN_IN_UNAVAILABLE_FOR_ACTION)));
    else if ('answer' in token) answerInvoker(context, token.answer);
    else return token.token;
    return undefined;
  };

  /** The presser's token or sign-in request, within the turn's budget; undefined when the token service failed. */
  private async presserToken(context: TurnContext): Promise<ActionToken | undefined> {
    try {
      return await withinTurn(context, 'the token service', this.deps.signIn.tokenForAction(context));
    } catch (err) {
      this.scheduling.onError?.(err, 'token lookup failed');
      return undefined;
    }
  }

  /** The presser's token from a message submit (Emulator): only the one the token service already holds. */
  private readonly submitToken: TokenSource = async (context) => {
    let token: string | undefined;
    try {
      token = await withinTurn(context, 'the token service', this.deps.signIn.tokenAtHand(context));
    } catch (err) {
      this.scheduling.onError?.(err, 'token lookup failed');
      await tell(context, SIGN_IN_UNAVAILABLE_FOR_ACTION);
      return undefined;
    }
    if (!token) await tell(context, { key: 'reply.signInExpiredPress' });
    return token;
  };

  private isValid(context: TurnContext, submit: FormSubmit): boolean {
    const zone = timeZoneOf(context.activity, submit.timeZone ?? this.deps.defaultTimeZone);
    return validateDraft(submit.draft, { now: this.now(), timeZone: zone }).ok;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const press = readCardAction(context.activity);
    if (press && !isFormPress(press)) return manageMeeting(context, this.scheduling, press, this.submitToken);
    const submit = readFormSubmit(context.activity);
    if (submit) return this.handleSubmit(context, submit);

    // Mentioned people become attendees, so neither they nor "with"/"invite" end up in the subject.
    const command = parseCommand(messageTextWithoutPeople(context.activity));
    const t = textsFor(context);
    switch (command.kind) {
      case 'schedule':
        return this.startSchedule(context, command.details);
      case 'cancel': {
        const dc = await this.dialogs.createContext(context);
        const hadDialog = dc.activeDialog !== undefined;
        await dc.cancelAllDialogs();
        await context.sendActivity(t(hadDialog ? 'reply.cancelled' : 'reply.nothingToCancel'));
        return;
      }
      case 'signOut':
        await (await this.dialogs.createContext(context)).cancelAllDialogs();
        await withinTurn(context, 'the token service', this.deps.signIn.signOut(context));
        await context.sendActivity(t('reply.signedOut'));
        return;
      case 'help':
        await context.sendActivity({ attachments: [adaptiveCardAttachment(buildHelpCard({ locale: t.locale }))] });
        return;
      case 'list':
        return this.listMeetings(context);
      case 'empty':
      case 'unknown': {
        // A magic code typed into the Emulator, or a reply to a waiting prompt, belongs to the dialog.
        if (command.kind === 'unknown' && /^\d{6}$/.test(command.text) && (await this.hasDialogInProgress(context))) {
          await (await this.dialogs.createContext(context)).continueDialog();
          return;
        }
        const intro = command.kind === 'unknown' ? t('help.didNotUnderstand', { text: quoted(command.text) }) : undefined;
        await context.sendActivity({ attachments: [adaptiveCardAttachment(buildHelpCard({ intro, locale: t.locale }))] });
        return;
      }
    }
  }

  /** Read without a default, so someone who never needed a dialog doesn't get empty dialog state written. */
  private async hasDialogInProgress(context: TurnContext): Promise<boolean> {
    return ((await this.dialogState.get(context))?.dialogStack?.length ?? 0) > 0;
  }

  /**
   * Every `schedule` gets its own form/dialog for the person who asked, replacing one they had in progress.
   * A complete command from someone with nothing in progress is created straight away, without a dialog.
   */
  private async startSchedule(context: TurnContext, details: string): Promise<void> {
    const { activity } = context;
    const timeZone = timeZoneOf(activity, this.deps.defaultTimeZone);
    const reminder = readReminderPhrase(details);
    const parsed = parseSchedule(reminder.text, { now: this.now(), timeZone });
    const people = await this.scheduling.directory?.peopleIn(context);
    let start: ScheduleStart | undefined = {
      formId: formIdFor(activity.conversation?.id ?? '', activity.from?.id ?? '', activity.id ?? `${Date.now()}`),
      ownerId: activity.from?.id ?? '',
      ownerName: activity.from?.name ?? '',
      timeZone,
      draft: parsed.draft,
      ambiguities: parsed.ambiguities,
      ...(people ? { people } : {}),
      ...(reminder.minutes !== undefined ? { reminderMinutes: reminder.minutes } : {}),
    };
    if (!(await this.hasDialogInProgress(context))) start = await scheduleAtOnce(context, this.scheduling, start);
    if (!start) return;
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(SCHEDULE_DIALOG_ID, start);
  }

  /**
   * Create pressed with valid details while the turn already holds the presser's token (a Universal Actions press
   * that signed in): created straight away, like a complete typed command, without the dialog stack. Only when the
   * form's own dialog is waiting for this press, or nothing is in progress; anything else goes the dialog way.
   * Returns whether the press was handled.
   */
  private async createFromPress(context: TurnContext, submit: FormSubmit): Promise<boolean> {
    const token = turnToken(context);
    if (submit.action !== 'create' || !token) return false;
    const waiting = ScheduleDialog.waitingRequest(await this.dialogState.get(context), submit.formId);
    if (!waiting && (await this.hasDialogInProgress(context))) return false;
    const { activity } = context;
    const base: ScheduleRequest = waiting ?? {
      formId: submit.formId,
      ownerId: submit.ownerId,
      ownerName: activity.from?.name ?? '',
      timeZone: this.deps.defaultTimeZone,
      draft: submit.draft,
      cardActivityId: await this.deps.forms.find(submit.formId, submit.ownerId, activity.conversation?.id ?? ''),
    };
    const start: ScheduleStart = {
      ...base,
      timeZone: timeZoneOf(activity, submit.timeZone ?? base.timeZone),
      draft: submit.draft,
      ...withChoices(base, submit),
      ambiguities: undefined,
      banner: undefined,
      forceForm: undefined,
      confirmInCard: undefined,
    };
    if (!validateDraft(start.draft, { now: this.now(), timeZone: start.timeZone }).ok) return false;
    const next = await scheduleAtOnce(context, this.scheduling, start, token);
    if (next) {
      // Not created (Graph refused, or the token was rejected): the dialog takes over where that leaves the user.
      const dc = await this.dialogs.createContext(context);
      await dc.cancelAllDialogs();
      await dc.beginDialog(SCHEDULE_DIALOG_ID, next);
    } else if (waiting) {
      // Created: the form's dialog is done (an empty stack, as cancelAllDialogs would leave it).
      await this.dialogState.set(context, { dialogStack: [] });
    }
    return true;
  }

  /** The upcoming meetings the bot created here (for a channel: in all its threads), in the reader's zone. */
  private async listMeetings(context: TurnContext): Promise<void> {
    const { activity } = context;
    const listKey = channelThreadIdOf(activity) ?? activity.conversation?.id ?? '';
    const records = await this.deps.records.upcoming(listKey, this.now(), 10);
    const card = buildMeetingListCard({
      timeZone: timeZoneOf(activity, this.deps.defaultTimeZone),
      locale: textsFor(context).locale,
      meetings: records.map((r) => ({ subject: r.subject, startIso: r.startIso, endIso: r.endIso, organizerName: r.organizer.name, joinWebUrl: r.joinWebUrl })),
    });
    await context.sendActivity({ attachments: [adaptiveCardAttachment(card)] });
  }

  private async handleSubmit(context: TurnContext, submit: FormSubmit): Promise<void> {
    const from = context.activity.from;
    if (submit.ownerId !== from?.id) {
      await tell(context, { key: 'reply.notYourForm' });
      return;
    }
    if (await this.createFromPress(context, submit)) return;
    const dc = await this.dialogs.createContext(context);
    if (ScheduleDialog.isWaitingForSubmit(dc, submit.formId)) {
      await dc.continueDialog();
      return;
    }
    // A form that is no longer waiting (a newer schedule, a restart, sign-in pending): nothing the user
    // typed is lost — its values start a fresh attempt, bound to the same card when the bot posted it.
    const cardActivityId = await this.deps.forms.find(submit.formId, from.id, context.activity.conversation?.id ?? '');
    if (submit.action === 'cancel') {
      if (ScheduleDialog.formInProgress(dc) === submit.formId) await dc.cancelAllDialogs();
      await showCancelledForm(context, cardActivityId, submit.draft.subject);
      return;
    }
    await dc.cancelAllDialogs();
    await dc.beginDialog(SCHEDULE_DIALOG_ID, {
      formId: submit.formId,
      ownerId: from.id,
      ownerName: from.name ?? '',
      timeZone: timeZoneOf(context.activity, submit.timeZone ?? this.deps.defaultTimeZone),
      draft: submit.draft,
      cardActivityId,
      ...withChoices({}, submit),
      forceForm: submit.action === 'edit',
    } satisfies ScheduleStart);
  }

  protected override async handleTeamsSigninVerifyState(context: TurnContext, query: SigninStateVerificationQuery): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty && query.state) {
      // Someone signed in from a card that wasn't theirs (channels show one sign-in card to all).
      await this.deps.signIn.completeOrphanSignIn(context, query.state);
    }
  }

  protected override async handleTeamsSigninTokenExchange(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.continueDialog();
  }

  private async welcomeIfBotAdded(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    const added = Array.isArray(context.activity.membersAdded) ? context.activity.membersAdded : [];
    if (!added.some((member) => member?.id !== undefined && member.id === botId)) return;
    const t = textsFor(context);
    await context.sendActivity({
      type: ActivityTypes.Message,
      attachments: [adaptiveCardAttachment(buildHelpCard({ intro: t('help.welcome'), locale: t.locale }))],
    });
  }
}
