// Deadlines for calls whose client takes no AbortSignal (botbuilder's token service and Teams clients): the caller
// stops waiting when the signal aborts. Calls that do take one get the signal itself and are cancelled with it.

/** A call that didn't finish before its deadline. */
export class DeadlineExceeded extends Error {
  constructor(what: string) {
    super(`${what} did not answer in time`);
    this.name = 'DeadlineExceeded';
  }
}

/** `work`, or a DeadlineExceeded naming `what` once `signal` aborts (at once if it already has). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new DeadlineExceeded(what));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new DeadlineExceeded(what));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
