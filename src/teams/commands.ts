// The bot's commands: the words that start each one (what the help card and the manifest list) and the reader
// that turns a typed message into one of them.

export type CommandKind = 'schedule' | 'list' | 'help' | 'cancel' | 'signOut';

export type Command =
  | { kind: 'schedule'; details: string }
  | { kind: 'list' }
  | { kind: 'help' }
  | { kind: 'cancel' }
  | { kind: 'signOut' }
  | { kind: 'empty' }
  | { kind: 'unknown'; text: string };

/** Each command's name as shown to people, then its other spellings; all case-insensitive, a leading "/" allowed. */
export const COMMAND_WORDS: Readonly<Record<CommandKind, readonly string[]>> = {
  schedule: ['schedule', 'book', 'new'],
  list: ['meetings', 'list'],
  help: ['help', '?'],
  cancel: ['cancel', 'stop'],
  signOut: ['sign out', 'log out', 'signout', 'logout'],
};

// Longest first, so "sign out" wins over a shorter word that starts the same way.
const WORDS: readonly [string, CommandKind][] = (Object.entries(COMMAND_WORDS) as [CommandKind, readonly string[]][])
  .flatMap(([kind, words]) => words.map((w) => [w, kind] as [string, CommandKind]))
  .sort((a, b) => b[0].length - a[0].length);

export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  const body = trimmed.startsWith('/') ? trimmed.slice(1) : trimmed;
  const lower = body.toLowerCase();
  for (const [word, kind] of WORDS) {
    if (!lower.startsWith(word)) continue;
    const rest = body.slice(word.length);
    // A whole word only: "scheduler" or "helpful" is not a command ("help?" is).
    if (/^[\p{L}\p{N}_]/u.test(rest)) continue;
    if (kind === 'schedule') return { kind, details: rest.trim() };
    return { kind };
  }
  return { kind: 'unknown', text: trimmed };
}
