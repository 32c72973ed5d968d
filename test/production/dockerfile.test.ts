// The Dockerfile says what support/production-artifact.ts says — the files, the install, the start command, the Node
// release — so the artifact test (artifact.test.ts), which runs that description, vouches for the image too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { REPO_ROOT } from '../../support/bot-process';
import { ARTIFACT_FILES, INSTALL_COMMAND, PRODUCTION_NODE_VERSION, START_COMMAND } from '../../support/production-artifact';
import { copyOf, execForm, readDockerfile, type Stage } from './dockerfile';

/** Where each COPY of the stage puts its sources, relative to the stage's WORKDIR, and where they came from. */
function copiedFiles(stage: Stage, stages: Stage[]): Array<{ landed: string; source: string; from?: string }> {
  let workdir = '/';
  const files: Array<{ landed: string; source: string; from?: string }> = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, instruction.args);
    if (instruction.keyword !== 'COPY') continue;
    const copy = copyOf(instruction);
    const intoFolder = copy.destination.endsWith('/') || copy.sources.length > 1;
    const fromStage = copy.from === undefined ? undefined : stages.find((s) => s.name === copy.from);
    for (const source of copy.sources) {
      const target = path.posix.resolve(workdir, intoFolder ? path.posix.join(copy.destination, path.posix.basename(source)) : copy.destination);
      // A path in another stage is read relative to that stage's WORKDIR; a context path is the repository's.
      const origin = fromStage ? path.posix.relative(fromStage.workdir, path.posix.resolve(fromStage.workdir, source)) : path.posix.normalize(source);
      files.push({ landed: path.posix.relative(stage.workdir, target), source: origin.replace(/\/$/, ''), from: copy.from });
    }
  }
  return files;
}

describe('Dockerfile: the image is the artifact the production test runs (support/production-artifact.ts)', () => {
  const dockerfile = readDockerfile();
  const final = dockerfile.stages.at(-1)!;
  const finalInstructions = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword);

  it('builds in one stage and runs from another, both on the Node release the artifact test runs', () => {
    assert.equal(dockerfile.stages.length, 2);
    assert.equal(dockerfile.args.NODE_VERSION, PRODUCTION_NODE_VERSION);
    for (const stage of dockerfile.stages) assert.equal(stage.image, `node:${PRODUCTION_NODE_VERSION}-bookworm-slim`);
    const build = dockerfile.stages[0]!;
    assert.ok(build.instructions.some((i) => i.keyword === 'RUN' && /^npm ci\b/.test(i.args)), 'the build stage installs from the lockfile');
    assert.ok(build.instructions.some((i) => i.keyword === 'RUN' && i.args === 'npm run build'), 'and builds with the project script');
  });

  it('copies exactly ARTIFACT_FILES into the final stage, each to the same path it has in the repository', () => {
    const files = copiedFiles(final, dockerfile.stages);
    assert.deepEqual(files.map((f) => f.landed).sort(), [...ARTIFACT_FILES].sort());
    for (const f of files) assert.equal(f.source, f.landed, `${f.landed} comes from ${f.from ? `stage ${f.from}: ` : ''}${f.source}`);
    // The compiled bot comes from the build stage, never from a developer's dist/ in the context.
    assert.equal(files.find((f) => f.landed.startsWith('dist'))?.from, dockerfile.stages[0]!.name);
  });

  it('installs with INSTALL_COMMAND before the compiled bot is copied, then starts with START_COMMAND as a non-root user', () => {
    const runs = finalInstructions('RUN');
    assert.equal(runs.length, 1);
    assert.deepEqual(runs[0]!.args.split(/\s+/).slice(0, INSTALL_COMMAND.length), [...INSTALL_COMMAND]);
    const order = final.instructions.map((i) => i.keyword + (i.keyword === 'COPY' && copyOf(i).from ? ' --from' : ''));
    assert.ok(order.indexOf('RUN') < order.indexOf('COPY --from'), 'dependencies first: a code change keeps the install layer');
    assert.deepEqual(execForm(finalInstructions('CMD')[0]!.args), [...START_COMMAND]);
    assert.deepEqual(finalInstructions('USER').map((i) => i.args), ['node']);
    assert.ok(final.instructions.findIndex((i) => i.keyword === 'USER') < final.instructions.findIndex((i) => i.keyword === 'CMD'));
    assert.deepEqual(finalInstructions('ENV').map((i) => i.args), ['NODE_ENV=production']);
  });

  it("exposes the bot's default port and checks /healthz with node (the slim image has no curl)", () => {
    assert.deepEqual(finalInstructions('EXPOSE').map((i) => i.args), [String(loadConfig({}).port)]);
    const [healthcheck] = finalInstructions('HEALTHCHECK');
    assert.ok(healthcheck, 'a HEALTHCHECK');
    const command = execForm(healthcheck.args);
    assert.equal(command[0], 'node');
    assert.match(command.join(' '), /\/healthz/);
  });

  it('.dockerignore lets in only what the Dockerfile copies from the context', () => {
    const lines = fs.readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '*', 'everything is out unless let in');
    const letIn = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, '')).sort();
    const fromContext = dockerfile.stages
      .flatMap((s) => s.instructions.filter((i) => i.keyword === 'COPY').map(copyOf))
      .filter((c) => c.from === undefined)
      .flatMap((c) => c.sources.map((s) => path.posix.normalize(s).replace(/\/$/, '')));
    assert.deepEqual(letIn, [...new Set(fromContext)].sort());
  });
});
