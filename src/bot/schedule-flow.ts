// Starting and restarting scheduling: the one place that decides between creating at once, continuing the user's
// schedule dialog, and starting it afresh from what they gave. Dialogs are built for each turn with that turn's
// values and ports; the dialog stack itself is only touched through botbuilder's DialogContext.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogContext, DialogSet, DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import type { SignIn } from '../auth/sign-in';
import { dialogInProgress, SCHEDULE_DIALOG_ID, waitingRequest } from '../dialogs/dialog-progress';
import type { DialogTurn } from '../dialogs/dialog-turn';
import { formIdFor } from '../meetings/external-id';
import type { MeetingPeople } from '../meetings/people';
import { readReminderPhrase } from '../meetings/reminder';
import { validateDraft } from '../meetings/validate-draft';
import type { SchedulingDeps } from '../scheduling/create-meeting';
import { closeForm } from '../scheduling/form-views';
import { scheduleAtOnce } from '../scheduling/schedule-at-once';
import { carriedPeople, startFromParse, withChoices, type ScheduleRequest, type ScheduleStart } from '../scheduling/schedule-request';
import type { Reply, TurnIO } from '../scheduling/turn-io';
import type { FormSubmit } from '../teams/card-press';
import type { Turn } from '../teams/turn';
import type { ScheduleDialog } from '../dialogs/schedule-dialog';

/** What a turn of scheduling ended with: the presser's answer, and whether a meeting was created. */
export interface FlowResult {
  reply?: Reply;
  created?: boolean;
}

export interface ScheduleFlowDeps {
  /** Per user AND per conversation (PrivateConversationState): people in one thread never share a dialog. */
  dialogState: StatePropertyAccessor<DialogState>;
  scheduling: SchedulingDeps;
  signIn: SignIn;
}

export class ScheduleFlow {
  constructor(private readonly deps: ScheduleFlowDeps) {}

  /**
   * `schedule …` typed: every request gets its own form/dialog for the person who asked, replacing one they had in
   * progress. A complete request from someone with nothing in progress is created straight away, without a dialog.
   */
  async start(context: TurnContext, turn: Turn, io: TurnIO, details: string, people: MeetingPeople | undefined): Promise<FlowResult> {
    const reminder = readReminderPhrase(details);
    const parsed = parser().parseSchedule(reminder.text, { now: this.deps.scheduling.now(), timeZone: turn.timeZone, locale: turn.clientLocale });
    const start: ScheduleStart = {
      ...startFromParse(turn, formIdFor(turn.conversationId, turn.user.id, turn.activityId ?? `${Date.now()}`), parsed, people),
      ...(reminder.minutes !== undefined ? { reminderMinutes: reminder.minutes } : {}),
    };
    if (await this.inProgress(context)) return this.restart(context, turn, io, start);
    const atOnce = await scheduleAtOnce(turn, io, this.deps.scheduling, start);
    return atOnce.kind === 'created' ? { reply: atOnce.reply, created: true } : this.restart(context, turn, io, atOnce.start);
  }

  /** A press on a scheduling form (Create, Cancel, Edit details) by `turn.user`. */
  async submit(context: TurnContext, turn: Turn, io: TurnIO, submit: FormSubmit): Promise<FlowResult> {
    if (submit.ownerId !== turn.user.id) return { reply: { text: turn.t('reply.notYourForm') } };
    const direct = await this.createFromPress(context, turn, io, submit);
    if (direct) return direct;
    const here: DialogTurn = { turn, io };
    const dc = await this.dialogContext(context, here);
    const { ScheduleDialog } = dialogs();
    if (ScheduleDialog.isWaitingForSubmit(dc, submit.formId)) {
      await dc.continueDialog();
      return here;
    }
    // A form that is no longer waiting (a newer schedule, a restart, sign-in pending): nothing the user typed is
    // lost — its values start a fresh attempt, bound to the same card when the bot posted it.
    const cardActivityId = await this.deps.scheduling.forms.find(submit.formId, turn.user.id, turn.conversationId);
    if (submit.action === 'cancel') {
      if (ScheduleDialog.formInProgress(dc) === submit.formId) await dc.cancelAllDialogs();
      return { reply: await closeForm(turn, io, cardActivityId, submit.draft.subject) };
    }
    return this.begin(dc, here, {
      formId: submit.formId,
      ownerId: turn.user.id,
      ownerName: turn.user.name,
      timeZone: turn.activityTimeZone ?? submit.timeZone ?? turn.timeZone,
      draft: submit.draft,
      cardActivityId,
      ...withChoices({ people: await carriedPeople(io.roster, submit.people) }, submit),
      forceForm: submit.action === 'edit',
    });
  }

