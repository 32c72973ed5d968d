// One structured log line per turn, with a correlation id that also tags the turn's errors.
import { randomUUID } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';

export const TURN_LOGGER_KEY = Symbol('turnLogger');

export class TurnLogger implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const log = this.logger.child({
      turnId: randomUUID(),
      activityId: activity.id,
      type: activity.type,
      name: activity.name,
      channelId: activity.channelId,
      conversationType: activity.conversation?.conversationType,
    });
    context.turnState.set(TURN_LOGGER_KEY, log);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      log.info({ ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'turn');
    }
  }
}

/** The turn's logger (with its correlation id), or the fallback outside a turn. */
export function turnLogger(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(TURN_LOGGER_KEY) as Logger | undefined) ?? fallback;
}
