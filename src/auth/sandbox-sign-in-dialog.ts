// The sandbox's sign-in step: ends at once with the local identity.
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { localIdentity } from './sandbox-sign-in';
import { SIGN_IN_DIALOG_ID } from './sign-in';

export class SandboxSignInDialog extends Dialog {
  constructor() {
    super(SIGN_IN_DIALOG_ID);
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return dc.endDialog({ connectionName: 'sandbox', token: localIdentity(dc.context), expiration: '' });
  }
}
