import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { TestAdapter } from 'botbuilder';
import pino from 'pino';
import { TurnLogger } from '../../src/bot/turn-logger';

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
  it("writes one 'turn' line per turn, and the turn's error carries the same correlation id and still reaches onTurnError", async () => {
    const { logger, lines } = capture();
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.text === 'fail') throw new Error('boom');
    });
    adapter.use(new TurnLogger(logger));
    const reported: string[] = [];
    adapter.onTurnError = async (_context, error) => {
      reported.push(error.message);
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
    assert.equal((failed.err as { message?: string }).message, 'boom');
    assert.deepEqual(reported, ['boom'], 'the adapter still tells the user');
  });
});
