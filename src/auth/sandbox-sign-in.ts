// Sandbox sign-in: the activity's user is trusted as-is (no Azure, no token service).
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { SIGN_IN_DIALOG_ID, type ActionToken, type SignIn } from './sign-in';

/** Prefix of the local identity "token"; the simulated Graph accepts only these. */
export const SANDBOX_TOKEN_PREFIX = 'sandbox-identity:';

function localIdentity(context: TurnContext): string {
  return `${SANDBOX_TOKEN_PREFIX}${context.activity.from?.id ?? 'anonymous'}`;
}

class SandboxSignInDialog extends Dialog {
  constructor() {
    super(SIGN_IN_DIALOG_ID);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return dc.endDialog({ connectionName: 'sandbox', token: localIdentity(dc.context), expiration: '' });
  }
}

export class SandboxSignIn implements SignIn {
  createDialog(): Dialog {
    return new SandboxSignInDialog();
  }

  async tokenAtHand(context: TurnContext): Promise<string | undefined> {
    return localIdentity(context);
  }

  async tokenForAction(context: TurnContext, _locale?: unknown): Promise<ActionToken> {
    return { token: localIdentity(context) };
  }

  async signOut(_context: TurnContext): Promise<void> {
    // Nothing is stored in sandbox mode.
  }

  async completeOrphanSignIn(): Promise<boolean> {
    return false;
  }
}
