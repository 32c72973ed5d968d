// A press on one of the bot's cards, routed by its verb to the handler that decides what the presser sees next.
// The compiler holds every verb the cards can send to a handler.
import type { TurnContext } from 'botbuilder';
import { validateDraft } from '../meetings/validate-draft';
import { SIGN_IN_UNAVAILABLE, type SchedulingDeps } from '../scheduling/create-meeting';
import {
  backToCard,
  cancelMeeting,
  confirmCancel,
  onMeeting,
  refreshCard,
  saveChange,
  sendInvitations,
  showChangeForm,
  type MeetingAction,
} from '../scheduling/manage-meeting';
import type { Reply, TurnIO } from '../scheduling/turn-io';
import { formSubmitOf, type CardPress } from '../teams/card-press';
import { VERBS, type Verb } from '../teams/card-verbs';
import { zoneFor, type Turn } from '../teams/turn';
import type { FlowResult, ScheduleFlow } from './schedule-flow';

export type PressHandler = (context: TurnContext, turn: Turn, io: TurnIO, press: CardPress) => Promise<FlowResult>;

export function cardPressRoutes(flow: ScheduleFlow, scheduling: SchedulingDeps): Record<Verb, PressHandler> {
  const onForm: PressHandler = async (context, turn, io, press) => {
    const submit = formSubmitOf(press);
    if (!submit) return { reply: badRequest(turn.t('reply.formIncomplete')) };
    // Create pressed with valid details in Teams: sign the presser in first (Universal Actions), so the meeting can
    // be created in this turn; nothing else moves until Teams re-sends the press signed in.
    if (turn.isCardInvoke && submit.action === 'create' && submit.ownerId === turn.user.id) {
      const valid = validateDraft(submit.draft, { now: scheduling.now(), timeZone: zoneFor(turn, submit.timeZone) }).ok;
      if (valid) {
        const token = await io.tokens.forPress(SIGN_IN_UNAVAILABLE);
        if ('reply' in token) return { reply: token.reply };
      }
    }
    return flow.submit(context, turn, io, submit);
  };
  const onMeetingCard =
    (action: MeetingAction, organizerOnly = true): PressHandler =>
    async (_context, turn, io, press) => ({ reply: await onMeeting(turn, io, scheduling, press, action, organizerOnly) });

  return {
    [VERBS.create]: onForm,
    [VERBS.cancelForm]: onForm,
    [VERBS.editDetails]: onForm,
    // Anyone's client asks for its own view of the card.
    [VERBS.refresh]: onMeetingCard(refreshCard, false),
    [VERBS.back]: onMeetingCard(backToCard),
    [VERBS.change]: onMeetingCard(showChangeForm),
    [VERBS.cancelMeeting]: onMeetingCard(confirmCancel),
    [VERBS.saveChange]: onMeetingCard(saveChange),
    [VERBS.confirmCancel]: onMeetingCard(cancelMeeting),
    [VERBS.sendInvitations]: onMeetingCard(sendInvitations),
  };
}

/** Refuses an invoke the way Bot Framework refuses one (Teams shows its own "couldn't complete" message). */
export function badRequest(message: string): Reply {
  return { invokeAnswer: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } } };
}
