// The bot's commands: the words that start each one, per language (what the help card and the manifest list), and
// the reader that turns a typed message into one of them. Every language's words are understood whatever the
// reader's language: someone on an English client may type 安排, and the other way round.
import type { Locale } from '../i18n/locale';

export type CommandKind = 'schedule' | 'list' | 'help' | 'cancel' | 'signOut';

export type Command =
  | { kind: 'schedule'; details: string }
  | { kind: 'list' }
  | { kind: 'help' }
  | { kind: 'cancel' }
  | { kind: 'signOut' }
  | { kind: 'empty' }
  | { kind: 'unknown'; text: string };

/**
 * Per language, each command's name as shown to people, then its other spellings; all case-insensitive, a leading
 * "/" allowed.
 */
export const COMMAND_WORDS: Readonly<Record<Locale, Readonly<Record<CommandKind, readonly string[]>>>> = {
  'en-US': {
    schedule: ['schedule', 'book', 'new'],
    list: ['meetings', 'list'],
    help: ['help', '?'],
    cancel: ['cancel', 'stop'],
    signOut: ['sign out', 'log out', 'signout', 'logout'],
  },
  'zh-CN': {
    schedule: ['安排', '预约', '新建会议'],
    list: ['我的会议', '会议列表'],
    help: ['帮助', '？'],
    cancel: ['取消', '停止'],
    signOut: ['退出登录', '注销', '登出'],
  },
};

/**
 * The list command also answers to the bare noun, but only as the whole message: "会议" or "meeting" on its own
 * means "my meetings", while "会议明天下午3点" or "meeting tomorrow" is someone who didn't start with 安排/schedule,
 * and is asked to, with nothing they typed dropped.
 */
const WHOLE_MESSAGE_WORDS: ReadonlyMap<string, Exclude<CommandKind, 'schedule'>> = new Map([
  ['会议', 'list'],
  ['meeting', 'list'],
]);

// Longest first, so "sign out" wins over a shorter word that starts the same way.
const WORDS: readonly [string, CommandKind][] = Object.values(COMMAND_WORDS)
  .flatMap((byKind) => (Object.entries(byKind) as [CommandKind, readonly string[]][]).flatMap(([kind, words]) => words.map((w) => [w, kind] as [string, CommandKind])))
  .sort((a, b) => b[0].length - a[0].length);

/** A word that ends in a letter or digit of a spaced script (Latin, Cyrillic, …) needs a word boundary after it. */
const SPACED_WORD_END = /[\p{L}\p{N}_]$/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  const body = trimmed.startsWith('/') || trimmed.startsWith('／') ? trimmed.slice(1) : trimmed;
  const lower = body.toLowerCase();
  const whole = WHOLE_MESSAGE_WORDS.get(lower.trim());
  if (whole) return { kind: whole };
  for (const [word, kind] of WORDS) {
    if (!lower.startsWith(word)) continue;
    const rest = body.slice(word.length);
    // A whole word only: "scheduler" or "helpful" is not a command ("help?" is). Chinese is written without spaces,
    // so a Chinese word needs none after it ("安排架构讨论 明天下午2点"), and neither does a Latin one before Chinese.
    if (SPACED_WORD_END.test(word) && !CJK.test(word.slice(-1)) && /^[\p{L}\p{N}_]/u.test(rest) && !CJK.test(rest[0])) continue;
    if (kind === 'schedule') return { kind, details: rest.trim() };
    return { kind };
  }
  return { kind: 'unknown', text: trimmed };
}
