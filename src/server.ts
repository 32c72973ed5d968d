// HTTP only: restify routes for the Bot Framework endpoint and a health check.
import restify, { type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from './logger';
import { activityShapeProblem } from './teams/activity-shape';

export interface ServerDeps {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  health: () => Promise<Record<string, unknown>>;
  /** Largest accepted request body. Teams activities are a few KB; cards submits a little more. */
  maxBodyBytes?: number;
}

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'meeting-bot', handleUncaughtExceptions: false });

  // restify's body parser crashes the process on a bogus gzip body: accept identity encoding only.
  server.pre((req, res, next) => {
    const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity' && encoding !== '') {
      res.send(415, { error: 'Content-Encoding is not supported' });
      return next(false);
    }
    return next();
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes ?? 256 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const problem = activityShapeProblem(req.body);
    if (problem) {
      res.send(400, { error: problem });
      return;
    }
    try {
      await deps.adapter.process(req, res, deps.logic);
    } catch (err) {
      deps.logger.error({ err: errorSummary(err) }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    const health = await deps.health();
    res.send(health.ok === false ? 503 : 200, health);
  });

  server.on('restifyError', (req, res, err, callback) => {
    // Keep restify's own 4xx answers (bad JSON, too large) but never leak internals.
    deps.logger.warn({ status: err.statusCode, code: err.code, path: req.path() }, 'request rejected');
    return callback();
  });

  return server;
}

function errorSummary(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { value: String(err) };
}
