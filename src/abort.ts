// Waiting for work that cannot be cancelled (botbuilder's TeamsInfo and Storage calls take no AbortSignal, nor do
// the Graph client's sleeps between retries): the wait ends when the signal aborts, with the signal's reason. The
// work itself runs on; its late result or failure is dropped.
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A limit on one piece of work: `signal` aborts when `ms` have passed or `outer` aborts, whichever is first. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Whether it was this deadline's own time that ran out (not `outer`). */
  readonly expired: boolean;
  /** The work ended: its timer and its listener on `outer` go at once. */
  done(): void;
}

/**
 * A deadline from an AbortController and one timer, released by `done()`. For calls made on every turn:
 * AbortSignal.timeout and AbortSignal.any cost several times as much on Node 20 (a transferable signal each, and
 * a timer kept until it fires).
 */
export function deadline(ms: number, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, ms);
  const onOuter = (): void => controller.abort(outer!.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    done() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
