// A complete `schedule …` from someone whose token is at hand needs no conversation: the meeting is created in this
// turn without the dialog stack (contexts, memory scopes, waterfall), the costliest part of that turn. Everything
// else is left to ScheduleDialog, started where this left off, so what the user sees is the same either way.
import type { TurnContext } from 'botbuilder';
import { validateDraft } from '../meetings/validate-draft';
import { actionStyleFor } from '../cards/card-actions';
import { conversationKind } from '../teams/activity-context';
import { createMeeting, SIGN_IN_UNAVAILABLE, type SchedulingDeps } from './create-meeting';
import { formAgain, formWanted, type ScheduleStart } from './schedule-request';
import { withinTurn } from './turn-deadline';

/**
 * Creates the meeting and posts the join card when the details are complete and unambiguous and the user's token
 * is at hand; returns undefined then. Otherwise returns how ScheduleDialog should start: unchanged (details to ask
 * for, or sign-in), the form with the reason on top (a failure), or sign-in again (Graph said 401).
 */
export async function scheduleAtOnce(
  context: TurnContext,
  deps: SchedulingDeps,
  start: ScheduleStart,
  /** The user's token when the turn already has it (a Universal Actions press that signed in). */
  tokenInTurn?: string,
): Promise<ScheduleStart | undefined> {
  if (formWanted(start)) return start;
  const result = validateDraft(start.draft, { now: deps.now(), timeZone: start.timeZone });
  if (!result.ok) return start;

  let token = tokenInTurn;
  try {
    token ??= await withinTurn(context, 'the token service', deps.signIn.tokenAtHand(context));
  } catch (err) {
    deps.onError?.(err, 'token lookup failed');
    return formAgain(start, SIGN_IN_UNAVAILABLE);
  }
  if (!token) return { ...start, confirmInCard: signsInThroughCard(context) };

  const outcome = await createMeeting(context, deps, result.meeting, start, token, { mayReauthenticate: true });
  switch (outcome.kind) {
    case 'created':
      return undefined;
    case 'signInAgain':
      return { ...start, signInAgain: true };
    case 'form':
      return formAgain(start, outcome.banner);
  }
}

/**
 * Teams can't sign a user in silently for a typed message in a channel or group chat (a sign-in card there is seen
 * by everyone); a Universal Actions button can. In personal chats the sign-in prompt's SSO is silent already.
 */
function signsInThroughCard(context: TurnContext): boolean {
  return actionStyleFor(context.activity.channelId) === 'execute' && conversationKind(context.activity) !== 'personal';
}
