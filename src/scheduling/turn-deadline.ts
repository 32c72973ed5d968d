// Teams redelivers an activity it got no answer for within 15 s: every slow call in a turn shares one budget.
import type { TurnContext } from 'botbuilder';

const TURN_STARTED_AT = Symbol('turnStartedAt');
/** Leaves room within Teams' 15 s for the reply itself. */
export const TURN_BUDGET_MS = 13_000;

/** Called by the bot when a turn starts. */
export function markTurnStarted(context: TurnContext, at = Date.now()): void {
  context.turnState.set(TURN_STARTED_AT, at);
}

/** Epoch ms by which the turn's work must be done, or undefined outside a marked turn. */
export function turnDeadline(context: TurnContext): number | undefined {
  const started = context.turnState.get(TURN_STARTED_AT) as number | undefined;
  return started === undefined ? undefined : started + TURN_BUDGET_MS;
}
