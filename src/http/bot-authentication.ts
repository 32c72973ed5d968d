// botbuilder's configuration-based auth, with one fix for running without an app id.
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, type UserTokenClient } from 'botframework-connector';

/**
 * With an empty MicrosoftAppId (Emulator, local token-service stand-ins) the inbound claims carry no app id,
 * and UserTokenClient.getSignInResource then fails a schema check (`"appId" Required`), so OAuthPrompt
 * could never show its card. We substitute an identity carrying an app-id claim in that case only.
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  // CloudAdapter asks for a user-token client on every turn; it only holds the bot's own credentials
  // (per app id), so one per app id is enough — building it each time was a measurable share of a turn.
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(settings: Record<string, string>, private readonly fallbackAppId: string) {
    super(settings);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId =
      claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ||
      claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim);
    const key = appId || this.fallbackAppId;
    let client = this.userTokenClients.get(key);
    if (!client) {
      const identity = appId
        ? claimsIdentity
        : new ClaimsIdentity(
            [...claimsIdentity.claims, { type: AuthenticationConstants.AudienceClaim, value: this.fallbackAppId }],
            claimsIdentity.isAuthenticated,
          );
      client = super.createUserTokenClient(identity);
      // A failed creation must not stick.
      client.catch(() => this.userTokenClients.delete(key));
      if (this.userTokenClients.size < 16) this.userTokenClients.set(key, client);
    }
    return client;
  }
}
