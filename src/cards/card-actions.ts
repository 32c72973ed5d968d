// The buttons on the bot's cards. In Teams they are Universal Actions (Action.Execute → an adaptiveCard/action
// invoke the bot answers with the next card); the Bot Framework Emulator and other channels can't send those
// (BotFramework-Emulator#2256), so there the same buttons are Action.Submit with the verb in `data.action`.
import type { Verb } from '../teams/card-verbs';
import type { CardAction } from './card-elements';

export type ActionStyle = 'execute' | 'submit';

/** Teams (and Agents Playground, which speaks Teams) get Universal Actions; everything else Action.Submit. */
export function actionStyleFor(channelId: string | undefined): ActionStyle {
  return channelId === 'msteams' ? 'execute' : 'submit';
}

export interface ButtonOptions {
  style?: 'default' | 'positive' | 'destructive';
  /** false: the button sends no input values (Cancel, Back). */
  withInputs?: boolean;
}

export function button(actionStyle: ActionStyle, title: string, verb: Verb, data: object, opts: ButtonOptions = {}): CardAction {
  const extra = {
    ...(opts.style ? { style: opts.style } : {}),
    ...(opts.withInputs === false ? { associatedInputs: 'none' as const } : {}),
  };
  return actionStyle === 'execute'
    ? { type: 'Action.Execute', title, verb, data, ...extra }
    : { type: 'Action.Submit', title, data: { action: verb, ...data }, ...extra };
}
