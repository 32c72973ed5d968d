// Graph createOrGet is idempotent per externalId: the same request must always map to the same id.
import { sha256Base64Url } from '../sha256';

export interface ExternalIdParts {
  conversationId: string;
  userId: string;
  /** The form / dialog instance the request belongs to. */
  formId: string;
  subject: string;
  startIso: string;
  endIso: string;
}

/**
 * A redelivered activity, a double-clicked Create or a retry after a lost response yields the same id
 * (so the same meeting); changing the details in the form yields a new one (a different meeting).
 */
export function externalIdFor(parts: ExternalIdParts): string {
  const values = [parts.conversationId, parts.userId, parts.formId, parts.subject.trim(), parts.startIso, parts.endIso];
  return `meeting-bot-${sha256Base64Url(values.map((value) => `${value}\u0000`).join('')).slice(0, 32)}`;
}

/** Form ids derive from the activity that asked, so a redelivered command starts the same form. */
export function formIdFor(conversationId: string, userId: string, activityId: string): string {
  return sha256Base64Url(`${conversationId}\u0000${userId}\u0000${activityId}`).slice(0, 16);
}
