// What the dialogs get for one turn, and what they leave for the bot to answer with.
import type { Reply, TurnIO } from '../scheduling/turn-io';
import type { Turn } from '../teams/turn';

/**
 * One turn of the dialogs: the values and ports they act with, and what they decided. A dialog that waits for the
 * next turn can't return anything through botbuilder's DialogTurnResult, so the presser's answer is left here.
 */
export interface DialogTurn {
  readonly turn: Turn;
  readonly io: TurnIO;
  /** What the presser sees next, as the dialogs last decided it (the invoke's answer). */
  reply?: Reply;
  /** The meeting was created and its card posted in this turn. */
  created?: boolean;
}
