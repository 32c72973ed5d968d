// Reading the cards the bot sent, as the connector stand-in recorded them.
import { VERBS } from '../src/teams/card-verbs';
import type { RecordedCall } from './connector-stand-in';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

/** The Adaptive Card content of a recorded reply/update, if it carries one. */
export const cardOf = (c: RecordedCall | undefined): any => c?.activity?.attachments?.find((a: any) => a.contentType === ADAPTIVE_CARD)?.content;
/** The Join button's URL of a join card. */
export const joinUrlOf = (c: RecordedCall | undefined): string | undefined => cardOf(c)?.actions?.find((a: any) => a.type === 'Action.OpenUrl')?.url;
export const isJoin = (c: RecordedCall): boolean => Boolean(joinUrlOf(c));
/** The verb of a card button, Action.Execute or Action.Submit. */
const verbOf = (a: any): string | undefined => a.verb ?? a.data?.action;
export const isForm = (c: RecordedCall): boolean => Boolean(cardOf(c)?.actions?.some((a: any) => verbOf(a) === VERBS.create));
export const isOAuth = (c: RecordedCall): boolean => Boolean(c.activity?.attachments?.some((a: any) => a.contentType === OAUTH_CARD));
/** The Create meeting button's data (formId, ownerId, timeZone, …) of a form card, as the button carries it. */
export const createButtonDataOf = (c: RecordedCall | undefined): Record<string, unknown> | undefined =>
  cardOf(c)?.actions?.find((a: any) => verbOf(a) === VERBS.create)?.data;
/**
 * The Create button's data in the Action.Submit shape (the verb in `action`): what a form posted before Universal
 * Actions carries, and what the Emulator sends. Tests built on it run the message-submit path.
 */
export const createDataOf = (form: RecordedCall): Record<string, unknown> => {
  const data = createButtonDataOf(form);
  if (!data) throw new Error(`no Create meeting button with data on ${JSON.stringify(cardOf(form))}`);
  return { action: VERBS.create, ...data };
};
