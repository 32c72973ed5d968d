import assert from 'node:assert/strict';
import { formatDuration as inLocale } from '../../src/i18n/translate';

const formatDuration = (minutes: number): string => inLocale(minutes, 'en-US');

describe('formatDuration (en-US: the wording the bot always used)', () => {
  it('words minutes and hours the way people say them', () => {
    assert.deepEqual(
      [1, 5, 45, 60, 90, 121, 1440].map(formatDuration),
      ['1 minute', '5 minutes', '45 minutes', '1 hour', '1 hour 30 minutes', '2 hours 1 minute', '24 hours'],
    );
  });

  const cases: [number, string][] = [
    [1, '1 minute'],
    [15, '15 minutes'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [61, '1 hour 1 minute'],
    [90, '1 hour 30 minutes'],
    [120, '2 hours'],
    [135, '2 hours 15 minutes'],
    [180, '3 hours'],
    [0, '0 minutes'],
  ];
  for (const [minutes, text] of cases) {
    it(`${minutes} → "${text}"`, () => assert.equal(formatDuration(minutes), text));
  }
});

describe('formatDuration (zh-CN: no plural, no spaces)', () => {
  const cases: [number, string][] = [
    [1, '1分钟'],
    [45, '45分钟'],
    [60, '1小时'],
    [90, '1小时30分钟'],
    [121, '2小时1分钟'],
    [1440, '24小时'],
  ];
  for (const [minutes, text] of cases) {
    it(`${minutes} → "${text}"`, () => assert.equal(inLocale(minutes, 'zh-CN'), text));
  }
});
