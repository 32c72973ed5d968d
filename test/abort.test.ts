// untilAborted: waiting for work that takes no AbortSignal ends at the abort, with the signal's reason.
import assert from 'node:assert/strict';
import { deadline, untilAborted } from '../src/abort';

describe('untilAborted', () => {
  it('is the work itself without a signal, and its result or failure before the abort', async () => {
    assert.equal(await untilAborted(Promise.resolve(1), undefined), 1);
    assert.equal(await untilAborted(Promise.resolve(2), AbortSignal.timeout(1000)), 2);
    await assert.rejects(untilAborted(Promise.reject(new Error('failed')), AbortSignal.timeout(1000)), /failed/);
  });

  it("ends at the abort with the signal's reason, also when the signal was aborted already", async () => {
    await assert.rejects(untilAborted(new Promise(() => undefined), AbortSignal.timeout(10)), (err: Error) => err.name === 'TimeoutError');
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await assert.rejects(untilAborted(Promise.resolve(3), controller.signal), /gone/);
  });

  it('a failure after the abort is dropped, not an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const controller = new AbortController();
      controller.abort();
      let fail!: (err: Error) => void;
      await assert.rejects(untilAborted(new Promise((_, reject) => (fail = reject)), controller.signal));
      fail(new Error('late'));
      const late = new AbortController();
      const waiting = untilAborted(Promise.reject(new Error('late too')), late.signal);
      await assert.rejects(waiting, /late too/);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('deadline', () => {
  it('aborts with a TimeoutError when its time runs out, and says so', async () => {
    const limit = deadline(20);
    await new Promise((resolve) => limit.signal.addEventListener('abort', resolve));
    assert.equal((limit.signal.reason as Error).name, 'TimeoutError');
    assert.equal(limit.expired, true);
  });

  it("aborts with the outer signal's reason when that comes first, also one aborted already", () => {
    const outer = new AbortController();
    const limit = deadline(10_000, outer.signal);
    outer.abort(new Error('turn over'));
    assert.match((limit.signal.reason as Error).message, /turn over/);
    assert.equal(limit.expired, false);
    limit.done();
    assert.match((deadline(10_000, outer.signal).signal.reason as Error).message, /turn over/);
  });

  it('after done() neither its time nor the outer signal aborts it', async () => {
    const outer = new AbortController();
    const limit = deadline(10, outer.signal);
    limit.done();
    outer.abort();
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(limit.signal.aborted, false);
  });
});
