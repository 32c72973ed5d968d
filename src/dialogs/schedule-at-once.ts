// A complete `schedule …` from someone whose token is at hand needs no conversation: the meeting is created in this
// turn without the dialog stack, which was a third of that turn's CPU (issue 5). Everything else is left to
// ScheduleDialog, started where this left off, so what the user sees is the same either way.
import type { TurnContext } from 'botbuilder';
import type { SignIn } from '../auth/sign-in';
import { meetingErrorMessage } from '../meetings/error-messages';
import { MeetingServiceError } from '../meetings/meeting-service-error';
import type { MeetingService } from '../meetings/types';
import { validateDraft } from '../meetings/validate-draft';
import { formWanted, type DetailsOptions } from './meeting-details-dialog';
import { createAndShow, forgetRejectedToken, formAgain, SIGN_IN_UNAVAILABLE } from './meeting-creation';

export interface AtOnceDeps {
  meetings: MeetingService;
  signIn: SignIn;
  now: () => Date;
  onError?: (err: unknown, what: string) => void;
}

/**
 * Creates the meeting and posts the join card when the details are complete and unambiguous and the user's token
 * is at hand; returns undefined then. Otherwise returns the options ScheduleDialog should start with: unchanged
 * (details to ask for, or sign-in), the form with the reason on top (a failure), or sign-in again (Graph said 401).
 */
export async function scheduleAtOnce(context: TurnContext, deps: AtOnceDeps, options: DetailsOptions): Promise<DetailsOptions | undefined> {
  if (formWanted(options)) return options;
  const result = validateDraft(options.draft, { now: deps.now(), timeZone: options.timeZone });
  if (!result.ok) return options;

  let token: string | undefined;
  try {
    token = await deps.signIn.tokenAtHand(context);
  } catch (err) {
    deps.onError?.(err, 'token lookup failed');
    return formAgain(options, SIGN_IN_UNAVAILABLE);
  }
  if (!token) return options;

  try {
    await createAndShow(context, deps.meetings, result.meeting, options, token);
    return undefined;
  } catch (err) {
    if (!(err instanceof MeetingServiceError)) throw err;
    if (err.kind !== 'unauthorized') return formAgain(options, meetingErrorMessage(err));
    await forgetRejectedToken(context, deps.signIn, deps.onError);
    return { ...options, signInAgain: true };
  }
}
