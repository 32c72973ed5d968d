// What scheduling needs from the turn it runs in, as ports the bot implements with botbuilder: showing cards in the
// conversation, the conversation's people, and the presser's token. Scheduling itself never sees a TurnContext; it
// returns what the presser sees next (a Reply) and the bot answers or sends it.
import type { AdaptiveCard } from '../cards/card-elements';
import type { Said } from '../i18n/translate';
import type { Roster } from '../teams/roster';

/** An answer only a Universal Actions press can get: Teams' sign-in request, or a refused sign-in code. */
interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: Record<string, unknown>;
}

/** What the person who typed or pressed sees next. */
export type Reply =
  | { text: string }
  | { invokeAnswer: InvokeAnswer }
  | {
      /** In Teams the invoke's answer; where presses arrive as messages (the Emulator) it replaces `replaces`, or is posted. */
      card: AdaptiveCard;
      replaces?: string;
      /** The conversation already shows it (the shared card was just posted or updated): only an invoke answer is left. */
      shownToAll?: boolean;
    };

/** The conversation of the turn: the bot's cards in it, for everyone. */
export interface Conversation {
  /** Posts a card; the new activity's id. */
  post(card: AdaptiveCard): Promise<string | undefined>;
  /** Replaces the card of an activity the bot posted: an id the bot stored, never one a client sent. */
  update(activityId: string, card: AdaptiveCard): Promise<void>;
  /** "… is typing", where Teams shows it. */
  typing(): Promise<void>;
}

export type PresserToken = { token: string } | { reply: Reply };

/** The presser's Graph token. */
export interface PresserTokens {
  /**
   * For a button press: in Teams the Universal Actions sign-in (cached token, or the SSO token / magic code Teams
   * re-sent the press with; else the answer that signs them in); elsewhere the token the token service holds.
   * `unavailable` is what the presser is told when the token service can't answer in time.
   */
  forPress(unavailable: Said): Promise<PresserToken>;
  /** The token the token service already holds, or undefined. Throws when it can't answer within the turn. */
  atHand(): Promise<string | undefined>;
  /** Forgets a token Graph rejected, so the next sign-in gets a fresh one. */
  forget(): Promise<void>;
}

export interface TurnIO {
  conversation: Conversation;
  roster: Roster;
  tokens: PresserTokens;
  /** The presser's token for their Outlook calendar: its own OAuth connection's, or `tokens` when there is none. */
  calendarTokens: PresserTokens;
}
