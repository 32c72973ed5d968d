// The bot's CloudAdapter: the server authenticates each request itself (so every authentication failure can be
// answered 401/503, and the body checked before a turn), then hands the result to the adapter's own turn pipeline.
// Messages and card updates go out through ConnectorReplies (connector-replies.ts says why); anything else through
// CloudAdapter.
import { CloudAdapter, type Activity, type InvokeResponse, type ResourceResponse, type TurnContext } from 'botbuilder';
import { AppCredentials, type AuthenticateRequestResult, type BotFrameworkAuthentication, type ConnectorClient } from 'botframework-connector';
import { ConnectorReplies } from './connector-replies';

export class BotAdapter extends CloudAdapter {
  /** The authentication the adapter was built with: the server validates inbound requests with it. */
  readonly authentication: BotFrameworkAuthentication;

  constructor(
    authentication: BotFrameworkAuthentication,
    private readonly replies: ConnectorReplies = new ConnectorReplies(),
  ) {
    super(authentication);
    this.authentication = authentication;
  }

  /**
   * Sends the turn's activities in order. Messages and typing indicators are posted by ConnectorReplies with the
   * turn's own connector credentials; a batch with anything else (a delay, an invoke response, a trace) or going
   * through a proxy is CloudAdapter's, whole, so the order holds.
   */
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const credentials = this.credentialsOf(context);
    if (!credentials || !activities.every((a) => this.replies.takes(a, credentials))) {
      return super.sendActivities(context, activities);
    }
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      // As CloudAdapter does: an id set on an outgoing activity is the connector's to give.
      delete activity.id;
      responses.push(await this.replies.post(activity, credentials));
    }
    return responses;
  }

  /** Replaces a message the bot posted (TurnContext has already checked the id and applied the conversation). */
  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const credentials = this.credentialsOf(context);
    if (!credentials || !activity.id || activity.type !== 'message' || !this.replies.takes(activity, credentials)) return super.updateActivity(context, activity);
    const updated = await this.replies.update(activity, activity.id, credentials);
    return updated.id ? updated : undefined;
  }

  /** The credentials botbuilder's connector factory made for this turn's service URL and audience. */
  private credentialsOf(context: TurnContext): AppCredentials | undefined {
    const credentials = context.turnState.get<ConnectorClient | undefined>(this.ConnectorClientKey)?.credentials;
    return credentials instanceof AppCredentials ? credentials : undefined;
  }

  /**
   * One turn for an already authenticated request: middleware, `logic`, onTurnError — CloudAdapter's own pipeline
   * (its protected processActivity), with the invoke response it produced. Unlike CloudAdapter.process it neither
   * authenticates nor writes an HTTP response: the caller has done the first and does the second.
   */
  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
