// Hostile and malformed input against the real bot process over HTTP: > 1,000 generated requests (seeded, so a
// failure is reproducible with FUZZ_SEED=<seed>) in sandbox mode, a few hundred more with SANDBOX=false against
// the token-service and Graph stand-ins. Every answer must be a 4xx or a 200 with a polite reply — never a 5xx —,
// no turn may fail, the process must stay up with nothing "unhandled"/"uncaught" in its log, and a normal
// conversation must work afterwards. The counts are printed and written to test-results/fuzz-summary.json.
import { recordScenario } from '../support/reliability-log';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ALICE, BOB, channelMessage, personalMessage, type InboundActivity } from '../../support/activities';
import { REPO_ROOT, postActivity, startBot, type BotProcess } from '../../support/bot-process';
import { ConnectorStandIn, type RecordedCall } from '../../support/connector-stand-in';
import { cardOf, createDataOf, isForm, isJoin as hasJoin } from '../../support/wire-cards';
import { Rig } from '../support/full-path-rig';
import type { TokenServiceStandIn } from '../../support/token-service-stand-in';
import { Rng, duplicateCases, generateCases, type FormInfo, type FuzzCase } from './fuzz-cases';

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const CONCURRENCY = 4;
const SORRY = /something went wrong on my side/i;

interface CaseResult {
  c: FuzzCase;
  /** HTTP status, or null when there was no answer (aborted upload, connection closed). */
  status: number | null;
  error?: string;
  body?: string;
  ms: number;
  start: number;
  end: number;
  ok: boolean;
}

interface CategorySummary {
  sent: number;
  statuses: Record<string, number>;
  unexpected: number;
  maxMs: number;
  answeredPolitely?: number;
  needingReply?: number;
}

interface RunSummary {
  name: string;
  seed: number;
  requests: number;
  durationMs: number;
  statuses: Record<string, number>;
  fiveHundreds: number;
  unexpected: Array<{ seq: number; category: string; note: string; status: number | null; expected: unknown; error?: string; body?: string }>;
  categories: Record<string, CategorySummary>;
  messagesNeedingReply: number;
  messagesAnswered: number;
  unanswered: Array<{ seq: number; category: string; note: string; activityId?: string; log?: string[] }>;
  turnFailures: Array<{ type?: unknown; name?: unknown; message?: unknown }>;
  sorryReplies: number;
  duplicatesAnsweredTwice: number;
  processAlive: boolean;
  logMentionsUnhandled: string[];
  /** Attempts to reach a non-loopback host (blocked by loopback-guard.cjs). */
  nonLoopbackAttempts: string[];
  /** Files the bot left in its temp directory (multipart uploads would land there). */
  tempFilesLeft: string[];
  normalConversationAfterwards: boolean;
}

const summaries: RunSummary[] = [];

/** Preloaded into the bot: any non-loopback DNS lookup or connection fails and is reported on stderr. */
const LOOPBACK_ONLY = { NODE_OPTIONS: `--require "${path.join(REPO_ROOT, 'test', 'hostile', 'loopback-guard.cjs')}"` };

const isHelpCard = (c: RecordedCall): boolean => /schedule/i.test(JSON.stringify(cardOf(c) ?? '')) && !hasJoin(c);

/** Sends one case; never throws. */
async function send(bot: BotProcess, c: FuzzCase): Promise<CaseResult> {
  const start = Date.now();
  let status: number | null = null;
  let error: string | undefined;
  let body: string | undefined;
  try {
    if (c.raw) {
      status = await sendRaw(new URL(bot.url).port, c.raw, c.abort ?? false);
    } else {
      const res = await fetch(`${bot.url}${c.path}`, {
        method: c.method,
        headers: c.headers,
        body: c.method === 'GET' || c.method === 'HEAD' ? undefined : typeof c.body === 'string' || c.body === undefined ? c.body ?? '' : new Uint8Array(c.body),
        signal: AbortSignal.timeout(20_000),
      });
      status = res.status;
      body = await res.text();
    }
  } catch (err) {
    const e = err as { message?: string; cause?: { code?: string; message?: string } };
    error = e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
  }
  const end = Date.now();
  const ok = c.expect === 'below500' ? status !== null && status < 500 : c.expect.length === 0 ? true : c.expect.includes(status);
  return { c, status, error, body, ms: end - start, start, end, ok };
}

