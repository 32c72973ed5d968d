// Graph createOrGet is idempotent per externalId: the same request must always map to the same id.
import { createHash } from 'node:crypto';

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
  const hash = createHash('sha256');
  for (const value of [parts.conversationId, parts.userId, parts.formId, parts.subject.trim(), parts.startIso, parts.endIso]) {
    hash.update(value).update('\u0000');
  }
  return `meeting-bot-${hash.digest('base64url').slice(0, 32)}`;
}

/** Form ids derive from the activity that asked, so a redelivered command starts the same form. */
export function formIdFor(conversationId: string, userId: string, activityId: string): string {
  return createHash('sha256').update(`${conversationId}\u0000${userId}\u0000${activityId}`).digest('base64url').slice(0, 16);
}
