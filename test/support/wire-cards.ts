// Reading the cards the bot sent, as the connector stand-in recorded them.
import { CREATE_ACTION } from '../../src/cards/form-card';
import type { RecordedCall } from './connector-stand-in';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

/** The Adaptive Card content of a recorded reply/update, if it carries one. */
export const cardOf = (c: RecordedCall | undefined): any => c?.activity?.attachments?.find((a: any) => a.contentType === ADAPTIVE_CARD)?.content;
/** The Join button's URL of a join card. */
export const joinUrlOf = (c: RecordedCall | undefined): string | undefined => cardOf(c)?.actions?.find((a: any) => a.type === 'Action.OpenUrl')?.url;
export const isJoin = (c: RecordedCall): boolean => Boolean(joinUrlOf(c));
export const isForm = (c: RecordedCall): boolean => Boolean(cardOf(c)?.actions?.some((a: any) => a.data?.action === CREATE_ACTION));
export const isOAuth = (c: RecordedCall): boolean => Boolean(c.activity?.attachments?.some((a: any) => a.contentType === OAUTH_CARD));
/** The Create meeting button's data (formId, ownerId, …) of a form card. */
export const createDataOf = (form: RecordedCall): Record<string, unknown> => cardOf(form).actions.find((a: any) => a.data?.action === CREATE_ACTION).data;
