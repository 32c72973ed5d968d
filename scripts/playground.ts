// `npm run playground`: the bot (sandbox mode, loopback) + Microsoft 365 Agents Playground, a Teams-like
// web client that runs offline. Open the printed address, pick a chat or channel, and talk to Meeting Bot.
// Ctrl-C stops both. Env: PLAYGROUND_PORT (default 56150), BOT_PORT (default: a free port),
// LOG_LEVEL / DEFAULT_TIMEZONE (passed to the bot), TZ (the zone the Playground reports for you).
import { startBot, type BotProcess } from '../support/bot-process';
import { DEFAULT_PLAYGROUND_PORT, startPlayground, type PlaygroundProcess } from '../support/playground-process';

function pickEnv(names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = process.env[name];
    if (value) out[name] = value;
  }
  return out;
}

/** pino JSON lines → "[bot] WARN message"; anything else unchanged; undefined = not worth showing. */
function formatBotLine(line: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string }; status?: number; path?: string };
    // The Playground checks the endpoint with a GET before connecting; the bot rightly answers 405.
    if (entry.msg === 'request rejected' && entry.status === 405 && entry.path === '/api/messages') return undefined;
    const level = ({ 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' } as Record<number, string>)[entry.level ?? 30] ?? 'INFO';
    return `[bot] ${level} ${entry.msg ?? ''}${entry.err?.message ? ` (${entry.err.message})` : ''}`;
  } catch {
    return `[bot] ${line}`;
  }
}

async function main(): Promise<void> {
  let bot: BotProcess | undefined;
  let playground: PlaygroundProcess | undefined;
  let stopping = false;
  let printed = 0;
  const pump = (): void => {
    if (!bot) return;
    const all = bot.logs();
    const end = all.lastIndexOf('\n') + 1;
    if (end <= printed) return;
    for (const line of all.slice(printed, end).split('\n')) {
      const shown = line.trim() ? formatBotLine(line) : undefined;
      if (shown) console.log(shown);
    }
    printed = end;
  };
  const pumpTimer = setInterval(pump, 300);

  const shutdown = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      console.log('\nStopping the Playground and the bot…');
      await Promise.all([playground?.stop(), bot?.stop()]);
      pump();
      clearInterval(pumpTimer);
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    bot = await startBot({
      HOST: '127.0.0.1',
      // The Playground can't do Teams SSO or OAuth cards: always the sandbox (local identity, simulated Graph).
      SANDBOX: 'true',
      ...(process.env.BOT_PORT ? { PORT: process.env.BOT_PORT } : {}),
      ...pickEnv(['LOG_LEVEL', 'DEFAULT_TIMEZONE']),
    });
    pump();
    playground = await startPlayground({
      botMessagesUrl: bot.messagesUrl,
      port: Number(process.env.PLAYGROUND_PORT || DEFAULT_PLAYGROUND_PORT),
      env: pickEnv(['PATH', 'HOME', 'TZ', 'LANG']),
      onOutput: (chunk) => {
        for (const line of chunk.split('\n')) if (line.trim()) console.log(`[playground] ${line}`);
      },
    });
  } catch (err) {
    console.error(`Could not start: ${(err as Error).message}`);
    return shutdown(1);
  }

  console.log('');
  console.log(`Open ${playground.url} in your browser`);
  console.log('  Personal Chat: type  schedule Design review tomorrow 3pm for 45 min');
  console.log('  Contoso - General: type @Mee, pick "Meeting Bot", then  schedule Design review tomorrow 3pm for 45 min');
  console.log('  Try  schedule  on its own for the form, and  help.  Ctrl-C stops everything.');
  console.log('');

  // Either child dying ends the session: a half-running setup only confuses.
  const which = await Promise.race([bot.exited.then((c) => `bot (code ${c})`), playground.exited.then((c) => `Playground (code ${c})`)]);
  if (!stopping) {
    console.error(`The ${which} stopped unexpectedly.`);
    await shutdown(1);
  }
}

void main();
