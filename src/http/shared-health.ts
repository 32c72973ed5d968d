// /healthz is public and unauthenticated: a stranger's GETs must not each become Blob requests. The store checks run
// one at a time for all callers; a caller from elsewhere (a load balancer, the internet) gets a good answer reused for
// a few seconds, while one on this machine (the operator, a local probe) always gets a fresh check. A bad answer is
// never reused, so a recovery shows at once.

export type HealthCheck = () => Promise<Record<string, unknown>>;

/** `fresh`: the caller is on this machine and gets a new check (shared with any check already running). */
export type SharedHealth = (fresh: boolean) => Promise<Record<string, unknown>>;

export function sharedHealth(check: HealthCheck, reuseOkForMs = 5_000): SharedHealth {
  let lastOk: { at: number; value: Record<string, unknown> } | undefined;
  let running: Promise<Record<string, unknown>> | undefined;
  return (fresh) => {
    if (!fresh && lastOk && Date.now() - lastOk.at < reuseOkForMs) return Promise.resolve(lastOk.value);
    running ??= check()
      .then((value) => {
        lastOk = value.ok !== false ? { at: Date.now(), value } : undefined;
        return value;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}
