import { COMMAND_WORDS, type CommandKind } from '../teams/commands';
import { adaptiveCard, heading, richText, run, type AdaptiveCard, type CardElement, type Container } from './card-elements';

interface HelpCommand {
  kind: CommandKind;
  syntax: string;
  description: string;
  examples: { text: string; note?: string }[];
}

/** The commands the bot understands, in the order the help card lists them. */
export const HELP_COMMANDS: readonly HelpCommand[] = [
  {
    kind: 'schedule',
    syntax: 'schedule <subject> <when> [for <duration>]',
    description: 'Schedules a Teams meeting. Anything missing or unclear is asked for in a form.',
    examples: [
      { text: 'schedule Design review tomorrow 3pm for 45 min' },
      { text: 'schedule Standup Monday 9:30 for 15 minutes' },
      { text: 'schedule', note: ' on its own opens the form' },
    ],
  },
  {
    kind: 'list',
    syntax: 'meetings',
    description: 'Lists the upcoming meetings I scheduled here (in a channel: in all its threads), each with Join.',
    examples: [],
  },
  { kind: 'help', syntax: 'help', description: 'Shows this list.', examples: [] },
  { kind: 'cancel', syntax: 'cancel', description: 'Stops the scheduling in progress.', examples: [] },
  { kind: 'signOut', syntax: 'sign out', description: 'Signs you out of the bot.', examples: [] },
];

export const MENTION_NOTE =
  "In channels and group chats, @mention me first (for example “@Meeting Bot schedule …”); in a personal chat with me, just type the command.";

// Command syntax contains "<subject>" and "[…]", which TextBlock Markdown/HTML handling could eat,
// so everything here is TextRun even though it is our own text.
function commandBlock(c: HelpCommand): Container {
  const otherWords = COMMAND_WORDS[c.kind].slice(1);
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      richText([run(c.syntax, { fontType: 'Monospace', weight: 'Bolder' })]),
      richText([run(c.description)], 'Small'),
      ...(otherWords.length > 0 ? [richText([run(`Also: ${otherWords.join(', ')}`, { isSubtle: true })], 'Small')] : []),
      ...c.examples.map((e) =>
        richText(
          [
            run('Example: ', { isSubtle: true }),
            run(e.text, { fontType: 'Monospace' }),
            ...(e.note ? [run(e.note, { isSubtle: true })] : []),
          ],
          'Small',
        ),
      ),
    ],
  };
}

/** How much of an unknown message the help card quotes back: enough to recognise it, never a wall of text. */
export const QUOTE_MAX_CHARS = 200;

/** "I didn't understand "…"." with the message cut to QUOTE_MAX_CHARS characters (whole code points). */
export function unknownCommandIntro(text: string): string {
  const chars = [...text];
  const quoted = chars.length > QUOTE_MAX_CHARS ? `${chars.slice(0, QUOTE_MAX_CHARS).join('').trimEnd()}…` : text;
  return `I didn't understand "${quoted}".`;
}

/** Lists the commands with examples; `intro` (may quote the user, e.g. I didn't understand “x”) goes on top. */
export function buildHelpCard(opts?: { intro?: string }): AdaptiveCard {
  const body: CardElement[] = [];
  if (opts?.intro) body.push(richText([run(opts.intro, { weight: 'Bolder' })]));
  body.push(heading('What I can do'), ...HELP_COMMANDS.map(commandBlock), richText([run(MENTION_NOTE, { isSubtle: true })], 'Large'));
  return adaptiveCard(body);
}
