// Sandbox sign-in: the activity's user is trusted as-is (no Azure, no token service).
import type { TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { type ActionToken, type ExtensionToken, type SignIn } from './sign-in';

/** Prefix of the local identity "token": it names the chat user, and the simulated Graph keeps each one's meetings apart. */
const SANDBOX_TOKEN_PREFIX = 'sandbox-identity:';

export function localIdentity(context: TurnContext): string {
  return `${SANDBOX_TOKEN_PREFIX}${context.activity.from?.id ?? 'anonymous'}`;
}

export class SandboxSignIn implements SignIn {
  createDialog(): Dialog {
    // Loaded when first needed, like every dialog (botbuilder-dialogs is a large part of a cold start).
    const { SandboxSignInDialog } = require('./sandbox-sign-in-dialog') as typeof import('./sandbox-sign-in-dialog');
    return new SandboxSignInDialog();
  }

  async tokenAtHand(context: TurnContext): Promise<string | undefined> {
    return localIdentity(context);
  }

  async tokenForAction(context: TurnContext): Promise<ActionToken> {
    return { token: localIdentity(context) };
  }

  async tokenForExtension(context: TurnContext): Promise<ExtensionToken> {
    return { token: localIdentity(context) };
  }

  async signOut(_context: TurnContext): Promise<void> {
    // Nothing is stored in sandbox mode.
  }

  async completeOrphanSignIn(): Promise<boolean> {
    return false;
  }
}
