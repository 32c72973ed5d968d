// Collects and validates the meeting details: straight through when the typed command was complete,
// otherwise through ONE Adaptive Card form that is updated in place until the details are valid.
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { buildFormCard } from '../cards/form-card';
import type { DraftField, MeetingDraft, ValidMeeting } from '../meetings/types';
import { validateDraft } from '../meetings/validate-draft';
import { timeZoneOf } from '../teams/activity-context';
import { showCancelledForm, showCard } from './card-messages';
import { readFormSubmit } from './form-submit';

export const DETAILS_DIALOG_ID = 'meetingDetails';

export interface DetailsOptions {
  formId: string;
  ownerId: string;
  ownerName: string;
  timeZone: string;
  draft: MeetingDraft;
  ambiguities?: Partial<Record<DraftField, string>>;
  /** The form card, once one was posted (submits reply to it; it is updated in place). */
  cardActivityId?: string;
  /** Message shown at the top of the form (e.g. why the last attempt failed). */
  banner?: string;
  /** Show the form even if the draft is valid (after an error, or ambiguities). */
  forceForm?: boolean;
  /** For the schedule dialog: Graph rejected the user's token, which is forgotten; sign in again (once). */
  signInAgain?: boolean;
}

export type DetailsResult =
  | { action: 'create'; meeting: ValidMeeting; state: DetailsOptions }
  | { action: 'cancel' };

/** The form is shown even for valid details when the parser was unsure of something or it was asked for. */
export function formWanted(options: DetailsOptions): boolean {
  const unsure = options.ambiguities !== undefined && Object.keys(options.ambiguities).length > 0;
  return unsure || options.forceForm === true;
}

export class MeetingDetailsDialog extends Dialog<DetailsOptions> {
  constructor(private readonly now: () => Date) {
    super(DETAILS_DIALOG_ID);
  }

  async beginDialog(dc: DialogContext, options?: DetailsOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('MeetingDetailsDialog needs options');
    const state: DetailsOptions = { ...options };
    dc.activeDialog!.state = state;

    const result = validateDraft(state.draft, { now: this.now(), timeZone: state.timeZone });
    if (result.ok && !formWanted(state)) {
      return dc.endDialog({ action: 'create', meeting: result.meeting, state } satisfies DetailsResult);
    }
    // Show what we understood; only complain about fields the user actually gave us.
    const errors: Partial<Record<DraftField, string>> = { ...(state.ambiguities ?? {}) };
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.errors) as [DraftField, string][]) {
        if (isGiven(state.draft, field) || state.cardActivityId) errors[field] = message;
      }
    }
    await this.showForm(dc.context, state, errors, result.ok ? result.meeting.notes : result.notes);
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as DetailsOptions;
    const submit = readFormSubmit(dc.context.activity);
    // Anything that isn't a submit of this very form leaves the form waiting.
    if (!submit || submit.formId !== state.formId) return Dialog.EndOfTurn;
    state.cardActivityId ??= dc.context.activity.replyToId;

    if (submit.action === 'cancel') {
      await showCancelledForm(dc.context, state.cardActivityId, submit.draft.subject);
      return dc.endDialog({ action: 'cancel' } satisfies DetailsResult);
    }

    // Read the values in the submitting user's zone (falling back to the zone the form was made for).
    state.timeZone = timeZoneOf(dc.context.activity, submit.timeZone ?? state.timeZone);
    state.draft = submit.draft;
    state.ambiguities = undefined;
    state.banner = undefined;
    const result = validateDraft(state.draft, { now: this.now(), timeZone: state.timeZone });
    if (!result.ok) {
      await this.showForm(dc.context, state, result.errors, result.notes);
      return Dialog.EndOfTurn;
    }
    return dc.endDialog({ action: 'create', meeting: result.meeting, state } satisfies DetailsResult);
  }

  private async showForm(
    context: TurnContext,
    state: DetailsOptions,
    errors: Partial<Record<DraftField, string>>,
    notes: string[],
  ): Promise<void> {
    const card = buildFormCard({
      formId: state.formId,
      ownerId: state.ownerId,
      ownerName: state.ownerName,
      timeZone: state.timeZone,
      draft: state.draft,
      errors,
      notes,
      banner: state.banner,
    });
    state.cardActivityId = await showCard(context, state.cardActivityId, card);
  }
}

function isGiven(draft: MeetingDraft, field: DraftField): boolean {
  const value = field === 'duration' ? draft.durationMinutes : draft[field];
  return value !== undefined && value !== '';
}
