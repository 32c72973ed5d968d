// Every card a Chinese reader can get, built with zh-CN: no English left in it (beyond names and the few tokens
// that are the same in Chinese text), still a valid Adaptive Card, still small enough for Teams.
import assert from 'node:assert/strict';
import { buildClosedCard } from '../../src/cards/closed-card';
import type { AdaptiveCard } from '../../src/cards/card-elements';
import { buildConfirmDetailsCard, buildFormCard } from '../../src/cards/form-card';
import { buildHelpCard } from '../../src/cards/help-card';
import { buildJoinCard } from '../../src/cards/join-card';
import { buildCancelConfirmCard, buildCancelledMeetingCard, buildMeetingListCard } from '../../src/cards/meeting-cards';
import { formatInstant, formatMeetingTime } from '../../src/cards/format-meeting-time';
import { CATALOGS, translator } from '../../src/i18n/translate';
import { meetingErrorMessage } from '../../src/meetings/error-messages';
import { MeetingServiceError, type MeetingErrorKind } from '../../src/meetings/meeting-service-error';
import { parseSchedule } from '../../src/meetings/parse-schedule';
import { validateDraft } from '../../src/meetings/validate-draft';
import { parseAdaptiveCard } from '../support/adaptive-cards';
import { englishLeft, visibleTexts } from '../support/chinese';

const zh = translator('zh-CN');
const locale = 'zh-CN' as const;
const ZONE = 'Asia/Shanghai';
const NY = 'America/New_York';
const JOIN = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d';

// Chinese user data, so whatever English is found is the bot's.
const SUBJECT = '架构讨论';
const OWNER = '李雷';
const now = new Date('2026-11-26T02:00:00Z'); // 10:00 in Shanghai

function cards(): [string, AdaptiveCard][] {
  const bad = validateDraft({ subject: '', date: '2026-02-30', time: '25:00', durationMinutes: 2 }, { now, timeZone: ZONE });
  const past = validateDraft({ subject: 'x'.repeat(300), date: '2026-11-25', time: '09:00', durationMinutes: 50 }, { now, timeZone: ZONE });
  const today = validateDraft({ subject: SUBJECT, date: '2026-11-26', time: '09:00' }, { now, timeZone: ZONE });
  const gap = validateDraft({ subject: SUBJECT, date: '2027-03-14', time: '02:30' }, { now, timeZone: NY });
  const overlap = validateDraft({ subject: SUBJECT, date: '2027-11-07', time: '01:30' }, { now, timeZone: NY });
  assert.ok(!bad.ok && !past.ok && !today.ok && gap.ok && overlap.ok);
  const said = (errors: Record<string, Parameters<typeof zh>[0]>) => Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, zh(m as never)]));
  const asks = parseSchedule('周会 周四 7点', { now, timeZone: ZONE }).ambiguities;
  const form = { formId: 'f', ownerId: '29:a', ownerName: OWNER, timeZone: ZONE, locale };

  const errorKinds: MeetingErrorKind[] = ['forbidden', 'busy', 'unauthorized', 'failed'];
  const banners = errorKinds.flatMap((kind) =>
    (['create', 'change', 'cancel'] as const).map((action) => [
      `${kind}/${action}`,
      zh(meetingErrorMessage(new MeetingServiceError(kind, 'x', { status: 400, code: 'BadRequest', requestId: 'req-42' }), action)),
    ]),
  );
  const meeting = { subject: SUBJECT, startIso: '2026-12-04T07:00:00Z', endIso: '2026-12-04T07:45:00Z', joinWebUrl: JOIN };

  return [
    ['form (empty)', buildFormCard({ ...form, draft: {} })],
    ['form (every field wrong)', buildFormCard({ ...form, draft: {}, errors: said(bad.errors), notes: bad.notes.map((n) => zh(n)) })],
    ['form (past date, long subject, odd duration)', buildFormCard({ ...form, draft: { durationMinutes: 50 }, errors: said(past.errors) })],
    ['form (time passed today)', buildFormCard({ ...form, draft: {}, errors: said(today.errors) })],
    ['form (parser asks)', buildFormCard({ ...form, draft: {}, errors: said(asks as never) })],
    ['form (DST notes)', buildFormCard({ ...form, draft: {}, notes: [...gap.meeting.notes, ...overlap.meeting.notes].map((n) => zh(n)) })],
    ...banners.map(([name, banner]): [string, AdaptiveCard] => [`form (banner ${name})`, buildFormCard({ ...form, draft: {}, banner, actionStyle: 'execute' })]),
    ['change form', buildFormCard({ ...form, draft: { subject: SUBJECT }, change: { recordId: 'mAAAAAAAAAAAAAAAAAAAAAA', version: 1 } })],
    [
      'change form (the conversation\'s members offered, list cut short)',
      buildFormCard({
        ...form,
        draft: { subject: SUBJECT },
        change: { recordId: 'mAAAAAAAAAAAAAAAAAAAAAA', version: 1 },
        people: { attendees: [{ id: '29:1wang', name: '王芳', objectId: '11111111-2222-4333-8444-555555555555' }], unresolved: [], everyone: false },
        addable: { members: Array.from({ length: 60 }, (_, i) => ({ id: `29:1member${i}`, name: `成员${i}` })), more: true },
        reminderInput: 10,
        actionStyle: 'execute',
      }),
    ],
    [
      'change form (members unavailable)',
      buildFormCard({
        ...form,
        draft: { subject: SUBJECT },
        change: { recordId: 'mAAAAAAAAAAAAAAAAAAAAAA', version: 1 },
        people: { attendees: [{ id: '29:1wang', name: '王芳', objectId: '11111111-2222-4333-8444-555555555555' }], unresolved: [], everyone: false },
        addable: 'unavailable',
        actionStyle: 'execute',
      }),
    ],
    [
      'join card (people who couldn\'t be added)',
      buildJoinCard({
        meeting,
        timeZone: ZONE,
        organizerName: OWNER,
        unresolved: (['notFound', 'forbidden', 'failed', 'tooMany'] as const).map((reason) => ({ name: '张伟', reason })),
        locale,
      }),
    ],
    [
      'compact confirm card',
      buildConfirmDetailsCard({
        ...form,
        draft: { subject: SUBJECT, date: '2026-12-04', time: '15:00', durationMinutes: 45 },
        when: formatMeetingTime(meeting.startIso, meeting.endIso, ZONE, locale),
        notes: gap.meeting.notes.map((n) => zh(n)),
      }),
    ],
    [
      'join card (everything)',
      buildJoinCard({
        meeting: { ...meeting, dialIn: { tollNumber: '+86 10 5555 0100', tollFreeNumber: '400 555 0134', conferenceId: '274 905 613#' }, simulated: true },
        timeZone: ZONE,
        organizerName: OWNER,
        notes: overlap.meeting.notes.map((n) => zh(n)),
        movedFrom: { startIso: '2026-12-03T07:00:00Z', by: OWNER },
        manage: { recordId: 'mAAAAAAAAAAAAAAAAAAAAAA', organizerId: '29:a', view: 'organizer', actionStyle: 'execute' },
        locale,
      }),
    ],
    ['join card (moved by nobody named)', buildJoinCard({ meeting, timeZone: NY, organizerName: '', movedFrom: { startIso: '2026-12-03T07:00:00Z', by: '' }, locale })],
    ['cancel confirmation', buildCancelConfirmCard({ recordId: 'm', subject: SUBJECT, when: formatMeetingTime(meeting.startIso, meeting.endIso, ZONE, locale), actionStyle: 'submit', locale })],
    ['cancelled (by)', buildCancelledMeetingCard({ ...meeting, timeZone: ZONE, note: zh('cancelled.by', { name: OWNER }), locale })],
    ['cancelled (deleted)', buildCancelledMeetingCard({ ...meeting, timeZone: ZONE, note: zh('cancelled.deleted'), locale })],
    ['meetings (none)', buildMeetingListCard({ meetings: [], timeZone: ZONE, locale })],
    ['meetings', buildMeetingListCard({ meetings: [{ ...meeting, organizerName: OWNER }, { ...meeting, subject: '周会', organizerName: '' }], timeZone: ZONE, locale })],
    ['help', buildHelpCard({ locale })],
    ['help (did not understand)', buildHelpCard({ intro: zh('help.didNotUnderstand', { text: '跳舞' }), locale })],
    ['welcome', buildHelpCard({ intro: zh('help.welcome'), locale })],
    ['closed form', buildClosedCard({ title: zh('closed.cancelledTitle'), detail: zh('closed.nothingCreated'), subject: SUBJECT, locale })],
  ];
}

