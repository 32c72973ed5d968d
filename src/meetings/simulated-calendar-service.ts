// Sandbox stand-in for Outlook events: same interface and failures as Graph's, no network, in memory. Kept so the
// sandbox shows invitations created, updated and cancelled; nobody receives anything.
import { sha256Base64Url } from '../sha256';
import { LRUCache } from 'lru-cache';
import { MeetingServiceError } from './meeting-service-error';
import type { CalendarEvent, CalendarService } from './calendar-events';

/** Events the simulation remembers; the oldest are forgotten beyond this (a long sandbox session). */
const SIMULATED_EVENTS_KEPT = 5_000;

export interface SimulatedEvent {
  owner: string;
  event: CalendarEvent;
  transactionId: string;
  updates: number;
  cancelled?: { comment: string };
}

export class SimulatedCalendarService implements CalendarService {
  /** Event id → the event (its owner's token names the calendar). */
  readonly events: LRUCache<string, SimulatedEvent>;

  constructor(keep = SIMULATED_EVENTS_KEPT) {
    this.events = new LRUCache({ max: keep });
  }

  async create(event: CalendarEvent & { transactionId: string }, accessToken: string): Promise<{ id: string }> {
    if (!accessToken) throw new MeetingServiceError('unauthorized', 'no token', { status: 401 });
    // Like Graph with a transactionId: the same one from the same calendar is the same event.
    const id = `sandbox_event_${sha256Base64Url(`${accessToken}\u0000${event.transactionId}`).slice(0, 24)}`;
    if (!this.events.has(id)) {
      const { transactionId, ...details } = event;
      this.events.set(id, { owner: accessToken, event: details, transactionId, updates: 0 });
    }
    return { id };
  }

  async update(eventId: string, event: CalendarEvent, accessToken: string): Promise<void> {
    const stored = this.own(eventId, accessToken);
    stored.event = event;
    stored.updates += 1;
  }

  async cancel(eventId: string, comment: string, accessToken: string): Promise<void> {
    this.own(eventId, accessToken).cancelled = { comment };
  }

  /** Like Graph: only the owner's events in their calendar exist for their token; a cancelled one has left it. */
  private own(eventId: string, accessToken: string): SimulatedEvent {
    if (!accessToken) throw new MeetingServiceError('unauthorized', 'no token', { status: 401 });
    const stored = this.events.get(eventId);
    if (!stored || stored.owner !== accessToken || stored.cancelled) {
      throw new MeetingServiceError('notFound', 'The specified object was not found in the store.', { status: 404, code: 'ErrorItemNotFound' });
    }
    return stored;
  }
}
