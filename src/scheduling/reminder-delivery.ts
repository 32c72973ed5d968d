// "Design review starts in 10 minutes", posted in the meeting's conversation. The queue hands a job back at
// least once (several instances, restarts, an instance dying mid-send); the meeting record decides, with its eTag,
// that exactly one of those deliveries posts: only a job for the record's current reminder version, not yet sent,
// and only after claiming "sending" on the record.
import type { AdaptiveCard } from '../cards/card-elements';
import { buildReminderCard } from '../cards/reminder-card';
import { organizerLocale } from './meeting-views';
import { isPending, isUnsettled, type MeetingRecord, type ReminderState } from '../meetings/meeting-record';
import { reminderDueAt } from '../meetings/reminder';
import { RecordConflictError, type MeetingRecords, type StoredRecord, withoutETag } from '../storage/meeting-record-store';
import type { JobOutcome, ReminderJob, ReminderQueue } from '../storage/reminder-queue';

/** Posts a card into a meeting's conversation outside any turn (the bot implements it with the adapter). */
type PostToConversation = (record: MeetingRecord, card: AdaptiveCard) => Promise<void>;

export interface RemindersOptions {
  records: MeetingRecords;
  queue: ReminderQueue;
  post: PostToConversation;
  /** Minutes before the start when the request didn't say; 0 = none. */
  defaultMinutes: number;
  /** How long a claim to post holds; a claim older than that belongs to an instance that died. */
  claimMs: number;
  now?: () => Date;
  log?: (fields: Record<string, unknown>, message: string) => void;
  onError?: (err: unknown, what: string) => void;
}

export class Reminders {
  readonly defaultMinutes: number;
  private readonly now: () => Date;

  constructor(private readonly opts: RemindersOptions) {
    this.defaultMinutes = opts.defaultMinutes;
    this.now = opts.now ?? (() => new Date());
  }

  /** The reminder a record at `version` gets, for a meeting starting at `startIso`. */
  plan(startIso: string, minutes: number | undefined, version: number): ReminderState | undefined {
    const at = reminderDueAt(startIso, minutes ?? this.defaultMinutes, this.now());
    return at ? { at: at.toISOString(), version } : undefined;
  }

  /**
   * Puts the record's reminder on the queue; the reminder to store, with the queue's handle. Failures are reported,
   * not thrown: the meeting itself exists.
   */
  async queue(record: MeetingRecord): Promise<ReminderState | undefined> {
    const r = record.reminder;
    if (!r || r.sentAt || record.status !== 'scheduled') return r;
    try {
      const queued = await this.opts.queue.enqueue({ recordId: record.id, version: r.version, dueAt: r.at });
      return queued ? { ...r, queued } : r;
    } catch (err) {
      this.opts.onError?.(err, 'could not schedule the reminder');
      return r;
    }
  }

  /** Withdraws the job of a reminder version a newer one replaced, so a meeting has one job waiting. */
  async withdraw(previous: ReminderState | undefined): Promise<void> {
    if (!previous?.queued) return;
    await this.opts.queue.withdraw(previous.queued).catch((err) => this.opts.onError?.(err, 'could not withdraw the earlier reminder'));
  }

  start(): void {
    this.opts.queue.start((job) => this.deliver(job));
  }

  stop(): Promise<void> {
    return this.opts.queue.stop();
  }

  /** One delivery of a job: posts the reminder if this delivery is the one that should. */
  async deliver(job: ReminderJob): Promise<JobOutcome> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const record = await this.opts.records.get(job.recordId);
      const r = record?.reminder;
      // A change whose instance died isn't settled yet: the organizer's next press asks Graph which version holds.
      if (record && isUnsettled(record, this.now()) && record.before?.reminder?.version === job.version) return 'retry';
      // Cancelled, moved (another version), already sent, or the record is gone: this job has nothing to do.
      if (!record || record.status !== 'scheduled' || !r || r.version !== job.version || r.sentAt) return 'done';
      const now = this.now().getTime();
      if (Date.parse(record.endIso) <= now) return 'done';
      // Someone is posting it, or the organizer is changing the meeting: look again later.
      if ((r.sendingUntil && Date.parse(r.sendingUntil) > now) || isPending(record, this.now())) return 'retry';
      let claimed: StoredRecord;
      try {
        claimed = await this.opts.records.replace(record, { ...withoutETag(record), reminder: { ...r, sendingUntil: new Date(now + this.opts.claimMs).toISOString() } });
      } catch (err) {
        if (err instanceof RecordConflictError) continue;
        throw err;
      }
      this.opts.log?.({ recordId: record.id, version: r.version, pid: process.pid }, 'reminder claimed');
      // A slow post must not look like a dead instance: the claim is renewed while the post is in flight.
      const stopRenewing = this.renewClaim(job);
      try {
        await this.post(claimed);
      } catch (err) {
        // The claim lapses on its own; the queue hands the job back after its lease.
        this.opts.onError?.(err, 'could not post the reminder');
        return 'retry';
      } finally {
        stopRenewing();
      }
      await this.markSent(job);
      this.opts.log?.({ recordId: record.id, version: r.version, pid: process.pid }, 'reminder sent');
      return 'done';
    }
    return 'retry';
  }

  private async post(record: MeetingRecord): Promise<void> {
    const minutesLeft = Math.round((Date.parse(record.startIso) - this.now().getTime()) / 60_000);
    const card = buildReminderCard({ subject: record.subject, minutesLeft, joinWebUrl: record.joinWebUrl, attendees: record.attendees, simulated: record.simulated, locale: organizerLocale(record) });
    await this.opts.post(record, card);
  }

  /**
   * Keeps this instance's claim to post alive, every half claim, for as long as the post takes: another instance that
   * gets the job meanwhile finds it held and hands it back, instead of posting it a second time. Returns the stop.
   */
  private renewClaim(job: ReminderJob): () => void {
    const timer = setInterval(() => {
      void (async () => {
        const record = await this.opts.records.get(job.recordId);
        const r = record?.reminder;
        if (!record || !r || r.version !== job.version || r.sentAt) return;
        const sendingUntil = new Date(this.now().getTime() + this.opts.claimMs).toISOString();
        await this.opts.records.replace(record, { ...withoutETag(record), reminder: { ...r, sendingUntil } });
      })().catch((err) => {
        if (!(err instanceof RecordConflictError)) this.opts.onError?.(err, 'could not renew the reminder claim');
      });
    }, Math.max(50, this.opts.claimMs / 2));
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Marks the job's reminder sent, whatever else changed on the record meanwhile. */
  private async markSent(job: ReminderJob): Promise<void> {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const record = await this.opts.records.get(job.recordId);
      const r = record?.reminder;
      if (!record || !r || r.version !== job.version) return;
      const { sendingUntil: _claim, ...rest } = r;
      try {
        await this.opts.records.replace(record, { ...withoutETag(record), reminder: { ...rest, sentAt: this.now().toISOString() } });
        return;
      } catch (err) {
        if (!(err instanceof RecordConflictError)) throw err;
      }
    }
    this.opts.onError?.(new Error('kept losing the race'), 'could not mark the reminder sent');
  }
}

