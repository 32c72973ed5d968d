// The one place a turn gets the presser's Graph token: from the token service within the turn's budget, or the
// answer that asks them to sign in. The token is kept on the turn (memory only) once obtained, so the schedule
// dialog's sign-in step doesn't ask the token service again.
import type { TurnContext } from 'botbuilder';
import { untilAborted } from '../abort';
import type { Said } from '../i18n/translate';
import type { PresserToken, PresserTokens } from '../scheduling/turn-io';
import { budgetOf, TOKEN_SERVICE_BUDGET_MS, type Turn } from '../teams/turn';
import type { ExtensionToken, SignIn } from './sign-in';

export class TurnTokens implements PresserTokens {
  /**
   * `slot`: where on the turn the token is kept — the meetings connection's (`token`) or the calendar connection's
   * (`calendarToken`), one TurnTokens for each connection.
   */
  constructor(
    private readonly signIn: SignIn,
    private readonly context: TurnContext,
    private readonly turn: Turn,
    private readonly onError: (err: unknown, what: string) => void,
    private readonly slot: 'token' | 'calendarToken' = 'token',
  ) {}

  async forPress(unavailable: Said): Promise<PresserToken> {
    const { turn, slot } = this;
    if (turn[slot]) return { token: turn[slot] };
    if (turn.isCardInvoke) {
      // Universal Actions: the cached token, the SSO token or magic code Teams re-sent the press with, or the
      // answer that makes Teams sign the presser in (visible to nobody else).
      let got;
      try {
        got = await this.within(this.signIn.tokenForAction(this.context, turn.locale));
      } catch (err) {
        this.onError(err, 'token lookup failed');
        return { reply: { text: turn.t(unavailable) } };
      }
      if ('answer' in got) return { reply: { invokeAnswer: got.answer } };
      turn[slot] = got.token;
      return got;
    }
    // A message submit (the Emulator): only the token the token service already holds.
    let token: string | undefined;
    try {
      token = await this.atHand();
    } catch (err) {
      this.onError(err, 'token lookup failed');
      return { reply: { text: turn.t(unavailable) } };
    }
    return token ? { token } : { reply: { text: turn.t('reply.signInExpiredPress') } };
  }

  async atHand(): Promise<string | undefined> {
    const token = this.turn[this.slot] ?? (await this.within(this.signIn.tokenAtHand(this.context)));
    if (token) this.turn[this.slot] = token;
    return token;
  }

  /** A message extension's invoke: the token (kept on the turn), or the sign-in link for the extension's `auth` answer. */
  async forExtension(state: string | undefined): Promise<ExtensionToken> {
    const { turn, slot } = this;
    if (turn[slot]) return { token: turn[slot] };
    const got = await this.within(this.signIn.tokenForExtension(this.context, state));
    if ('token' in got) turn[slot] = got.token;
    return got;
  }

  async forget(): Promise<void> {
    this.turn[this.slot] = undefined;
    await this.within(this.signIn.signOut(this.context));
  }

  /** The token service client has no deadline of its own: a hung call would otherwise outlast Teams' 15 s. */
  private within<T>(work: Promise<T>): Promise<T> {
    return untilAborted(work, budgetOf(this.turn, TOKEN_SERVICE_BUDGET_MS));
  }
}
