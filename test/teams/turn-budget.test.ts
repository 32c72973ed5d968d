// budgetOf: the deadline of one outbound call, never past the end of the turn (Teams gives up after 15 s).
import assert from 'node:assert/strict';
import { budgetOf } from '../../src/teams/turn';

describe('budgetOf', () => {
  it('a call that may take the rest of the turn ends when the turn does; the calls of one turn share that end', async () => {
    const turn = { deadline: Date.now() + 40 };
    const first = budgetOf(turn, 13_000);
    assert.equal(budgetOf(turn, 13_000), first);
    await new Promise((resolve) => first.addEventListener('abort', resolve));
    assert.equal((first.reason as Error).name, 'TimeoutError');
    assert.notEqual(budgetOf({ deadline: Date.now() + 40 }, 13_000), first, 'another turn has its own');
  });

  it('a shorter budget ends first, on its own', async () => {
    const turn = { deadline: Date.now() + 10_000 };
    const short = budgetOf(turn, 20);
    const rest = budgetOf(turn, 13_000);
    await new Promise((resolve) => short.addEventListener('abort', resolve));
    assert.equal(rest.aborted, false);
  });
});
