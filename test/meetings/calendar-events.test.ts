// The event's pure parts (its transactionId, zone and times as Graph takes them, its HTML body, the reasons a failure
// becomes) and the sandbox's simulated calendar.
import assert from 'node:assert/strict';
import { calendarProblemOf, eventBodyHtml, eventTransactionId, graphDateTimes, type CalendarEvent } from '../../src/meetings/calendar-events';
import { MeetingServiceError } from '../../src/meetings/meeting-service-error';
import { SimulatedCalendarService } from '../../src/meetings/simulated-calendar-service';
import { graphZoneToIana } from '../../support/graph-events';

describe('Outlook events: the parts the bot computes', () => {
  it('transactionId: the same for one meeting (every retry), another for another meeting', () => {
    const a = eventTransactionId('meeting-bot-abc');
    assert.equal(eventTransactionId('meeting-bot-abc'), a);
    assert.notEqual(eventTransactionId('meeting-bot-abd'), a);
    assert.match(a, /^meeting-bot-event-[\w-]{32}$/);
  });

  it("times in the organizer's zone under its Windows name (Graph takes only some IANA names); a zone without one as UTC", () => {
    assert.deepEqual(graphDateTimes('America/New_York', '2026-11-28T20:00:00.000Z', '2026-11-28T20:45:00.000Z'), { timeZone: 'Eastern Standard Time', start: '2026-11-28T15:00:00', end: '2026-11-28T15:45:00' });
    // Toronto isn't in Graph's list of IANA names; its Windows zone is.
    assert.deepEqual(graphDateTimes('America/Toronto', '2026-07-01T13:00:00Z', '2026-07-01T14:00:00Z'), { timeZone: 'Eastern Standard Time', start: '2026-07-01T09:00:00', end: '2026-07-01T10:00:00' });
    assert.deepEqual(graphDateTimes('Asia/Shanghai', '2026-11-28T20:00:00Z', '2026-11-28T21:00:00Z'), { timeZone: 'China Standard Time', start: '2026-11-29T04:00:00', end: '2026-11-29T05:00:00' });
    assert.deepEqual(graphDateTimes('Antarctica/Troll', '2026-11-28T20:00:00Z', '2026-11-28T21:00:00Z'), { timeZone: 'UTC', start: '2026-11-28T20:00:00', end: '2026-11-28T21:00:00' });
    // Every zone the bot sends is one the Graph stand-in (Graph's documented rule) accepts, and means the same instant.
    for (const zone of ['America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney', 'America/Sao_Paulo', 'Pacific/Chatham', 'UTC']) {
      const sent = graphDateTimes(zone, '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z');
      assert.ok(graphZoneToIana(sent.timeZone), `${zone} → ${sent.timeZone}`);
    }
  });

  it('the body is HTML with every text escaped and only an https join link', () => {
    const text = { lines: ['Scheduled in <b>Design</b> & "Ops"'], joinText: 'Join <now>', joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3a1?context=%7b%22Tid%22%7d', location: 'x' };
    assert.equal(eventBodyHtml(text), '<p>Scheduled in &lt;b&gt;Design&lt;/b&gt; &amp; &quot;Ops&quot;</p><p><a href="https://teams.microsoft.com/l/meetup-join/19%3a1?context=%7b%22Tid%22%7d">Join &lt;now&gt;</a></p>');
    assert.equal(eventBodyHtml({ ...text, joinUrl: 'javascript:alert(1)' }), '<p>Scheduled in &lt;b&gt;Design&lt;/b&gt; &amp; &quot;Ops&quot;</p>');
  });

  it("Graph's failures as the card's reasons: 403, 404 MailboxNotEnabledForRESTAPI, 404, busy, 401, anything else", () => {
    const err = (kind: MeetingServiceError['kind'], status: number, code?: string) => new MeetingServiceError(kind, 'x', { status, code });
    assert.equal(calendarProblemOf(err('forbidden', 403, 'ErrorAccessDenied')), 'forbidden');
    assert.equal(calendarProblemOf(err('notFound', 404, 'MailboxNotEnabledForRESTAPI')), 'noMailbox');
    assert.equal(calendarProblemOf(err('notFound', 404, 'ErrorItemNotFound')), 'gone');
    assert.equal(calendarProblemOf(err('busy', 503)), 'busy');
    assert.equal(calendarProblemOf(err('unauthorized', 401)), 'signIn');
    assert.equal(calendarProblemOf(err('failed', 400, 'RequestBodyRead')), 'failed');
  });

  it('the simulated calendar: one event per transactionId and calendar, updated and cancelled by its owner only', async () => {
    const calendar = new SimulatedCalendarService();
    const event: CalendarEvent = { subject: 'S', startIso: '2026-11-28T20:00:00Z', endIso: '2026-11-28T21:00:00Z', timeZone: 'UTC', text: { lines: [], joinText: 'Join', joinUrl: 'https://x.invalid', location: 'Microsoft Teams meeting' }, attendees: [{ name: 'Sam', address: 'sam@contoso.com' }] };
    const { id } = await calendar.create({ ...event, transactionId: 't1' }, 'alice');
    assert.equal((await calendar.create({ ...event, transactionId: 't1' }, 'alice')).id, id);
    assert.notEqual((await calendar.create({ ...event, transactionId: 't1' }, 'bob')).id, id);
    assert.equal(calendar.events.size, 2);
    await assert.rejects(calendar.update(id, event, 'bob'), (e: MeetingServiceError) => e.kind === 'notFound');
    await calendar.update(id, { ...event, subject: 'T' }, 'alice');
    assert.equal(calendar.events.get(id)!.event.subject, 'T');
    await calendar.cancel(id, 'Cancelled in Teams', 'alice');
    assert.deepEqual(calendar.events.get(id)!.cancelled, { comment: 'Cancelled in Teams' });
    await assert.rejects(calendar.cancel(id, 'again', 'alice'), (e: MeetingServiceError) => e.kind === 'notFound');
  });
});
