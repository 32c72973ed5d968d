// What the user reads when a meeting couldn't be created, changed or cancelled. No stack traces, always the next step.
// A message code: the reader's language is chosen where it is shown.
import { message, type Message } from './message';
import type { MeetingServiceError } from './meeting-service-error';

export type MeetingAction = 'create' | 'change' | 'cancel';

export function meetingErrorMessage(err: MeetingServiceError, action: MeetingAction = 'create'): Message {
  const { code, requestId } = err.details;
  // Graph's error code and request id, for whoever the user asks for help: " (Graph error …, request id …)".
  const ref: Message | string = code && requestId
    ? message('graphError.refBoth', { code, requestId })
    : code ? message('graphError.refCode', { code })
    : requestId ? message('graphError.refRequest', { requestId })
    : '';
  switch (err.kind) {
    case 'forbidden':
      return message(`graphError.forbidden.${action}`, { ref });
    case 'busy':
      return message(`graphError.busy.${action}`);
    case 'unauthorized':
      return message('graphError.unauthorized', { ref });
    default:
      return message(`graphError.failed.${action}`, { ref });
  }
}
