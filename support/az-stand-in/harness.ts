// Puts the az stand-in (main.ts) first on PATH for a test: a temporary bin folder with an `az` launcher, a state
// folder, and readers for what the stand-in recorded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initialState, readCalls, readState, writeState, type AzCall, type StandInState } from './state';

export interface AzStandIn {
  /** Holds the `az` launcher. */
  binDir: string;
  stateDir: string;
  /** `base` with PATH starting at binDir and AZ_STAND_IN_STATE set. */
  env(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  calls(): AzCall[];
  state(): StandInState;
  setLoggedIn(loggedIn: boolean): void;
  remove(): void;
}

export function startAzStandIn(options: { loggedIn?: boolean } = {}): AzStandIn {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'az-stand-in-'));
  const binDir = path.join(root, 'bin');
  const stateDir = path.join(root, 'state');
  fs.mkdirSync(binDir);
  fs.mkdirSync(stateDir);
  writeState(stateDir, initialState(options.loggedIn ?? true));
  const main = path.join(__dirname, 'main.js');
  for (const p of [process.execPath, main]) if (p.includes("'")) throw new Error(`cannot quote ${p} in a shell launcher`);
  fs.writeFileSync(path.join(binDir, 'az'), `#!/bin/sh\nexec '${process.execPath}' '${main}' "$@"\n`, { mode: 0o755 });
  return {
    binDir,
    stateDir,
    env: (base = process.env) => ({ ...base, PATH: `${binDir}${path.delimiter}${base.PATH ?? ''}`, AZ_STAND_IN_STATE: stateDir }),
    calls: () => readCalls(stateDir),
    state: () => readState(stateDir),
    setLoggedIn: (loggedIn) => writeState(stateDir, { ...readState(stateDir), loggedIn }),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
