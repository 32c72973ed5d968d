import type { Locale } from '../i18n/locale';
import { translator, type Translate } from '../i18n/translate';
import type { UnresolvedMention } from '../meetings/people';
import type { CreatedMeeting } from '../meetings/types';
import { calendarBody, morePeople, reminderLine, unresolvedBlocks } from './people-texts';
import { outlookCalendarUrl } from './calendar-link';
import { CARD_BUDGET_BYTES, cardBytes, fitsBudget } from './card-size';
import { mentionLine, type Mentionable } from './mention-entities';
import { VERBS } from '../teams/card-verbs';
import { button, type ActionStyle } from './card-actions';
import { adaptiveCard, richText, run, type AdaptiveCard, type CardAction, type CardElement, type MentionEntity, type RichTextBlock } from './card-elements';
import { formatInstant, formatMeetingTime } from './format-meeting-time';

/** The parts of a meeting the join card shows. */
type ShownMeeting = Pick<CreatedMeeting, 'subject' | 'startIso' | 'endIso' | 'joinWebUrl' | 'dialIn' | 'simulated'>;

export interface JoinCardData {
  meeting: ShownMeeting;
  /** The zone the time is shown in (labelled on the card). */
  timeZone: string;
  organizerName: string;
  notes?: string[];
  /** The last time change: "Moved from … by …". */
  movedFrom?: { startIso: string; by: string };
  /**
   * Once the meeting has a record it can be managed from the card. `everyone` is the shared card (in Teams it asks
   * the organizer's client for their own view); `organizer` adds Change and Cancel meeting.
   */
  manage?: { recordId: string; organizerId: string; view: 'everyone' | 'organizer'; actionStyle: ActionStyle };
  /** The reader's language (default en-US); `notes` are already in it. */
  locale?: Locale;
  /** Invited people, mentioned on the card so Teams notifies them. */
  attendees?: Mentionable[];
  /** Mentioned people who couldn't be invited, and why. */
  unresolved?: UnresolvedMention[];
  /** A channel/team mention opened the lobby to the whole organization. */
  everyone?: boolean;
  /** Minutes before the start a reminder is posted in the conversation (shown when > 0). */
  reminderMinutes?: number;
  /**
   * The Outlook invitations: who they were sent to, or why not (already in the reader's language; `attention` for a
   * problem), and whether the organizer's card offers "Send Outlook invitations".
   */
  calendar?: { lines: { text: string; attention?: boolean }[]; sendInvitations?: boolean };
}

/** "Label: value" on one line; the value may come from the user or Graph, so it is a TextRun. */
function labelled(label: string, value: string, locale: Locale): RichTextBlock {
  return richText([run(translator(locale)('common.labelled', { label }), { weight: 'Bolder' }), run(value)]);
}

/** How many bytes the people lines may take: the mentions, and the "I couldn't add …" lines. */
interface PeopleRoom {
  mentions: number;
  unresolved: number;
}

const UNLIMITED: PeopleRoom = { mentions: Infinity, unresolved: Infinity };
/** In a card too big for Teams, the "I couldn't add …" lines get at most this much of the room; the mentions the rest. */
const UNRESOLVED_ROOM_BYTES = 4 * 1024;

/**
 * The card posted once a meeting exists: what, when (in the user's zone), dial-in, and a Join button. Within
 * CARD_BUDGET_BYTES whatever the attendees: when all of them don't fit, the first are mentioned and the others
 * counted ("and 12 more"; everyone stays invited in Graph), and so are the people who couldn't be added.
 */
export function buildJoinCard(d: JoinCardData): AdaptiveCard {
  const full = joinCard(d, UNLIMITED);
  // Only people make a join card big (the subject is at most 255 characters, the links a few KB): the common card
  // without them isn't serialised once more just to be measured.
  if ((d.attendees?.length ?? 0) === 0 && (d.unresolved?.length ?? 0) === 0) return full;
  if (fitsBudget(full)) return full;
  // The people lines get the room the rest of the card leaves: the unresolved a share, the mentions what is left.
  const bare = cardBytes(joinCard(d, { mentions: 0, unresolved: 0 }));
  // A little slack: the count texts ("and 12 more") differ in length from the bare card's ("50 people").
  const room = Math.max(0, CARD_BUDGET_BYTES - bare - 128);
  const unresolved = Math.min(UNRESOLVED_ROOM_BYTES, Math.floor(room / 4));
  const usedByUnresolved = cardBytes(joinCard(d, { mentions: 0, unresolved })) - bare;
  let mentions = Math.max(0, room - Math.max(0, usedByUnresolved));
  let card = joinCard(d, { mentions, unresolved });
  // The estimate is exact but for the count texts; should it still be over, name fewer people.
  while (!fitsBudget(card) && mentions > 0) {
    mentions = Math.floor(mentions / 2);
    card = joinCard(d, { mentions, unresolved });
  }
  return card;
}

