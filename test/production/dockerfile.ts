// The repository's Dockerfile, read into stages and instructions, for the tests that hold it to
// support/production-artifact.ts (no image can be built in CI, so its text is what can be checked).
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../support/bot-process';

export interface Instruction {
  /** Upper case: FROM, COPY, RUN, … */
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
}

export interface Stage {
  /** The FROM line's image, with ARGs substituted. */
  image: string;
  /** `AS name`, if any. */
  name?: string;
  instructions: Instruction[];
  /** The WORKDIR in effect at the end of the stage ('/' when none). */
  workdir: string;
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  args: Record<string, string>;
  stages: Stage[];
}

/** Instructions of a Dockerfile's text: comments dropped, `\` continuations joined. */
export function instructionsOf(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (current === '' && /^\s*(#|$)/.test(line)) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  if (current) logical.push(current);
  return logical.map((l) => {
    const match = /^\s*(\S+)\s*(.*)$/.exec(l)!;
    return { keyword: match[1]!.toUpperCase(), args: match[2]!.trim() };
  });
}

export function readDockerfile(file = path.join(REPO_ROOT, 'Dockerfile')): Dockerfile {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  const substitute = (s: string): string => s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string, b: string) => args[a ?? b] ?? '');
  for (const instruction of instructionsOf(fs.readFileSync(file, 'utf8'))) {
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = instruction.args.split('=');
      args[name!] = value;
    } else if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(/\s+/);
      stages.push({ image: substitute(image!), name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [], workdir: '/' });
    } else if (stages.length > 0) {
      const stage = stages.at(-1)!;
      stage.instructions.push(instruction);
      if (instruction.keyword === 'WORKDIR') stage.workdir = path.posix.resolve(stage.workdir, instruction.args);
    }
  }
  return { args, stages };
}

export interface Copy {
  /** The stage copied from (`--from=`), or undefined for the build context. */
  from?: string;
  sources: string[];
  destination: string;
}

/** A COPY's flags, sources and destination (shell form). */
export function copyOf(instruction: Instruction): Copy {
  const words = instruction.args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
}

/** An exec-form (JSON array) CMD or HEALTHCHECK CMD as its words. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  return JSON.parse(json) as string[];
}
