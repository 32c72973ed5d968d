// Real sign-in: Teams SSO (signin/tokenExchange) where possible, the sign-in button (signin/verifyState) elsewhere,
// and inside Universal Actions turns the loginRequest protocol (SSO in channels and group chats too).
import { CloudAdapterBase, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import type { Dialog, OAuthPrompt } from 'botbuilder-dialogs';
import type { UserTokenClient } from 'botframework-connector';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { SIGN_IN_DIALOG_ID, type ActionToken, type ExtensionToken, type SignIn } from './sign-in';
import { UserTokenCache, type TokenOwner } from './user-token-cache';

/** An Entra access token is a few KB; anything far larger isn't one and isn't sent on to the token service. */
const MAX_SSO_TOKEN_CHARS = 16 * 1024;

/**
 * An optional parameter left out: the token service takes the magic code and the final redirect as optional query
 * parameters, and botbuilder's UserTokenClient types both as required strings (its own OAuthPrompt passes undefined).
 */
const NOT_GIVEN = undefined as unknown as string;

// The prompt dialogs are loaded when first needed: botbuilder-dialogs is a large part of a cold start, and a start,
// `help` or a Universal Actions press needs no dialog.
const prompts = (): typeof import('./oauth-prompt-dialog') => require('./oauth-prompt-dialog') as typeof import('./oauth-prompt-dialog');

export class OAuthSignIn implements SignIn {
  /** For the token-service calls only (their answers don't depend on the language). */
  private tokenCalls?: OAuthPrompt;

  /**
   * `purpose`: what the sign-in is for, as Teams' sign-in request says it — creating meetings (the meetings
   * connection) or sending Outlook invitations (the calendar connection).
   */
  constructor(
    private readonly connectionName: string,
    private readonly purpose: 'meetings' | 'calendar' = 'meetings',
    /** Tokens the token service gave lately (user-token-cache.ts); none kept by default. */
    private readonly cache: UserTokenCache = new UserTokenCache(0),
  ) {}

  createDialog(locale: Locale): Dialog {
    return new (prompts().LocalizedOAuthPrompt)(this.connectionName, locale);
  }

  async tokenAtHand(context: TurnContext): Promise<string | undefined> {
    // The same token-service call OAuthPrompt starts with, made on the turn's user-token client directly (the
    // prompt's copy also validates the turn's shape on every call, a cost on every typed schedule).
    // Adapters without one (botbuilder's TestAdapter) answer through the prompt.
    const owner = this.ownerOf(context);
    const kept = this.cache.get(owner);
    if (kept) return kept;
    const client = turnUserTokenClient(context);
    const got = client
      ? await client.getUserToken(owner.userId, this.connectionName, owner.channelId, NOT_GIVEN)
      : await this.prompt().getUserToken(context);
    return this.keep(owner, got);
  }

  async tokenForAction(context: TurnContext, locale: Locale): Promise<ActionToken> {
    const client = userTokenClient(context);
    const owner = this.ownerOf(context);
    const value = (context.activity.value ?? {}) as { authentication?: { token?: unknown }; state?: unknown };

    const ssoToken = value.authentication?.token;
    if (typeof ssoToken === 'string' && ssoToken !== '') {
      // Teams signed the user in silently and re-sent the press with its token: exchange it for ours.
      const token = await this.exchange(client, owner, ssoToken);
      if (token) return { token };
      // The exchange failed (consent needed, wrong resource): ask again without SSO, so Teams shows the sign-in link.
      return { answer: await this.loginRequest(context, client, locale, false) };
    }
    const code = value.state;
    if (typeof code === 'string' && code !== '') {
      // The user finished the sign-in link; Teams re-sent the press with the magic code.
      const redeemed = await client.getUserToken(owner.userId, this.connectionName, owner.channelId, code);
      const token = this.keep(owner, redeemed);
      if (token) return { token };
      const message = translator(locale)('signIn.codeRejected');
      return { answer: { statusCode: 412, type: 'application/vnd.microsoft.error.preconditionFailed', value: { code: '412', message } } };
    }
    const held = await this.tokenAtHand(context);
    if (held) return { token: held };
    return { answer: await this.loginRequest(context, client, locale, true) };
  }

  /**
   * The message extension's token. Teams documents SSO for message extensions (a `silentAuth` answer, then the invoke
   * again with `value.authentication.token`) only for search and link unfurling, so the action command answers `auth`
   * with the sign-in link; a token Teams sends anyway is exchanged like a Universal Action's, and when the exchange
   * fails the sign-in link is the answer.
   */
  async tokenForExtension(context: TurnContext, state: string | undefined): Promise<ExtensionToken> {
    const client = userTokenClient(context);
    const owner = this.ownerOf(context);
    const ssoToken = (context.activity.value as { authentication?: { token?: unknown } } | undefined)?.authentication?.token;
    if (typeof ssoToken === 'string' && ssoToken !== '' && ssoToken.length <= MAX_SSO_TOKEN_CHARS) {
      const token = await this.exchange(client, owner, ssoToken);
      if (token) return { token };
    }
    // After the sign-in link Teams re-sends the invoke with the magic code; a wrong one just asks again.
    if (state) {
      const redeemed = await client.getUserToken(owner.userId, this.connectionName, owner.channelId, state).catch(() => undefined);
      const token = this.keep(owner, redeemed);
      if (token) return { token };
    }
    const held = await this.tokenAtHand(context);
    if (held) return { token: held };
    const resource = await client.getSignInResource(this.connectionName, context.activity, NOT_GIVEN);
    return { signInLink: resource.signInLink ?? '' };
  }

  async signOut(context: TurnContext): Promise<void> {
    this.cache.forget(this.ownerOf(context));
    await this.prompt().signOutUser(context);
  }

  async completeOrphanSignIn(context: TurnContext, code: string): Promise<boolean> {
    const token = await this.prompt().getUserToken(context, code);
    return Boolean(token?.token);
  }

  private ownerOf(context: TurnContext): TokenOwner {
    return { connectionName: this.connectionName, channelId: context.activity.channelId ?? '', userId: context.activity.from?.id ?? '' };
  }

  /** Teams' SSO token exchanged at the token service for ours (kept), or undefined when the exchange fails. */
  private async exchange(client: UserTokenClient, owner: TokenOwner, ssoToken: string): Promise<string | undefined> {
    const exchanged = await client.exchangeToken(owner.userId, this.connectionName, owner.channelId, { token: ssoToken }).catch(() => undefined);
    return this.keep(owner, exchanged);
  }

  /** The token of a token-service answer, kept for the owner's next turns. */
  private keep(owner: TokenOwner, got: { token?: string; expiration?: string } | undefined): string | undefined {
    if (!got?.token) return undefined;
    this.cache.put(owner, got.token, got.expiration);
    return got.token;
  }

  /** OAuthPrompt's token-service calls: the user-token client CloudAdapter gives the turn, or a token provider adapter. */
  private prompt(): OAuthPrompt {
    return (this.tokenCalls ??= prompts().promptFor(this.connectionName, 'en-US', SIGN_IN_DIALOG_ID));
  }

  /** 401 loginRequest: the connection's exchange resource (for silent SSO) and the sign-in link (the fallback). */
  private async loginRequest(context: TurnContext, client: UserTokenClient, locale: Locale, sso: boolean): Promise<AdaptiveCardInvokeResponse> {
    const resource = await client.getSignInResource(this.connectionName, context.activity, NOT_GIVEN);
    const t = translator(locale);
    return {
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
      value: {
        text: t(this.purpose === 'calendar' ? 'signIn.textCalendar' : 'signIn.text'),
        connectionName: this.connectionName,
        ...(sso && resource.tokenExchangeResource ? { tokenExchangeResource: resource.tokenExchangeResource } : {}),
        buttons: [{ type: 'signin', title: t('signIn.title'), text: t('signIn.title'), value: resource.signInLink }],
      },
    };
  }
}

/** CloudAdapter puts a user-token client (the bot's own credentials) on every turn, under its own key. */
function userTokenClient(context: TurnContext): UserTokenClient {
  const client = turnUserTokenClient(context);
  if (!client) throw new Error('no user-token client on this turn (CloudAdapter provides one)');
  return client;
}

function turnUserTokenClient(context: TurnContext): UserTokenClient | undefined {
  const adapter = context.adapter;
  return adapter instanceof CloudAdapterBase ? context.turnState.get(adapter.UserTokenClientKey) : undefined;
}