function joinCard(d: JoinCardData, room: PeopleRoom): AdaptiveCard {
  const m = d.meeting;
  const locale = d.locale ?? 'en-US';
  const t = translator(locale);
  const body: CardElement[] = [
    { type: 'TextBlock', text: t(d.movedFrom ? 'join.updated' : 'join.scheduled'), style: 'heading', color: 'Accent', weight: 'Bolder', wrap: true },
  ];
  if (m.subject.trim() !== '') body.push(richText([run(m.subject, { size: 'Large', weight: 'Bolder' })], 'Small'));
  body.push(labelled(t('join.when'), formatMeetingTime(m.startIso, m.endIso, d.timeZone, locale), locale));
  body.push(calendarButton(m, t));
  if (d.organizerName.trim() !== '') body.push(labelled(t('join.organizer'), d.organizerName, locale));
  const people = peopleLines(d, t, room);
  body.push(...people.elements);
  body.push(...calendarLines(d, t));
  if (d.movedFrom) {
    const from = formatInstant(d.movedFrom.startIso, d.timeZone, locale);
    body.push(richText([run(t('join.movedFrom', { from, by: d.movedFrom.by || t('common.theOrganizer') }), { isSubtle: true })], 'Small'));
  }

  const dialIn = [
    [t('join.toll'), m.dialIn?.tollNumber],
    [t('join.tollFree'), m.dialIn?.tollFreeNumber],
    [t('join.conferenceId'), m.dialIn?.conferenceId],
  ].filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  if (dialIn.length > 0) {
    body.push({
      type: 'Container',
      spacing: 'Medium',
      items: [richText([run(t('join.byPhone'), { weight: 'Bolder' })]), ...dialIn.map(([label, value]) => labelled(label, value, locale))],
    });
  }
  for (const note of d.notes ?? []) {
    if (note !== '') body.push(richText([run(note, { isSubtle: true })], 'Small'));
  }
  if (m.simulated === true) body.push(richText([run(t('join.simulated'), { weight: 'Bolder' })]));

  // The URL is passed through untouched: Teams join links carry percent-encoded ids and JSON context.
  const actions: CardAction[] = [{ type: 'Action.OpenUrl', title: t('join.join'), url: m.joinWebUrl }];
  const manage = d.manage;
  if (manage?.view === 'organizer') {
    actions.push(
      button(manage.actionStyle, t('join.change'), VERBS.change, { recordId: manage.recordId }, { withInputs: false }),
      button(manage.actionStyle, t('join.cancelMeeting'), VERBS.cancelMeeting, { recordId: manage.recordId }, { withInputs: false, style: 'destructive' }),
    );
  }
  const card = adaptiveCard(body, actions);
  if (people.entities.length > 0) card.msteams.entities = people.entities;
  if (manage?.actionStyle === 'execute') {
    card.refresh = { action: { type: 'Action.Execute', verb: VERBS.refresh, data: { recordId: manage.recordId } }, userIds: [manage.organizerId] };
  }
  return card;
}

/** "Add to my calendar", for everyone: Outlook on the web's compose page, prefilled. */
function calendarButton(m: ShownMeeting, t: Translate): CardElement {
  const url = outlookCalendarUrl({ subject: m.subject, startIso: m.startIso, endIso: m.endIso, body: calendarBody(t, m.joinWebUrl) });
  return { type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.OpenUrl', title: t('people.addToCalendar'), url }] };
}

/** The Outlook invitations' lines (bounded by their builder: at most a few names), and the organizer's follow-up button. */
function calendarLines(d: JoinCardData, t: Translate): CardElement[] {
  const elements: CardElement[] = (d.calendar?.lines ?? []).map((line) => richText([run(line.text, line.attention ? { color: 'Attention' } : { isSubtle: true })], 'Small'));
  const manage = d.manage;
  if (d.calendar?.sendInvitations && manage?.view === 'organizer') {
    elements.push({ type: 'ActionSet', spacing: 'Small', actions: [button(manage.actionStyle, t('calendar.sendInvitations'), VERBS.sendInvitations, { recordId: manage.recordId }, { withInputs: false })] });
  }
  return elements;
}

/** Attendees (as real mentions), who couldn't be added, the open lobby, the reminder; the people within `room`. */
function peopleLines(d: JoinCardData, t: Translate, room: PeopleRoom): { elements: CardElement[]; entities: MentionEntity[] } {
  const elements: CardElement[] = [];
  const lead = `**${t('common.labelled', { label: t('people.attendees') }).trimEnd()}** `;
  const mentions = mentionLine(d.attendees ?? [], lead, { maxBytes: room.mentions, more: (left, shown) => morePeople(t, left, shown) });
  if (mentions) elements.push(mentions.block);
  elements.push(...unresolvedBlocks(t, d.unresolved, room.unresolved));
  if (d.everyone) elements.push(richText([run(t('people.everyone'), { isSubtle: true })], 'Small'));
  if (d.reminderMinutes !== undefined && d.reminderMinutes > 0) elements.push(richText([run(reminderLine(t, d.reminderMinutes), { isSubtle: true })], 'Small'));
  return { elements, entities: mentions?.entities ?? [] };
}
