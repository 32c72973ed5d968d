import assert from 'node:assert/strict';
import { COMMAND_WORDS, parseCommand } from '../../src/teams/commands';

describe('parseCommand', () => {
  it('reads every documented word and spelling of every command, any case, with or without a leading /', () => {
    for (const [kind, words] of Object.entries(COMMAND_WORDS)) {
      for (const word of words) {
        for (const typed of [word, word.toUpperCase(), `/${word}`]) {
          assert.equal(parseCommand(typed).kind, kind, typed);
        }
      }
    }
  });

  it('keeps what follows schedule as the details', () => {
    assert.deepEqual(parseCommand('schedule Design review tomorrow 3pm'), { kind: 'schedule', details: 'Design review tomorrow 3pm' });
    assert.deepEqual(parseCommand('Book  Standup monday'), { kind: 'schedule', details: 'Standup monday' });
    assert.deepEqual(parseCommand('schedule'), { kind: 'schedule', details: '' });
  });

  it('answers "?" and "help?" with help', () => {
    assert.equal(parseCommand('?').kind, 'help');
    assert.equal(parseCommand('help?').kind, 'help');
  });

  it('only takes whole words: "scheduler" or "helpful" is not a command', () => {
    assert.deepEqual(parseCommand('scheduler stuff'), { kind: 'unknown', text: 'scheduler stuff' });
    assert.deepEqual(parseCommand('helpful'), { kind: 'unknown', text: 'helpful' });
    assert.deepEqual(parseCommand('sign in'), { kind: 'unknown', text: 'sign in' });
  });

  it('tells an empty message from an unknown one', () => {
    assert.deepEqual(parseCommand('   '), { kind: 'empty' });
    assert.deepEqual(parseCommand('dance please'), { kind: 'unknown', text: 'dance please' });
  });
});
