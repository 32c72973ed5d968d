// Reads a button press on one of our cards: an adaptiveCard/action invoke (Action.Execute, Teams) or a message
// whose value carries the verb (Action.Submit, Emulator and cards posted before Universal Actions). Everything in
// it comes from the client: values are checked for type here and never trusted beyond that.
import type { Activity } from 'botbuilder';
import { attendeesFrom, isTeamsUserId, type MeetingPeople } from '../meetings/people';
import { MAX_REMINDER_MINUTES } from '../meetings/reminder';
import type { MeetingDraft } from '../meetings/types';
import { PEOPLE_INPUTS, VERBS, type Verb } from './card-verbs';

export interface CardPress {
  verb: Verb;
  /** The button's data merged with the card's input values, as the client sent them. */
  data: Record<string, unknown>;
  via: 'invoke' | 'submit';
}

const KNOWN_VERBS = new Set<string>(Object.values(VERBS));

export function readCardPress(activity: Partial<Activity>): CardPress | undefined {
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
  /** The attendees left ticked, when the form had the attendee input. */
  attendeeIds?: string[];
  /** The people the form was made for, as its button carried them. */
  people?: Pick<MeetingPeople, 'attendees' | 'everyone'>;
  /** The reminder chosen or carried (minutes before; 0 = none). */
  reminderMinutes?: number;
}

const FORM_ACTIONS: Partial<Record<Verb, FormSubmit['action']>> = {
  [VERBS.create]: 'create',
  [VERBS.cancelForm]: 'cancel',
  [VERBS.editDetails]: 'edit',
};

/** A press on a scheduling form (or its compact variant), as opposed to a created meeting's card. */
export function isFormPress(press: CardPress): boolean {
  return FORM_ACTIONS[press.verb] !== undefined;
}

/** The form submit a press is, when it is a press on a scheduling form with the form's identity. */
export function formSubmitOf(press: CardPress): FormSubmit | undefined {
  const action = FORM_ACTIONS[press.verb];
  if (!action) return undefined;
  const { data } = press;
  if (typeof data.formId !== 'string' || typeof data.ownerId !== 'string') return undefined;
  return { action, formId: data.formId, ownerId: data.ownerId, timeZone: text(data, 'timeZone'), draft: draftFrom(data), ...choicesFrom(data) };
}

export function readFormSubmit(activity: Partial<Activity>): FormSubmit | undefined {
  const press = readCardPress(activity);
  return press && formSubmitOf(press);
}

/** At most this many attendee choices are read from a press (a form lists at most 50 attendees and 50 members). */
const MAX_TICKED = 100;

/** The attendee and reminder choices in a press's values (each only when present and well-formed). */
export function choicesFrom(data: Record<string, unknown>): Pick<FormSubmit, 'attendeeIds' | 'people' | 'reminderMinutes'> {
  const out: Pick<FormSubmit, 'attendeeIds' | 'people' | 'reminderMinutes'> = {};
  const ticked = data[PEOPLE_INPUTS.attendees];
  if (typeof ticked === 'string') out.attendeeIds = tickedIds(ticked, choiceList(data));
  const people = data.people as { attendees?: unknown; everyone?: unknown } | undefined;
  if (isObject(people)) out.people = { attendees: attendeesFrom(people.attendees) ?? [], everyone: people.everyone === true };
  const reminder = data[PEOPLE_INPUTS.reminder];
  const minutes = typeof reminder === 'string' && /^\s*\d{1,4}\s*$/.test(reminder) ? Number(reminder) : typeof reminder === 'number' ? reminder : undefined;
  if (minutes !== undefined && Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_REMINDER_MINUTES) out.reminderMinutes = minutes;
  return out;
}

/**
 * The Teams ids the ticked choices stand for. A choice's value is its position ("0", "3") in the list the button
 * carries (`choices`); a position outside it, or whose entry isn't a Teams user id, is ignored, and each id counts
 * once. A value that is itself an id (forms posted before positions) is taken as it is, as it always was: who it
 * names is decided by the caller (the request's own people, or a lookup in this conversation).
 */
export function tickedIds(value: string, choices: readonly unknown[] | undefined): string[] {
  const out = new Set<string>();
  for (const token of value.split(',').slice(0, MAX_TICKED)) {
    const item = token.trim();
    if (item === '') continue;
    if (/^\d{1,3}$/.test(item)) {
      const id = choices?.[Number(item)];
      if (isTeamsUserId(id)) out.add(id);
    } else {
      out.add(item);
    }
  }
  return [...out];
}

/**
 * The ids the attendee choices stand for, as the pressed button carried them: Save changes carries them as
 * `choiceIds`, Create as its people's ids. Untrusted: entries are checked one by one when read.
 */
function choiceList(data: Record<string, unknown>): readonly unknown[] | undefined {
  if (Array.isArray(data.choiceIds)) return data.choiceIds.slice(0, MAX_TICKED);
  const attendees = isObject(data.people) ? data.people.attendees : undefined;
  return Array.isArray(attendees) ? attendees.slice(0, MAX_TICKED).map((a) => (isObject(a) ? a.id : undefined)) : undefined;
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
