import { CARD_ENVELOPE, expandCard, richText, run } from './card-template';

interface HelpCommand {
  syntax: string;
  description: string;
  examples: { text: string; note?: string }[];
}

/** The commands the bot understands, in the order the help card lists them. */
export const HELP_COMMANDS: readonly HelpCommand[] = [
  {
    syntax: 'schedule <subject> <when> [for <duration>]',
    description: 'Schedules a Teams meeting. Anything missing or unclear is asked for in a form.',
    examples: [
      { text: 'schedule Design review tomorrow 3pm for 45 min' },
      { text: 'schedule Standup Monday 9:30 for 15 minutes' },
      { text: 'schedule', note: ' on its own opens the form' },
    ],
  },
  { syntax: 'help', description: 'Shows this list.', examples: [] },
  { syntax: 'cancel', description: 'Stops the scheduling in progress.', examples: [] },
  { syntax: 'sign out', description: 'Signs you out of the bot.', examples: [] },
];

export const MENTION_NOTE =
  "In channels and group chats, @mention me first (for example “@Meeting Bot schedule …”); in a personal chat with me, just type the command.";

// Command syntax contains "<subject>" and "[…]", which TextBlock Markdown/HTML handling could eat,
// so everything here is TextRun even though it is our own text.
function commandBlock(c: HelpCommand): Record<string, unknown> {
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      richText([run(c.syntax, { fontType: 'Monospace', weight: 'Bolder' })]),
      richText([run(c.description)], { spacing: 'Small' }),
      ...c.examples.map((e) =>
        richText(
          [
            run('Example: ', { isSubtle: true }),
            run(e.text, { fontType: 'Monospace' }),
            ...(e.note ? [run(e.note, { isSubtle: true })] : []),
          ],
          { spacing: 'Small' },
        ),
      ),
    ],
  };
}

const template = {
  ...CARD_ENVELOPE,
  body: [
    richText([run('${intro}', { weight: 'Bolder' })], { $when: '${hasIntro}' }),
    { type: 'TextBlock', text: 'What I can do', style: 'heading', size: 'Large', weight: 'Bolder', wrap: true },
    ...HELP_COMMANDS.map(commandBlock),
    richText([run(MENTION_NOTE, { isSubtle: true })], { spacing: 'Large' }),
  ],
};

/** Lists the commands with examples; `intro` (may quote the user, e.g. I didn't understand “x”) goes on top. */
export function buildHelpCard(opts?: { intro?: string }): Record<string, unknown> {
  const intro = opts?.intro ?? '';
  return expandCard(template, { intro, hasIntro: intro !== '' });
}
