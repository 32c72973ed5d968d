// Teams redelivers an activity (same id) when the bot didn't answer in time. The first delivery does the work;
// later copies are acknowledged and dropped, so nobody gets a second card. Shared stores make this hold across
// instances.
//
// The claim says "in progress since T" while the turn runs (its owner renews it now and then) and "done" once it
// finished. A process that dies mid-turn (kill -9, out of memory, a redeploy, a machine gone) leaves an in-progress
// claim behind: a redelivery that finds one older than the turn budget, or no longer renewed, does the work again
// instead of dropping the message for good. A redelivery that finds the first delivery still running waits a few
// seconds for it to finish or be found dead, since Teams may not deliver the message again. Meeting creation stays
// idempotent (externalId + createOrGet), so a turn that got as far as Graph before dying still yields one meeting.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { OnceClaims, TurnClaim } from '../storage/once-claims';
import { TURN_BUDGET_MS } from '../teams/turn';
import type { Logger } from '../logger';

/** How long a redelivery waits for a first delivery still running, and how often it looks again meanwhile. */
const WAIT_FOR_FIRST_MS = 8_000;
const LOOK_AGAIN_MS = 500;

export class RedeliveryGuard implements Middleware {
  /** @param retryAfterMs age after which an unfinished first delivery is presumed dead (default: the turn budget). */
  constructor(private readonly claims: OnceClaims, private readonly logger: Logger, private readonly retryAfterMs = TURN_BUDGET_MS) {}

  /** The claim, after waiting a little while the first delivery is still running. */
  private async claimFor(key: string): Promise<TurnClaim> {
    const giveUpAt = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const claim = await this.claims.begin(key, this.retryAfterMs);
      if (claim.state !== 'in-progress' || Date.now() + LOOK_AGAIN_MS > giveUpAt) return claim;
      await new Promise((resolve) => setTimeout(resolve, LOOK_AGAIN_MS));
    }
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    // Only messages: invokes carry their own protocol (and sign-in has its own de-duplication).
    if (activity.type !== ActivityTypes.Message || !activity.id) return next();
    const key = `delivery|${activity.channelId}|${activity.conversation?.id ?? ''}|${activity.id}`;
    const claim = await this.claimFor(key);
    if (claim.state === 'done') {
      this.logger.info({ activityId: activity.id }, 'redelivered activity ignored');
      return;
    }
    if (claim.state === 'in-progress') {
      this.logger.info({ activityId: activity.id, inProgressMs: Date.now() - claim.since }, 'redelivered activity ignored: the first delivery is still running');
      return;
    }
    if (claim.takenOver) this.logger.warn({ activityId: activity.id }, 'redelivered activity processed again: the first delivery never finished');
    try {
      await next();
    } catch (err) {
      // The work did not happen: a redelivery may try again.
      await claim.release().catch((releaseErr: Error) => this.logger.warn({ err: { message: releaseErr.message } }, 'could not release the delivery claim'));
      throw err;
    }
    await claim.finish().catch((finishErr: Error) => this.logger.warn({ err: { message: finishErr.message } }, 'could not mark the delivery done'));
  }
}
