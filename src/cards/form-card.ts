import type { Locale } from '../i18n/locale';
import { formatDuration, translator, type Translate } from '../i18n/translate';
import { boundedUpn, clipName, NAME_MAX_CHARS, type MeetingPeople } from '../meetings/people';
import type { Attendee } from '../meetings/types';
import { morePeople, reminderChoiceTitle, unresolvedBlocks } from './people-texts';
import type { DraftField, MeetingDraft } from '../meetings/types';
import { DEFAULT_DURATION_MINUTES, SUBJECT_MAX_CHARS } from '../meetings/validate-draft';
import { PEOPLE_INPUTS, VERBS } from '../teams/card-verbs';
import { button, type ActionStyle } from './card-actions';
import { adaptiveCard, heading, richText, run, runsAround, type AdaptiveCard, type CardElement, type CardInput, type Choice } from './card-elements';
import { byteLength, cardBytes, countWithin, firstWithin } from './card-size';

export interface FormCardData {
  formId: string;
  ownerId: string;
  ownerName: string;
  timeZone: string;
  draft: MeetingDraft;
  /** Already in the reader's language, like `notes` and `banner`. */
  errors?: Partial<Record<DraftField, string>>;
  notes?: string[];
  banner?: string;
  /** The reader's language (default en-US). */
  locale?: Locale;
  /** Universal Actions in Teams, Action.Submit elsewhere (default). */
  actionStyle?: ActionStyle;
  /** The form changes an existing meeting (the organizer's Change) instead of scheduling a new one. */
  change?: { recordId: string; version: number };
  /** The mentioned people: a ticked ChoiceSet the organizer can untick (shown when there are any). */
  people?: MeetingPeople;
  /**
   * The organizer's Change form in a Teams channel or group chat: the conversation's members who aren't attendees,
   * offered (not ticked) in the same ChoiceSet, sorted as given; `unavailable` when Teams couldn't list them.
   */
  addable?: AddablePeople;
  /** The ticked attendees (ids), e.g. as a rejected submit had them; default: every attendee. */
  ticked?: readonly string[];
  /** The reminder input, set to this many minutes before (0 = none); absent = no reminder input. */
  reminderInput?: number;
  /** What the request said about the reminder, carried by Create (the new-meeting form has no reminder input). */
  reminderMinutes?: number;
}

/** Members the Change form may offer; `more`: the conversation has more members than these. */
export type AddablePeople = { members: readonly { id: string; name: string }[]; more: boolean } | 'unavailable';

/** At most this many members are offered beyond the current attendees (static typeahead: all travel in the card). */
export const MAX_ADDABLE_MEMBERS = 50;
/** ...their choices take at most this many bytes (long names and ids)... */
const ADDABLE_CHOICES_MAX_BYTES = 12 * 1024;
/** ...and only as many as keep the whole card within this, well under Teams' 28 KB (many attendees leave less room). */
const FORM_CARD_TARGET_BYTES = 24 * 1024;
/** A display name is cut to this many characters in a choice (the value, the person's position, is what counts). */
const CHOICE_TITLE_MAX_CHARS = NAME_MAX_CHARS;

/**
 * The input ids of the people and reminder choices, as submits carry them. The attendee choices' values are
 * positions ("0", "1", …) in the list the form's button carries once (Create: `people.attendees`, Save changes:
 * `choiceIds`), not the Teams ids themselves, which are long: the value of a ticked choice would repeat it.
 */
const REMINDER_CHOICES_MINUTES: readonly number[] = [0, 5, 10, 15, 30, 60];

/** Data of the Create button (Teams merges the input values into it when it is pressed). */
interface FormCreateData {
  formId: string;
  ownerId: string;
  timeZone: string;
  /** The mentioned people, so a submit of a form whose dialog is gone still knows them. */
  people?: Pick<MeetingPeople, 'attendees' | 'everyone'>;
  /** The reminder the request asked for (minutes, as text like an input's value). */
  reminder?: string;
}
/** Data of the Save changes button of a change form. */
interface FormSaveChangeData {
  recordId: string;
  /** The record's version the form was made from: a save of an older one is refused. */
  version: number;
  timeZone: string;
  /** The Teams ids the attendee choices stand for, in order (the attendees, then the members offered). */
  choiceIds?: string[];
}

