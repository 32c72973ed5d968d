import type { Locale } from '../i18n/locale';
import { translator, type TextKey, type Translate } from '../i18n/translate';
import { COMMAND_WORDS, type CommandKind } from '../teams/commands';
import { adaptiveCard, heading, richText, run, type AdaptiveCard, type CardElement, type Container } from './card-elements';

interface HelpCommand {
  kind: CommandKind;
  /** Catalog keys of the typed examples, each with the key of a note after it if any. */
  examples: readonly { text: TextKey; note?: TextKey }[];
}

/** The commands the bot understands, in the order the help card lists them (texts: help.<kind>.* in the catalogs). */
export const HELP_COMMANDS: readonly HelpCommand[] = [
  {
    kind: 'schedule',
    examples: [
      { text: 'help.schedule.example1' },
      { text: 'help.schedule.example2' },
      { text: 'help.schedule.example3', note: 'help.schedule.example3Note' },
    ],
  },
  { kind: 'list', examples: [] },
  { kind: 'help', examples: [] },
  { kind: 'cancel', examples: [] },
  { kind: 'signOut', examples: [] },
];

// Command syntax contains "<subject>" and "[…]", which TextBlock Markdown/HTML handling could eat,
// so everything here is TextRun even though it is our own text.
function commandBlock(c: HelpCommand, t: Translate): Container {
  // The reader's own words for the command: a Chinese reader sees 安排, an English one schedule.
  const otherWords = COMMAND_WORDS[t.locale][c.kind].slice(1);
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      richText([run(t(`help.${c.kind}.syntax`), { fontType: 'Monospace', weight: 'Bolder' })]),
      richText([run(t(`help.${c.kind}.description`))], 'Small'),
      ...(otherWords.length > 0 ? [richText([run(t('help.also', { words: otherWords.join(t('common.listSeparator')) }), { isSubtle: true })], 'Small')] : []),
      ...c.examples.map((e) =>
        richText(
          [
            run(t('help.example'), { isSubtle: true }),
            run(t(e.text), { fontType: 'Monospace' }),
            ...(e.note ? [run(t(e.note), { isSubtle: true })] : []),
          ],
          'Small',
        ),
      ),
    ],
  };
}

/** How much of an unknown message the help card quotes back: enough to recognise it, never a wall of text. */
const QUOTE_MAX_CHARS = 200;

/** What the bot quotes back of a message: cut to QUOTE_MAX_CHARS characters (whole code points). */
export function quoted(text: string): string {
  const chars = [...text];
  return chars.length > QUOTE_MAX_CHARS ? `${chars.slice(0, QUOTE_MAX_CHARS).join('').trimEnd()}…` : text;
}

/** Lists the commands with examples; `intro` (may quote the user, e.g. I didn't understand “x”) goes on top. */
export function buildHelpCard(opts?: { intro?: string; locale?: Locale }): AdaptiveCard {
  const t = translator(opts?.locale ?? 'en-US');
  const body: CardElement[] = [];
  if (opts?.intro) body.push(richText([run(opts.intro, { weight: 'Bolder' })]));
  body.push(heading(t('help.title')), ...HELP_COMMANDS.map((c) => commandBlock(c, t)), richText([run(t('help.mentionNote'), { isSubtle: true })], 'Large'));
  return adaptiveCard(body);
}
