// The az stand-in's command line: which command, and its options, checked the way az's parser checks them
// (unknown command or option, missing value, missing required option → az's message and exit code 2).

export class AzUsageError extends Error {}

export interface OptionSpec {
  /** Other spellings (az's short forms such as -g, -n). */
  aliases?: string[];
  /** A switch without a value. */
  flag?: boolean;
  /** Takes several values (az's nargs='+'), until the next option. */
  many?: boolean;
  required?: boolean;
}
export type CommandSpec = Record<string, OptionSpec>;

export interface Parsed {
  command: string;
  options: Record<string, string[]>;
}

/** Options every az command takes. */
const GLOBAL: CommandSpec = {
  '--output': { aliases: ['-o'] },
  '--only-show-errors': { flag: true },
  '--debug': { flag: true },
  '--verbose': { flag: true },
  '--query': {},
};

export function parseArguments(argv: string[], commands: Record<string, CommandSpec>): Parsed {
  const words: string[] = [];
  while (words.length < argv.length && !argv[words.length].startsWith('-')) words.push(argv[words.length]);
  const command = [...Array(words.length).keys()].map((i) => words.slice(0, words.length - i).join(' ')).find((c) => c in commands);
  if (!command) throw new AzUsageError(`'${words.join(' ')}' is misspelled or not recognized by the system.`);
  if (command.split(' ').length !== words.length) throw new AzUsageError(`unrecognized arguments: ${words.slice(command.split(' ').length).join(' ')}`);

  const spec = { ...GLOBAL, ...commands[command] };
  const canonical = new Map<string, string>();
  for (const [name, option] of Object.entries(spec)) for (const spelling of [name, ...(option.aliases ?? [])]) canonical.set(spelling, name);

  const options: Record<string, string[]> = {};
  const unrecognized: string[] = [];
  const rest = argv.slice(words.length);
  for (let i = 0; i < rest.length; i++) {
    const name = canonical.get(rest[i]);
    if (!name) {
      // Like argparse: the unknown option and the values after it are reported together, the rest still parsed.
      unrecognized.push(rest[i]);
      while (i + 1 < rest.length && !rest[i + 1].startsWith('-')) unrecognized.push(rest[++i]);
      continue;
    }
    const option = spec[name];
    if (option.flag) {
      options[name] = [];
      continue;
    }
    const values: string[] = [];
    while (i + 1 < rest.length && !(rest[i + 1].startsWith('-') && canonical.has(rest[i + 1])) && (option.many || values.length === 0)) values.push(rest[++i]);
    if (!values.length) throw new AzUsageError(`argument ${name}: expected ${option.many ? 'at least one argument' : 'one argument'}`);
    options[name] = values;
  }
  if (unrecognized.length) throw new AzUsageError(`unrecognized arguments: ${unrecognized.join(' ')}`);
  const missing = Object.entries(spec).filter(([name, o]) => o.required && !(name in options)).map(([name, o]) => [name, ...(o.aliases ?? [])].join('/'));
  if (missing.length) throw new AzUsageError(`the following arguments are required: ${missing.join(', ')}`);
  if (options['--output'] && options['--output'][0] !== 'json') throw new AzUsageError('az stand-in: only --output json is answered');
  if (options['--query']) throw new AzUsageError('az stand-in: --query is a real az option this stand-in does not simulate');
  return { command, options };
}
