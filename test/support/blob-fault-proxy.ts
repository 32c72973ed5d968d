// A loopback proxy in front of Azurite that can make chosen Blob requests fail: the real storage protocol, with
// the faults a production account shows (403 from a firewall or a rotated key, 500s, hangs).
import http from 'node:http';
import { LoopbackServer } from '../../support/loopback-server';

export interface BlobRequestInfo {
  method: string;
  /** Path without the query, e.g. /devstoreaccount1/bot-state/once/abc. */
  path: string;
  query: URLSearchParams;
}

export interface BlobFault {
  match: (req: BlobRequestInfo) => boolean;
  /** Status to answer with (default 500). */
  status?: number;
  /** How many matching requests fail; undefined = until cleared. */
  times?: number;
  /** Never answer (until cleared or stopped). */
  hang?: boolean;
}

/** A container create: PUT /{account}/{container}?restype=container. */
export const isContainerCreate = (r: BlobRequestInfo): boolean =>
  r.method === 'PUT' && r.query.get('restype') === 'container' && !r.query.has('comp');

export class BlobFaultProxy {
  readonly requests: Array<BlobRequestInfo & { fault?: boolean }> = [];
  private faults: BlobFault[] = [];
  private server?: LoopbackServer;
  private port = 0;
  private readonly hung = new Set<http.ServerResponse>();

  /** @param target Azurite's connection string (its BlobEndpoint is where requests go). */
  constructor(private readonly targetConnectionString: string) {}

  private get target(): URL {
    const endpoint = /BlobEndpoint=([^;]+)/.exec(this.targetConnectionString)?.[1];
    if (!endpoint) throw new Error('BlobFaultProxy: the connection string has no BlobEndpoint');
    return new URL(endpoint);
  }

  /** The same account and key, through the proxy. */
  get connectionString(): string {
    if (!this.port) throw new Error('BlobFaultProxy not started');
    const endpoint = this.target;
    return this.targetConnectionString.replace(/BlobEndpoint=[^;]+/, `BlobEndpoint=http://127.0.0.1:${this.port}${endpoint.pathname}`);
  }

  fail(fault: BlobFault): void {
    this.faults.push(fault);
  }

  /** Drop every fault; hung requests are answered 503 so callers see the outage end. */
  clear(): void {
    this.faults = [];
    for (const res of this.hung) res.writeHead(503).end();
    this.hung.clear();
  }

  faulted(match: (r: BlobRequestInfo) => boolean = () => true): number {
    return this.requests.filter((r) => r.fault && match(r)).length;
  }

  async start(): Promise<string> {
    const server = new LoopbackServer(http.createServer((req, res) => this.handle(req, res)));
    this.port = await server.listen();
    this.server = server;
    return this.connectionString;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.hung.clear();
    await server?.close();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const info: BlobRequestInfo & { fault?: boolean } = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams };
    this.requests.push(info);
    const fault = this.faults.find((f) => f.match(info));
    if (fault) {
      info.fault = true;
      if (fault.times !== undefined) {
        fault.times -= 1;
        if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
      }
      req.resume();
      if (fault.hang) {
        this.hung.add(res);
        return;
      }
      const status = fault.status ?? 500;
      const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${status === 403 ? 'AuthorizationFailure' : 'InternalError'}</Code><Message>Injected fault</Message></Error>`;
      res.writeHead(status, { 'Content-Type': 'application/xml', 'x-ms-error-code': status === 403 ? 'AuthorizationFailure' : 'InternalError' }).end(body);
      return;
    }
    const target = this.target;
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  }
}