/**
 * How much of the people a form shows and carries. A form uses the first of FORM_SHAPES that keeps it within the
 * card budget: whatever the attendees, every one of them stays on the form and in its Create data.
 */
interface FormShape {
  /** The carried attendees keep their UPNs (optional: Graph identifies them by the Entra object id). */
  upns: boolean;
  /** Names in the carried attendees (read only when the form's dialog is gone) are cut to this many characters. */
  carriedNameChars: number;
  /** Choice titles (names) are cut to this many characters. */
  titleChars: number;
  /** The "I couldn't add …" lines take at most this many bytes; the rest are counted. */
  unresolvedBytes: number;
  /** The confirm-details card's names line takes at most this many bytes; the rest are counted. */
  namesBytes: number;
  /** The confirm-details card's Change details carries the people too (else only Create does, and the dialog). */
  editCarriesPeople: boolean;
}

const FORM_SHAPES: readonly FormShape[] = [
  { upns: true, carriedNameChars: NAME_MAX_CHARS, titleChars: NAME_MAX_CHARS, unresolvedBytes: Infinity, namesBytes: Infinity, editCarriesPeople: true },
  // First what nobody sees...
  { upns: false, carriedNameChars: NAME_MAX_CHARS, titleChars: NAME_MAX_CHARS, unresolvedBytes: Infinity, namesBytes: Infinity, editCarriesPeople: true },
  { upns: false, carriedNameChars: 16, titleChars: NAME_MAX_CHARS, unresolvedBytes: Infinity, namesBytes: Infinity, editCarriesPeople: true },
  // ...then fewer names shown (the rest counted)...
  { upns: false, carriedNameChars: 16, titleChars: NAME_MAX_CHARS, unresolvedBytes: 4096, namesBytes: 2048, editCarriesPeople: true },
  // ...then one copy of the people on the confirm card, shorter choice titles, the fewest names.
  { upns: false, carriedNameChars: 16, titleChars: NAME_MAX_CHARS, unresolvedBytes: 2048, namesBytes: 1024, editCarriesPeople: false },
  { upns: false, carriedNameChars: 16, titleChars: 32, unresolvedBytes: 1024, namesBytes: 512, editCarriesPeople: false },
  { upns: false, carriedNameChars: 8, titleChars: 16, unresolvedBytes: 0, namesBytes: 0, editCarriesPeople: false },
];

const DURATION_CHOICES_MINUTES: readonly number[] = [15, 30, 45, 60, 90, 120, 180];

function durationChoices(selected: number, locale: Locale): Choice[] {
  const minutes = DURATION_CHOICES_MINUTES.includes(selected)
    ? [...DURATION_CHOICES_MINUTES]
    : // Keep an off-list duration the user gave (e.g. 50) so re-submitting doesn't silently change it.
      [...DURATION_CHOICES_MINUTES, selected].sort((a, b) => a - b);
  return minutes.map((m) => ({ title: formatDuration(m, locale), value: String(m) }));
}

/** "For Alex Wilber", the name in bold: who the meeting is for. */
function ownerLine(t: Translate, ownerName: string): CardElement {
  return richText(runsAround((name) => t('form.for', { name }), ownerName, { isSubtle: true }, { weight: 'Bolder' }), 'None');
}

/**
 * A subject is at most SUBJECT_MAX_CHARS characters: a longer text (a whole pasted message) is prefilled cut to
 * that, which also keeps the card under Teams' 28 KB; the error under the field says how long it was.
 */
function prefill(subject: string | undefined): string | undefined {
  if (subject === undefined) return undefined;
  const chars = [...subject];
  return chars.length > SUBJECT_MAX_CHARS ? chars.slice(0, SUBJECT_MAX_CHARS).join('') : subject;
}

/** An absent value is sent as no `value` rather than "", which some clients render as an invalid date or time. */
function withValue<T extends CardInput>(input: T, value: string | undefined): T {
  return value === undefined || value === '' ? input : { ...input, value };
}

/**
 * The "Schedule a Teams meeting" form, prefilled from `d.draft`, with per-field errors. Within the card budget
 * whatever the people: the members offered on the Change form go first, then optional data and name lengths.
 */
