// The bot's CloudAdapter: the server authenticates each request itself (so every authentication failure can be
// answered 401/503, and the body checked before a turn), then hands the result to the adapter's own turn pipeline.
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';

export class BotAdapter extends CloudAdapter {
  /** The authentication the adapter was built with: the server validates inbound requests with it. */
  readonly authentication: BotFrameworkAuthentication;

  constructor(authentication: BotFrameworkAuthentication) {
    super(authentication);
    this.authentication = authentication;
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
