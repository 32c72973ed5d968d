// The az stand-in: a small Node program tests put first on PATH as `az` (see harness.ts). It answers the Azure CLI
// commands `npm run deploy` uses with az's JSON shapes, keeps what they create in AZ_STAND_IN_STATE/state.json (so
// a second run sees what the first made), records every call with the files it named in calls.json, and fails like
// az — message on stderr, exit code 2 for a command or option it does not know, 3 for "not found".
import fs from 'node:fs';
import path from 'node:path';
import { AzUsageError, parseArguments } from './arguments';
import { ARM_COMMANDS, runArmCommand } from './arm-commands';
import { GRAPH_COMMANDS, runGraphCommand } from './graph-commands';
import type { Reply } from './reply';
import { appendCall, readCalls, readState, writeState, type AzCall } from './state';

const COMMANDS = { ...ARM_COMMANDS, ...GRAPH_COMMANDS };

/** The files a call names: @file values (content and mode kept), --src-path / --template-file (a zip is copied aside). */
function namedFiles(argv: string[], dir: string): AzCall['files'] {
  const files: AzCall['files'] = [];
  for (const [i, arg] of argv.entries()) {
    const option = argv[i - 1] ?? '';
    const file = arg.startsWith('@') ? arg.slice(1) : ['--src-path', '--template-file'].includes(option) ? arg : undefined;
    if (!file || !fs.existsSync(file)) continue;
    const stat = fs.statSync(file);
    const entry = { option, path: file, mode: stat.mode & 0o777, bytes: stat.size };
    if (option === '--src-path') {
      const copy = path.join(dir, 'zips', `${readCalls(dir).length + 1}.zip`);
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(file, copy);
      files.push({ ...entry, copy });
    } else {
      files.push({ ...entry, content: fs.readFileSync(file, 'utf8') });
    }
  }
  return files;
}

function answer(argv: string[], dir: string): Reply {
  let parsed;
  try {
    parsed = parseArguments(argv, COMMANDS);
  } catch (err) {
    if (err instanceof AzUsageError) return { stderr: `ERROR: ${err.message}\n`, exitCode: 2 };
    throw err;
  }
  const state = readState(dir);
  // Graph commands need a signed-in account too.
  if (!state.loggedIn && parsed.command in GRAPH_COMMANDS) return { stderr: "ERROR: Please run 'az login' to setup account.\n", exitCode: 1 };
  const reply = parsed.command in ARM_COMMANDS ? runArmCommand(parsed.command, parsed.options, state) : runGraphCommand(parsed.command, parsed.options, state);
  if (reply.exitCode === 0) writeState(dir, state);
  if (reply.stderr && '--only-show-errors' in parsed.options && reply.exitCode === 0) reply.stderr = undefined;
  return reply;
}

function main(): void {
  const dir = process.env.AZ_STAND_IN_STATE;
  if (!dir || !fs.existsSync(dir)) {
    process.stderr.write('az stand-in: AZ_STAND_IN_STATE must name its state folder\n');
    process.exit(2);
  }
  const argv = process.argv.slice(2);
  const files = namedFiles(argv, dir);
  const reply = answer(argv, dir);
  appendCall(dir, { argv, files, exitCode: reply.exitCode });
  if (reply.json !== undefined) process.stdout.write(JSON.stringify(reply.json, null, 2) + '\n');
  if (reply.stderr) process.stderr.write(reply.stderr);
  process.exitCode = reply.exitCode;
}

main();