export function buildFormCard(d: FormCardData): AdaptiveCard {
  const candidates = addableCandidates(d);
  // Only people make a form big (the rest is bounded: a 255-character subject, a few notes): the common form without
  // them isn't serialised once more just to be measured.
  if (candidates.length === 0 && (d.people?.attendees.length ?? 0) === 0 && (d.people?.unresolved.length ?? 0) === 0) return formCard(d, [], FORM_SHAPES[0]!);
  return firstWithin(FORM_SHAPES, (shape) => {
    const bare = formCard(d, [], shape);
    if (candidates.length === 0) return bare;
    // The members are offered in the room the card has left: measured on the card without them (with the note that
    // the list is cut short, as it would be then).
    const room = Math.min(ADDABLE_CHOICES_MAX_BYTES, FORM_CARD_TARGET_BYTES - cardBytes(bare));
    const offered = fittingMembers(candidates, room, shape);
    return offered.length === 0 ? bare : formCard(d, offered, shape);
  });
}

function formCard(d: FormCardData, offered: readonly Person[], shape: FormShape): AdaptiveCard {
  const locale = d.locale ?? 'en-US';
  const t = translator(locale);
  const given = d.draft.durationMinutes;
  const duration = typeof given === 'number' && Number.isFinite(given) ? given : DEFAULT_DURATION_MINUTES;
  const errors = d.errors ?? {};
  // Error text is ours but may quote what the user typed, hence a TextRun, shown right below its field.
  const withError = (input: CardInput, field: DraftField): CardElement[] =>
    errors[field] ? [input, richText([run(errors[field]!, { color: 'Attention' })], 'Small')] : [input];

  const body: CardElement[] = [];
  if (d.banner) body.push(richText([run(d.banner, { color: 'Attention', weight: 'Bolder' })]));
  body.push(heading(t(d.change ? 'form.titleChange' : 'form.titleNew')));
  if (d.ownerName.trim() !== '') body.push(ownerLine(t, d.ownerName));
  body.push(
    ...withError(withValue({ type: 'Input.Text', id: 'subject', label: t('form.subject'), maxLength: SUBJECT_MAX_CHARS }, prefill(d.draft.subject)), 'subject'),
    ...withError(withValue({ type: 'Input.Date', id: 'date', label: t('form.date') }, d.draft.date), 'date'),
    ...withError(withValue({ type: 'Input.Time', id: 'time', label: t('form.time') }, d.draft.time), 'time'),
    ...withError(
      { type: 'Input.ChoiceSet', id: 'duration', label: t('form.duration'), style: 'compact', value: String(duration), choices: durationChoices(duration, locale) },
      'duration',
    ),
    ...peopleInputs(d, t, offered, shape),
    richText([run(t('form.timesIn', { zone: d.timeZone }), { isSubtle: true })]),
    // One block per note so each starts on its own line.
    ...(d.notes ?? []).filter((n) => n !== '').map((n) => richText([run(n, { isSubtle: true })], 'Small')),
  );

  const style = d.actionStyle ?? 'submit';
  if (d.change) {
    const listed = [...(d.people?.attendees ?? []), ...offered];
    const save: FormSaveChangeData = { recordId: d.change.recordId, version: d.change.version, timeZone: d.timeZone, ...(listed.length > 0 ? { choiceIds: listed.map((p) => p.id) } : {}) };
    return adaptiveCard(body, [
      button(style, t('form.saveChanges'), VERBS.saveChange, save, { style: 'positive' }),
      button(style, t('form.back'), VERBS.back, { recordId: d.change.recordId }, { withInputs: false }),
    ]);
  }
  const create: FormCreateData = {
    formId: d.formId,
    ownerId: d.ownerId,
    timeZone: d.timeZone,
    ...peopleData(d.people, shape),
    ...(d.reminderMinutes !== undefined ? { [PEOPLE_INPUTS.reminder]: String(d.reminderMinutes) } : {}),
  };
  return adaptiveCard(body, [
    button(style, t('form.create'), VERBS.create, create, { style: 'positive' }),
    button(style, t('form.cancel'), VERBS.cancelForm, { formId: d.formId, ownerId: d.ownerId }, { withInputs: false }),
  ]);
}

