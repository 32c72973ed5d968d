// The schedule flow: details (inline or form) → the user's token → createOrGet in Graph → join card.
// Dialogs are built for each turn with that turn's values and ports; what they keep between turns is in dialog state.
import type { TokenResponse } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { SIGN_IN_DIALOG_ID, type SignIn } from '../auth/sign-in';
import { untilAborted } from '../abort';
import type { Said } from '../i18n/translate';
import { createMeeting, SIGN_IN_UNAVAILABLE, type SchedulingDeps } from '../scheduling/create-meeting';
import { formAgain, type ScheduleRequest, type ScheduleStart } from '../scheduling/schedule-request';
import { budgetOf, TOKEN_SERVICE_BUDGET_MS, type Turn } from '../teams/turn';
import { DETAILS_DIALOG_ID, SCHEDULE_DIALOG_ID } from './dialog-progress';
import type { DialogTurn } from './dialog-turn';
import { MeetingDetailsDialog, type DetailsResult } from './meeting-details-dialog';

const FLOW_ID = 'scheduleFlow';

/** Kept in the waterfall's values between steps. */
interface FlowValues {
  details?: Extract<DetailsResult, { action: 'create' }>;
}

export class ScheduleDialog extends ComponentDialog {
  /** The form the user's schedule dialog belongs to, if one is in progress. */
  static formInProgress(dc: DialogContext): string | undefined {
    const active = dc.activeDialog;
    return active?.id === SCHEDULE_DIALOG_ID ? (active.state?.formId as string | undefined) : undefined;
  }

  /** Whether the dialog is showing form `formId` and waiting for its submit (not, e.g., for a sign-in). */
  static isWaitingForSubmit(dc: DialogContext, formId: string): boolean {
    if (ScheduleDialog.formInProgress(dc) !== formId) return false;
    let leaf: DialogContext = dc;
    while (leaf.child) leaf = leaf.child;
    return leaf.activeDialog?.id === DETAILS_DIALOG_ID;
  }

  constructor(
    private readonly deps: SchedulingDeps,
    signIn: SignIn,
    private readonly here: DialogTurn,
  ) {
    super(SCHEDULE_DIALOG_ID);
    this.addDialog(new MeetingDetailsDialog(deps, here));
    this.addDialog(signIn.createDialog(here.turn.locale));
    this.addDialog(
      new WaterfallDialog(FLOW_ID, [
        this.collectDetails.bind(this),
        this.signIn.bind(this),
        this.createMeeting.bind(this),
        this.createAfterReauthentication.bind(this),
      ]),
    );
    this.initialDialogId = FLOW_ID;
  }

  /** Remembers which form this dialog instance owns, so the bot can tell its submits from stale ones. */
  override async beginDialog(outerDc: DialogContext, options?: ScheduleStart): Promise<DialogTurnResult> {
    outerDc.activeDialog!.state.formId = options?.formId;
    return super.beginDialog(outerDc, options);
  }

  private async collectDetails(step: WaterfallStepContext<ScheduleStart>): Promise<DialogTurnResult> {
    return step.beginDialog(DETAILS_DIALOG_ID, step.options);
  }

  private async signIn(step: WaterfallStepContext<ScheduleStart>): Promise<DialogTurnResult> {
    const details = step.result as DetailsResult;
    if (details.action === 'cancel') return step.endDialog();
    (step.values as FlowValues).details = details;
    // A Universal Actions press already signed the user in this turn: no second trip to the token service.
    const token = this.here.turn.token;
    if (token && step.options.signInAgain !== true) return step.next({ token } as TokenResponse);
    return this.beginSignIn(step, step.options.signInAgain === true);
  }

  /** Starts sign-in; if the token service can't be reached, the user gets the form back with the reason. */
  private async beginSignIn(step: WaterfallStepContext<ScheduleStart>, again: boolean): Promise<DialogTurnResult> {
    const { turn } = this.here;
    try {
      return await untilAborted(step.beginDialog(SIGN_IN_DIALOG_ID, { prompt: signInPrompt(turn, again) }), budgetOf(turn, TOKEN_SERVICE_BUDGET_MS));
    } catch (err) {
      this.deps.onError?.(err, 'sign-in failed to start');
      // The failed prompt may already be on the stack: start the flow afresh rather than replacing a step.
      await step.cancelAllDialogs();
      return step.beginDialog(FLOW_ID, formAgain(latestRequest(step), SIGN_IN_UNAVAILABLE));
    }
  }

  private async createMeeting(step: WaterfallStepContext<ScheduleStart>): Promise<DialogTurnResult> {
    // A flow started because Graph rejected a token has had its one re-sign-in already.
    return this.createWithToken(step, step.options.signInAgain !== true);
  }

  private async createAfterReauthentication(step: WaterfallStepContext<ScheduleStart>): Promise<DialogTurnResult> {
    return this.createWithToken(step, false);
  }

  /** Creates the meeting with the token the sign-in step produced; on 401, signs in again once if allowed. */
  private async createWithToken(step: WaterfallStepContext<ScheduleStart>, mayReauthenticate: boolean): Promise<DialogTurnResult> {
    const { meeting, request } = (step.values as FlowValues).details!;
    const token = (step.result as TokenResponse | undefined)?.token;
    if (!token) return this.backToForm(step, { key: 'signIn.notFinished' });
    const outcome = await createMeeting(this.here.turn, this.here.io, this.deps, meeting, request, token, { mayReauthenticate });
    switch (outcome.kind) {
      case 'created':
        this.here.reply = outcome.reply;
        this.here.created = true;
        return step.endDialog();
      case 'signInAgain':
        return this.beginSignIn(step, true);
      case 'form':
        return this.backToForm(step, outcome.banner);
    }
  }

  /** Shows the form again (in place when there is one) with the message on top and everything the user gave. */
  private async backToForm(step: WaterfallStepContext<ScheduleStart>, banner: Said): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW_ID, formAgain(latestRequest(step), banner));
  }
}

/** The details as last validated (they carry the form's card id), else what the flow started with. */
function latestRequest(step: WaterfallStepContext<ScheduleStart>): ScheduleRequest {
  return (step.values as FlowValues).details?.request ?? step.options;
}

function signInPrompt(turn: Turn, again = false): string {
  const { t } = turn;
  const lead = again ? t('signIn.expiredLead') : '';
  return t(turn.conversationKind === 'channel' ? 'signIn.promptChannel' : 'signIn.promptChat', { lead });
}
