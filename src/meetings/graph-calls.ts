// One Graph call as the token's owner, shared by the meeting service (online meetings) and the calendar service
// (Outlook events): one Graph client and one keep-alive connection for the process, the user's token supplied per
// request and sent over https only, a time budget per call, and Graph's failures as MeetingServiceErrors.
import {
  AuthenticationHandler,
  AuthenticationHandlerOptions,
  Client,
  GraphError,
  RedirectHandler,
  RedirectHandlerOptions,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
} from '@microsoft/microsoft-graph-client';
import { deadline, untilAborted, type Deadline } from '../abort';
import { KeepAliveTransport } from './graph-transport';
import { MeetingServiceError, classifyGraphFailure } from './meeting-service-error';

const MAX_CONNECTION_ATTEMPTS = 3;

export interface GraphCallsOptions {
  /** e.g. https://graph.microsoft.com — must be https (the client sends no token otherwise). */
  baseUrl: string;
  /** Extra hosts the token may be sent to (national clouds, test stand-ins). */
  customHosts: Set<string>;
  /** Upper bound for the whole call, retries included. */
  timeoutMs: number;
  /** Retries for 429/503/504 (Retry-After is honoured by the Graph client). */
  maxRetries?: number;
  retryDelaySeconds?: number;
}

export interface GraphCall<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  version: 'v1.0' | 'beta';
  path: string;
  body?: object;
  headers?: Record<string, string>;
  /** Aborts when the call must end (what is left of the turn); the call's own limit still applies. */
  signal?: AbortSignal;
  /** Reads a successful answer. */
  read: (response: Response, json: () => Promise<unknown>) => Promise<T>;
}

export class GraphCalls {
  private readonly client: Client;

  constructor(private readonly options: GraphCallsOptions) {
    // One client for the process; the user's token is supplied per request (see send).
    const noDefaultToken: AuthenticationProvider = { getAccessToken: async () => { throw new Error('a per-request token is required'); } };
    this.client = Client.initWithMiddleware({
      baseUrl: options.baseUrl,
      defaultVersion: 'beta',
      customHosts: options.customHosts,
      // The client's default chain (MiddlewareFactory.getDefaultMiddlewareChain on Node), except the last link:
      // requests go over one keep-alive https agent instead of the global fetch (graph-transport.ts says why).
      middleware: [
        new AuthenticationHandler(noDefaultToken),
        new RetryHandler(new RetryHandlerOptions()),
        new RedirectHandler(new RedirectHandlerOptions()),
        new TelemetryHandler(),
        new KeepAliveTransport(),
      ],
    });
  }

  /**
   * One Graph call as the token's owner, within our own limit or what is left of the turn (Teams gives up after
   * 15 s), whichever comes first: at that point the request in flight is cancelled. The Graph client retries
   * 429/503/504 itself; a dropped connection it doesn't. Every call the bot makes is safe to resend (createOrGet
   * returns the meeting already created for the externalId, an event POST with its transactionId the event already
   * created, PATCH sets the same values, a repeated DELETE or cancel finds nothing), so we do, within the same budget.
   */
  async send<T>(call: GraphCall<T>, accessToken: string): Promise<T> {
    const limit = deadline(this.options.timeoutMs, call.signal);
    try {
      return await this.sendWithin(call, accessToken, limit);
    } finally {
      limit.done();
    }
  }

  private async sendWithin<T>(call: GraphCall<T>, accessToken: string, limit: Deadline): Promise<T> {
    const perRequestAuth: AuthenticationProvider = { getAccessToken: async () => accessToken };
    const { signal } = limit;
    const { method, body } = call;

    for (let attempt = 1; ; attempt++) {
      try {
        const request = this.client
          .api(call.path)
          .version(call.version)
          .headers(call.headers ?? {})
          // The transport cancels the request (and the reading of its answer) when the signal aborts.
          .option('signal', signal)
          .middlewareOptions([
            new AuthenticationHandlerOptions(perRequestAuth),
            new RetryHandlerOptions(this.options.retryDelaySeconds ?? 1, this.options.maxRetries ?? 2),
          ])
          .responseType(ResponseType.RAW);
        const pending: Promise<Response> =
          method === 'GET' ? request.get() : method === 'POST' ? request.post(body ?? {}) : method === 'PATCH' ? request.patch(body) : request.delete();
        // The client's sleep before a retry (Retry-After) doesn't listen to the signal: stop waiting at the abort.
        const response = await untilAborted(pending, signal);
        if (!response.ok) throw await graphErrorFromResponse(response);
        return await call.read(response, () => response.json());
      } catch (err) {
        if (signal.aborted) throw this.timedOut(limit.expired);
        const failure = toMeetingServiceError(err);
        const connectionLost = failure.kind === 'busy' && failure.details.status === -1;
        if (!connectionLost || attempt >= MAX_CONNECTION_ATTEMPTS) throw failure;
      }
    }
  }

  /** Graph took longer than we wait: worth pressing again later, like a throttled call. */
  private timedOut(ownLimit: boolean): MeetingServiceError {
    const within = ownLimit ? `within ${this.options.timeoutMs} ms` : "within what was left of the turn";
    return new MeetingServiceError('busy', `Graph did not answer ${within}`, { status: 0, code: 'Timeout' });
  }
}

async function graphErrorFromResponse(response: Response): Promise<MeetingServiceError> {
  let code: string | undefined;
  let message = `Graph answered ${response.status}`;
  let requestId = response.headers.get('request-id') ?? undefined;
  try {
    const parsed = (await response.json()) as { error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } } };
    code = parsed.error?.code;
    if (parsed.error?.message) message = parsed.error.message;
    requestId = parsed.error?.innerError?.['request-id'] ?? requestId;
  } catch {
    // Not JSON (a proxy's error page): status alone decides.
  }
  return new MeetingServiceError(classifyGraphFailure(response.status, code), message, { status: response.status, code, requestId });
}

function toMeetingServiceError(err: unknown): MeetingServiceError {
  if (err instanceof MeetingServiceError) return err;
  if (err instanceof GraphError) {
    return new MeetingServiceError(classifyGraphFailure(err.statusCode, err.code), err.message, {
      status: err.statusCode,
      code: err.code ?? undefined,
      requestId: err.requestId ?? undefined,
    });
  }
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'AbortError') return new MeetingServiceError('busy', 'Graph request aborted', { status: 0, code: 'Timeout' });
  // fetch() failures (connection reset, refused) surface as TypeError: the meeting may or may not exist; retrying is safe.
  return new MeetingServiceError('busy', (err as Error)?.message ?? String(err), { status: -1 });
}
