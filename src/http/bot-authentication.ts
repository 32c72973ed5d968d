// botbuilder's configuration-based auth, with one fix for running without an app id, and its clients reused.
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorFactory, type AuthenticateRequestResult, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import { cachedClient, clientCache, type ClientCache } from './client-cache';

/** How many connector clients are kept: one per (app id, service URL, audience); a bot sees a handful. */
const MAX_CONNECTOR_CLIENTS = 64;
/** How many user-token clients are kept: one per app id (this bot's, and any skill's). */
const MAX_USER_TOKEN_CLIENTS = 16;

/**
 * With an empty MicrosoftAppId (Emulator, local token-service stand-ins) the inbound claims carry no app id,
 * and UserTokenClient.getSignInResource then fails a schema check (`"appId" Required`), so OAuthPrompt
 * could never show its card. We substitute an identity carrying an app-id claim in that case only.
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  // CloudAdapter asks for a user-token client on every turn; it only holds the bot's own credentials
  // (per app id), so one per app id is enough — building it each time was a measurable share of a turn.
  private readonly userTokenClients: ClientCache<UserTokenClient> = clientCache(MAX_USER_TOKEN_CLIENTS);

  // CloudAdapter also builds a new ConnectorClient — an HTTP pipeline of a dozen policies — for every activity. A
  // client only holds the bot's credentials (which refresh their own token) and the service URL, so one per
  // (app id, service URL, audience) serves every turn and proactive message that goes there.
  private readonly connectorClients: ClientCache<ConnectorClient> = clientCache(MAX_CONNECTOR_CLIENTS);

  constructor(settings: Record<string, string>, private readonly fallbackAppId: string) {
    super(settings);
  }

  /** Inbound turns: their replies go through the factory handed out with the authentication result. */
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.caching(result.connectorFactory, result.claimsIdentity) };
  }

  /** Proactive messages (reminders) and anything else that asks for a factory. */
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.caching(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  private caching(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(factory, appIdOf(claimsIdentity) ?? '', this.connectorClients);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = appIdOf(claimsIdentity);
    return cachedClient(this.userTokenClients, appId || this.fallbackAppId, () => {
      const identity = appId
        ? claimsIdentity
        : new ClaimsIdentity(
            [...claimsIdentity.claims, { type: AuthenticationConstants.AudienceClaim, value: this.fallbackAppId }],
            claimsIdentity.isAuthenticated,
          );
      return super.createUserTokenClient(identity);
    });
  }
}

/** The bot the claims are for, as botbuilder's own factories read it (audience, else app id); null when none. */
function appIdOf(claimsIdentity: ClaimsIdentity): string | null {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) || claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim);
}

/** Hands out one ConnectorClient per (app id, service URL, audience), made by botbuilder's own factory. */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: ClientCache<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    // Past the bound, a service URL nobody used for a while is the one to rebuild.
    return cachedClient(this.clients, `${this.appId}\u0000${serviceUrl}\u0000${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}
