// One structured log line per turn, with a correlation id that also tags the turn's errors.
import { randomUUID } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';

const TURN_FIELDS_KEY = Symbol('turnLogFields');

type TurnFields = Record<string, unknown>;

export class TurnLogger implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const fields: TurnFields = {
      turnId: randomUUID(),
      activityId: activity.id,
      type: activity.type,
      name: activity.name,
      channelId: activity.channelId,
      conversationType: activity.conversation?.conversationType,
    };
    // Plain fields, not a child logger: most turns only ever write the one line below, and a child per turn costs.
    context.turnState.set(TURN_FIELDS_KEY, fields);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      this.logger.info({ ...fields, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'turn');
    }
  }
}

/** A logger tagged with the turn's correlation id, or the fallback outside a turn. */
export function turnLogger(context: TurnContext, fallback: Logger): Logger {
  const fields = context.turnState.get(TURN_FIELDS_KEY) as TurnFields | undefined;
  return fields ? fallback.child(fields) : fallback;
}