/** Raw bytes over TCP; resolves with the status line's code, or null when the server closed without answering. */
function sendRaw(port: string, bytes: Buffer, abort: boolean): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let data = '';
    let settled = false;
    const done = (value: number | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(parseStatus(data)), 5000);
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      const status = parseStatus(data);
      if (status !== null && data.includes('\r\n\r\n')) done(status);
    });
    socket.on('error', () => done(parseStatus(data)));
    socket.on('close', () => done(parseStatus(data)));
    socket.on('connect', () => {
      socket.write(bytes, () => {
        if (abort) done(null);
      });
    });
  });
}

function parseStatus(data: string): number | null {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
  return m ? Number(m[1]) : null;
}

async function runPool(bot: BotProcess, cases: FuzzCase[]): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await send(bot, cases[i]);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

function answered(connector: ConnectorStandIn, r: CaseResult): boolean {
  const a = r.c.activity;
  if (!a) return false;
  return connector.calls.some(
    (call) =>
      (call.kind === 'reply' && call.activityId === a.id && call.conversationId === a.conversation?.id) ||
      // A card submit updates a card the bot stored (its form, or the presser's own form) — never simply the one
      // the client names, which a forger could point at someone else's card.
      (call.kind === 'update' && call.at >= r.start && call.at <= r.end) ||
      (call.kind === 'send' && call.conversationId === a.conversation?.id && call.at >= r.start && call.at <= r.end),
  );
}

function repliesTo(connector: ConnectorStandIn, a: InboundActivity): number {
  return connector.calls.filter((call) => call.kind === 'reply' && call.activityId === a.id && call.conversationId === a.conversation?.id).length;
}

interface LogLine {
  level?: number;
  msg?: string;
  type?: unknown;
  name?: unknown;
  err?: { message?: unknown };
}

function jsonLogLines(bot: BotProcess): LogLine[] {
  const out: LogLine[] = [];
  for (const line of bot.logs().split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as LogLine);
    } catch {
      // a partial line
    }
  }
  return out;
}

function summarise(name: string, seed: number, results: CaseResult[], durationMs: number): RunSummary {
  const statuses: Record<string, number> = {};
  const categories: Record<string, CategorySummary> = {};
  for (const r of results) {
    const key = r.status === null ? (r.c.abort ? 'aborted' : `no answer${r.error ? ` (${r.error})` : ''}`) : String(r.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    const cat = (categories[r.c.category] ??= { sent: 0, statuses: {}, unexpected: 0, maxMs: 0 });
    cat.sent += 1;
    cat.statuses[key] = (cat.statuses[key] ?? 0) + 1;
    if (!r.ok) cat.unexpected += 1;
    cat.maxMs = Math.max(cat.maxMs, r.ms);
  }
  return {
    name,
    seed,
    requests: results.length,
    durationMs,
    statuses,
    fiveHundreds: results.filter((r) => r.status !== null && r.status >= 500).length,
    unexpected: results
      .filter((r) => !r.ok)
      .map((r) => ({ seq: r.c.seq, category: r.c.category, note: r.c.note, status: r.status, expected: r.c.expect, error: r.error, body: r.body?.slice(0, 200) })),
    categories,
    messagesNeedingReply: 0,
    messagesAnswered: 0,
    unanswered: [],
    turnFailures: [],
    sorryReplies: 0,
    duplicatesAnsweredTwice: 0,
    processAlive: false,
    logMentionsUnhandled: [],
    nonLoopbackAttempts: [],
    tempFilesLeft: [],
    normalConversationAfterwards: false,
  };
}

function printTable(s: RunSummary): void {
  const rows = Object.entries(s.categories).map(([category, c]) => ({
    category,
    sent: c.sent,
    answers: Object.entries(c.statuses)
      .sort()
      .map(([k, v]) => `${k}×${v}`)
      .join(' '),
    unexpected: c.unexpected,
    polite: c.needingReply ? `${c.answeredPolitely}/${c.needingReply}` : '',
    maxMs: c.maxMs,
  }));
  const widths = { category: 44, sent: 5, answers: 38, unexpected: 10, polite: 9, maxMs: 6 };
  const line = (cells: Record<keyof typeof widths, string | number>): string =>
    (Object.keys(widths) as Array<keyof typeof widths>).map((k) => String(cells[k]).padEnd(widths[k])).join(' ');
  console.log(`\n  fuzz run "${s.name}" — seed ${s.seed}: ${s.requests} requests in ${(s.durationMs / 1000).toFixed(1)} s`);
  console.log('  ' + line({ category: 'category', sent: 'sent', answers: 'answers (status×count)', unexpected: 'unexpected', polite: 'replied', maxMs: 'max ms' }));
  for (const r of rows) console.log('  ' + line(r));
  console.log(
    `  totals: ${Object.entries(s.statuses)
      .sort()
      .map(([k, v]) => `${k}×${v}`)
      .join(', ')}; 5xx: ${s.fiveHundreds}; messages answered ${s.messagesAnswered}/${s.messagesNeedingReply}; ` +
      `turn failures: ${s.turnFailures.length}; duplicate answers: ${s.duplicatesAnsweredTwice}; non-loopback attempts: ${s.nonLoopbackAttempts.length}; ` +
      `process alive: ${s.processAlive}`,
  );
  for (const f of s.turnFailures.slice(0, 5)) console.log(`  turn failed: ${JSON.stringify(f).slice(0, 300)}`);
  for (const u of s.unexpected.slice(0, 5)) console.log(`  unexpected: ${JSON.stringify(u).slice(0, 300)}`);
  for (const u of s.unanswered.slice(0, 5)) console.log(`  unanswered: ${JSON.stringify(u).slice(0, 300)}`);
  console.log('');
}

function recordFuzz(summary: RunSummary): void {
  const statuses = Object.entries(summary.statuses).sort().map(([k, v]) => `${k}×${v}`).join(', ');
  recordScenario({
    scenario: `Fuzz: generated hostile/malformed requests (${summary.name}, seed ${summary.seed})`,
    runs: summary.requests,
    outcome: `${statuses}; 5xx ${summary.fiveHundreds}; messages answered ${summary.messagesAnswered}/${summary.messagesNeedingReply}; process alive; normal conversation afterwards`,
    test: 'test/hostile/fuzz.e2e.test.ts',
  });
}

function writeSummaries(): void {
  const dir = path.join(REPO_ROOT, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'fuzz-summary.json'), JSON.stringify({ seed: SEED, generatedAt: new Date().toISOString(), runs: summaries }, null, 2) + '\n');
}

