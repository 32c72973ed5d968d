// What the user reads when a meeting couldn't be created, changed or cancelled. No stack traces, always the next step.
import type { MeetingServiceError } from './meeting-service-error';

export type MeetingAction = 'create' | 'change' | 'cancel';

const BUTTON: Record<MeetingAction, string> = { create: 'Create meeting', change: 'Save changes', cancel: 'Cancel meeting' };

export function meetingErrorMessage(err: MeetingServiceError, action: MeetingAction = 'create'): string {
  const ref = [err.details.code && `Graph error ${err.details.code}`, err.details.requestId && `request id ${err.details.requestId}`]
    .filter(Boolean)
    .join(', ');
  const suffix = ref ? ` (${ref})` : '';
  const kept = action === 'cancel' ? 'The meeting is unchanged' : 'Your details are kept';
  switch (err.kind) {
    case 'forbidden':
      return (
        `Your account isn't allowed to ${action} Teams meetings. Ask your Microsoft 365 admin to check that you have a ` +
        'Teams licence with meetings, that your Teams meeting policy allows scheduling, and that the bot has been granted ' +
        `the delegated Microsoft Graph permission OnlineMeetings.ReadWrite. ${action === 'cancel' ? kept : `${kept} below`}${suffix}.`
      );
    case 'busy':
      return `Teams is busy right now and the meeting was not ${action === 'create' ? 'confirmed' : action === 'change' ? 'changed' : 'cancelled'}. Press ${BUTTON[action]} again — ${kept.toLowerCase()}.`;
    case 'unauthorized':
      return `Microsoft Teams didn't accept your sign-in even after signing in again. Type "sign out", then try again${suffix}.`;
    default:
      return action === 'cancel'
        ? `Teams couldn't cancel the meeting${suffix}. ${kept} — press ${BUTTON[action]} again in a moment.`
        : `Teams couldn't ${action} the meeting${suffix}. ${kept} — check them and press ${BUTTON[action]} again.`;
  }
}
