import type { DraftField, MeetingDraft } from '../meetings/types';
import { CARD_ENVELOPE, expandCard, richText, run } from './card-template';
import { formatDuration } from '../meetings/format-duration';
import { DEFAULT_DURATION_MINUTES } from '../meetings/validate-draft';

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

/** Error text is ours but may quote what the user typed, hence a TextRun, shown right below its field. */
function fieldError(field: DraftField): Record<string, unknown> {
  return richText([run(`\${errors.${field}}`, { color: 'Attention' })], {
    $when: `\${hasError.${field}}`,
    spacing: 'Small',
  });
}

const template = {
  ...CARD_ENVELOPE,
  body: [
    richText([run('${banner}', { color: 'Attention', weight: 'Bolder' })], { $when: '${hasBanner}' }),
    { type: 'TextBlock', text: 'Schedule a Teams meeting', style: 'heading', size: 'Large', weight: 'Bolder', wrap: true },
    richText([run('For ', { isSubtle: true }), run('${ownerName}', { isSubtle: true, weight: 'Bolder' })], {
      $when: '${hasOwnerName}',
      spacing: 'None',
    }),
    { type: 'Input.Text', id: 'subject', label: 'Subject', maxLength: 255, value: '${subject}' },
    fieldError('subject'),
    { type: 'Input.Date', id: 'date', label: 'Date', value: '${date}' },
    fieldError('date'),
    { type: 'Input.Time', id: 'time', label: 'Start time', value: '${time}' },
    fieldError('time'),
    {
      type: 'Input.ChoiceSet',
      id: 'duration',
      label: 'Duration',
      style: 'compact',
      value: '${duration}',
      choices: [{ $data: '${durationChoices}', title: '${title}', value: '${value}' }],
    },
    fieldError('duration'),
    richText([run('Times are in ${timeZone}.', { isSubtle: true })]),
    // One block per note so each starts on its own line.
    { $data: '${notes}', ...richText([run('${$data}', { isSubtle: true })], { spacing: 'Small' }) },
  ],
  actions: [
    {
      type: 'Action.Submit',
      title: 'Create meeting',
      style: 'positive',
      data: { action: CREATE_ACTION, formId: '${formId}', ownerId: '${ownerId}', timeZone: '${timeZone}' },
    },
    {
      type: 'Action.Submit',
      title: 'Cancel',
      associatedInputs: 'none',
      data: { action: CANCEL_ACTION, formId: '${formId}', ownerId: '${ownerId}' },
    },
  ],
};

function durationChoices(selected: number): { title: string; value: string }[] {
  const minutes = DURATION_CHOICES_MINUTES.includes(selected)
    ? [...DURATION_CHOICES_MINUTES]
    : // Keep an off-list duration the user gave (e.g. 50) so re-submitting doesn't silently change it.
      [...DURATION_CHOICES_MINUTES, selected].sort((a, b) => a - b);
  return minutes.map((m) => ({ title: formatDuration(m), value: String(m) }));
}

/** The "Schedule a Teams meeting" form, prefilled from `d.draft`, with per-field errors. */
export function buildFormCard(d: FormCardData): Record<string, unknown> {
  const given = d.draft.durationMinutes;
  const duration = typeof given === 'number' && Number.isFinite(given) ? given : DEFAULT_DURATION_MINUTES;
  const errors = d.errors ?? {};
  const fields: DraftField[] = ['subject', 'date', 'time', 'duration'];
  // Every field the template references must exist: the engine leaves "${missing}" in the card.
  const errorText = Object.fromEntries(fields.map((f) => [f, errors[f] ?? '']));
  const hasError = Object.fromEntries(fields.map((f) => [f, (errors[f] ?? '') !== '']));
  const notes = (d.notes ?? []).filter((n) => n !== '');
  const card = expandCard(template, {
    formId: d.formId,
    ownerId: d.ownerId,
    ownerName: d.ownerName,
    hasOwnerName: d.ownerName.trim() !== '',
    timeZone: d.timeZone,
    banner: d.banner ?? '',
    hasBanner: (d.banner ?? '') !== '',
    subject: d.draft.subject ?? '',
    date: d.draft.date ?? '',
    time: d.draft.time ?? '',
    duration: String(duration),
    durationChoices: durationChoices(duration),
    errors: errorText,
    hasError,
    notes,
  });
  dropEmptyInputValues(card);
  return card;
}

/** An absent date/time is sent as no `value` rather than "", which some clients render as invalid. */
function dropEmptyInputValues(card: Record<string, unknown>): void {
  for (const el of card.body as Record<string, unknown>[]) {
    if (typeof el.type === 'string' && el.type.startsWith('Input.') && el.value === '') delete el.value;
  }
}
