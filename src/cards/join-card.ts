import type { CreatedMeeting } from '../meetings/types';
import { CARD_ENVELOPE, expandCard, richText, run } from './card-template';
import { formatMeetingTime } from './format-meeting-time';

export interface JoinCardData {
  meeting: CreatedMeeting;
  timeZone: string;
  organizerName: string;
  notes?: string[];
}

export const SIMULATED_MEETING_LINE =
  "Sandbox: this is a simulated meeting — the Join link doesn't open a real Teams meeting.";

/** "Label: value" on one line; the value may come from the user or Graph, so it is a TextRun. */
function labelled(label: string, valueExpr: string, when?: string): Record<string, unknown> {
  return richText([run(`${label}: `, { weight: 'Bolder' }), run(valueExpr)], when ? { $when: when } : {});
}

const template = {
  ...CARD_ENVELOPE,
  body: [
    { type: 'TextBlock', text: 'Meeting scheduled', style: 'heading', color: 'Accent', weight: 'Bolder', wrap: true },
    richText([run('${subject}', { size: 'Large', weight: 'Bolder' })], { $when: '${hasSubject}', spacing: 'Small' }),
    labelled('When', '${when}'),
    labelled('Organizer', '${organizerName}', '${hasOrganizer}'),
    {
      type: 'Container',
      $when: '${dialIn.any}',
      spacing: 'Medium',
      items: [
        richText([run('Join by phone', { weight: 'Bolder' })]),
        labelled('Toll', '${dialIn.tollNumber}', '${dialIn.hasToll}'),
        labelled('Toll-free', '${dialIn.tollFreeNumber}', '${dialIn.hasTollFree}'),
        labelled('Conference ID', '${dialIn.conferenceId}', '${dialIn.hasConferenceId}'),
      ],
    },
    { $data: '${notes}', ...richText([run('${$data}', { isSubtle: true })], { spacing: 'Small' }) },
    richText([run(SIMULATED_MEETING_LINE, { weight: 'Bolder' })], { $when: '${simulated}' }),
  ],
  // The URL is passed through untouched: Teams join links carry percent-encoded ids and JSON context.
  actions: [{ type: 'Action.OpenUrl', title: 'Join', url: '${joinWebUrl}' }],
};

/** The card posted once a meeting exists: what, when (in the user's zone), dial-in, and a Join button. */
export function buildJoinCard(d: JoinCardData): Record<string, unknown> {
  const m = d.meeting;
  const organizerName = d.organizerName || m.organizerName || '';
  const tollNumber = m.dialIn?.tollNumber ?? '';
  const tollFreeNumber = m.dialIn?.tollFreeNumber ?? '';
  const conferenceId = m.dialIn?.conferenceId ?? '';
  return expandCard(template, {
    subject: m.subject,
    hasSubject: m.subject.trim() !== '',
    when: formatMeetingTime(m.startIso, m.endIso, d.timeZone),
    organizerName,
    hasOrganizer: organizerName.trim() !== '',
    dialIn: {
      any: tollNumber !== '' || tollFreeNumber !== '' || conferenceId !== '',
      tollNumber,
      hasToll: tollNumber !== '',
      tollFreeNumber,
      hasTollFree: tollFreeNumber !== '',
      conferenceId,
      hasConferenceId: conferenceId !== '',
    },
    notes: (d.notes ?? []).filter((n) => n !== ''),
    simulated: m.simulated === true,
    joinWebUrl: m.joinWebUrl,
  });
}