/** Asks for a form (no details) in a channel thread and returns the card the bot posted. */
async function makeForm(bot: BotProcess, connector: ConnectorStandIn, serviceUrl: string): Promise<FormInfo> {
  const message = channelMessage({ serviceUrl, user: ALICE, text: 'schedule' });
  const res = await postActivity(bot.messagesUrl, message);
  assert.equal(res.status, 200);
  const call = await connector.waitFor(isForm);
  const data = createDataOf(call);
  return { data, cardId: call.responseId ?? call.activityId ?? 'unknown', conversation: message.conversation, owner: ALICE };
}

interface RunOptions {
  name: string;
  bot: BotProcess;
  connector: ConnectorStandIn;
  serviceUrl: string;
  sandbox: boolean;
  scale: number;
  duplicates: number;
  /** Called before the closing normal conversation (e.g. sign Alice in again after fuzzed "sign out"s). */
  beforeConversation?: () => void;
  /** The bot's TMPDIR, checked for left-behind files. */
  tempDir: string;
}

async function fuzz(opts: RunOptions): Promise<RunSummary> {
  const { bot, connector } = opts;
  let exited = false;
  void bot.exited.then(() => (exited = true));
  const aliceForm = await makeForm(bot, connector, opts.serviceUrl);
  const seed = SEED + (opts.sandbox ? 0 : 1);
  const rng = new Rng(seed);
  const cases = generateCases(rng, { serviceUrl: opts.serviceUrl, sandbox: opts.sandbox, aliceForm }, opts.scale);

  const started = Date.now();
  const results = await runPool(bot, cases);

  // Teams redelivers a message it got no timely answer for: same id, must not be answered twice.
  const duplicates = duplicateCases(rng, cases, opts.duplicates, cases.length);
  let answeredTwice = 0;
  for (const d of duplicates) {
    const before = repliesTo(connector, d.activity!);
    const r = await send(bot, d);
    results.push(r);
    if (repliesTo(connector, d.activity!) !== before) answeredTwice += 1;
  }
  const summary = summarise(opts.name, seed, results, Date.now() - started);
  summary.duplicatesAnsweredTwice = answeredTwice;

  // Every message that was accepted must have been answered (reply, or its card updated).
  for (const r of results) {
    if (!r.c.wantsReply || r.status !== 200) continue;
    const cat = summary.categories[r.c.category];
    cat.needingReply = (cat.needingReply ?? 0) + 1;
    summary.messagesNeedingReply += 1;
    if (answered(connector, r)) {
      cat.answeredPolitely = (cat.answeredPolitely ?? 0) + 1;
      summary.messagesAnswered += 1;
    } else {
      const id = String(r.c.activity?.id);
      const log = bot
        .logs()
        .split('\n')
        .filter((l) => l.includes(id))
        .map((l) => l.slice(0, 400));
      summary.unanswered.push({ seq: r.c.seq, category: r.c.category, note: r.c.note, activityId: id, log });
    }
  }
  for (const r of results) {
    if (!r.c.repliesInBody || r.status !== 200) continue;
    const cat = summary.categories[r.c.category];
    cat.needingReply = (cat.needingReply ?? 0) + 1;
    summary.messagesNeedingReply += 1;
    let activities: unknown[] = [];
    try {
      activities = (JSON.parse(r.body ?? '{}') as { activities?: unknown[] }).activities ?? [];
    } catch {
      // counted as unanswered
    }
    if (activities.length > 0) {
      cat.answeredPolitely = (cat.answeredPolitely ?? 0) + 1;
      summary.messagesAnswered += 1;
    } else summary.unanswered.push({ seq: r.c.seq, category: r.c.category, note: r.c.note });
  }
  summary.sorryReplies = connector.calls.filter((c) => SORRY.test(String(c.activity?.text ?? ''))).length;

  // The process is still there and answering; a normal conversation works.
  const health = await fetch(`${bot.url}/healthz`).then((r) => r.status).catch(() => 0);
  summary.processAlive = !exited && health === 200;
  connector.reset();
  opts.beforeConversation?.();
  const help = personalMessage({ serviceUrl: opts.serviceUrl, user: ALICE, text: 'help' });
  const helpRes = await postActivity(bot.messagesUrl, help);
  const helpCard = await connector.waitFor((c) => c.activityId === help.id && isHelpCard(c), 5000).catch(() => undefined);
  const schedule = channelMessage({ serviceUrl: opts.serviceUrl, user: ALICE, text: 'schedule Design review tomorrow at 3pm for 30 minutes' });
  const scheduleRes = await postActivity(bot.messagesUrl, schedule);
  const joinCard = await connector.waitFor((c) => c.conversationId === schedule.conversation.id && hasJoin(c), 10_000).catch(() => undefined);
  summary.normalConversationAfterwards = helpRes.status === 200 && Boolean(helpCard) && scheduleRes.status === 200 && Boolean(joinCard);

  // Give the child's last log lines time to arrive, then read the log.
  await new Promise((r) => setTimeout(r, 300));
  const lines = jsonLogLines(bot);
  summary.turnFailures = lines
    .filter((l) => l.msg === 'turn failed' || l.msg === 'activity processing failed')
    .map((l) => ({ type: l.type, name: l.name, message: l.err?.message }));
  summary.logMentionsUnhandled = bot
    .logs()
    .split('\n')
    .filter((l) => /unhandled|uncaught/i.test(l))
    .slice(0, 10);
  summary.tempFilesLeft = fs.readdirSync(opts.tempDir);
  summary.nonLoopbackAttempts = bot
    .logs()
    .split('\n')
    .filter((l) => l.startsWith('LOOPBACK GUARD'))
    .slice(0, 10);

  summaries.push(summary);
  writeSummaries();
  printTable(summary);
  return summary;
}

