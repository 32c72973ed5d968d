import { formatDuration } from '../meetings/format-duration';
import type { DraftField, MeetingDraft } from '../meetings/types';
import { DEFAULT_DURATION_MINUTES } from '../meetings/validate-draft';
import { adaptiveCard, heading, richText, run, type AdaptiveCard, type CardElement, type CardInput, type Choice } from './card-elements';

/** The `action` of the form's two Action.Submit buttons (form-submit.ts reads them back). */
export const CREATE_ACTION = 'meeting.create';
export const CANCEL_ACTION = 'meeting.cancel';

export interface FormCardData {
  formId: string;
  ownerId: string;
  ownerName: string;
  timeZone: string;
  draft: MeetingDraft;
  errors?: Partial<Record<DraftField, string>>;
  notes?: string[];
  banner?: string;
}

/** Data of the card's Action.Submit buttons (Teams merges the input values into it on submit). */
export interface FormCreateActionData {
  action: typeof CREATE_ACTION;
  formId: string;
  ownerId: string;
  timeZone: string;
}
export interface FormCancelActionData {
  action: typeof CANCEL_ACTION;
  formId: string;
  ownerId: string;
}

export const DURATION_CHOICES_MINUTES: readonly number[] = [15, 30, 45, 60, 90, 120, 180];

function durationChoices(selected: number): Choice[] {
  const minutes = DURATION_CHOICES_MINUTES.includes(selected)
    ? [...DURATION_CHOICES_MINUTES]
    : // Keep an off-list duration the user gave (e.g. 50) so re-submitting doesn't silently change it.
      [...DURATION_CHOICES_MINUTES, selected].sort((a, b) => a - b);
  return minutes.map((m) => ({ title: formatDuration(m), value: String(m) }));
}

/** An absent value is sent as no `value` rather than "", which some clients render as an invalid date or time. */
function withValue<T extends CardInput>(input: T, value: string | undefined): T {
  return value === undefined || value === '' ? input : { ...input, value };
}

/** The "Schedule a Teams meeting" form, prefilled from `d.draft`, with per-field errors. */
export function buildFormCard(d: FormCardData): AdaptiveCard {
  const given = d.draft.durationMinutes;
  const duration = typeof given === 'number' && Number.isFinite(given) ? given : DEFAULT_DURATION_MINUTES;
  const errors = d.errors ?? {};
  // Error text is ours but may quote what the user typed, hence a TextRun, shown right below its field.
  const withError = (input: CardInput, field: DraftField): CardElement[] =>
    errors[field] ? [input, richText([run(errors[field]!, { color: 'Attention' })], 'Small')] : [input];

  const body: CardElement[] = [];
  if (d.banner) body.push(richText([run(d.banner, { color: 'Attention', weight: 'Bolder' })]));
  body.push(heading('Schedule a Teams meeting'));
  if (d.ownerName.trim() !== '') {
    body.push(richText([run('For ', { isSubtle: true }), run(d.ownerName, { isSubtle: true, weight: 'Bolder' })], 'None'));
  }
  body.push(
    ...withError(withValue({ type: 'Input.Text', id: 'subject', label: 'Subject', maxLength: 255 }, d.draft.subject), 'subject'),
    ...withError(withValue({ type: 'Input.Date', id: 'date', label: 'Date' }, d.draft.date), 'date'),
    ...withError(withValue({ type: 'Input.Time', id: 'time', label: 'Start time' }, d.draft.time), 'time'),
    ...withError(
      { type: 'Input.ChoiceSet', id: 'duration', label: 'Duration', style: 'compact', value: String(duration), choices: durationChoices(duration) },
      'duration',
    ),
    richText([run(`Times are in ${d.timeZone}.`, { isSubtle: true })]),
    // One block per note so each starts on its own line.
    ...(d.notes ?? []).filter((n) => n !== '').map((n) => richText([run(n, { isSubtle: true })], 'Small')),
  );

  const create: FormCreateActionData = { action: CREATE_ACTION, formId: d.formId, ownerId: d.ownerId, timeZone: d.timeZone };
  const cancel: FormCancelActionData = { action: CANCEL_ACTION, formId: d.formId, ownerId: d.ownerId };
  return adaptiveCard(body, [
    { type: 'Action.Submit', title: 'Create meeting', style: 'positive', data: create },
    { type: 'Action.Submit', title: 'Cancel', associatedInputs: 'none', data: cancel },
  ]);
}
