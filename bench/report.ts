// Markdown rendering of a benchmark result (bench/results/latest.md, test-results/bench-smoke.md).

interface Spread {
  median: number;
  min: number;
  max: number;
}

const n = (v: number, d = 0): string => (Number.isFinite(v) ? v.toFixed(d) : '–');
const range = (s: Spread, d = 0): string =>
  !Number.isFinite(s.median) ? '–' : s.min === s.max ? n(s.median, d) : `${n(s.median, d)} (${n(s.min, d)}–${n(s.max, d)})`;
const ratio = (s: Spread): string =>
  !Number.isFinite(s.median) ? '–' : s.min === s.max ? `${n(s.median, 2)}×` : `${n(s.median, 2)}× (${n(s.min, 2)}–${n(s.max, 2)})`;

// eslint-style any: the result object is built in run.ts and only read here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function renderMarkdown(r: any): string {
  const m = r.machine;
  const o = r.options;
  const lines: string[] = [];
  lines.push(`# Meeting Bot benchmark${r.kind === 'smoke' ? ' (smoke run — numbers not meaningful)' : ''}`);
  lines.push('');
  lines.push(
    `${r.startedAt.slice(0, 16).replace('T', ' ')} UTC · commit ${m.commit}${m.dirty ? ' (src/ had uncommitted changes)' : ''}, built dist/src sha256 ${m.distSrcSha256 ?? '?'} (every bot of the run starts from one copy of it) · ${m.nproc} cores, ${m.cpuModel}, ${m.memTotalMb} MB · node ${m.node} · ` +
      `load average ${m.loadavgAtStart.map((x: number) => x.toFixed(1)).join('/')} at start, ${m.loadavgAtEnd.map((x: number) => x.toFixed(1)).join('/')} at end (shared machine)`,
  );
  lines.push('');
  lines.push(
    `${o.users} concurrent simulated users (own user id and channel thread each), closed loop over loopback HTTP; ${o.warmupS} s warm-up + ${o.durationS} s measured window per run; ` +
      `${o.reps} repetition(s); every scenario run sits between two echo-baseline runs (echo, 2 scenarios, echo, 3 scenarios, echo, …) and the scenario order rotates per repetition; a fresh bot process per run. ` +
      `Cells: median over repetitions (min–max). Each ratio divides a run by the mean of the echo runs right before and after it; the ratio columns show the median (min–max) of those per-run ratios.`,
  );
  lines.push('');
  lines.push('| Scenario | turns/s | p50 ms | p95 ms | p99 ms | bot CPU ms/turn | peak RSS MB | turns/s ÷ echo | p99 ÷ echo | CPU ÷ echo | RSS ÷ echo | errors |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of r.summary) {
    if (s.key === 'form-full') continue;
    const isEcho = s.key === 'echo';
    lines.push(
      `| ${s.label} | ${range(s.turnsPerSec)} | ${range(s.p50, 1)} | ${range(s.p95, 1)} | ${range(s.p99, 1)} | ${range(s.cpuMsPerTurn, 2)} | ${range(s.peakRssMb)} | ` +
        `${isEcho ? '1' : ratio(s.ratio.turnsPerSec)} | ${isEcho ? '1' : ratio(s.ratio.p99)} | ${isEcho ? '1' : ratio(s.ratio.cpuMsPerTurn)} | ${isEcho ? '1' : ratio(s.ratio.peakRssMb)} | ${s.errors} |`,
    );
  }
  lines.push('');
  const form = r.summary.find((s: any) => s.key === 'form-sandbox');
  if (form && Object.keys(form.byStep).length) {
    lines.push(
      `Form path (d): ${range(form.meetingsPerSec)} meetings/s; per turn — ` +
        Object.entries(form.byStep)
          .map(([k, v]: [string, any]) => `${k === 'form' ? '`schedule` → form card' : 'submit → join card'}: p50 ${range(v.p50, 1)}, p99 ${range(v.p99, 1)} ms`)
          .join('; ') +
        '.',
    );
    lines.push('');
  }
  const gen = r.summary.map((s: any) => `${s.key} ${n(s.genCores.median, 2)}`).join(', ');
  const bot = r.summary.map((s: any) => `${s.key} ${n(s.botCores.median, 2)}`).join(', ');
  lines.push(`CPU use during the window, in cores (2 available, shared with other work): bot — ${bot}; load generator + stand-ins — ${gen}.`);
  lines.push('');

  lines.push('## Targets');
  lines.push('');
  lines.push('| Target | Limit | Measured | |');
  lines.push('|---|---|---|---|');
  for (const t of r.targets) lines.push(`| ${t.target} | ${t.limit} | ${t.measured} | ${t.met ? 'met' : '**missed**'} |`);
  lines.push('');

  if (r.coldStart?.runs?.length) {
    lines.push('## Cold start');
    lines.push('');
    lines.push('Process spawn → first turn answered at the connector (the generator posts as soon as the port accepts).');
    lines.push('');
    lines.push('| First turn | spawn → listening ms | spawn → answered ms | first turn ms |');
    lines.push('|---|---|---|---|');
    const names: Record<string, string> = {
      echo: 'echo bot, `hello`',
      'meeting-sandbox-help': 'Meeting Bot (sandbox), `help`',
      'meeting-sandbox-inline': 'Meeting Bot (sandbox), inline schedule → join card',
      'meeting-full-inline': 'Meeting Bot (full path), inline schedule → join card',
    };
    for (const [k, v] of Object.entries(r.coldStart.summary) as [string, any][]) {
      lines.push(`| ${names[k] ?? k} | ${range(v.spawnToListenMs)} | ${range(v.spawnToAnswerMs)} | ${range(v.firstTurnMs)} |`);
    }
    lines.push('');
  }

  const d = r.openDialogs;
  if (d) {
    lines.push(`## ${d.dialogs} open dialogs (MemoryStorage, sandbox)`);
    lines.push('');
    lines.push(
      `${d.dialogs} users each sent \`schedule\` and got a form card (dialog left open); ${d.openDialogsStored} private-conversation state entries stored; errors ${d.errors}; load took ${n(d.loadSeconds, 1)} s.`,
    );
    lines.push('');
    lines.push('| Measure | Value |');
    lines.push('|---|---|');
    lines.push(`| RSS before → after (each: lowest of 3 readings, full GC 1 s apart) | ${n(d.rssBeforeMb, 1)} → ${n(d.rssAfterMb, 1)} MB |`);
    lines.push(`| Extra RSS, after GC | ${n(d.rssGrowthMb, 1)} MB (${n(d.rssGrowthBytesPerDialog)} B per dialog) |`);
    lines.push(`| Extra RSS, before GC (as the load left it) | ${n(d.rssGrowthRawMb, 1)} MB |`);
    if (d.rssGrowthIdleMb !== undefined) lines.push(`| Extra RSS after ${d.idleSeconds} s idle, no forced GC (what V8 gives back on its own) | ${n(d.rssGrowthIdleMb, 1)} MB |`);
    lines.push(`| Extra V8 heapUsed, after GC | ${n(d.heapUsedGrowthMb, 1)} MB (${n(d.heapUsedGrowthBytesPerDialog)} B per dialog) |`);
    lines.push(`| Serialized state per dialog (stored JSON, UTF-8) | mean ${n(d.stateBytesPerDialog.mean)} B, median ${d.stateBytesPerDialog.median} B, max ${d.stateBytesPerDialog.max} B (+ key ${n(d.stateBytesPerDialog.keyBytesMean)} B) |`);
    lines.push(`| Peak RSS of the process | ${n(d.peakRssMb)} MB |`);
    lines.push('');
    lines.push(
      'Method: the bot runs with a bench-only preload (`bench/state-probe.ts`, `node --expose-gc -r`) that notes the botbuilder `MemoryStorage` instances; ' +
        'MemoryStorage keeps every item as the JSON string it hands back, so the probe reads the real stored bytes. On SIGUSR2 it forces a full GC and reports ' +
        '`process.memoryUsage()`; RSS comes from `/proc/<pid>/status`. Warm-up first: 200 other users open and cancel a form.',
    );
    lines.push('');
  }

  const withCalls = r.summary.filter((s: any) => s.calls);
  if (withCalls.length) {
    lines.push('## HTTP calls per meeting (counted at the stand-ins)');
    lines.push('');
    lines.push('| Scenario | meetings | Graph | token service | connector (all) | token-service requests | connector calls |');
    lines.push('|---|---|---|---|---|---|---|');
    for (const s of withCalls) {
      const paths = Object.entries(s.calls.tokenServiceByPath).map(([p, c]) => `${p}: ${c}`).join(', ') || '–';
      const conn = Object.entries(s.calls.connector).map(([k, c]) => `${k}: ${c}`).join(', ');
      lines.push(`| ${s.key} | ${s.calls.meetings} | ${n(s.calls.graphPerMeeting, 3)} | ${n(s.calls.tokenServicePerMeeting, 3)} | ${n(s.calls.connectorPerMeeting, 2)} | ${paths} | ${conn} |`);
    }
    lines.push('');
  }
  lines.push('Reproduce: `npm run bench` (writes bench/results/latest.{json,md}); options in bench/README.md.');
  lines.push('');
  return lines.join('\n');
}
