// Real sign-in: Teams SSO (signin/tokenExchange) where possible, the sign-in button (signin/verifyState) elsewhere.
import type { TurnContext } from 'botbuilder';
import { OAuthPrompt } from 'botbuilder-dialogs';
import { SIGN_IN_DIALOG_ID, type SignIn } from './sign-in';

export class OAuthSignIn implements SignIn {
  private readonly prompt: OAuthPrompt;

  constructor(private readonly connectionName: string) {
    this.prompt = this.createDialog();
  }

  createDialog(): OAuthPrompt {
    return new OAuthPrompt(SIGN_IN_DIALOG_ID, {
      connectionName: this.connectionName,
      title: 'Sign in',
      text: 'Sign in so I can create the meeting as you.',
      timeout: 15 * 60 * 1000,
      // A message that isn't a magic code ends the prompt instead of repeating it.
      endOnInvalidMessage: true,
    });
  }

  async tokenAtHand(context: TurnContext): Promise<string | undefined> {
    // The same token-service call OAuthPrompt starts with.
    return (await this.prompt.getUserToken(context))?.token || undefined;
  }

  async signOut(context: TurnContext): Promise<void> {
    await this.prompt.signOutUser(context);
  }

  async completeOrphanSignIn(context: TurnContext, code: string): Promise<boolean> {
    const token = await this.prompt.getUserToken(context, code);
    return Boolean(token?.token);
  }
}
