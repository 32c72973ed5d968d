// botbuilder's configuration-based auth, with one fix for running without an app id, and its clients reused.
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorFactory, type AuthenticateRequestResult, type ConnectorClient, type UserTokenClient } from 'botframework-connector';

/** How many connector clients are kept: one per (app id, service URL, audience); a bot sees a handful. */
const MAX_CONNECTOR_CLIENTS = 64;

/**
 * With an empty MicrosoftAppId (Emulator, local token-service stand-ins) the inbound claims carry no app id,
 * and UserTokenClient.getSignInResource then fails a schema check (`"appId" Required`), so OAuthPrompt
 * could never show its card. We substitute an identity carrying an app-id claim in that case only.
 */
export class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  // CloudAdapter asks for a user-token client on every turn; it only holds the bot's own credentials
  // (per app id), so one per app id is enough — building it each time was a measurable share of a turn.
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  // CloudAdapter also builds a new ConnectorClient — an HTTP pipeline of a dozen policies — for every activity. A
  // client only holds the bot's credentials (which refresh their own token) and the service URL, so one per
  // (app id, service URL, audience) serves every turn and proactive message that goes there.
  private readonly connectorClients = new Map<string, Promise<ConnectorClient>>();

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

/** The bot the claims are for, as botbuilder's own factories read it (audience, else app id); null when none. */
function appIdOf(claimsIdentity: ClaimsIdentity): string | null {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) || claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim);
}

/** Hands out one ConnectorClient per (app id, service URL, audience), made by botbuilder's own factory. */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId}\u0000${serviceUrl}\u0000${audience ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.inner.create(serviceUrl, audience);
      // A failed creation must not stick.
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
      // Oldest first: a service URL nobody used for a while is the one to rebuild.
      while (this.clients.size > MAX_CONNECTOR_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
    }
    return client;
  }
}
