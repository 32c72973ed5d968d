// Outlook events in the organizer's calendar through Microsoft Graph v1.0 (POST /me/events, PATCH /me/events/{id},
// POST /me/events/{id}/cancel), with the organizer's delegated token (Calendars.ReadWrite). The bodies are typed with
// Graph's own v1.0 types, so a misspelled property doesn't compile.
import type { Attendee as GraphAttendee, Event } from '@microsoft/microsoft-graph-types';
import { eventBodyHtml, graphDateTimes, type CalendarEvent, type CalendarService } from './calendar-events';
import type { GraphCalls } from './graph-calls';
import { MeetingServiceError } from './meeting-service-error';

export class GraphCalendarService implements CalendarService {
  constructor(private readonly calls: GraphCalls) {}

  async create(event: CalendarEvent & { transactionId: string }, accessToken: string, signal?: AbortSignal): Promise<{ id: string }> {
    // isOnlineMeeting false: true would make Exchange create another Teams meeting; the join link is the channel meeting's.
    const body: Event = { ...eventBody(event), isOnlineMeeting: false, transactionId: event.transactionId };
    return this.calls.send(
      {
        method: 'POST',
        version: 'v1.0',
        path: '/me/events',
        body,
        signal,
        read: async (_response, json) => {
          const id = ((await json()) as Event).id;
          if (!id) throw new MeetingServiceError('failed', 'Graph returned an event without its id', { status: 201 });
          return { id };
        },
      },
      accessToken,
    );
  }

  async update(eventId: string, event: CalendarEvent, accessToken: string, signal?: AbortSignal): Promise<void> {
    const body: Event = eventBody(event);
    await this.calls.send({ method: 'PATCH', version: 'v1.0', path: `/me/events/${encodeURIComponent(eventId)}`, body, signal, read: async () => undefined }, accessToken);
  }

  async cancel(eventId: string, comment: string, accessToken: string, signal?: AbortSignal): Promise<void> {
    // 202 Accepted, no body.
    await this.calls.send({ method: 'POST', version: 'v1.0', path: `/me/events/${encodeURIComponent(eventId)}/cancel`, body: { comment }, signal, read: async () => undefined }, accessToken);
  }
}

/** What a create and an update send: subject, times in the organizer's zone, body, location, the full attendee list. */
function eventBody(event: CalendarEvent): Event {
  const { timeZone, start, end } = graphDateTimes(event.timeZone, event.startIso, event.endIso);
  const attendees: GraphAttendee[] = event.attendees.map((a) => ({ emailAddress: { address: a.address, name: a.name || a.address }, type: 'required' }));
  return {
    subject: event.subject,
    body: { contentType: 'html', content: eventBodyHtml(event.text) },
    start: { dateTime: start, timeZone },
    end: { dateTime: end, timeZone },
    location: { displayName: event.text.location },
    attendees,
  };
}
