// Teams redelivers an activity (same id) when the bot didn't answer in time. The first delivery does the work;
// later copies are acknowledged and dropped, so nobody gets a second card. Shared stores make this hold across
// instances.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { OnceClaims } from '../storage/once-claims';
import type { Logger } from '../logger';

export class RedeliveryGuard implements Middleware {
  constructor(private readonly claims: OnceClaims, private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    // Only messages: invokes carry their own protocol (and sign-in has its own de-duplication).
    if (activity.type !== ActivityTypes.Message || !activity.id) return next();
    const key = `delivery|${activity.channelId}|${activity.conversation?.id ?? ''}|${activity.id}`;
    if (!(await this.claims.claim(key))) {
      this.logger.info({ activityId: activity.id }, 'redelivered activity ignored');
      return;
    }
    return next();
  }
}
