import assert from 'node:assert/strict';
import { findChineseClocks, type ChineseClock } from '../../src/meetings/clock-zh';

/** What findChineseClocks found in `text`: each phrase with its ends as raw:mm (+period, ! for a 24-hour form). */
function found(text: string): string[] {
  const show = (c: ChineseClock) => `${c.period ? `${c.period} ` : ''}${c.raw}:${String(c.minute).padStart(2, '0')}${c.literal ? '!' : ''}`;
  return findChineseClocks(text).map((c) => `${text.slice(c.span.start, c.span.end)} = ${show(c.start)}${c.end ? ` to ${show(c.end)}` : ''}${c.endOnly ? ' (end only)' : ''}${c.approx ? ' (about)' : ''}`);
}

describe('findChineseClocks: times as people type them in Chinese', () => {
  const cases: [string, string[]][] = [
    ['下午3点', ['下午3点 = afternoon 3:00']],
    ['十点15', ['十点15 = 10:15'], ],
    ['两点半', ['两点半 = 2:30']],
    ['14时30分', ['14时30分 = 14:30!']],
    ['晚上8点四十', ['晚上8点四十 = evening 8:40']],
    ['十点零五分', ['十点零五分 = 10:05']],
    ['三点钟', ['三点钟 = 3:00']],
    ['中午十二点整', ['中午十二点整 = noon 12:00']],
    ['09:30', ['09:30 = 9:30!']],
    ['下午2点到3点半', ['下午2点到3点半 = afternoon 2:00 to 3:30']],
    ['上午十点至下午一点', ['上午十点至下午一点 = morning 10:00 to afternoon 1:00']],
    ['下午2-4点', ['下午2-4点 = afternoon 2:00 to afternoon 4:00']],
    ['三到四点半', ['三到四点半 = 3:00 to 4:30']],
    ['07:15到08:15', ['07:15到08:15 = 7:15! to 8:15!']],
    ['明早8点', ['8点 = 8:00'], ],
    // When it ends, with no start: 到下午5点, 下午5点前.
    ['到下午5点', ['到下午5点 = afternoon 5:00 (end only)']],
    ['下午5点前', ['下午5点前 = afternoon 5:00 (end only)']],
    ['下午5点之前', ['下午5点之前 = afternoon 5:00 (end only)']],
    // About then: asked.
    ['下午3点左右', ['下午3点左右 = afternoon 3:00 (about)']],
    ['9点前后', ['9点前后 = 9:00 (about)']],
    ['大约下午3点', ['大约下午3点 = afternoon 3:00 (about)']],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(found(text), expected));
  }

  for (const text of ['1:1 周一', 'Q4-3号', '三楼会议室', '3:30pm', '第3季度', '618大促', '2028预算']) {
    it(`finds no time in ${JSON.stringify(text)}`, () => assert.deepEqual(found(text), []));
  }

  it('reads no minutes across a space: in "2点 三楼" the 三 is a floor', () => {
    assert.deepEqual(found('2点 三楼'), ['2点 = 2:00']);
  });
});
