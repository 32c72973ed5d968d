// Reminders through Azure Storage Queues, shared by every instance. A job is a message made visible when it is
// due (sendMessage's visibilityTimeout, at most 7 days: a job further out is sent again when it surfaces early).
// Whoever receives it holds it invisible for `leaseSeconds`; it is deleted once handled, and surfaces again for
// another instance if its holder dies or hands it back — so delivery is at least once, and the handler decides.
import type { QueueClient } from '@azure/storage-queue';
import type { StorageAccess } from '../config';
import { queueClient } from './storage-access';
import { parseJob, type JobHandler, type ReminderJob, type ReminderQueue } from './reminder-queue';

/** The service's limit for a message's initial invisibility, minus a margin. */
const MAX_VISIBILITY_SECONDS = 7 * 24 * 3600 - 3600;
/** A message received this often is broken beyond what retrying fixes: dropped (and logged). */
const MAX_DEQUEUES = 20;

export type StorageQueueOptions = StorageAccess & {
  queueName: string;
  /** How often an idle instance looks for due messages. */
  pollMs: number;
  /** How long a received message stays invisible while it is handled. */
  leaseSeconds: number;
  onError?: (err: unknown, what: string) => void;
  now?: () => number;
};

export class StorageQueueReminders implements ReminderQueue {
  private readonly client: QueueClient;
  private created?: Promise<unknown>;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private stopped = false;

  constructor(private readonly opts: StorageQueueOptions) {
    // Loaded only when configured: the Azure SDKs are a noticeable share of start-up time.
    this.client = queueClient(opts, opts.queueName);
  }

  async enqueue(job: ReminderJob): Promise<string | undefined> {
    await this.ensureQueue();
    const seconds = Math.ceil((Date.parse(job.dueAt) - this.now()) / 1000);
    const visibilityTimeout = Math.max(0, Math.min(seconds, MAX_VISIBILITY_SECONDS));
    // Kept until handled: a week beyond its visibility covers any outage of every instance.
    const sent = await this.client.sendMessage(JSON.stringify(job), { visibilityTimeout, messageTimeToLive: visibilityTimeout + 7 * 24 * 3600 });
    // The pop receipt sendMessage gives deletes the message as long as nobody has received it.
    return sent.messageId && sent.popReceipt ? `${sent.messageId} ${sent.popReceipt}` : undefined;
  }

  async withdraw(handle: string): Promise<void> {
    const [messageId, popReceipt] = handle.split(' ');
    if (!messageId || !popReceipt) return;
    try {
      await this.client.deleteMessage(messageId, popReceipt);
    } catch (err) {
      // 404 (gone) or 400 (the receipt changed: it was handed out): its handler finds the version mismatch.
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 400) throw err;
    }
  }

  start(handler: JobHandler): void {
    const tick = () => {
      if (this.stopped) return;
      this.polling = this.poll(handler)
        .catch((err) => this.opts.onError?.(err, 'reminder queue poll failed'))
        .finally(() => {
          this.polling = undefined;
          if (!this.stopped) {
            this.timer = setTimeout(tick, this.opts.pollMs);
            this.timer.unref();
          }
        });
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
  }

  private async poll(handler: JobHandler): Promise<void> {
    await this.ensureQueue();
    // Drain what is due, a batch at a time, before waiting for the next poll.
    for (let batch = 0; batch < 10 && !this.stopped; batch++) {
      const { receivedMessageItems: items } = await this.client.receiveMessages({ numberOfMessages: 16, visibilityTimeout: this.opts.leaseSeconds });
      await Promise.all(items.map((m) => this.handle(handler, m.messageId, m.popReceipt, m.messageText, m.dequeueCount)));
      if (items.length < 16) return;
    }
  }

  private async handle(handler: JobHandler, messageId: string, popReceipt: string, text: string, dequeueCount: number): Promise<void> {
    const job = parseJob(text);
    if (!job || dequeueCount > MAX_DEQUEUES) {
      this.opts.onError?.(new Error(job ? `handed back ${dequeueCount} times` : 'not a reminder job'), 'dropped a reminder message');
      return this.delete(messageId, popReceipt);
    }
    try {
      if (Date.parse(job.dueAt) - this.now() > 1000) {
        // Surfaced early: it was further out than a message can wait. Wait again.
        await this.enqueue(job);
        return await this.delete(messageId, popReceipt);
      }
      if ((await handler(job)) === 'done') await this.delete(messageId, popReceipt);
      // 'retry': left alone, it surfaces again when its lease ends.
    } catch (err) {
      this.opts.onError?.(err, 'reminder job failed; it will be retried');
    }
  }

  private async delete(messageId: string, popReceipt: string): Promise<void> {
    try {
      await this.client.deleteMessage(messageId, popReceipt);
    } catch (err) {
      // 404: the lease ran out and someone else holds it now; they will see it was handled.
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
  }

  /** Creates the queue once; a failed attempt is tried again on the next call. */
  private ensureQueue(): Promise<unknown> {
    if (!this.created) {
      this.created = this.client.createIfNotExists().catch((err) => {
        this.created = undefined;
        throw err;
      });
    }
    return this.created;
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }
}
