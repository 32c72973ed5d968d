// An HTTPS_PROXY for a child process that must believe it reaches named hosts on the internet while everything
// stays on loopback: a CONNECT to a host:port in `routes` is tunnelled to a local port (a stand-in serving a
// certificate for that name, from a CA the child trusts); every other CONNECT or proxied request is refused with
// 403 and recorded, so a test also sees whatever tried to leave the machine.
//
// The child uses it through the environment: HTTPS_PROXY (and HTTP_PROXY)=<url> and NO_PROXY=127.0.0.1,localhost, which the Azure SDK
// (core-rest-pipeline) reads on its own, plus NODE_USE_ENV_PROXY=1, which makes Node ≥ 22.21's own http/https agents
// and fetch read them too (msal-node, under botbuilder, calls https.request with the default agent).
import http from 'node:http';
import net from 'node:net';
import { LoopbackServer } from '../../support/loopback-server';

export class ConnectProxy {
  /** host:port asked for and tunnelled. */
  readonly tunnelled: string[] = [];
  /** What was refused: "CONNECT host:port" or "GET http://…". */
  readonly refused: string[] = [];
  private server?: LoopbackServer;
  private port = 0;

  /** `routes`: "host:port" → loopback port. */
  constructor(private readonly routes: Record<string, number>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    const server = http.createServer((req, res) => {
      this.refused.push(`${req.method} ${req.url}`);
      res.writeHead(403).end('this proxy only tunnels to stand-ins');
    });
    server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      const target = req.url ?? '';
      const port = this.routes[target.toLowerCase()];
      if (port === undefined) {
        this.refused.push(`CONNECT ${target}`);
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.tunnelled.push(target);
      const upstream = net.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      const close = (): void => {
        upstream.destroy();
        client.destroy();
      };
      upstream.on('error', close);
      client.on('error', close);
      client.on('close', close);
    });
    this.server = new LoopbackServer(server);
    this.port = await this.server.listen();
    return this.url;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  /** The environment that sends a child's outbound https through this proxy, loopback excepted. */
  childEnv(): Record<string, string> {
    return { HTTPS_PROXY: this.url, HTTP_PROXY: this.url, NO_PROXY: '127.0.0.1,localhost', NODE_USE_ENV_PROXY: '1' };
  }
}
