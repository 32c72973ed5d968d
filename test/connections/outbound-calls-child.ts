// Child process (NODE_EXTRA_CA_CERTS, which trusts the test CA, is only read at start): the bot's own clients —
// GraphMeetingService, and the user-token client BotAuthentication hands CloudAdapter — calling GRAPH_BASE_URL and
// OAuthUrl in rounds ROUNDS times, PAUSE_MS apart. Each round: GetToken, then create, change and cancel a meeting,
// back to back. Prints one JSON line: how many rounds succeeded, and the first error.
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { BotAuthentication } from '../../src/http/bot-authentication';
import { GraphMeetingService } from '../../src/meetings/graph-meeting-service';

async function main(): Promise<void> {
  const rounds = Number(process.env.ROUNDS ?? '1');
  const pauseMs = Number(process.env.PAUSE_MS ?? '0');
  const graph = new GraphMeetingService({ baseUrl: process.env.GRAPH_BASE_URL!, customHosts: new Set(['127.0.0.1']), timeoutMs: 10_000 });
  const auth = new BotAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', OAuthUrl: process.env.OAuthUrl! }, 'local-bot');
  const identity = new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: '' }], true);
  let ok = 0;
  let error: string | undefined;
  for (let round = 0; round < rounds; round++) {
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    try {
      // As CloudAdapter does on every turn: ask the authentication for the client, then use it.
      const tokens = await auth.createUserTokenClient(identity);
      const token = await tokens.getUserToken('29:1alice', 'GraphConnection', 'msteams', '');
      const times = { startIso: '2026-11-28T15:00:00.000-05:00', endIso: '2026-11-28T15:30:00.000-05:00' };
      const meeting = await graph.createOrGet({ externalId: `round-${round}`, subject: `Round ${round}`, ...times }, token.token);
      await graph.update(meeting.id, { subject: `Round ${round}, moved`, ...times }, token.token);
      await graph.cancel(meeting.id, token.token);
      ok++;
    } catch (err) {
      error ??= `${(err as Error).name}: ${(err as Error).message}`;
    }
  }
  process.stdout.write(`${JSON.stringify({ ok, error })}\n`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);
