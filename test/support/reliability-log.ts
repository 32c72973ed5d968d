// Records how often each reliability scenario ran and what happened, for docs/reliability.md.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../support/bot-process';

export interface ScenarioRun {
  scenario: string;
  runs: number;
  outcome: string;
  test: string;
}

const FILE = path.join(REPO_ROOT, 'test-results', 'reliability.json');

export function recordScenario(run: ScenarioRun): void {
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  const existing: ScenarioRun[] = fs.existsSync(FILE) ? JSON.parse(fs.readFileSync(FILE, 'utf8')) : [];
  const rest = existing.filter((r) => r.scenario !== run.scenario);
  fs.writeFileSync(FILE, JSON.stringify([...rest, run], null, 2));
}
