// /healthz is public and unauthenticated: every GET must not become Blob requests. The store checks run one at a
// time for all callers, and a good answer is reused for a few seconds; a bad one is not, so a recovery shows at once.

export type HealthCheck = () => Promise<Record<string, unknown>>;

export function sharedHealth(check: HealthCheck, reuseOkForMs = 5_000): HealthCheck {
  let lastOk: { at: number; value: Record<string, unknown> } | undefined;
  let running: Promise<Record<string, unknown>> | undefined;
  return () => {
    if (lastOk && Date.now() - lastOk.at < reuseOkForMs) return Promise.resolve(lastOk.value);
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
