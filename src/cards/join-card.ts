import type { CreatedMeeting } from '../meetings/types';
import { adaptiveCard, richText, run, type AdaptiveCard, type CardElement, type RichTextBlock } from './card-elements';
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
function labelled(label: string, value: string): RichTextBlock {
  return richText([run(`${label}: `, { weight: 'Bolder' }), run(value)]);
}

/** The card posted once a meeting exists: what, when (in the user's zone), dial-in, and a Join button. */
export function buildJoinCard(d: JoinCardData): AdaptiveCard {
  const m = d.meeting;
  const organizerName = d.organizerName || m.organizerName || '';
  const body: CardElement[] = [
    { type: 'TextBlock', text: 'Meeting scheduled', style: 'heading', color: 'Accent', weight: 'Bolder', wrap: true },
  ];
  if (m.subject.trim() !== '') body.push(richText([run(m.subject, { size: 'Large', weight: 'Bolder' })], 'Small'));
  body.push(labelled('When', formatMeetingTime(m.startIso, m.endIso, d.timeZone)));
  if (organizerName.trim() !== '') body.push(labelled('Organizer', organizerName));

  const dialIn = [
    ['Toll', m.dialIn?.tollNumber],
    ['Toll-free', m.dialIn?.tollFreeNumber],
    ['Conference ID', m.dialIn?.conferenceId],
  ].filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  if (dialIn.length > 0) {
    body.push({
      type: 'Container',
      spacing: 'Medium',
      items: [richText([run('Join by phone', { weight: 'Bolder' })]), ...dialIn.map(([label, value]) => labelled(label, value))],
    });
  }
  for (const note of d.notes ?? []) {
    if (note !== '') body.push(richText([run(note, { isSubtle: true })], 'Small'));
  }
  if (m.simulated === true) body.push(richText([run(SIMULATED_MEETING_LINE, { weight: 'Bolder' })]));

  // The URL is passed through untouched: Teams join links carry percent-encoded ids and JSON context.
  return adaptiveCard(body, [{ type: 'Action.OpenUrl', title: 'Join', url: m.joinWebUrl }]);
}