function assertClean(s: RunSummary): void {
  const show = (x: unknown): string => JSON.stringify(x, null, 1).slice(0, 3000);
  assert.equal(s.fiveHundreds, 0, `5xx answers:\n${show(s.unexpected.filter((u) => (u.status ?? 0) >= 500))}`);
  assert.deepEqual(s.unexpected, [], `answers other than expected:\n${show(s.unexpected)}`);
  assert.ok(s.processAlive, 'the bot process died or stopped answering /healthz');
  assert.deepEqual(s.logMentionsUnhandled, [], 'the log mentions an unhandled/uncaught error');
  assert.deepEqual(s.nonLoopbackAttempts, [], 'the bot tried to reach a non-loopback host');
  assert.deepEqual(s.tempFilesLeft, [], 'request bodies were written to the temp directory');
  assert.deepEqual(s.turnFailures, [], `turns failed:\n${show(s.turnFailures)}`);
  assert.equal(s.sorryReplies, 0, '"something went wrong" replies were sent');
  assert.deepEqual(s.unanswered, [], `accepted messages that got no answer:\n${show(s.unanswered)}`);
  assert.equal(s.duplicatesAnsweredTwice, 0, 'a redelivered message was answered twice');
  assert.ok(s.normalConversationAfterwards, 'help → help card and schedule → join card after the fuzzing');
}

