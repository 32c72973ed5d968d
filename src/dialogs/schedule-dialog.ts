// The schedule flow: details (inline or form) → the user's token → createOrGet in Graph → join card.
import { ActivityTypes, type TokenResponse, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { buildJoinCard } from '../cards/join-card';
import { SIGN_IN_DIALOG_ID, type SignIn } from '../auth/sign-in';
import { meetingErrorMessage } from '../meetings/error-messages';
import { externalIdFor } from '../meetings/external-id';
import { MeetingServiceError } from '../meetings/meeting-service-error';
import type { MeetingService } from '../meetings/types';
import { channelThreadIdOf, conversationKind } from '../teams/activity-context';
import { showCard } from './card-messages';
import { DETAILS_DIALOG_ID, MeetingDetailsDialog, type DetailsOptions, type DetailsResult } from './meeting-details-dialog';

export const SCHEDULE_DIALOG_ID = 'schedule';
/** Set by the bot when a turn starts (epoch ms). */
export const TURN_STARTED_AT = Symbol('turnStartedAt');
/** Teams retries an activity it got no answer for within 15 s; leave room for the reply itself. */
const TURN_BUDGET_MS = 13_000;

function turnDeadline(context: TurnContext): number | undefined {
  const started = context.turnState.get(TURN_STARTED_AT) as number | undefined;
  return started === undefined ? undefined : started + TURN_BUDGET_MS;
}
const FLOW_ID = 'scheduleFlow';

export interface ScheduleDeps {
  meetings: MeetingService;
  signIn: SignIn;
  now: () => Date;
  /** Where handled-but-notable failures are reported (logging). */
  onError?: (err: unknown, what: string) => void;
}

const SIGN_IN_UNAVAILABLE =
  "I couldn't reach the Microsoft sign-in service, so no meeting was created. Press Create meeting again in a moment — your details are kept.";

/** Kept in the waterfall's values between steps. */
interface FlowValues {
  details?: Extract<DetailsResult, { action: 'create' }>;
}

export class ScheduleDialog extends ComponentDialog {
  constructor(private readonly deps: ScheduleDeps) {
    super(SCHEDULE_DIALOG_ID);
    this.addDialog(new MeetingDetailsDialog(deps.now));
    this.addDialog(deps.signIn.createDialog());
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
  override async beginDialog(outerDc: DialogContext, options?: DetailsOptions): Promise<DialogTurnResult> {
    outerDc.activeDialog!.state.formId = options?.formId;
    return super.beginDialog(outerDc, options);
  }

  private async collectDetails(step: WaterfallStepContext<DetailsOptions>): Promise<DialogTurnResult> {
    return step.beginDialog(DETAILS_DIALOG_ID, step.options);
  }

  private async signIn(step: WaterfallStepContext<DetailsOptions>): Promise<DialogTurnResult> {
    const details = step.result as DetailsResult;
    if (details.action === 'cancel') return step.endDialog();
    (step.values as FlowValues).details = details;
    return this.beginSignIn(step, false);
  }

  /** Starts sign-in; if the token service can't be reached, the user gets the form back with the reason. */
  private async beginSignIn(step: WaterfallStepContext<DetailsOptions>, again: boolean): Promise<DialogTurnResult> {
    try {
      return await step.beginDialog(SIGN_IN_DIALOG_ID, { prompt: signInPrompt(step.context, again) });
    } catch (err) {
      this.deps.onError?.(err, 'sign-in failed to start');
      // The failed prompt may already be on the stack: start the flow afresh rather than replacing a step.
      await step.cancelAllDialogs();
      return step.beginDialog(FLOW_ID, formAgain(step, SIGN_IN_UNAVAILABLE));
    }
  }

  private async createMeeting(step: WaterfallStepContext<DetailsOptions>): Promise<DialogTurnResult> {
    return this.createWithToken(step, true);
  }

  private async createAfterReauthentication(step: WaterfallStepContext<DetailsOptions>): Promise<DialogTurnResult> {
    return this.createWithToken(step, false);
  }

  /** Creates the meeting with the token the sign-in step produced; on 401, signs in again once if allowed. */
  private async createWithToken(step: WaterfallStepContext<DetailsOptions>, mayReauthenticate: boolean): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    const token = (step.result as TokenResponse | undefined)?.token;
    if (!token) return this.backToForm(step, "You didn't finish signing in, so no meeting was created. Press Create meeting to try again — your details are kept.");
    try {
      await this.createAndShow(step.context, values.details!, token);
      return step.endDialog();
    } catch (err) {
      if (mayReauthenticate && err instanceof MeetingServiceError && err.kind === 'unauthorized') {
        // The token service's token was rejected (expired/revoked): sign in again once, then retry.
        try {
          await this.deps.signIn.signOut(step.context);
        } catch (signOutErr) {
          this.deps.onError?.(signOutErr, 'sign-out before re-sign-in failed');
        }
        return this.beginSignIn(step, true);
      }
      return this.handleFailure(step, err);
    }
  }

  private async createAndShow(context: TurnContext, details: Extract<DetailsResult, { action: 'create' }>, token: string): Promise<void> {
    const { meeting, state } = details;
    const activity = context.activity;
    // Teams documents typing indicators for personal and group chats; in a channel thread Agents Playground even
    // loses the reply that follows one.
    if (conversationKind(activity) !== 'channel') await context.sendActivity({ type: ActivityTypes.Typing });
    const created = await this.deps.meetings.createOrGet(
      {
        externalId: externalIdFor({
          conversationId: activity.conversation?.id ?? '',
          userId: state.ownerId,
          formId: state.formId,
          subject: meeting.subject,
          startIso: meeting.startIso,
          endIso: meeting.endIso,
        }),
        subject: meeting.subject,
        startIso: meeting.startIso,
        endIso: meeting.endIso,
        channelThreadId: channelThreadIdOf(activity),
        deadlineAt: turnDeadline(context),
      },
      token,
    );
    const card = buildJoinCard({
      meeting: created,
      timeZone: meeting.timeZone,
      organizerName: created.organizerName ?? state.ownerName,
      notes: meeting.notes,
    });
    await showCard(context, state.cardActivityId, card);
  }

  private async handleFailure(step: WaterfallStepContext<DetailsOptions>, err: unknown): Promise<DialogTurnResult> {
    if (!(err instanceof MeetingServiceError)) throw err;
    return this.backToForm(step, meetingErrorMessage(err));
  }

  /** Shows the form again (in place when there is one) with the message on top and everything the user gave. */
  private async backToForm(step: WaterfallStepContext<DetailsOptions>, banner: string): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW_ID, formAgain(step, banner));
  }
}

/** Options that restart the flow at the form, with the latest details and `banner` on top. */
function formAgain(step: WaterfallStepContext<DetailsOptions>, banner: string): DetailsOptions {
  const state = (step.values as FlowValues).details?.state ?? step.options;
  return { ...state, banner, forceForm: true, ambiguities: undefined };
}

function signInPrompt(context: TurnContext, again = false): string {
  const lead = again ? 'Your sign-in has expired. ' : '';
  if (conversationKind(context.activity) === 'channel') {
    return `${lead}To create the meeting as you, I need you to sign in. Teams can't sign you in automatically in a channel — press **Sign in** below (only you get signed in; others who press it sign in for themselves). I'll create the meeting as soon as you're done.`;
  }
  return `${lead}To create the meeting as you, I need you to sign in. Press **Sign in** if Teams doesn't do it for you.`;
}

