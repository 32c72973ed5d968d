import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { TestAdapter } from 'botbuilder';
import pino from 'pino';
import { TurnLogger, turnLogger } from '../../src/bot/turn-logger';

function capture(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('TurnLogger', () => {
  it("writes one 'turn' line per turn, and the turn's error carries the same correlation id", async () => {
    const { logger, lines } = capture();
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.text === 'fail') throw new Error('boom');
    });
    adapter.use(new TurnLogger(logger));
    adapter.onTurnError = async (context, error) => {
      turnLogger(context, logger).error({ err: { message: error.message } }, 'turn failed');
    };

    await adapter.send('hello');
    await adapter.send('fail');

    const turns = lines.filter((l) => l.msg === 'turn');
    assert.equal(turns.length, 2);
    assert.notEqual(turns[0].turnId, turns[1].turnId);
    assert.equal(typeof turns[0].ms, 'number');
    assert.equal(turns[0].type, 'message');
    const failed = lines.find((l) => l.msg === 'turn failed');
    assert.ok(failed, 'the error was logged');
    assert.equal(failed.turnId, turns[1].turnId);
    assert.equal(failed.activityId, turns[1].activityId);
  });

  it('outside a turn, the fallback logger is used as it is', () => {
    const { logger } = capture();
    const context = { turnState: new Map() } as unknown as Parameters<typeof turnLogger>[0];
    assert.equal(turnLogger(context, logger), logger);
  });
});