export interface ConfirmDetailsCardData {
  formId: string;
  ownerId: string;
  ownerName: string;
  timeZone: string;
  /** Complete, valid details (they travel in the buttons' data: the card has no inputs). */
  draft: Required<Pick<MeetingDraft, 'subject' | 'date' | 'time' | 'durationMinutes'>>;
  /** "Fri, Nov 27, 2026, 3:00 PM – 3:45 PM EST (America/New_York)". */
  when: string;
  notes?: string[];
  /** The reader's language (default en-US); `when` and `notes` are already in it. */
  locale?: Locale;
  people?: MeetingPeople;
  /** A reminder the request asked for ("remind me 30 min before", "no reminder"). */
  reminderMinutes?: number;
}

/**
 * The compact card for a complete request in Teams when the user isn't signed in yet: pressing Create meeting
 * lets Teams sign them in inside the conversation (Universal Actions), so nobody else sees a sign-in card. Within
 * the card budget whatever the people; Create always carries every attendee.
 */
export function buildConfirmDetailsCard(d: ConfirmDetailsCardData): AdaptiveCard {
  return firstWithin(FORM_SHAPES, (shape) => confirmDetailsCard(d, shape));
}

function confirmDetailsCard(d: ConfirmDetailsCardData, shape: FormShape): AdaptiveCard {
  const t = translator(d.locale ?? 'en-US');
  const body: CardElement[] = [
    richText([run(d.draft.subject, { size: 'Large', weight: 'Bolder' })]),
    richText([run(d.when)], 'Small'),
  ];
  if (d.ownerName.trim() !== '') body.push(ownerLine(t, d.ownerName));
  body.push(...(d.notes ?? []).filter((n) => n !== '').map((n) => richText([run(n, { isSubtle: true })], 'Small')));
  const details = {
    formId: d.formId,
    ownerId: d.ownerId,
    timeZone: d.timeZone,
    subject: d.draft.subject,
    date: d.draft.date,
    time: d.draft.time,
    duration: String(d.draft.durationMinutes),
    ...(d.reminderMinutes !== undefined ? { [PEOPLE_INPUTS.reminder]: String(d.reminderMinutes) } : {}),
  };
  // Every attendee is on Create (no ticks to read: the card has no inputs). Change details carries them too while
  // there is room; without them its press reads the people from the dialog, which holds them.
  const create = { ...details, ...peopleData(d.people, shape) };
  const edit = shape.editCarriesPeople ? create : { ...details, ...peopleData(d.people && { ...d.people, attendees: [] }, shape) };
  const names = namesLine(t, d.people?.attendees ?? [], shape.namesBytes);
  if (names !== '') body.push(richText([run(t('common.labelled', { label: t('people.attendees') }), { weight: 'Bolder' }), run(names)], 'Small'));
  body.push(...unresolvedBlocks(t, d.people?.unresolved, shape.unresolvedBytes));
  return adaptiveCard(body, [
    button('execute', t('form.create'), VERBS.create, create, { style: 'positive' }),
    button('execute', t('form.changeDetails'), VERBS.editDetails, edit),
    button('execute', t('form.cancel'), VERBS.cancelForm, { formId: d.formId, ownerId: d.ownerId }, { withInputs: false }),
  ]);
}

/**
 * Who was mentioned (untickable) and when to remind, as form inputs; unresolved mentions as notes. On the Change form
 * in Teams the attendee list also offers the conversation's members (static typeahead), with a note when the list is
 * cut short or Teams couldn't give it.
 */
