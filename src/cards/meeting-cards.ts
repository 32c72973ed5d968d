// The cards of a meeting's life after creation: confirm a cancellation, the cancelled meeting, the list.
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { VERBS } from '../teams/card-verbs';
import { button, type ActionStyle } from './card-actions';
import { adaptiveCard, heading, richText, run, runsAround, type AdaptiveCard, type CardElement, type Container } from './card-elements';
import { formatMeetingTime } from './format-meeting-time';

/** "Cancel Design review for everyone?" with the destructive button first. */
export function buildCancelConfirmCard(d: { recordId: string; subject: string; when: string; actionStyle: ActionStyle; locale?: Locale }): AdaptiveCard {
  const t = translator(d.locale ?? 'en-US');
  return adaptiveCard(
    [
      richText(runsAround((subject) => t('cancelConfirm.question', { subject }), d.subject, { size: 'Large', weight: 'Bolder' }, {})),
      richText([run(d.when, { isSubtle: true })], 'Small'),
      richText([run(t('cancelConfirm.detail'), { isSubtle: true })]),
    ],
    [
      button(d.actionStyle, t('join.cancelMeeting'), VERBS.confirmCancel, { recordId: d.recordId }, { style: 'destructive', withInputs: false }),
      button(d.actionStyle, t('cancelConfirm.keep'), VERBS.back, { recordId: d.recordId }, { withInputs: false }),
    ],
  );
}

/** What everyone sees once the organizer cancelled (or the meeting was found deleted): no Join any more. */
export function buildCancelledMeetingCard(d: { subject: string; startIso: string; endIso: string; timeZone: string; note: string; locale?: Locale; calendarNote?: string }): AdaptiveCard {
  const locale = d.locale ?? 'en-US';
  const t = translator(locale);
  const body: CardElement[] = [{ type: 'TextBlock', text: t('cancelled.title'), style: 'heading', color: 'Attention', weight: 'Bolder', wrap: true }];
  if (d.subject.trim() !== '') body.push(richText([run(d.subject, { size: 'Large', weight: 'Bolder' })], 'Small'));
  body.push(richText([run(t('common.labelled', { label: t('cancelled.was') }), { weight: 'Bolder' }), run(formatMeetingTime(d.startIso, d.endIso, d.timeZone, locale))]));
  body.push(richText([run(d.note, { isSubtle: true })]));
  // The Outlook invitations couldn't be cancelled: attendees may still have the meeting in their calendar.
  if (d.calendarNote) body.push(richText([run(d.calendarNote, { color: 'Attention' })], 'Small'));
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
/** `more`: how many upcoming meetings there are beyond those listed (at least, when `moreAtLeast`). */
export function buildMeetingListCard(d: { meetings: ListedMeeting[]; timeZone: string; locale?: Locale; more?: number; moreAtLeast?: boolean }): AdaptiveCard {
  const locale = d.locale ?? 'en-US';
  const t = translator(locale);
  const body: CardElement[] = [heading(t('list.title'))];
  if (d.meetings.length === 0) {
    body.push(richText([run(t('list.empty'), { isSubtle: true })]));
    return adaptiveCard(body);
  }
  for (const m of d.meetings) {
    const item: Container = {
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [
        richText([run(m.subject, { weight: 'Bolder' })]),
        richText([run(formatMeetingTime(m.startIso, m.endIso, d.timeZone, locale))], 'Small'),
        ...(m.organizerName ? [richText([run(t('common.labelled', { label: t('join.organizer') }), { isSubtle: true }), run(m.organizerName, { isSubtle: true })], 'Small')] : []),
        { type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.OpenUrl', title: t('join.join'), url: m.joinWebUrl }] },
      ],
    };
    body.push(item);
  }
  if (d.more) body.push(richText([run(t(d.moreAtLeast ? 'list.moreAtLeast' : 'list.more', { count: d.more }), { isSubtle: true })]));
  return adaptiveCard(body);
}
