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