describe('cards in Simplified Chinese', () => {
  for (const [name, card] of cards()) {
    describe(name, () => {
      it('has no English left', () => {
        const left = visibleTexts(card).flatMap((text) => englishLeft(text).map((word) => `${word} in ${JSON.stringify(text)}`));
        assert.deepEqual(left, []);
      });

      it('is a valid Adaptive Card under 28 KB', () => {
        assert.deepEqual(parseAdaptiveCard(card).events, []);
        assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28 * 1024);
      });
    });
  }

  it('the check does find English (control: the English form)', () => {
    const english = buildFormCard({ formId: 'f', ownerId: '29:a', ownerName: OWNER, timeZone: ZONE, draft: {} });
    assert.ok(visibleTexts(english).flatMap(englishLeft).includes('Subject'));
  });

  it('shows dates and times the way Intl writes them in Chinese, 上午/下午 and the zone after the times', () => {
    const cases: [string, string, string, string][] = [
      ['2026-12-04T07:00:00Z', '2026-12-04T07:45:00Z', ZONE, '2026年12月4日周五 下午3:00 – 下午3:45 GMT+8 (Asia/Shanghai)'],
      ['2026-12-04T01:30:00Z', '2026-12-04T02:30:00Z', ZONE, '2026年12月4日周五 上午9:30 – 上午10:30 GMT+8 (Asia/Shanghai)'],
      // Past midnight: both dates, each time with its zone after it.
      ['2026-12-04T15:00:00Z', '2026-12-04T16:30:00Z', ZONE, '2026年12月4日周五 晚上11:00 GMT+8 – 2026年12月5日周六 凌晨12:30 GMT+8 (Asia/Shanghai)'],
      // A DST change during the meeting: each end keeps its own offset, after its time.
      ['2026-11-01T05:00:00Z', '2026-11-01T06:45:00Z', 'America/New_York', '2026年11月1日周日 凌晨1:00 GMT-4 – 凌晨1:45 GMT-5 (America/New_York)'],
    ];
    for (const [start, end, zone, expected] of cases) assert.equal(formatMeetingTime(start, end, zone, locale), expected);
    assert.equal(formatInstant('2026-12-04T20:00:00Z', 'America/New_York', locale), '2026年12月4日周五 下午3:00 GMT-5');
  });

  it('every zh-CN catalog text is Chinese (the cards above cover most of them; this covers the replies too)', () => {
    const left = Object.entries(CATALOGS['zh-CN']).flatMap(([key, text]) =>
      englishLeft(text.replace(/\{\{\s*\w+\s*\}\}/g, ' ').replace(/\*\*/g, '')).map((word) => `${key}: ${word}`),
    );
    assert.deepEqual(left, []);
  });
});
