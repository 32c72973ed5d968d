// Where a scheduling form is shown: one card per request, posted once and then updated in place, so the person
// always sees one form. What is shown to everyone is also the presser's answer.
import type { ActionStyle } from '../cards/card-actions';
import type { AdaptiveCard } from '../cards/card-elements';
import { buildClosedCard } from '../cards/closed-card';
import { buildFormCard } from '../cards/form-card';
import type { Said } from '../i18n/translate';
import type { DraftField } from '../meetings/types';
import type { PostedForms } from '../storage/posted-forms';
import type { Turn } from '../teams/turn';
import type { ScheduleRequest, ScheduleStart } from './schedule-request';
import type { Reply, TurnIO } from './turn-io';

/** The request's form in the reader's language: its errors, notes and banner are put into it here, as it is shown. */
export function formCardFor(
  turn: Pick<Turn, 't' | 'locale'>,
  request: ScheduleStart,
  shown: { errors: Partial<Record<DraftField, Said>>; notes: readonly Said[]; actionStyle: ActionStyle; ticked?: string[] },
): AdaptiveCard {
  const { t } = turn;
  return buildFormCard({
    formId: request.formId,
    ownerId: request.ownerId,
    ownerName: request.ownerName,
    timeZone: request.timeZone,
    draft: request.draft,
    errors: Object.fromEntries(Object.entries(shown.errors).map(([field, said]) => [field, t(said)])),
    notes: shown.notes.map((n) => t(n)),
    banner: request.banner && t(request.banner),
    locale: turn.locale,
    actionStyle: shown.actionStyle,
    people: request.people,
    ...(shown.ticked ? { ticked: shown.ticked } : {}),
    reminderMinutes: request.reminderMinutes,
  });
}

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
