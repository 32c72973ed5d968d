// Reminders are due a whole number of minutes before a whole-minute start, so a test can't simply schedule one
// "in 10 seconds". Instead: pick a start M a minute and a half ahead and run the bot's clock ahead
// (TEST_ONLY_CLOCK_OFFSET_MS) so that M − REMINDER_MINUTES (1) falls `dueInMs` from now in real time.
import { DateTime } from 'luxon';
import { cardOf, isForm, createDataOf } from '../../support/wire-cards';
import type { RecordedCall } from '../../support/connector-stand-in';
import { ALICE, cardSubmit, channelMessage, type InboundActivity } from '../../support/activities';

export interface ReminderPlan {
  /** The meeting start (epoch ms, a whole minute). */
  startMs: number;
  /** When the 1-minute reminder is due, in real time. */
  dueAtMs: number;
  /** The bot's clock offset that makes it so. */
  offsetMs: number;
}

export function planReminder(dueInMs: number): ReminderPlan {
  const now = Date.now();
  const startMs = Math.ceil((now + dueInMs + 70_000) / 60_000) * 60_000;
  const dueAtMs = now + dueInMs;
  return { startMs, dueAtMs, offsetMs: startMs - 60_000 - dueAtMs };
}

/** The date and time inputs of a form for an instant, in the zone the test user's client reports. */
export function formTime(ms: number, zone = 'America/New_York'): { date: string; time: string } {
  const t = DateTime.fromMillis(ms, { zone });
  return { date: t.toFormat('yyyy-MM-dd'), time: t.toFormat('HH:mm') };
}

/**
 * A reminder the bot posted, successfully: a new activity in the thread whose card says how soon it starts.
 * (botbuilder's proactive turn replies to its own ContinueConversation event id; the thread is in the conversation id.)
 */
export function isReminder(c: RecordedCall): boolean {
  return (c.kind === 'send' || c.kind === 'reply') && c.status === 200 && /starts (in|now)|has started/.test(JSON.stringify(cardOf(c) ?? {}));
}

/** Schedules `subject` at `startMs` through the form in a new channel thread; resolves with the join card. */
export async function scheduleThroughForm(
  post: (a: InboundActivity) => Promise<unknown>,
  waitFor: (p: (c: RecordedCall) => boolean, ms?: number) => Promise<RecordedCall>,
  serviceUrl: string,
  subject: string,
  startMs: number,
): Promise<{ conversation: InboundActivity; cardActivityId: string; recordId: string }> {
  const msg = channelMessage({ serviceUrl, user: ALICE, text: 'schedule', tz: 'America/New_York' });
  await post(msg);
  const form = await waitFor((c) => c.conversationId === msg.conversation.id && isForm(c));
  await post(cardSubmit({ serviceUrl, user: ALICE, conversation: msg.conversation, replyToId: form.responseId!, value: { ...createDataOf(form), subject, ...formTime(startMs), duration: '30' } }));
  const join = await waitFor((c) => c.kind === 'update' && c.activityId === form.responseId && Boolean(cardOf(c)?.refresh), 15_000);
  return { conversation: msg.conversation, cardActivityId: form.responseId!, recordId: cardOf(join).refresh.action.data.recordId };
}
