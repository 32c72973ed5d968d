// What a user's stored dialog stack says, read without building any dialog: most turns (a complete command, a press
// that signs in, a card refresh) need no dialog, and loading the dialog library is a large part of a cold start.
import type { DialogState } from 'botbuilder-dialogs';
import type { ScheduleStart } from '../scheduling/schedule-request';

export const SCHEDULE_DIALOG_ID = 'schedule';
export const DETAILS_DIALOG_ID = 'meetingDetails';

/** Whether a stored dialog stack holds anything. */
export function dialogInProgress(state: DialogState | undefined): boolean {
  return (state?.dialogStack?.length ?? 0) > 0;
}

/** The request a stored dialog stack is showing form `formId` for, when that form waits for its Create press. */
export function waitingRequest(state: DialogState | undefined, formId: string): ScheduleStart | undefined {
  const outer = state?.dialogStack?.[0];
  if (outer?.id !== SCHEDULE_DIALOG_ID || (outer.state as { formId?: string } | undefined)?.formId !== formId) return undefined;
  // ComponentDialog keeps its inner stack under "dialogs"; the details dialog is on top while the form waits.
  const inner = (outer.state as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack?.[0];
  return inner?.id === DETAILS_DIALOG_ID ? (inner.state as ScheduleStart) : undefined;
}

/** A short description of a stored dialog stack ("schedule:<formId>"), to compare two versions of it. */
export function progressOf(state: DialogState | undefined): string {
  return (state?.dialogStack ?? []).map((d) => `${d.id}:${(d.state as { formId?: string } | undefined)?.formId ?? ''}`).join('/');
}
