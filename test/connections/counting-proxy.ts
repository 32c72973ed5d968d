// A TCP pass-through on 127.0.0.1 that counts the connections a client opens to a stand-in behind it. TLS goes
// through untouched (the stand-in's certificate is for 127.0.0.1 too), so every connection counted is one TLS
// handshake to an https stand-in.
import net from 'node:net';

export class CountingProxy {
  /** Connections the client opened so far. */
  connections = 0;
  /** Connections the client closed (or reset) so far. */
  closedByClient = 0;
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();

  /** `target`: the port behind the proxy, asked for at each connection (the stand-in may start later). */
  constructor(private readonly target: () => number) {}

  /** Listens on 127.0.0.1 and returns the port to give the client. */
  async start(): Promise<number> {
    this.server = net.createServer((client) => {
      this.connections++;
      const upstream = net.connect(this.target(), '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('end', () => this.closedByClient++);
      client.on('error', () => this.closedByClient++);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return (this.server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
