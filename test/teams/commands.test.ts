import assert from 'node:assert/strict';
import { COMMAND_WORDS, parseCommand } from '../../src/teams/commands';

describe('parseCommand', () => {
  it('reads every documented word and spelling of every command in every language, any case, with or without a leading /', () => {
    for (const byKind of Object.values(COMMAND_WORDS)) {
      for (const [kind, words] of Object.entries(byKind)) {
        for (const word of words) {
          for (const typed of [word, word.toUpperCase(), `/${word}`]) {
            assert.equal(parseCommand(typed).kind, kind, typed);
          }
        }
      }
    }
  });

  it('has the same commands in every language, each with its own words', () => {
    assert.deepEqual(Object.keys(COMMAND_WORDS['zh-CN']), Object.keys(COMMAND_WORDS['en-US']));
    assert.deepEqual(COMMAND_WORDS['zh-CN'].schedule.slice(0, 2), ['安排', '预约']);
  });

  it('takes a Chinese command word with or without a space after it (Chinese has none between words)', () => {
    assert.deepEqual(parseCommand('安排 架构讨论 明天下午2点'), { kind: 'schedule', details: '架构讨论 明天下午2点' });
    assert.deepEqual(parseCommand('安排架构讨论 明天下午2点'), { kind: 'schedule', details: '架构讨论 明天下午2点' });
    assert.deepEqual(parseCommand('预约周会'), { kind: 'schedule', details: '周会' });
    assert.deepEqual(parseCommand('我的会议'), { kind: 'list' });
    assert.deepEqual(parseCommand('会议列表'), { kind: 'list' });
    assert.deepEqual(parseCommand('帮助'), { kind: 'help' });
    assert.deepEqual(parseCommand('取消'), { kind: 'cancel' });
    assert.deepEqual(parseCommand('退出登录'), { kind: 'signOut' });
    assert.deepEqual(parseCommand('／帮助'), { kind: 'help' }, 'a full-width slash like a Chinese keyboard types it');
  });

  it('lists meetings for the bare noun on its own, and only on its own', () => {
    for (const typed of ['会议', ' 会议 ', '／会议', 'meeting', 'Meeting', '/meeting']) assert.deepEqual(parseCommand(typed), { kind: 'list' }, typed);
    assert.deepEqual(parseCommand('会议明天下午3点'), { kind: 'unknown', text: '会议明天下午3点' });
    assert.deepEqual(parseCommand('meeting tomorrow 3pm'), { kind: 'unknown', text: 'meeting tomorrow 3pm' });
  });

  it('takes an English command word followed directly by Chinese', () => {
    assert.deepEqual(parseCommand('schedule架构讨论 明天下午2点'), { kind: 'schedule', details: '架构讨论 明天下午2点' });
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
