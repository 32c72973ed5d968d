// The cards a meeting record is shown as: the shared card in the conversation, and each viewer's own version.
import { actionStyleFor } from '../cards/card-actions';
import type { AdaptiveCard } from '../cards/card-elements';
import { buildJoinCard } from '../cards/join-card';
import { buildCancelledMeetingCard } from '../cards/meeting-cards';
import { supportedLocale, type Locale } from '../i18n/locale';
import { translator, type Said } from '../i18n/translate';
import type { MeetingRecord } from '../meetings/meeting-record';
import { clipName } from '../meetings/people';
import type { Translate } from '../i18n/translate';
import { offersInvitations } from './calendar-sync';
import type { Turn } from '../teams/turn';

/**
 * What everyone in the conversation sees. In a Teams channel or group chat the organizer's buttons are left out and
 * fetched by the organizer's client through the card's refresh. Where the organizer is the only viewer (a personal
 * chat, the Emulator) the card carries them itself: the shared card and the presser's answer are then the same.
 */
export function sharedCard(record: MeetingRecord, notes?: Said[]): AdaptiveCard {
  const locale = organizerLocale(record);
  if (record.status === 'cancelled') return cancelledCard(record, record.timeZone, locale);
  const oneViewer = record.personalChat === true || actionStyleFor(record.channelId) === 'submit';
  return joinCard(record, record.timeZone, locale, oneViewer ? 'organizer' : 'everyone', notes);
}

/** One viewer's version: the organizer's has Change and Cancel meeting; times in the viewer's zone and language. */
export function viewerCard(record: MeetingRecord, viewerId: string | undefined, timeZone: string, locale: Locale = organizerLocale(record), notes?: Said[]): AdaptiveCard {
  if (record.status === 'cancelled') return cancelledCard(record, timeZone, locale);
  return joinCard(record, timeZone, locale, viewerId === record.organizer.id ? 'organizer' : 'everyone', notes);
}

/** A meeting's times for one reader: in the zone their client sent, else the meeting's own. */
export function viewerZone(turn: Pick<Turn, 'activityTimeZone'>, record: Pick<MeetingRecord, 'timeZone'>): string {
  return turn.activityTimeZone ?? record.timeZone;
}

/** The shared card speaks the organizer's language (everyone sees one card; each viewer's own is in theirs). */
export function organizerLocale(record: MeetingRecord): Locale {
  return supportedLocale(record.locale ?? 'en-US');
}

function joinCard(record: MeetingRecord, timeZone: string, locale: Locale, view: 'everyone' | 'organizer', notes?: Said[]): AdaptiveCard {
  const t = translator(locale);
  return buildJoinCard({
    meeting: record,
    timeZone,
    locale,
    organizerName: record.organizer.name,
    notes: notes?.map((n) => t(n)),
    movedFrom: record.movedFrom,
    attendees: record.attendees,
    unresolved: record.unresolved,
    everyone: record.lobbyScope === 'organization',
    reminderMinutes: record.reminder ? record.reminderMinutes : undefined,
    calendar: calendarView(record, t),
    manage: { recordId: record.id, organizerId: record.organizer.id, view, actionStyle: actionStyleFor(record.channelId) },
  });
}

function cancelledCard(record: MeetingRecord, timeZone: string, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  return buildCancelledMeetingCard({
    subject: record.subject,
    startIso: record.startIso,
    endIso: record.endIso,
    timeZone,
    locale,
    note: record.cancelledBy !== undefined ? t('cancelled.by', { name: record.cancelledBy || t('common.theOrganizer') }) : t('cancelled.deleted'),
    calendarNote: record.calendar?.eventId && !record.calendar.cancelled && record.calendar.problem ? t('calendar.notCancelled', { reason: t(`calendar.reason.${record.calendar.problem}`) }) : undefined,
  });
}

/** At most this many invited people are named on the card ("… and 12 more"): everyone invited is in the event. */
const INVITED_NAMED = 5;

/** What the card says about the Outlook invitations: sent to whom, or why not, and whether to offer sending them. */
function calendarView(record: MeetingRecord, t: Translate): JoinCardCalendar | undefined {
  const calendar = record.calendar;
  if (!calendar) return undefined;
  const lines: JoinCardCalendar['lines'] = [];
  const reason = calendar.problem && t(`calendar.reason.${calendar.problem}`);
  if (calendar.eventId) {
    const invited = calendar.mode === 'invite' ? (record.attendees ?? []).filter((a) => a.upn) : [];
    if (invited.length > 0) {
      const named = invited.slice(0, INVITED_NAMED).map((a) => clipName(a.name || a.upn!)).join(t('common.listSeparator'));
      const left = invited.length - Math.min(invited.length, INVITED_NAMED);
      lines.push({ text: t('calendar.invitationsSent', { names: left > 0 ? `${named} ${t('people.andMore', { count: left })}` : named }) });
    } else {
      lines.push({ text: t('calendar.inOrganizerCalendar', { name: record.organizer.name || t('common.theOrganizer') }) });
    }
    // A change the event didn't follow (yet).
    if (reason && calendar.syncedVersion !== record.version) lines.push({ text: t('calendar.notUpdated', { reason }), attention: true });
  } else if (reason) {
    lines.push({ text: t('calendar.notSent', { reason }), attention: true });
    if (calendar.problem !== 'busy') lines.push({ text: t('calendar.addYourself') });
  }
  return { lines, sendInvitations: offersInvitations(record) };
}

type JoinCardCalendar = NonNullable<Parameters<typeof buildJoinCard>[0]['calendar']>;
