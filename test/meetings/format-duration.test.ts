import assert from 'node:assert/strict';
import { formatDuration } from '../../src/meetings/format-duration';

describe('formatDuration', () => {
  it('words minutes and hours the way people say them', () => {
    assert.deepEqual(
      [1, 5, 45, 60, 90, 121, 1440].map(formatDuration),
      ['1 minute', '5 minutes', '45 minutes', '1 hour', '1 hour 30 minutes', '2 hours 1 minute', '24 hours'],
    );
  });
});
