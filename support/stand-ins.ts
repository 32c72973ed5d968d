// The loopback services the bot's full path talks to, started together: a Bot Connector (where replies go), the
// Bot Framework token service (sign-in) and https Graph behind a throw-away CA; and the bot environment that points
// a bot process at them. The test rig and the benchmark both start them this way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConnectorStandIn } from './connector-stand-in';
import { GraphStandIn, type GraphUserInfo } from './graph-stand-in';
import { makeTestCa, type TestCa } from './tls';
import { TokenServiceStandIn } from './token-service-stand-in';

/** The OAuth connection name the token service stand-in serves and the bot is configured with. */
export const CONNECTION = 'GraphConnection';
/** The second OAuth connection (Calendars.ReadWrite), when the bot is configured with one (CALENDAR_CONNECTION_NAME). */
export const CALENDAR_CONNECTION = 'CalendarConnection';

export interface StandInsOptions {
  /** Who owns a Graph bearer token: the user's AAD object id, or undefined for an invalid token (401). */
  tokenOwner: (token: string) => string | undefined;
  /** Display data for organizers, keyed by AAD object id. */
  users?: Record<string, GraphUserInfo>;
  /** The delegated permissions a Graph token carries; undefined (the default) = all of them. */
  tokenScopes?: (token: string) => readonly string[] | undefined;
  /** Name prefix of the temporary folder (the CA's files) that stop() removes. */
  tempPrefix?: string;
  /** More host names the server certificate is valid for (a stand-in reached under a real name through a proxy). */
  tlsHosts?: string[];
}

export class StandIns {
  readonly connector = new ConnectorStandIn();
  readonly tokens = new TokenServiceStandIn({ connectionName: CONNECTION, moreConnections: [CALENDAR_CONNECTION] });
  graph!: GraphStandIn;
  /** The connector's base URL: the serviceUrl of every inbound activity. */
  serviceUrl = '';
  /** The CA certificate the bot must trust (NODE_EXTRA_CA_CERTS). */
  caPem = '';
  /** The throw-away CA and the server certificate every https stand-in serves (Graph's, and any a test adds). */
  tls!: TestCa;
  /** A temporary folder of its own (the CA's files live here), removed by stop(). */
  dir = '';

  async start(opts: StandInsOptions): Promise<void> {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), opts.tempPrefix ?? 'meeting-bot-stand-ins-'));
    const ca = await makeTestCa(this.dir, opts.tlsHosts);
    this.tls = ca;
    this.caPem = ca.caPem;
    this.graph = new GraphStandIn({ cert: ca.cert, key: ca.key, tokenOwner: opts.tokenOwner, users: opts.users, tokenScopes: opts.tokenScopes });
    await this.graph.start();
    await this.tokens.start();
    this.serviceUrl = await this.connector.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.connector.stop(), this.tokens.stop(), this.graph?.stop()]);
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Environment for the bot's full path: real sign-in (OAuthPrompt) against the token service, https Graph. */
  fullPathEnv(): Record<string, string> {
    return {
      SANDBOX: 'false',
      OAUTH_CONNECTION_NAME: CONNECTION,
      OAuthUrl: this.tokens.url,
      GRAPH_BASE_URL: this.graph.baseUrl,
      NODE_EXTRA_CA_CERTS: this.caPem,
    };
  }
}
