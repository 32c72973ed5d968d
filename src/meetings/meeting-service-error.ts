// What can go wrong when creating a meeting, in terms the dialog can act on (not HTTP codes).

export type MeetingErrorKind =
  /** The token was rejected (expired/revoked): sign the user in again and retry once. */
  | 'unauthorized'
  /** The account may not create Teams meetings (licence, policy or missing consent). */
  | 'forbidden'
  /** Throttled, unavailable, timed out or connection lost: worth pressing Create again. */
  | 'busy'
  /** The meeting doesn't exist (any more): deleted elsewhere. */
  | 'notFound'
  /** Anything else: Graph said no for a reason the user can't fix by retrying. */
  | 'failed';

export class MeetingServiceError extends Error {
  constructor(
    readonly kind: MeetingErrorKind,
    message: string,
    readonly details: { status?: number; code?: string; requestId?: string } = {},
  ) {
    super(message);
    this.name = 'MeetingServiceError';
  }
}

/** Maps a Graph failure (status + error code) onto the kinds above. Branch on status/code, never on message. */
export function classifyGraphFailure(status: number, code?: string | null): MeetingErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  // -1: the Graph client's "no HTTP response" (connection reset, DNS, TLS); 408: request timeout.
  if (status === 429 || status === 503 || status === 504 || status === 502 || status === 408 || status === -1) return 'busy';
  if (status === 0 && code === 'Timeout') return 'busy';
  return 'failed';
}
