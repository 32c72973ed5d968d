// The presser's token, once a turn has it (from the invoke's sign-in protocol): the schedule dialog's sign-in step
// uses it instead of asking the token service a second time. It lives in the turn's memory only — never in state,
// logs or cards.
import type { TurnContext } from 'botbuilder';

const TURN_TOKEN = Symbol('turnToken');

export function rememberTurnToken(context: TurnContext, token: string): void {
  context.turnState.set(TURN_TOKEN, token);
}

export function turnToken(context: TurnContext): string | undefined {
  return context.turnState.get(TURN_TOKEN) as string | undefined;
}
