// Child process (NODE_EXTRA_CA_CERTS trusts the test CA only at start): GraphMeetingService.createOrGet against
// GRAPH_BASE_URL for each scenario in SCENARIOS (JSON: externalId, the service's timeoutMs, and the turn's signal in
// ms, if any). Prints one JSON line: per scenario, the MeetingServiceError kind and code, and how long it took.
import { GraphMeetingService } from '../../src/meetings/graph-meeting-service';
import type { MeetingServiceError } from '../../src/meetings/meeting-service-error';

export interface Scenario {
  externalId: string;
  timeoutMs: number;
  turnMs?: number;
}

export interface Outcome {
  externalId: string;
  kind?: string;
  code?: string;
  status?: number;
  ms: number;
}

async function main(): Promise<void> {
  const scenarios = JSON.parse(process.env.SCENARIOS ?? '[]') as Scenario[];
  const outcomes = await Promise.all(
    scenarios.map(async ({ externalId, timeoutMs, turnMs }): Promise<Outcome> => {
      const graph = new GraphMeetingService({ baseUrl: process.env.GRAPH_BASE_URL!, customHosts: new Set(['127.0.0.1']), timeoutMs, retryDelaySeconds: 1 });
      const started = Date.now();
      try {
        const signal = turnMs === undefined ? undefined : AbortSignal.timeout(turnMs);
        await graph.createOrGet({ externalId, subject: 's', startIso: '2026-11-28T15:00:00.000-05:00', endIso: '2026-11-28T15:30:00.000-05:00', signal }, 'token');
        return { externalId, ms: Date.now() - started };
      } catch (err) {
        const e = err as MeetingServiceError;
        return { externalId, kind: e.kind, code: e.details?.code, status: e.details?.status, ms: Date.now() - started };
      }
    }),
  );
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);
