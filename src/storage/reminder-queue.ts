// The scheduler reminders go through: "hand this job back at this time", with at-least-once delivery. One
// interface, two implementations: an in-process timer for memory storage (one instance), Azure Storage Queues for
// Blob storage (any number of instances; storage-queue-reminders.ts). Whoever handles a job must be idempotent.
import { isRecordId } from '../meetings/meeting-record';

/** What a queue message carries: which record, the reminder version it was planned for, and when it is due. */
export interface ReminderJob {
  recordId: string;
  version: number;
  /** ISO instant. */
  dueAt: string;
}

/** `done`: forget the job. `retry`: hand it back later (someone else is on it, or posting failed). */
export type JobOutcome = 'done' | 'retry';
export type JobHandler = (job: ReminderJob) => Promise<JobOutcome>;

export interface ReminderQueue {
  /**
   * Hands `job` to the handler at (or shortly after) `job.dueAt`. Returns a handle that withdraws it while it waits
   * (undefined when it can't be withdrawn).
   */
  enqueue(job: ReminderJob): Promise<string | undefined>;
  /**
   * Withdraws a waiting job (a newer version of its reminder replaced it). Best effort: a job already handed out, or
   * sent again since, is not found, and its handler finds the version mismatch instead.
   */
  withdraw(handle: string): Promise<void>;
  /** Starts handing due jobs to `handler`. */
  start(handler: JobHandler): void;
  /** Stops handing out jobs and waits for the ones being handled. */
  stop(): Promise<void>;
}

/** A job as read back from a message someone else may have written: only well-formed ones are handled. */
export function parseJob(text: string): ReminderJob | undefined {
  try {
    const job = JSON.parse(text) as Partial<ReminderJob>;
    if (!isRecordId(job.recordId)) return undefined;
    if (typeof job.version !== 'number' || !Number.isInteger(job.version)) return undefined;
    if (typeof job.dueAt !== 'string' || !Number.isFinite(Date.parse(job.dueAt))) return undefined;
    return { recordId: job.recordId, version: job.version, dueAt: job.dueAt };
  } catch {
    return undefined;
  }
}

/** setTimeout's limit (about 24.8 days); longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * In-process timers: enough for one instance with memory storage, whose records die with the process anyway.
 * The same job (record + version) enqueued twice is held once; at most `maxJobs` are held.
 */
export class MemoryReminderQueue implements ReminderQueue {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private handler?: JobHandler;
  private stopped = false;

  constructor(private readonly opts: { retryMs?: number; maxJobs?: number; now?: () => number } = {}) {}

  async enqueue(job: ReminderJob): Promise<string> {
    const key = `${job.recordId}#${job.version}`;
    if (!this.timers.has(key) && this.timers.size >= (this.opts.maxJobs ?? 100_000)) throw new Error('too many reminders waiting in memory');
    this.arm(key, job, Date.parse(job.dueAt) - this.now());
    return key;
  }

  async withdraw(handle: string): Promise<void> {
    clearTimeout(this.timers.get(handle));
    this.timers.delete(handle);
  }

  start(handler: JobHandler): void {
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  /** Jobs waiting (for tests and health). */
  get size(): number {
    return this.timers.size;
  }

  private arm(key: string, job: ReminderJob, delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(key));
    const wait = Math.max(0, Math.min(delayMs, MAX_TIMER_MS));
    const timer = setTimeout(() => this.fire(key, job), wait);
    timer.unref();
    this.timers.set(key, timer);
  }

  private fire(key: string, job: ReminderJob): void {
    this.timers.delete(key);
    const left = Date.parse(job.dueAt) - this.now();
    if (left > 0) return this.arm(key, job, left);
    if (!this.handler) return this.arm(key, job, this.opts.retryMs ?? 5_000);
    const run = this.handler(job)
      .catch(() => 'retry' as const)
      .then((outcome) => {
        if (outcome === 'retry') this.arm(key, job, this.opts.retryMs ?? 5_000);
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }
}
