// How the schedule dialog gets the user's Graph token: one interface, an OAuth and a sandbox implementation.
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { Locale } from '../i18n/locale';

/** Id under which the sign-in dialog is registered; it ends with a TokenResponse or undefined. */
export const SIGN_IN_DIALOG_ID = 'signIn';

export interface SignIn {
  /** Dialog that ends with `{ token }` (or undefined when the user didn't sign in); it prompts in `locale`. */
  createDialog(locale: Locale): Dialog;
  /**
   * The user's token when it can be had without asking them (the token service holds it), else undefined.
   * Throws when the token service can't be reached.
   */
  tokenAtHand(context: TurnContext): Promise<string | undefined>;
  /**
   * The presser's token in a Universal Actions turn (adaptiveCard/action): the cached one, or from the SSO token
   * or magic code Teams re-sent the invoke with. Without one, the invoke answer that makes Teams sign them in
   * (401 loginRequest) — inside the conversation, visible to nobody else.
   */
  tokenForAction(context: TurnContext, locale: Locale): Promise<ActionToken>;
  /**
   * The user's token in a message extension's invoke: the cached one, or from the magic code Teams re-sent the
   * invoke with (`state`, after the sign-in link); without one, the sign-in link for the extension's `auth` answer.
   */
  tokenForExtension(context: TurnContext, state: string | undefined): Promise<ExtensionToken>;
  /** Forgets the user's token so the next request signs in again. */
  signOut(context: TurnContext): Promise<void>;
  /**
   * A sign-in completed (signin/verifyState) while the user had no sign-in in progress — e.g. someone pressed
   * the sign-in button on another person's card in a channel. Store their token so their next request is silent.
   */
  completeOrphanSignIn(context: TurnContext, code: string): Promise<boolean>;
}

export type ExtensionToken = { token: string } | { signInLink: string };

export type ActionToken = { token: string } | { answer: AdaptiveCardInvokeResponse };
