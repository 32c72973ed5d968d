// Run by server-answers.test.ts in a child process (restify replaces http.ServerResponse.prototype.writeHead for
// the whole process, which would break the in-process stand-ins of every other test file in a shared mocha run).
// createServer with a small ActivityHandler, in process: the failures the fuzz run never reaches because nothing
// fails there — an invoke whose turn throws, middleware that throws, each kind of authentication failure.
// Prints one JSON object {scenario: {status, …}} on stdout.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import type { Server } from 'restify';
import { createLogger } from '../../src/logger';
import { BotAdapter } from '../../src/http/bot-adapter';
import { createServer } from '../../src/http/server';
import { MAX_MESSAGE_CHARS } from '../../src/http/activity-shape';
import { personalMessage, verifyStateInvoke, type InboundActivity } from '../../support/activities';

export interface ScenarioResult {
  status: number;
  body?: any;
  /** Texts the bot posted to the connector for this activity. */
  replies?: string[];
  connectorCalls?: number;
}

class Bot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      if (context.activity.text === 'throw') throw new Error('bug in the bot');
      await context.sendActivity(`echo ${context.activity.text}`);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<{ status: number; body?: unknown }> {
    if (context.activity.name === 'test/throw') throw new Error('bug in an invoke handler');
    if (context.activity.name === 'test/ok') return { status: 200, body: { ok: true } };
    if (context.activity.name === 'test/conflict') return { status: 409 };
    return super.onInvokeActivity(context);
  }
}

/** Throws whatever it was given, like a token validation that fails. */
class FailingAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(private readonly failure: unknown) {
    super({});
  }

  override authenticateRequest(): never {
    throw this.failure;
  }
}

/** A minimal Bot Connector (plain http, no writeHead chaining): records what the bot posts. */
class Connector {
  readonly calls: Array<{ path: string; activity: any }> = [];
  private server?: http.Server;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        this.calls.push({ path: req.url ?? '', activity: body ? JSON.parse(body) : undefined });
        res.statusCode = 200;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ id: String(this.calls.length) }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function main(): Promise<void> {
  const logger = createLogger('silent');
  const connector = new Connector();
  const serviceUrl = await connector.start();
  const servers: Server[] = [];

  const start = async (opts: { onTurnError?: boolean; authentication?: BotFrameworkAuthentication; middlewareThrows?: boolean } = {}): Promise<string> => {
    const adapter = new BotAdapter(new ConfigurationBotFrameworkAuthentication({}));
    if (opts.onTurnError ?? true) adapter.onTurnError = async () => undefined;
    if (opts.middlewareThrows) {
      adapter.use({
        onTurn: async () => {
          throw new Error('bug in middleware');
        },
      });
    }
    const bot = new Bot();
    const server = createServer({ adapter, logic: (c) => bot.run(c), logger, health: async () => ({ ok: true }), authentication: opts.authentication });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  const post = async (url: string, activity: InboundActivity): Promise<ScenarioResult> => {
    const before = connector.calls.length;
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    const calls = connector.calls.slice(before);
    return {
      status: res.status,
      body: text ? JSON.parse(text) : undefined,
      replies: calls.filter((c) => c.path.endsWith(`/activities/${encodeURIComponent(String(activity.id))}`)).map((c) => String(c.activity?.text)),
      connectorCalls: calls.length,
    };
  };
  const invoke = (name: string): InboundActivity => ({ ...verifyStateInvoke({ serviceUrl, state: '1' }), name, value: {} });
  const results: Record<string, ScenarioResult> = {};

  const normal = await start();
  results['invoke ok'] = await post(normal, invoke('test/ok'));
  results['invoke conflict'] = await post(normal, invoke('test/conflict'));
  results['invoke unknown'] = await post(normal, invoke('test/unknown'));
  results['invoke throws'] = await post(normal, invoke('test/throw'));
  results['message throws'] = await post(normal, personalMessage({ serviceUrl, text: 'throw' }));
  results['message overlong'] = await post(normal, personalMessage({ serviceUrl, text: 'schedule ' + 'x'.repeat(MAX_MESSAGE_CHARS) }));
  results['message at the limit'] = await post(normal, personalMessage({ serviceUrl, text: 'y'.repeat(MAX_MESSAGE_CHARS) }));

  const rethrowing = await start({ onTurnError: false });
  results['invoke throws, no onTurnError'] = await post(rethrowing, invoke('test/throw'));
  results['message throws, no onTurnError'] = await post(rethrowing, personalMessage({ serviceUrl, text: 'throw' }));

  const brokenMiddleware = await start({ middlewareThrows: true });
  results['invoke, middleware throws'] = await post(brokenMiddleware, invoke('test/ok'));

  const failures: Array<[string, unknown]> = [
    ['auth: AuthenticationError 401', new AuthenticationError('Unauthorized. Invalid AppId passed on token: x', 401)],
    ['auth: JsonWebTokenError', Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' })],
    ['auth: NotBeforeError', Object.assign(new Error('jwt not active'), { name: 'NotBeforeError' })],
    ['auth: unexpected TypeError', new TypeError('Only absolute URLs are supported')],
    ['auth: AuthenticationError 500 (keys not loaded)', new AuthenticationError('Failed to load openID config: 500', 500)],
    ['auth: FetchError (key endpoint unreachable)', Object.assign(new Error('request failed, reason: connect ECONNREFUSED'), { name: 'FetchError' })],
  ];
  for (const [name, failure] of failures) {
    const url = await start({ authentication: new FailingAuthentication(failure) });
    results[name] = await post(url, personalMessage({ serviceUrl, text: 'help' }));
  }
  const strict = await start({ authentication: new FailingAuthentication(new AuthenticationError('Unauthorized', 401)) });
  results['auth fails, body malformed'] = await post(strict, { type: 'message', id: 'm1', conversation: 42 });

  for (const s of servers) s.close();
  await connector.stop();
  process.stdout.write(JSON.stringify(results) + '\n');
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);
