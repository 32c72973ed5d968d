// A complete `schedule …` from someone whose token is at hand needs no conversation: the meeting is created in this
// turn without the dialog stack (contexts, memory scopes, waterfall), the costliest part of that turn. Everything
// else is left to ScheduleDialog, started where this left off, so what the user sees is the same either way.
import { actionStyleFor } from '../cards/card-actions';
import { validateDraft } from '../meetings/validate-draft';
import type { Turn } from '../teams/turn';
import { createMeeting, SIGN_IN_UNAVAILABLE, type SchedulingDeps } from './create-meeting';
import { formAgain, formWanted, type ScheduleStart } from './schedule-request';
import type { Reply, TurnIO } from './turn-io';

export type AtOnce =
  /** The join card is posted; `reply` is the presser's. */
  | { kind: 'created'; reply: Reply }
  /** Not created here: ScheduleDialog starts with this (details to ask for, sign-in, or the form with the reason). */
  | { kind: 'dialog'; start: ScheduleStart };

/**
 * Creates the meeting and posts the join card when the details are complete and unambiguous and the user's token
 * is at hand (`turn.token`, or the token service's). Otherwise says how ScheduleDialog should start: unchanged
 * (details to ask for, or sign-in), the form with the reason on top (a failure), or sign-in again (Graph said 401).
 */
export async function scheduleAtOnce(turn: Turn, io: TurnIO, deps: SchedulingDeps, start: ScheduleStart): Promise<AtOnce> {
  if (formWanted(start)) return { kind: 'dialog', start };
  const result = validateDraft(start.draft, { now: deps.now(), timeZone: start.timeZone });
  if (!result.ok) return { kind: 'dialog', start };

  let token: string | undefined;
  try {
    // The turn's own token when it has one (a press that signed in), else the token service's.
    token = await io.tokens.atHand();
  } catch (err) {
    deps.onError?.(err, 'token lookup failed');
    return { kind: 'dialog', start: formAgain(start, SIGN_IN_UNAVAILABLE) };
  }
  if (!token) return { kind: 'dialog', start: { ...start, confirmInCard: signsInThroughCard(turn) } };

  const outcome = await createMeeting(turn, io, deps, result.meeting, start, token, { mayReauthenticate: true });
  switch (outcome.kind) {
    case 'created':
      return outcome;
    case 'signInAgain':
      return { kind: 'dialog', start: { ...start, signInAgain: true } };
    case 'form':
      return { kind: 'dialog', start: formAgain(start, outcome.banner) };
  }
}

/**
 * Teams can't sign a user in silently for a typed message in a channel or group chat (a sign-in card there is seen
 * by everyone); a Universal Actions button can. In personal chats the sign-in prompt's SSO is silent already.
 */
function signsInThroughCard(turn: Turn): boolean {
  return actionStyleFor(turn.channelId) === 'execute' && turn.conversationKind !== 'personal';
}