  /** A turn that belongs to the dialog in progress, if any: a magic code, a sign-in invoke. */
  async continue(context: TurnContext, turn: Turn, io: TurnIO): Promise<FlowResult & { continued: boolean }> {
    const here: DialogTurn = { turn, io };
    const result = await (await this.dialogContext(context, here)).continueDialog();
    return { ...here, continued: result.status !== dialogs().DialogTurnStatus.empty };
  }

  /** Drops whatever the user had in progress; whether there was anything. */
  async cancel(context: TurnContext, turn: Turn, io: TurnIO): Promise<boolean> {
    const dc = await this.dialogContext(context, { turn, io });
    const had = dc.activeDialog !== undefined;
    await dc.cancelAllDialogs();
    return had;
  }

  /** Whether the user has a dialog in progress, read without a default so nobody gets empty dialog state written. */
  async inProgress(context: TurnContext): Promise<boolean> {
    return dialogInProgress(await this.deps.dialogState.get(context));
  }

  /**
   * Create pressed with valid details while the turn already holds the presser's token (a Universal Actions press
   * that signed in): created straight away, like a complete typed command, without the dialog stack. Only when the
   * form's own dialog is waiting for this press, or nothing is in progress; anything else goes the dialog way.
   */
  private async createFromPress(context: TurnContext, turn: Turn, io: TurnIO, submit: FormSubmit): Promise<FlowResult | undefined> {
    if (submit.action !== 'create' || !turn.token) return undefined;
    const stored = await this.deps.dialogState.get(context);
    const waiting = waitingRequest(stored, submit.formId);
    if (!waiting && dialogInProgress(stored)) return undefined;
    const base: ScheduleRequest = waiting ?? {
      formId: submit.formId,
      ownerId: submit.ownerId,
      ownerName: turn.user.name,
      timeZone: turn.timeZone,
      draft: submit.draft,
      cardActivityId: await this.deps.scheduling.forms.find(submit.formId, submit.ownerId, turn.conversationId),
      people: await carriedPeople(io.roster, submit.people),
    };
    const start: ScheduleStart = {
      ...base,
      timeZone: turn.activityTimeZone ?? submit.timeZone ?? base.timeZone,
      draft: submit.draft,
      ...withChoices(base, submit),
      ambiguities: undefined,
      banner: undefined,
      forceForm: undefined,
      confirmInCard: undefined,
    };
    if (!validateDraft(start.draft, { now: this.deps.scheduling.now(), timeZone: start.timeZone }).ok) return undefined;
    const atOnce = await scheduleAtOnce(turn, io, this.deps.scheduling, start);
    if (atOnce.kind === 'dialog') return this.restart(context, turn, io, atOnce.start);
    // Created: the form's dialog, if it was waiting, is done.
    if (waiting) await (await this.dialogContext(context, { turn, io })).cancelAllDialogs();
    return { reply: atOnce.reply, created: true };
  }

  /** Starts the schedule dialog with `start`, replacing anything the user had in progress. */
  private async restart(context: TurnContext, turn: Turn, io: TurnIO, start: ScheduleStart): Promise<FlowResult> {
    const here: DialogTurn = { turn, io };
    return this.begin(await this.dialogContext(context, here), here, start);
  }

  private async begin(dc: DialogContext, here: DialogTurn, start: ScheduleStart): Promise<FlowResult> {
    await dc.cancelAllDialogs();
    await dc.beginDialog(SCHEDULE_DIALOG_ID, start);
    return here;
  }

  private async dialogContext(context: TurnContext, here: DialogTurn): Promise<DialogContext> {
    const { DialogSet, ScheduleDialog } = dialogs();
    const set = new DialogSet(this.deps.dialogState);
    set.add(new ScheduleDialog(this.deps.scheduling, this.deps.signIn, here));
    return set.createContext(context);
  }
}

// Loaded the first time a turn needs them: the dialog library and the date parser (chrono-node) are a third of a
// cold start, and a start, `help`, a card refresh or a press that signs in needs neither.
let dialogModules: { DialogSet: typeof DialogSet; DialogTurnStatus: typeof DialogTurnStatus; ScheduleDialog: typeof ScheduleDialog } | undefined;
function dialogs(): NonNullable<typeof dialogModules> {
  if (!dialogModules) {
    const { DialogSet, DialogTurnStatus } = require('botbuilder-dialogs') as typeof import('botbuilder-dialogs');
    const { ScheduleDialog } = require('../dialogs/schedule-dialog') as typeof import('../dialogs/schedule-dialog');
    dialogModules = { DialogSet, DialogTurnStatus, ScheduleDialog };
  }
  return dialogModules;
}

let parserModule: typeof import('../meetings/parse-schedule') | undefined;
function parser(): typeof import('../meetings/parse-schedule') {
  return (parserModule ??= require('../meetings/parse-schedule') as typeof import('../meetings/parse-schedule'));
}
