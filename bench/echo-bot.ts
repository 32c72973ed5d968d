// Baseline for the benchmark: the smallest bot built from the same botbuilder (4.23.3) and restify (11.1.0)
// as Meeting Bot — CloudAdapter + ActivityHandler, one text reply per message, no auth, no state.
// Same process shape as the real bot: restify bodyParser → CloudAdapter.process → bot.run.
// Env: PORT (default 3978), HOST (default 127.0.0.1). Run: node --disable-warning=DEP0111 dist/bench/echo-bot.js
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context: TurnContext, error: Error) => {
  process.stderr.write(`echo-bot turn failed: ${error.message}\n`);
  await context.sendActivity('echo-bot error').catch(() => undefined);
};
const bot = new EchoBot();

const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { ok: true, bot: 'echo' });
  return next();
});

const port = Number(process.env.PORT ?? '3978');
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => {
  process.stdout.write(`echo-bot listening on http://${host}:${server.address().port}/api/messages\n`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
