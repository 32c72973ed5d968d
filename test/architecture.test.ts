// The folders of src/ are layers and imports run one way, downward (docs/design.md draws the picture).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');

/** Higher may import lower, never the other way. Same-rank folders don't import each other except where listed. */
const RANK: Record<string, number> = {
  index: 9,
  http: 8,
  bot: 7,
  dialogs: 6,
  auth: 5.5,
  scheduling: 5,
  cards: 4,
  storage: 4,
  teams: 3,
  config: 1.5,
  logger: 2,
  i18n: 1.2,
  meetings: 1,
  abort: 0.5,
  sha256: 0.5,
  'process-owner': 0.5,
};

function layerOf(file: string): string {
  const rel = path.relative(SRC, file).replace(/\\/g, '/');
  const first = rel.split('/')[0];
  return first.endsWith('.ts') ? first.slice(0, -3) : first;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

interface Import {
  from: string;
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gms)) found.push({ from: file, specifier: m[2], typeOnly: Boolean(m[1]) });
  for (const m of text.matchAll(/require\('([^']+)'\)/g)) found.push({ from: file, specifier: m[1], typeOnly: false });
  return found;
}

describe('architecture: the folders of src/ and the direction of imports', () => {
  const files = sourceFiles(SRC);
  const imports = files.flatMap(importsOf);

  it('has a rank for every folder', () => {
    assert.deepEqual([...new Set(files.map(layerOf))].filter((l) => RANK[l] === undefined), []);
  });

  it('imports only downward', () => {
    const upward = imports
      .filter((i) => i.specifier.startsWith('.'))
      .map((i) => ({ from: layerOf(i.from), to: layerOf(path.resolve(path.dirname(i.from), i.specifier)), file: path.relative(SRC, i.from), spec: i.specifier }))
      .filter((i) => i.from !== i.to && RANK[i.from] <= RANK[i.to])
      .map((i) => `${i.file} → ${i.spec}`);
    assert.deepEqual(upward, []);
  });

  it('loads i18next only in i18n/: the domain says message codes, the other layers call translate', () => {
    const offending = imports
      .filter((i) => /^i18next/.test(i.specifier) && layerOf(i.from) !== 'i18n')
      .map((i) => `${path.relative(SRC, i.from)} → ${i.specifier}`);
    assert.deepEqual(offending, []);
  });

  it('keeps the domain (meetings/) and scheduling/ free of botbuilder, and teams/ readers free of its runtime (only the roster client asks Teams)', () => {
    const offending = imports
      .filter((i) => /^botbuilder|^botframework/.test(i.specifier))
      .filter((i) => {
        const layer = layerOf(i.from);
        if (layer === 'meetings' || layer === 'scheduling') return true;
        return layer === 'teams' && !i.typeOnly && path.basename(i.from) !== 'member-directory.ts';
      })
      .map((i) => `${path.relative(SRC, i.from)} → ${i.specifier}`);
    assert.deepEqual(offending, []);
  });

  it('reaches no library\'s protected or private members by a cast', () => {
    const offending = files.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/as unknown as \{[^}]*\}|\._[a-zA-Z]+Promise|\bturnState\.get\(\(/g)].map((m) => `${path.relative(SRC, file)}: ${m[0]}`),
    );
    assert.deepEqual(offending, []);
  });

  it('keeps turn values out of turnState: one Turn is read when a turn starts and passed on', () => {
    const offending = files.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/turnState\.set\(|Symbol\(/g)].map((m) => `${path.relative(SRC, file)}: ${m[0]}`));
    assert.deepEqual(offending, []);
  });
});
