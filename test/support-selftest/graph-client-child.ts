// Child process for the self-test: drives the REAL @microsoft/microsoft-graph-client
// against GraphStandIn. A child because NODE_EXTRA_CA_CERTS is only read at
// process start (this is also how the bot trusts the stand-in's CA).
// argv[2]: JSON { baseUrl, calls: GraphCall[] }; prints one JSON result per call.
import { Client, GraphError, ResponseType } from '@microsoft/microsoft-graph-client';

export interface GraphCall {
  name: string;
  token: string;
  path: string;
  version?: string;
  method: 'post' | 'get' | 'patch' | 'delete';
  body?: unknown;
  /** RAW mode shows status and headers but never throws; default mode throws GraphError (default true). */
  raw?: boolean;
  /** Host-name allow-list for the token (default ['127.0.0.1']). */
  customHosts?: string[];
  /** Extra request headers (e.g. Prefer). */
  headers?: Record<string, string>;
}

export interface GraphCallResult {
  name: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  error?: { statusCode: number; code: string | null; requestId: string | null; message: string; body?: unknown };
  ms: number;
}

async function main(): Promise<void> {
  const { baseUrl, calls } = JSON.parse(process.argv[2] ?? '{}') as { baseUrl: string; calls: GraphCall[] };
  for (const call of calls) {
    const client = Client.initWithMiddleware({
      authProvider: { getAccessToken: async () => call.token },
      baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
      customHosts: new Set(call.customHosts ?? ['127.0.0.1']),
    });
    const started = Date.now();
    const result: GraphCallResult = { name: call.name, ms: 0 };
    try {
      const raw = call.raw ?? true;
      const req = client.api(call.path).version(call.version ?? 'beta');
      if (call.headers) req.headers(call.headers);
      if (raw) req.responseType(ResponseType.RAW);
      const out: unknown =
        call.method === 'post'
          ? await req.post(call.body)
          : call.method === 'patch'
            ? await req.patch(call.body)
            : call.method === 'delete'
              ? await req.delete()
              : await req.get();
      if (raw) {
        const res = out as Response;
        result.status = res.status;
        result.headers = {};
        res.headers.forEach((v, k) => (result.headers![k] = v));
        const text = await res.text();
        result.body = text ? (JSON.parse(text) as unknown) : undefined;
      } else {
        result.body = out;
      }
    } catch (err) {
      const e = err as GraphError;
      result.error = {
        statusCode: e.statusCode,
        code: e.code,
        requestId: e.requestId,
        message: e.message,
        body: e.body,
      };
    }
    result.ms = Date.now() - started;
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
