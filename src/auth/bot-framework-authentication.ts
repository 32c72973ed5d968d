// botbuilder's configuration-based auth, with one fix for running without an app id.
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, type UserTokenClient } from 'botframework-connector';

/**
 * With an empty MicrosoftAppId (Emulator, local token-service stand-ins) the inbound claims carry no app id,
 * and UserTokenClient.getSignInResource then fails a schema check (`"appId" Required`), so OAuthPrompt
 * could never show its card. We substitute an identity carrying an app-id claim in that case only.
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(settings: Record<string, string>, private readonly fallbackAppId: string) {
    super(settings);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const hasAppId =
      claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ||
      claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim);
    if (hasAppId) return super.createUserTokenClient(claimsIdentity);
    const withAppId = new ClaimsIdentity(
      [...claimsIdentity.claims, { type: AuthenticationConstants.AudienceClaim, value: this.fallbackAppId }],
      claimsIdentity.isAuthenticated,
    );
    return super.createUserTokenClient(withAppId);
  }
}
