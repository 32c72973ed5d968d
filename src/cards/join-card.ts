import type { CreatedMeeting } from '../meetings/types';
import { CARD_ENVELOPE, richText, run } from './card-template';
import { formatMeetingTime } from './format-meeting-time';

export interface JoinCardData {
  meeting: CreatedMeeting;
  timeZone: string;
  organizerName: string;
  notes?: string[];
}

export const SIMULATED_MEETING_LINE =
  "Sandbox: this is a simulated meeting — the Join link doesn't open a real Teams meeting.";

type Element = Record<string, unknown>;

/** "Label: value" on one line; the value may come from the user or Graph, so it is a TextRun. */
function labelled(label: string, value: string): Element {
  return richText([run(`${label}: `, { weight: 'Bolder' }), run(value)]);
}

/**
 * The card posted once a meeting exists: what, when (in the user's zone), dial-in, and a Join button.
 * Built as plain objects rather than through adaptivecards-templating like the other cards: it goes out with
 * every meeting, and expanding a template cost ~0.1 ms of a ~1.7 ms schedule turn under load (issue 5).
 * Values are placed as they are, so user and Graph text is never read as an expression either.
 */
export function buildJoinCard(d: JoinCardData): Record<string, unknown> {
  const m = d.meeting;
  const organizerName = d.organizerName || m.organizerName || '';
  const body: Element[] = [
    { type: 'TextBlock', text: 'Meeting scheduled', style: 'heading', color: 'Accent', weight: 'Bolder', wrap: true },
  ];
  if (m.subject.trim() !== '') body.push(richText([run(m.subject, { size: 'Large', weight: 'Bolder' })], { spacing: 'Small' }));
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
    if (note !== '') body.push(richText([run(note, { isSubtle: true })], { spacing: 'Small' }));
  }
  if (m.simulated === true) body.push(richText([run(SIMULATED_MEETING_LINE, { weight: 'Bolder' })]));

  return {
    ...CARD_ENVELOPE,
    body,
    // The URL is passed through untouched: Teams join links carry percent-encoded ids and JSON context.
    actions: [{ type: 'Action.OpenUrl', title: 'Join', url: m.joinWebUrl }],
  };
}
