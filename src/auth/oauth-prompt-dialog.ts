// The OAuth sign-in dialog, one OAuthPrompt per language the bot speaks.
import { ComponentDialog, OAuthPrompt, type DialogContext, type DialogTurnResult, type PromptOptions } from 'botbuilder-dialogs';
import { SUPPORTED_LOCALES, type Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { SIGN_IN_DIALOG_ID } from './sign-in';

export function promptFor(connectionName: string, locale: Locale, id: string): OAuthPrompt {
  const t = translator(locale);
  return new OAuthPrompt(id, {
    connectionName,
    title: t('signIn.title'),
    text: t('signIn.text'),
    timeout: 15 * 60 * 1000,
    // A message that isn't a magic code ends the prompt instead of repeating it.
    endOnInvalidMessage: true,
  });
}

/**
 * The sign-in dialog in the user's language. OAuthPrompt fixes its card's title and text when it is built, so there
 * is one prompt per language inside, and the turn's language picks which one starts; it then runs as it always
 * does (magic code, verifyState, token exchange) and its result is this dialog's. A sign-in started in one language
 * finishes in it, whatever the language of the turn that finishes it.
 */
export class LocalizedOAuthPrompt extends ComponentDialog {
  constructor(connectionName: string, private readonly locale: Locale) {
    super(SIGN_IN_DIALOG_ID);
    for (const each of SUPPORTED_LOCALES) this.addDialog(promptFor(connectionName, each, promptId(each)));
  }

  protected override onBeginDialog(innerDc: DialogContext, options?: PromptOptions): Promise<DialogTurnResult> {
    return innerDc.beginDialog(promptId(this.locale), options);
  }
}

function promptId(locale: Locale): string {
  return `${SIGN_IN_DIALOG_ID}.${locale}`;
}
