// Where a scheduling form is shown: one card per request, posted once and then updated in place, so the person
// always sees one form. What is shown to everyone is also the presser's answer.
import type { AdaptiveCard } from '../cards/card-elements';
import { buildClosedCard } from '../cards/closed-card';
import type { PostedForms } from '../storage/posted-forms';
import type { Turn } from '../teams/turn';
import type { ScheduleRequest } from './schedule-request';
import type { Reply, TurnIO } from './turn-io';

/**
 * Shows `card` in place of the request's form, or posts it and remembers which activity holds the form (for presses
 * no dialog remembers). Sets the request's `cardActivityId`.
 */
export async function showForm(
  turn: Turn,
  io: TurnIO,
  deps: { forms: PostedForms; onError?: (err: unknown, what: string) => void },
  request: ScheduleRequest,
  card: AdaptiveCard,
): Promise<Reply> {
  if (request.cardActivityId) {
    await io.conversation.update(request.cardActivityId, card);
  } else {
    request.cardActivityId = await io.conversation.post(card);
    if (request.cardActivityId) {
      const entry = { activityId: request.cardActivityId, ownerId: request.ownerId, conversationId: turn.conversationId };
      await deps.forms.remember(request.formId, entry).catch((err) => deps.onError?.(err, 'could not remember the form card'));
    }
  }
  return { card, shownToAll: true };
}

/** What a form becomes when its owner cancels it, for everyone. */
export async function closeForm(turn: Turn, io: TurnIO, activityId: string | undefined, subject: string | undefined): Promise<Reply> {
  const { t } = turn;
  const card = buildClosedCard({ title: t('closed.cancelledTitle'), detail: t('closed.nothingCreated'), subject, locale: t.locale });
  if (activityId) await io.conversation.update(activityId, card);
  else await io.conversation.post(card);
  return { card, shownToAll: true };
}
