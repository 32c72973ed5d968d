// Creating the meeting and showing it: shared by the schedule dialog and the no-dialog path for complete commands.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { SignIn } from '../auth/sign-in';
import { buildJoinCard } from '../cards/join-card';
import { externalIdFor } from '../meetings/external-id';
import type { MeetingService, ValidMeeting } from '../meetings/types';
import { channelThreadIdOf, conversationKind } from '../teams/activity-context';
import { showCard } from './card-messages';
import type { DetailsOptions } from './meeting-details-dialog';

/** Set by the bot when a turn starts (epoch ms). */
export const TURN_STARTED_AT = Symbol('turnStartedAt');
/** Teams retries an activity it got no answer for within 15 s; leave room for the reply itself. */
const TURN_BUDGET_MS = 13_000;

export const SIGN_IN_UNAVAILABLE =
  "I couldn't reach the Microsoft sign-in service, so no meeting was created. Press Create meeting again in a moment — your details are kept.";

function turnDeadline(context: TurnContext): number | undefined {
  const started = context.turnState.get(TURN_STARTED_AT) as number | undefined;
  return started === undefined ? undefined : started + TURN_BUDGET_MS;
}

/** Creates (or gets) the meeting as the token's owner and puts the join card where the form was, or posts it. */
export async function createAndShow(
  context: TurnContext,
  meetings: MeetingService,
  meeting: ValidMeeting,
  state: DetailsOptions,
  token: string,
): Promise<void> {
  const activity = context.activity;
  // Teams documents typing indicators for personal and group chats; in a channel thread Agents Playground even
  // loses the reply that follows one.
  if (conversationKind(activity) !== 'channel') await context.sendActivity({ type: ActivityTypes.Typing });
  const created = await meetings.createOrGet(
    {
      externalId: externalIdFor({
        conversationId: activity.conversation?.id ?? '',
        userId: state.ownerId,
        formId: state.formId,
        subject: meeting.subject,
        startIso: meeting.startIso,
        endIso: meeting.endIso,
      }),
      subject: meeting.subject,
      startIso: meeting.startIso,
      endIso: meeting.endIso,
      channelThreadId: channelThreadIdOf(activity),
      deadlineAt: turnDeadline(context),
    },
    token,
  );
  const card = buildJoinCard({
    meeting: created,
    timeZone: meeting.timeZone,
    organizerName: created.organizerName ?? state.ownerName,
    notes: meeting.notes,
  });
  await showCard(context, state.cardActivityId, card);
}

/** Graph rejected the token service's token (expired/revoked): forget it so the next sign-in gets a fresh one. */
export async function forgetRejectedToken(context: TurnContext, signIn: SignIn, onError?: (err: unknown, what: string) => void): Promise<void> {
  try {
    await signIn.signOut(context);
  } catch (err) {
    onError?.(err, 'sign-out before re-sign-in failed');
  }
}

/** Options that show the form again with `banner` on top and everything the user gave. */
export function formAgain(state: DetailsOptions, banner: string): DetailsOptions {
  return { ...state, banner, forceForm: true, ambiguities: undefined, signInAgain: undefined };
}
