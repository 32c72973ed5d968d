// Collects and validates the meeting details: straight through when the typed command was complete,
// otherwise through ONE Adaptive Card form that is updated in place until the details are valid.
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { actionStyleFor } from '../cards/card-actions';
import type { AdaptiveCard } from '../cards/card-elements';
import { buildConfirmDetailsCard } from '../cards/form-card';
import { formatMeetingTime } from '../cards/format-meeting-time';
import type { Said } from '../i18n/translate';
import type { DraftField, MeetingDraft, ValidMeeting } from '../meetings/types';
import { validateDraft } from '../meetings/validate-draft';
import type { SchedulingDeps } from '../scheduling/create-meeting';
import { closeForm, formCardFor, showForm } from '../scheduling/form-views';
import { formWanted, withChoices, type ScheduleRequest, type ScheduleStart } from '../scheduling/schedule-request';
import { readFormSubmit } from '../teams/card-press';
import { DETAILS_DIALOG_ID } from './dialog-progress';
import type { DialogTurn } from './dialog-turn';

/** How the details dialog ends. */
export type DetailsResult =
  | { action: 'create'; meeting: ValidMeeting; request: ScheduleRequest }
  | { action: 'cancel' };

export class MeetingDetailsDialog extends Dialog<ScheduleStart> {
  constructor(
    private readonly deps: Pick<SchedulingDeps, 'now' | 'forms' | 'onError'>,
    private readonly here: DialogTurn,
  ) {
    super(DETAILS_DIALOG_ID);
  }

  async beginDialog(dc: DialogContext, options?: ScheduleStart): Promise<DialogTurnResult> {
    if (!options) throw new Error('MeetingDetailsDialog needs options');
    // The dialog's stored state: the request as it evolves, plus why the form is shown.
    const state: ScheduleStart = { ...options };
    dc.activeDialog!.state = state;

    const result = validateDraft(state.draft, { now: this.deps.now(), timeZone: state.timeZone });
    if (result.ok && !formWanted(state)) {
      if (state.confirmInCard) {
        const { t } = this.here.turn;
        const m = result.meeting;
        const details = { subject: m.subject, date: state.draft.date!, time: state.draft.time!, durationMinutes: m.durationMinutes };
        const card = buildConfirmDetailsCard({
          formId: state.formId,
          ownerId: state.ownerId,
          ownerName: state.ownerName,
          timeZone: state.timeZone,
          draft: details,
          when: formatMeetingTime(m.startIso, m.endIso, m.timeZone, t.locale),
          notes: m.notes.map((n) => t(n)),
          locale: t.locale,
          people: state.people,
          reminderMinutes: state.reminderMinutes,
        });
        await this.show(state, card);
        return Dialog.EndOfTurn;
      }
      return dc.endDialog({ action: 'create', meeting: result.meeting, request: state } satisfies DetailsResult);
    }
    // Show what we understood; only complain about fields the user actually gave us.
    const errors: Partial<Record<DraftField, Said>> = { ...(state.ambiguities ?? {}) };
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.errors) as [DraftField, Said][]) {
        if (isGiven(state.draft, field) || state.cardActivityId) errors[field] = message;
      }
    }
    await this.showForm(state, errors, result.ok ? result.meeting.notes : result.notes);
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as ScheduleStart;
    const submit = readFormSubmit(dc.context.activity);
    // Anything that isn't a submit of this very form leaves the form waiting.
    if (!submit || submit.formId !== state.formId) return Dialog.EndOfTurn;

    if (submit.action === 'cancel') {
      this.here.reply = await closeForm(this.here.turn, this.here.io, state.cardActivityId, submit.draft.subject);
      return dc.endDialog({ action: 'cancel' } satisfies DetailsResult);
    }

    // Read the values in the submitting user's zone (falling back to the zone the form was made for).
    state.timeZone = this.here.turn.activityTimeZone ?? submit.timeZone ?? state.timeZone;
    state.draft = submit.draft;
    Object.assign(state, withChoices(state, submit));
    state.ambiguities = undefined;
    state.banner = undefined;
    state.confirmInCard = undefined;
    const result = validateDraft(state.draft, { now: this.deps.now(), timeZone: state.timeZone });
    if (!result.ok || submit.action === 'edit') {
      await this.showForm(state, result.ok ? {} : result.errors, result.ok ? result.meeting.notes : result.notes);
      return Dialog.EndOfTurn;
    }
    return dc.endDialog({ action: 'create', meeting: result.meeting, request: state } satisfies DetailsResult);
  }

  /** The form in the reader's language (formCardFor), shown in place of the request's form. */
  private async showForm(state: ScheduleStart, errors: Partial<Record<DraftField, Said>>, notes: Said[]): Promise<void> {
    const { turn } = this.here;
    const card = formCardFor(turn, state, { errors, notes, actionStyle: actionStyleFor(turn.channelId) });
    await this.show(state, card);
  }

  /** Shows the card in place of the request's card, or posts it and remembers which activity holds the form. */
  private async show(state: ScheduleStart, card: AdaptiveCard): Promise<void> {
    this.here.reply = await showForm(this.here.turn, this.here.io, this.deps, state, card);
  }
}

function isGiven(draft: MeetingDraft, field: DraftField): boolean {
  const value = field === 'duration' ? draft.durationMinutes : draft[field];
  return value !== undefined && value !== '';
}
