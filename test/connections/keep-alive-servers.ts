// Minimal loopback servers for Graph's online meetings (https) and the token service's GetToken (http) that never
// close an idle connection and announce no idle timeout (no Keep-Alive header) — unlike Node's default of 5 s, which
// it announces: whether a connection is reused across pauses then depends on the client alone. Each counts the
// connections (TLS handshakes) it accepted.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface CountingServer {
  url: string;
  /** Connections accepted (for https: completed TLS handshakes). */
  connections(): number;
  /** Of those, TLS sessions resumed from an earlier one (abbreviated handshakes). */
  resumed(): number;
  stop(): Promise<void>;
}

async function serve(server: http.Server, scheme: 'http' | 'https', event: 'connection' | 'secureConnection'): Promise<CountingServer> {
  let connections = 0;
  let resumed = 0;
  const sockets = new Set<Socket>();
  // 0: no idle timeout, and so no `Keep-Alive: timeout=…` header for the client to go by.
  server.keepAliveTimeout = 0;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on(event, (s: Socket & { isSessionReused?: () => boolean }) => {
    connections++;
    if (s.isSessionReused?.()) resumed++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    resumed: () => resumed,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function json(res: http.ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** POST …/createOrGet → 201, PATCH …/{id} → 200, DELETE …/{id} → 204: just enough for GraphMeetingService. */
export function graphServer(tls: { cert: string; key: string }): Promise<CountingServer> {
  const meeting = (subject: string) => ({
    id: 'meeting-1',
    subject,
    startDateTime: '2026-11-28T20:00:00.0000000Z',
    endDateTime: '2026-11-28T20:30:00.0000000Z',
    joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/x',
  });
  const server = https.createServer(tls, (req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const subject = raw ? String((JSON.parse(raw) as { subject?: string }).subject ?? '') : '';
      if (req.method === 'POST') json(res, 201, meeting(subject));
      else if (req.method === 'PATCH') json(res, 200, meeting(subject));
      else json(res, 204);
    });
  });
  return serve(server, 'https', 'secureConnection');
}

/** GET /api/usertoken/GetToken → a token for anyone. */
export function tokenServer(): Promise<CountingServer> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      json(res, 200, { channelId: 'msteams', connectionName: 'GraphConnection', token: 'graph-token-alice', expiration: new Date(Date.now() + 3_600_000).toISOString() }),
    );
  });
  return serve(server, 'http', 'connection');
}
