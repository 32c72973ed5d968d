// The bot's client secret. Entra never gives a secret back after creating it, so the one `npm run deploy` (or the
// Agents Toolkit) created lives in the git-ignored env/.env.<env>.user as SECRET_BOT_PASSWORD, and its key id in
// env/.env.<env> as BOT_PASSWORD_KEY_ID. A run reuses that secret while the app still has it and it is not about to
// expire; otherwise it adds a new one with `--append`, which keeps every existing secret valid (the deployed bot
// keeps working until the new deployment replaces its settings; another developer's env file keeps working too).
// Old secrets are never deleted here: the summary names them.
import type { Az } from './az';

export interface PasswordCredential {
  keyId: string;
  displayName?: string | null;
  hint?: string | null;
  endDateTime?: string;
}

export interface SecretOutcome {
  secret: string;
  keyId: string | undefined;
  created: boolean;
  /** Why a new secret was made (when created). */
  reason?: string;
  /** The app's other secrets (not the one in use), for the summary. */
  others: PasswordCredential[];
}

/** A secret expiring sooner than this is replaced. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;
export const SECRET_DISPLAY_NAME = 'npm run deploy';

export async function ensureClientSecret(
  az: Az,
  appId: string,
  stored: { secret?: string; keyId?: string },
  now = Date.now(),
): Promise<SecretOutcome> {
  const before = (await az.json<PasswordCredential[]>(['ad', 'app', 'credential', 'list', '--id', appId])) ?? [];
  let reason: string;
  if (!stored.secret) reason = 'no SECRET_BOT_PASSWORD in the .user env file';
  // The Toolkit encrypts SECRET_ values with a machine key ("crypto_…"): unusable outside it.
  else if (stored.secret.startsWith('crypto_')) reason = 'SECRET_BOT_PASSWORD is encrypted by the Agents Toolkit';
  else {
    const match = before.find((c) => (stored.keyId ? c.keyId === stored.keyId : !!c.hint && stored.secret!.startsWith(c.hint)));
    if (!match) reason = 'the app no longer has the stored secret';
    else if (match.endDateTime && Date.parse(match.endDateTime) - now < RENEW_BEFORE_MS) reason = `the stored secret expires ${match.endDateTime.slice(0, 10)}`;
    else return { secret: stored.secret, keyId: match.keyId, created: false, others: before.filter((c) => c.keyId !== match.keyId) };
  }

  const reset = await az.json<{ password?: string }>(['ad', 'app', 'credential', 'reset', '--id', appId, '--append', '--display-name', SECRET_DISPLAY_NAME, '--years', '1']);
  if (!reset?.password) throw new Error('az ad app credential reset returned no password');
  const after = (await az.json<PasswordCredential[]>(['ad', 'app', 'credential', 'list', '--id', appId])) ?? [];
  const added = after.filter((c) => !before.some((b) => b.keyId === c.keyId));
  const keyId = (added.find((c) => !!c.hint && reset.password!.startsWith(c.hint)) ?? added[0])?.keyId;
  return { secret: reset.password, keyId, created: true, reason, others: after.filter((c) => c.keyId !== keyId) };
}
