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

/** Aborts when the turn's budget is spent (for calls that take a signal), or undefined outside a marked turn. */
export function turnSignal(context: TurnContext): AbortSignal | undefined {
  const deadline = turnDeadline(context);
  return deadline === undefined ? undefined : AbortSignal.timeout(Math.max(0, deadline - Date.now()));
}

/** A call to the token service gets at most this much of the turn, so Graph still has time after it. */
export const TOKEN_SERVICE_BUDGET_MS = 5_000;

/** A call that didn't finish within its share of the turn. */
export class TurnBudgetExceeded extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'TurnBudgetExceeded';
  }
}

/**
 * `work`, or a TurnBudgetExceeded once `maxMs` (or what is left of the turn, if less) has passed. The token
 * service client has no deadline of its own: a hung call would otherwise outlast Teams' 15 s and the redelivery
 * would find the activity already claimed.
 */
export async function withinTurn<T>(context: TurnContext, what: string, work: Promise<T>, maxMs = TOKEN_SERVICE_BUDGET_MS): Promise<T> {
  const deadline = turnDeadline(context);
  const ms = Math.max(0, Math.min(maxMs, deadline === undefined ? maxMs : deadline - Date.now()));
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TurnBudgetExceeded(what, ms)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