function peopleInputs(d: FormCardData, t: Translate, offered: readonly Person[], shape: FormShape): CardElement[] {
  const out: CardElement[] = [];
  const attendees = d.people?.attendees ?? [];
  const listed = d.addable !== undefined && d.addable !== 'unavailable' ? d.addable : undefined;
  if (attendees.length > 0 || offered.length > 0) {
    // Each choice's value is its position in the list the button carries (attendees, then the members offered).
    const people = [...attendees, ...offered];
    const choices = people.map((p, i) => ({ title: choiceTitle(p.name, p.id, shape.titleChars), value: String(i) }));
    const wanted = new Set(d.ticked ?? attendees.map((a) => a.id));
    const ticked = choices.filter((_, i) => wanted.has(people[i]!.id)).map((c) => c.value);
    out.push(
      withValue(
        {
          type: 'Input.ChoiceSet',
          id: PEOPLE_INPUTS.attendees,
          label: t(listed ? 'people.attendeesEditInput' : 'people.attendeesInput'),
          style: listed ? 'filtered' : 'expanded',
          isMultiSelect: true,
          choices,
        },
        ticked.join(','),
      ),
    );
  }
  if (listed && (listed.more || offered.length < addableCandidates(d).length)) out.push(richText([run(t('people.membersCapped', { max: MAX_ADDABLE_MEMBERS }), { isSubtle: true })], 'Small'));
  if (d.addable === 'unavailable') out.push(richText([run(t('people.membersUnavailable'), { isSubtle: true })], 'Small'));
  out.push(...unresolvedBlocks(t, d.people?.unresolved, shape.unresolvedBytes));
  if (d.people?.everyone) out.push(richText([run(t('people.everyone'), { isSubtle: true })], 'Small'));
  if (d.reminderInput !== undefined) {
    const minutes = REMINDER_CHOICES_MINUTES.includes(d.reminderInput) ? [...REMINDER_CHOICES_MINUTES] : [...REMINDER_CHOICES_MINUTES, d.reminderInput].sort((a, b) => a - b);
    out.push({
      type: 'Input.ChoiceSet',
      id: PEOPLE_INPUTS.reminder,
      label: t('people.reminderInput'),
      style: 'compact',
      value: String(d.reminderInput),
      choices: minutes.map((m) => ({ title: reminderChoiceTitle(t, m), value: String(m) })),
    });
  }
  return out;
}

type Person = { id: string; name: string };

/** The listed members who could be offered: not attendees, each once, in the order given. */
function addableCandidates(d: FormCardData): Person[] {
  if (d.addable === undefined || d.addable === 'unavailable') return [];
  const taken = new Set((d.people?.attendees ?? []).map((a) => a.id));
  return d.addable.members.filter((m) => !taken.has(m.id) && (taken.add(m.id), true));
}

/**
 * The first candidates, at most MAX_ADDABLE_MEMBERS, whose choices (title and position) and ids on Save changes take
 * at most `room` bytes.
 */
function fittingMembers(candidates: readonly Person[], room: number, shape: FormShape): Person[] {
  const offered = candidates.slice(0, MAX_ADDABLE_MEMBERS);
  const cost = (m: Person) => byteLength(JSON.stringify({ title: choiceTitle(m.name, m.id, shape.titleChars), value: '100' })) + 1 + byteLength(JSON.stringify(m.id)) + 1;
  return offered.slice(0, countWithin(offered, room, cost));
}

function choiceTitle(name: string, id: string, maxChars: number = CHOICE_TITLE_MAX_CHARS): string {
  return clipName(name.trim() || id, Math.min(maxChars, CHOICE_TITLE_MAX_CHARS));
}

/** "Sam Jones, Priya Patel and 12 more": the names within `maxBytes`, the rest counted. */
function namesLine(t: Translate, attendees: readonly Attendee[], maxBytes: number): string {
  const names = attendees.map((a) => clipName(a.name)).filter((n) => n !== '');
  const shown = countWithin(names, maxBytes, (n) => byteLength(n) + 2);
  const listed = names.slice(0, shown).join(', ');
  const left = names.length - shown;
  return left === 0 ? listed : `${listed}${listed !== '' ? ' ' : ''}${morePeople(t, left, shown)}`;
}

/**
 * The people a create button carries (nothing when nobody was mentioned, so plain forms stay as they were): every
 * attendee, in the order of the choices, as compact as `shape` says.
 */
function peopleData(people: Pick<MeetingPeople, 'attendees' | 'everyone'> | undefined, shape: Pick<FormShape, 'upns' | 'carriedNameChars'> = FORM_SHAPES[0]!): { people?: Pick<MeetingPeople, 'attendees' | 'everyone'> } {
  if (!people || (people.attendees.length === 0 && !people.everyone)) return {};
  const attendees = people.attendees.map(
    (a): Attendee => ({ id: a.id, name: clipName(a.name, shape.carriedNameChars), objectId: a.objectId, ...(shape.upns && boundedUpn(a.upn) ? { upn: a.upn } : {}) }),
  );
  return { people: { attendees, everyone: people.everyone } };
}
