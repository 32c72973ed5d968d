// What a scheduling attempt is about, shared by the no-dialog path and the dialogs.
import type { Said } from '../i18n/translate';
import { keepAttendees, type MeetingPeople } from '../meetings/people';
import type { Roster } from '../teams/roster';
import type { DraftField, MeetingDraft, ParsedSchedule } from '../meetings/types';
import type { Turn } from '../teams/turn';

/** One person's request for a meeting, bound to one form (shown or not yet). */
export interface ScheduleRequest {
  /** Identifies the form; its submits carry it back. */
  formId: string;
  ownerId: string;
  ownerName: string;
  timeZone: string;
  draft: MeetingDraft;
  /** The form card's activity id, once one was posted (it is then updated in place). */
  cardActivityId?: string;
  /** The people @mentioned in the request (attendees, who couldn't be added, "everyone"). */
  people?: MeetingPeople;
  /** What the request said about a reminder (minutes before; 0 = none); absent = the default. */
  reminderMinutes?: number;
}

/** A request plus how the flow should start with it. */
export interface ScheduleStart extends ScheduleRequest {
  /** Why a value the parser found must be confirmed on the form, by field. */
  ambiguities?: Partial<Record<DraftField, Said>>;
  /** Message shown at the top of the form (e.g. why the last attempt failed), put into the reader's language there. */
  banner?: Said;
  /** Show the form even if the draft is valid (after an error). */
  forceForm?: boolean;
  /** Graph rejected the user's token, which is forgotten: sign in again (once) before creating. */
  signInAgain?: boolean;
  /**
   * Complete details, but the user has to sign in first, in a Teams channel or group chat: show the compact card
   * whose Create button signs them in inside the conversation (nobody else sees a sign-in card).
   */
  confirmInCard?: boolean;
}

/** A new request from what `turn.user` wrote, as the parser read it, in the turn's zone, with the people it names. */
export function startFromParse(turn: Pick<Turn, 'user' | 'timeZone'>, formId: string, parsed: Pick<ParsedSchedule, 'draft' | 'ambiguities'>, people?: MeetingPeople): ScheduleStart {
  return {
    formId,
    ownerId: turn.user.id,
    ownerName: turn.user.name,
    timeZone: turn.timeZone,
    draft: parsed.draft,
    ambiguities: parsed.ambiguities,
    ...(people ? { people } : {}),
  };
}

/** The form is shown even for valid details when the parser was unsure of something or it was asked for. */
export function formWanted(start: ScheduleStart): boolean {
  const unsure = start.ambiguities !== undefined && Object.keys(start.ambiguities).length > 0;
  return unsure || start.forceForm === true;
}

/** The start that shows the form again with `banner` on top and everything the user gave. */
export function formAgain(request: ScheduleRequest, banner: Said): ScheduleStart {
  const { formId, ownerId, ownerName, timeZone, draft, cardActivityId, people, reminderMinutes } = request;
  return { formId, ownerId, ownerName, timeZone, draft, cardActivityId, people, reminderMinutes, banner, forceForm: true };
}

/**
 * The people and reminder after a form press: the request's own people (from dialog state, or looked up in this
 * conversation) — never the people a card says it carries — with only the attendees still ticked; the reminder
 * chosen, else the one asked for.
 */
export function withChoices(
  request: Pick<ScheduleRequest, 'people' | 'reminderMinutes'>,
  submit: { attendeeIds?: string[]; reminderMinutes?: number },
): Pick<ScheduleRequest, 'people' | 'reminderMinutes'> {
  const people = request.people && submit.attendeeIds ? keepAttendees(request.people, submit.attendeeIds) : request.people;
  return { people, reminderMinutes: submit.reminderMinutes ?? request.reminderMinutes };
}

/**
 * The people a form's button carried, for a form whose dialog is gone: each id looked up in this conversation like a
 * mention, so nobody becomes an attendee (or is @mentioned) on the card's word. Names come from Teams.
 */
export async function carriedPeople(roster: Roster, carried: Pick<MeetingPeople, 'attendees'> | undefined): Promise<MeetingPeople | undefined> {
  const ids = carried?.attendees.map((a) => a.id) ?? [];
  if (ids.length === 0) return undefined;
  const found = await roster.lookUp(ids);
  return { attendees: found.attendees, unresolved: found.unresolved, everyone: false };
}
