// The cards of a meeting's life after creation: confirm a cancellation, the cancelled meeting, the list.
import { button, type ActionStyle, VERBS } from './card-actions';
import { adaptiveCard, heading, richText, run, type AdaptiveCard, type CardElement, type Container } from './card-elements';
import { formatMeetingTime } from './format-meeting-time';

/** "Cancel Design review for everyone?" with the destructive button first. */
export function buildCancelConfirmCard(d: { recordId: string; subject: string; when: string; actionStyle: ActionStyle }): AdaptiveCard {
  return adaptiveCard(
    [
      richText([run('Cancel ', { size: 'Large', weight: 'Bolder' }), run(d.subject, { size: 'Large', weight: 'Bolder' }), run(' for everyone?', { size: 'Large', weight: 'Bolder' })]),
      richText([run(d.when, { isSubtle: true })], 'Small'),
      richText([run('The meeting is deleted in Teams and its Join link stops working.', { isSubtle: true })]),
    ],
    [
      button(d.actionStyle, 'Cancel meeting', VERBS.confirmCancel, { recordId: d.recordId }, { style: 'destructive', withInputs: false }),
      button(d.actionStyle, 'Keep it', VERBS.back, { recordId: d.recordId }, { withInputs: false }),
    ],
  );
}

/** What everyone sees once the organizer cancelled (or the meeting was found deleted): no Join any more. */
export function buildCancelledMeetingCard(d: { subject: string; startIso: string; endIso: string; timeZone: string; note: string }): AdaptiveCard {
  const body: CardElement[] = [{ type: 'TextBlock', text: 'Meeting cancelled', style: 'heading', color: 'Attention', weight: 'Bolder', wrap: true }];
  if (d.subject.trim() !== '') body.push(richText([run(d.subject, { size: 'Large', weight: 'Bolder' })], 'Small'));
  body.push(richText([run('Was: ', { weight: 'Bolder' }), run(formatMeetingTime(d.startIso, d.endIso, d.timeZone))]));
  body.push(richText([run(d.note, { isSubtle: true })]));
  return adaptiveCard(body);
}

export interface ListedMeeting {
  subject: string;
  startIso: string;
  endIso: string;
  organizerName: string;
  joinWebUrl: string;
}

/** The `meetings` answer: upcoming meetings in this conversation, soonest first, each with its Join. */
export function buildMeetingListCard(d: { meetings: ListedMeeting[]; timeZone: string }): AdaptiveCard {
  const body: CardElement[] = [heading('Upcoming meetings')];
  if (d.meetings.length === 0) {
    body.push(richText([run('There are no upcoming meetings I scheduled here. Type "schedule" to add one.', { isSubtle: true })]));
    return adaptiveCard(body);
  }
  for (const m of d.meetings) {
    const item: Container = {
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [
        richText([run(m.subject, { weight: 'Bolder' })]),
        richText([run(formatMeetingTime(m.startIso, m.endIso, d.timeZone))], 'Small'),
        ...(m.organizerName ? [richText([run('Organizer: ', { isSubtle: true }), run(m.organizerName, { isSubtle: true })], 'Small')] : []),
        { type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.OpenUrl', title: 'Join', url: m.joinWebUrl }] },
      ],
    };
    body.push(item);
  }
  return adaptiveCard(body);
}
