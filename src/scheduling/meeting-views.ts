// The cards a meeting record is shown as: the shared card in the conversation, and each viewer's own version.
import { actionStyleFor } from '../cards/card-actions';
import type { AdaptiveCard } from '../cards/card-elements';
import { buildJoinCard } from '../cards/join-card';
import { buildCancelledMeetingCard } from '../cards/meeting-cards';
import type { MeetingRecord } from '../meetings/meeting-record';

/**
 * What everyone in the conversation sees. In Teams: the organizer's buttons are left out and fetched by the
 * organizer's client through the card's refresh. Where there are no user-specific views (the Emulator: one user),
 * the card carries them itself.
 */
export function sharedCard(record: MeetingRecord, notes?: string[]): AdaptiveCard {
  if (record.status === 'cancelled') return cancelledCard(record, record.timeZone);
  const style = actionStyleFor(record.channelId);
  return joinCard(record, record.timeZone, style === 'execute' ? 'everyone' : 'organizer', notes);
}

/** One viewer's version: the organizer's has Change and Cancel meeting; times in the viewer's zone. */
export function viewerCard(record: MeetingRecord, viewerId: string | undefined, timeZone: string): AdaptiveCard {
  if (record.status === 'cancelled') return cancelledCard(record, timeZone);
  return joinCard(record, timeZone, viewerId === record.organizer.id ? 'organizer' : 'everyone');
}

function joinCard(record: MeetingRecord, timeZone: string, view: 'everyone' | 'organizer', notes?: string[]): AdaptiveCard {
  return buildJoinCard({
    meeting: record,
    timeZone,
    organizerName: record.organizer.name,
    notes,
    movedFrom: record.movedFrom,
    attendees: record.attendees,
    unresolved: record.unresolved,
    everyone: record.lobbyScope === 'organization',
    reminderMinutes: record.reminder ? record.reminderMinutes : undefined,
    manage: { recordId: record.id, organizerId: record.organizer.id, view, actionStyle: actionStyleFor(record.channelId) },
  });
}

function cancelledCard(record: MeetingRecord, timeZone: string): AdaptiveCard {
  return buildCancelledMeetingCard({
    subject: record.subject,
    startIso: record.startIso,
    endIso: record.endIso,
    timeZone,
    note: record.cancelledBy ? `Cancelled by ${record.cancelledBy}.` : 'This meeting was deleted in Teams.',
  });
}
