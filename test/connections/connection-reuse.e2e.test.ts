// The real bot process on the full path keeps its connections: every outbound host — Graph (https), the Bot
// Framework token service and the Bot Connector — is reached over one keep-alive connection that serves turn after
// turn, not one per turn or per client. Counted by TCP pass-throughs in front of the loopback stand-ins (through the
// Graph one, each connection is one TLS handshake). The stand-ins close idle connections after Node's 5 s, so turns
// further apart are keep-alive.e2e.test.ts's subject.
import assert from 'node:assert/strict';
import { ALICE } from '../../support/activities';
import { Rig, TOKEN_SERVICE_DECIDES } from '../support/full-path-rig';
import { isJoin } from '../../support/wire-cards';
import { CountingProxy } from './counting-proxy';

describe('connection reuse on the production path (real bot process, counted connections)', function () {
  this.timeout(90_000);
  const rig = new Rig();
  const graph = new CountingProxy(() => Number(new URL(rig.graph.baseUrl).port));
  const tokens = new CountingProxy(() => Number(new URL(rig.tokens.url).port));
  const connector = new CountingProxy(() => Number(new URL(rig.serviceUrl).port));
  let connectorUrl: string;

  before(async () => {
    const [graphPort, tokensPort, connectorPort] = await Promise.all([graph.start(), tokens.start(), connector.start()]);
    connectorUrl = `http://127.0.0.1:${connectorPort}/`;
    // The token service is asked every turn here (no token cache), so its connection's reuse is seen too.
    await rig.start({ GRAPH_BASE_URL: `https://127.0.0.1:${graphPort}`, OAuthUrl: `http://127.0.0.1:${tokensPort}`, ...TOKEN_SERVICE_DECIDES });
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');
  });
  after(async () => {
    await rig.stop();
    await Promise.all([graph.stop(), tokens.stop(), connector.stop()]);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(rig.bot.logs().split('\n').slice(-30).join('\n'));
  });

  async function schedule(name: string): Promise<void> {
    const msg = rig.message(`schedule ${name} tomorrow 3pm`, ALICE, { serviceUrl: connectorUrl });
    assert.equal((await rig.post(msg)).status, 200);
    await rig.connector.waitFor((c) => c.conversationId === msg.conversation.id && isJoin(c), 15_000);
  }

  it('turns one after another: one connection per host for all of them', async () => {
    for (let i = 0; i < 4; i++) await schedule(`Back to back ${i}`);
    assert.ok(rig.graph.requests.length >= 4 && rig.tokens.requests.length >= 4 && rig.connector.calls.length >= 4, 'every host was called each turn');
    assert.deepEqual({ graph: graph.connections, tokens: tokens.connections, connector: connector.connections }, { graph: 1, tokens: 1, connector: 1 });
  });
});
