import assert from 'node:assert/strict';
import { meetingErrorMessage as errorMessage, type MeetingAction } from '../../src/meetings/error-messages';
import type { MeetingServiceError as ServiceError } from '../../src/meetings/meeting-service-error';
import { en } from '../support/english';
import { MeetingServiceError, classifyGraphFailure } from '../../src/meetings/meeting-service-error';

const meetingErrorMessage = (err: ServiceError, action?: MeetingAction): string => en(errorMessage(err, action));

describe('Graph error mapping', () => {
  const table: [number, string | undefined, string][] = [
    [401, 'InvalidAuthenticationToken', 'unauthorized'],
    [403, 'Forbidden', 'forbidden'],
    [429, 'TooManyRequests', 'busy'],
    [503, 'ServiceNotAvailable', 'busy'],
    [504, 'GatewayTimeout', 'busy'],
    [-1, undefined, 'busy'],
    [400, 'BadRequest', 'failed'],
    [404, 'NotFound', 'notFound'],
    [500, 'InternalServerError', 'failed'],
  ];
  for (const [status, code, kind] of table) {
    it(`${status} ${code ?? ''} → ${kind}`, () => assert.equal(classifyGraphFailure(status, code), kind));
  }

  it('403 tells what an admin must grant', () => {
    const text = meetingErrorMessage(new MeetingServiceError('forbidden', 'x', { status: 403, code: 'Forbidden', requestId: 'r-1' }));
    assert.match(text, /licence/);
    assert.match(text, /OnlineMeetings\.ReadWrite/);
    assert.match(text, /r-1/);
  });

  it('busy asks to press Create again and promises the details are kept', () => {
    const text = meetingErrorMessage(new MeetingServiceError('busy', 'x', { status: 429 }));
    assert.match(text, /press Create meeting again/i);
    assert.match(text, /details are kept/);
  });

  it("anything else gives Graph's request id and no internals", () => {
    const text = meetingErrorMessage(new MeetingServiceError('failed', 'Stack: at Object.<anonymous> (file.js:1:1)', { status: 400, code: 'BadRequest', requestId: 'req-42' }));
    assert.match(text, /req-42/);
    assert.match(text, /BadRequest/);
    assert.doesNotMatch(text, /Stack|file\.js/);
  });
});
