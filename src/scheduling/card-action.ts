// Reads a button press on one of our cards: an adaptiveCard/action invoke (Action.Execute, Teams) or a message
// whose value carries the verb (Action.Submit, Emulator and cards posted before Universal Actions). Everything in
// it comes from the client: values are checked for type here and never trusted beyond that.
import type { Activity } from 'botbuilder';
import { VERBS, type Verb } from '../cards/card-actions';
import type { MeetingDraft } from '../meetings/types';

export interface CardActionPress {
  verb: Verb;
  /** The button's data merged with the card's input values, as the client sent them. */
  data: Record<string, unknown>;
  via: 'invoke' | 'submit';
}

const KNOWN_VERBS = new Set<string>(Object.values(VERBS));

export function readCardAction(activity: Partial<Activity>): CardActionPress | undefined {
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    const verb = action?.verb;
    if (typeof verb !== 'string' || !KNOWN_VERBS.has(verb)) return undefined;
    return { verb: verb as Verb, data: isObject(action?.data) ? action.data : {}, via: 'invoke' };
  }
  if (activity.type === 'message' && isObject(activity.value)) {
    const verb = activity.value.action;
    if (typeof verb !== 'string' || !KNOWN_VERBS.has(verb)) return undefined;
    return { verb: verb as Verb, data: activity.value, via: 'submit' };
  }
  return undefined;
}

/** A press on a scheduling form (or its compact variant): which one, whose, and the details in it. */
export interface FormSubmit {
  action: 'create' | 'cancel' | 'edit';
  formId: string;
  ownerId: string;
  timeZone?: string;
  draft: MeetingDraft;
}

const FORM_ACTIONS: Partial<Record<Verb, FormSubmit['action']>> = {
  [VERBS.create]: 'create',
  [VERBS.cancelForm]: 'cancel',
  [VERBS.editDetails]: 'edit',
};

/** A press on a scheduling form (or its compact variant), as opposed to a created meeting's card. */
export function isFormPress(press: CardActionPress): boolean {
  return FORM_ACTIONS[press.verb] !== undefined;
}

export function readFormSubmit(activity: Partial<Activity>): FormSubmit | undefined {
  const press = readCardAction(activity);
  const action = press && FORM_ACTIONS[press.verb];
  if (!press || !action) return undefined;
  const { data } = press;
  if (typeof data.formId !== 'string' || typeof data.ownerId !== 'string') return undefined;
  return { action, formId: data.formId, ownerId: data.ownerId, timeZone: text(data, 'timeZone'), draft: draftFrom(data) };
}

/** The details in a form's values. Input values are strings (or absent) whatever the client. */
export function draftFrom(data: Record<string, unknown>): MeetingDraft {
  const durationText = text(data, 'duration') ?? (typeof data.duration === 'number' ? String(data.duration) : undefined);
  const duration = durationText !== undefined && /^\s*\d+\s*$/.test(durationText) ? Number(durationText) : undefined;
  return {
    subject: text(data, 'subject'),
    date: text(data, 'date')?.trim() || undefined,
    time: text(data, 'time')?.trim() || undefined,
    // An unreadable duration becomes NaN so validation names it instead of silently defaulting.
    durationMinutes: durationText === undefined || durationText.trim() === '' ? undefined : duration ?? Number.NaN,
  };
}

export function text(data: Record<string, unknown>, key: string): string | undefined {
  return typeof data[key] === 'string' ? (data[key] as string) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