describe('hostile input: fuzzing /api/messages of the real bot process', function () {
  this.timeout(180_000);

  after(() => {
    if (summaries.length > 0) console.log(`  fuzz summary written to ${path.join('test-results', 'fuzz-summary.json')}`);
  });

  describe('sandbox mode', () => {
    let connector: ConnectorStandIn;
    let bot: BotProcess;
    let serviceUrl: string;
    let tempDir: string;

    before(async () => {
      tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-fuzz-tmp-'));
      connector = new ConnectorStandIn();
      serviceUrl = await connector.start();
      bot = await startBot({ HOST: '127.0.0.1', SANDBOX: 'true', LOG_LEVEL: 'info', TMPDIR: tempDir, ...LOOPBACK_ONLY });
    });
    after(async () => {
      await bot?.stop();
      await connector?.stop();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    });

    it(`≥ 1,000 generated requests (seed ${SEED}): only 4xx or polite 200s, no failed turn, still answering afterwards`, async () => {
      const summary = await fuzz({ name: 'sandbox', bot, connector, serviceUrl, sandbox: true, scale: 1, duplicates: 20, tempDir });
      assert.ok(summary.requests >= 1000, `only ${summary.requests} requests`);
      assertClean(summary);
      recordFuzz(summary);
    });
  });

  describe('SANDBOX=false (token service and Graph stand-ins)', () => {
    const rig = new Rig();
    let connector: ConnectorStandIn;
    let tokens: TokenServiceStandIn;
    let bot: BotProcess;
    let serviceUrl: string;

    before(async () => {
      await rig.start({ LOG_LEVEL: 'info', ...LOOPBACK_ONLY }, { ownTempDir: true });
      ({ connector, tokens, bot, serviceUrl } = rig);
      // Alice and Bob are signed in (their fuzz messages reach Graph); everyone else gets a sign-in card.
      tokens.setToken(ALICE.id, 'graph-token-alice');
      tokens.setToken(BOB.id, 'graph-token-bob');
    });
    after(() => rig.stop());

    it(`a few hundred generated requests (seed ${SEED + 1}): same guarantees with sign-in and Graph in the loop`, async () => {
      const summary = await fuzz({
        name: 'SANDBOX=false',
        bot,
        connector,
        serviceUrl,
        sandbox: false,
        scale: 0.3,
        duplicates: 10,
        tempDir: rig.botTempDir!,
        // Fuzzed "sign out" messages drop tokens: Alice signs in again for the closing conversation.
        beforeConversation: () => tokens.setToken(ALICE.id, 'graph-token-alice'),
      });
      assert.ok(summary.requests >= 300, `only ${summary.requests} requests`);
      assertClean(summary);
      recordFuzz(summary);
    });
  });
});

describe('why the Content-Encoding guard exists', function () {
  this.timeout(30_000);

  it('plain restify 11 with bodyParser dies on "Content-Encoding: gzip" with a body that is not gzip', async () => {
    const script = `
      const restify = require('restify');
      const s = restify.createServer({ handleUncaughtExceptions: false });
      s.use(restify.plugins.bodyParser({ maxBodySize: 262144, mapParams: false }));
      s.post('/x', async (req, res) => { res.send(200, { ok: true }); });
      s.listen(0, '127.0.0.1', () => {
        fetch('http://127.0.0.1:' + s.address().port + '/x', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip' })
          .catch(() => {});
        setTimeout(() => { console.log('SURVIVED'); process.exit(0); }, 2000);
      });`;
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '-e', script], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.notEqual(code, 0, `expected the unguarded server to crash; output:\n${output}`);
    assert.doesNotMatch(output, /SURVIVED/);
    assert.match(output, /incorrect header check|Z_DATA_ERROR/);
  });
});
