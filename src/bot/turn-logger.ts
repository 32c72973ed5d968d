// One structured log line per turn, with a correlation id that also tags the turn's error, if it fails.
import { randomUUID } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';

export class TurnLogger implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const fields: Record<string, unknown> = {
      turnId: randomUUID(),
      activityId: activity.id,
      type: activity.type,
      name: activity.name,
      channelId: activity.channelId,
      conversationType: activity.conversation?.conversationType,
    };
    // Plain fields, not a child logger: most turns only ever write the one line below, and a child per turn costs.
    const started = process.hrtime.bigint();
    try {
      await next();
    } catch (err) {
      // Logged here, where the turn's fields are; the adapter's onTurnError then tells the user.
      const error = err as Error;
      this.logger.error({ ...fields, err: { name: error?.name, message: error?.message, stack: error?.stack } }, 'turn failed');
      throw err;
    } finally {
      this.logger.info({ ...fields, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'turn');
    }
  }
}
