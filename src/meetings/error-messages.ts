// What the user reads when a meeting couldn't be created. No stack traces, always the next step.
import type { MeetingServiceError } from './meeting-service-error';

export function meetingErrorMessage(err: MeetingServiceError): string {
  const ref = [err.details.code && `Graph error ${err.details.code}`, err.details.requestId && `request id ${err.details.requestId}`]
    .filter(Boolean)
    .join(', ');
  const suffix = ref ? ` (${ref})` : '';
  switch (err.kind) {
    case 'forbidden':
      return (
        "Your account isn't allowed to create Teams meetings. Ask your Microsoft 365 admin to check that you have a " +
        'Teams licence with meetings, that your Teams meeting policy allows scheduling, and that the bot has been granted ' +
        `the delegated Microsoft Graph permission OnlineMeetings.ReadWrite. Your details are kept below${suffix}.`
      );
    case 'busy':
      return 'Teams is busy right now and the meeting was not confirmed. Press Create meeting again — your details are kept.';
    case 'unauthorized':
      return `Microsoft Teams didn't accept your sign-in even after signing in again. Type "sign out", then try again${suffix}.`;
    default:
      return `Teams couldn't create the meeting${suffix}. Your details are kept — check them and press Create meeting again.`;
  }
}
