import assert from 'node:assert/strict';
import { formatDuration } from '../../src/meetings/format-duration';

describe('formatDuration', () => {
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
