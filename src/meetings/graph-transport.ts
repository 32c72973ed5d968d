// The last link of the Graph client's middleware chain: sends the request over Node's https with one keep-alive
// agent, in place of the client's default (the global fetch).
//
// Why: on Node 20 the global fetch is undici with its default agent, which closes a connection after 4 s idle
// (unless the server hints otherwise): turns are minutes apart, so nearly every Graph call paid a new TCP and TLS
// handshake. It also opens a second connection for a request sent the moment the previous answer was read (the
// first isn't back in its pool yet). An https.Agent with keepAlive reuses the most recently used connection
// first, and keeps an idle one for IDLE_MS. The answer is read whole before it is handed on (Graph's are a few KB),
// so the connection is free again at once.
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * How long an idle connection is kept: long enough for the next turns of a busy team, well under the 4 minutes
 * after which Azure's load balancers drop an idle flow without telling either end.
 */
const IDLE_MS = 60_000;

/** Statuses whose answers have no body (fetch gives an empty one). */
const NO_BODY = new Set([204, 205, 304]);

export function graphAgent(): https.Agent {
  // lifo: sequential calls share one connection; concurrent ones open more (HTTP/1.1 sends one request at a time).
  return new https.Agent({ keepAlive: true, scheduling: 'lifo', timeout: IDLE_MS });
}

export class KeepAliveTransport implements Middleware {
  constructor(private readonly agent: https.Agent = graphAgent()) {}

  async execute(context: Context): Promise<void> {
    context.response = await send(this.agent, context.request, context.options ?? {});
  }
}

async function send(agent: https.Agent, request: RequestInfo, options: RequestInit): Promise<Response> {
  // The Graph client always passes the URL as a string (GraphRequest.send); anything else would be a client change.
  if (typeof request !== 'string') throw new TypeError('Graph transport: expected the request URL as a string');
  const url = new URL(request);
  // The user's token must never travel in clear text (the Graph client only attaches it to https URLs anyway).
  if (url.protocol !== 'https:') throw new TypeError(`Graph transport: only https URLs are called (got ${url.protocol})`);
  const headers = headerObject(options.headers);
  const body = bodyOf(options.body);
  if (body) headers['content-length'] = String(body.byteLength);

  const signal = options.signal ?? undefined;
  if (signal?.aborted) throw abortError();
  return new Promise<Response>((resolve, reject) => {
    // The signal is listened to here, not handed to https.request: Node 20's own handling of a request's signal
    // costs about as much CPU as the request's TLS write (measured). Aborting destroys the request, as it would.
    const onAbort = (): void => void req.destroy(abortError());
    const settle = <A>(finish: (value: A) => void) => (value: A): void => {
      signal?.removeEventListener('abort', onAbort);
      finish(value);
    };
    const ok = settle(resolve);
    const fail = settle(reject);
    const req = https.request(url, { method: options.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => ok(toResponse(res, request, Buffer.concat(chunks))));
      res.on('error', fail);
      // A connection that closes before the whole answer arrived (reset, abort) is an error, like fetch's.
      res.on('close', () => {
        if (!res.complete) fail(new Error('Graph closed the connection before the whole answer arrived'));
      });
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    req.end(body);
  });
}

/**
 * The request's headers as Node's http takes them. The Graph client builds them as a plain object, read here
 * directly (names compared as fetch's Headers would: without case, repeated values joined); other forms go through
 * Headers.
 */
function headerObject(init: HeadersInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const add = (value: string, name: string): void => {
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  };
  if (isPlainObject(init)) {
    for (const [name, value] of Object.entries(init)) add(String(value), name);
  } else {
    new Headers(init).forEach(add);
  }
  return headers;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What fetch rejects with when its signal aborts (the Graph client and our error mapping look for the name). */
function abortError(): Error {
  return new DOMException('This operation was aborted', 'AbortError');
}

/** The request bodies the Graph client sends: JSON text, or bytes. */
function bodyOf(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('Graph transport: unsupported request body (expected text or bytes)');
}

function toResponse(res: IncomingMessage, url: string, body: Buffer): Response {
  const status = res.statusCode ?? 0;
  return new ReadAnswer(url, status, res.statusMessage ?? '', res.rawHeaders, NO_BODY.has(status) ? Buffer.alloc(0) : body);
}

/**
 * A fetch Response whose body has already been read whole (Graph's answers are a few KB). json(), text(), bytes()
 * and arrayBuffer() give the bytes at hand, once, as fetch does; `body`, the stream, stays null: nothing in the
 * Graph client or in GraphCalls reads it.
 *
 * It implements the Response interface rather than extending undici's Response: constructing one of those (its
 * init checks, a Headers object filled and validated header by header) cost about a tenth of a Graph call's CPU, and
 * a successful call never looks at the answer's headers. Here they are made into a Headers object the first time
 * something asks (a retry reading Retry-After, an error's request-id).
 */
class ReadAnswer implements Response {
  readonly body = null;
  readonly redirected = false;
  readonly type: ResponseType = 'basic';
  private consumed = false;
  private headerSet: Headers | undefined;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    private readonly rawHeaders: readonly string[],
    private readonly whole: Buffer,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get headers(): Headers {
    if (this.headerSet === undefined) {
      const headers = new Headers();
      for (let i = 0; i + 1 < this.rawHeaders.length; i += 2) headers.append(this.rawHeaders[i]!, this.rawHeaders[i + 1]!);
      this.headerSet = headers;
    }
    return this.headerSet;
  }

  get bodyUsed(): boolean {
    return this.consumed;
  }

  async text(): Promise<string> {
    return this.take().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.take().toString('utf8')) as unknown;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(this.take());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.take()).buffer;
  }

  async blob(): Promise<Blob> {
    return new Blob([new Uint8Array(this.take())], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    // Graph answers JSON; fetch would reject a body that is not a form the same way.
    this.take();
    throw new TypeError('Graph transport: the answer is not form data');
  }

  clone(): Response {
    if (this.consumed) throw new TypeError('Response.clone: Body has already been consumed.');
    return new ReadAnswer(this.url, this.status, this.statusText, this.rawHeaders, this.whole);
  }

  private take(): Buffer {
    if (this.consumed) throw new TypeError('Body is unusable: Body has already been read');
    this.consumed = true;
    return this.whole;
  }
}
