// One browser session in Microsoft 365 Agents Playground, as the browser tests use it: headless Chromium, the
// compiled bot in sandbox mode, the Playground in a private working directory, and its page loaded and ready for
// typing. Closing ends all three. Screenshots worth showing in the docs are copied there with UPDATE_SCREENSHOTS=1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { freePort, REPO_ROOT, startBot, type BotProcess } from './bot-process';
import { launchLocalChromium, type LocalBrowser } from './chromium';
import { startPlayground, type PlaygroundProcess } from './playground-process';

/** The Playground's compose box. */
export const PLAYGROUND_EDITOR = '[data-lexical-editor="true"][role="textbox"]';
// The Playground page parses a 9 MB bundle (5–10 s on two slow cores).
const PAGE_TIMEOUT = 90_000;

export interface PlaygroundSessionOptions {
  /** The zone the page and the Playground run in (the Playground sends its own process zone for the user). */
  zone: string;
  /** Default timeout of page actions. */
  uiTimeoutMs: number;
  /** Prefix of the private working directory. */
  workDirPrefix: string;
  /** Called with the page before anything is loaded into it (e.g. to route its WebSocket). */
  preparePage?: (page: Page) => Promise<void>;
  /** Called when the page doesn't come up, before the error is thrown (e.g. to save a screenshot). */
  onLoadFailure?: () => Promise<void>;
}

export interface PlaygroundSession {
  browser: LocalBrowser;
  page: Page;
  bot: BotProcess;
  playground: PlaygroundProcess;
  /** Uncaught errors in the page, as they happen. */
  pageErrors: string[];
  /** The last lines of the bot's and the Playground's output, for a failed test. */
  outputTail(): string;
  close(): Promise<void>;
}

export async function openPlaygroundSession(opts: PlaygroundSessionOptions): Promise<PlaygroundSession> {
  const pageErrors: string[] = [];
  let bot: BotProcess | undefined;
  let playground: PlaygroundProcess | undefined;
  let workDir: string | undefined;
  // Browser first: if Chromium is missing, say so before starting anything else.
  const browser = await launchLocalChromium({ viewport: { width: 1280, height: 900 }, timezoneId: opts.zone });
  const close = async (): Promise<void> => {
    await browser.close();
    await playground?.stop();
    await bot?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await opts.preparePage?.(page);
    page.setDefaultTimeout(opts.uiTimeoutMs);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    try {
      bot = await startBot({ HOST: '127.0.0.1', SANDBOX: 'true', LOG_LEVEL: 'info' }, { timeoutMs: 30_000 });
    } catch (err) {
      throw new Error(`The bot did not come up: ${(err as Error).message}`);
    }

    // A private working directory: the Playground reads .m365agentsplayground.yml from it and writes devTools/ there.
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), opts.workDirPrefix));
    fs.copyFileSync(path.join(REPO_ROOT, '.m365agentsplayground.yml'), path.join(workDir, '.m365agentsplayground.yml'));
    try {
      playground = await startPlayground({
        botMessagesUrl: bot.messagesUrl,
        port: await freePort(),
        cwd: workDir,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: workDir, TZ: opts.zone },
        timeoutMs: 45_000,
      });
    } catch (err) {
      throw new Error(`Agents Playground did not come up: ${(err as Error).message}`);
    }

    // Ready = the page fetched its configuration and shows a compose box (the bot must already be up).
    const configResponse = page.waitForResponse((r) => r.url().includes('/_internal/v1/config'), { timeout: PAGE_TIMEOUT });
    try {
      await page.goto(playground.url, { timeout: PAGE_TIMEOUT });
      const config = (await (await configResponse).json()) as { config?: { bot?: { name?: string } } };
      assert.equal(config.config?.bot?.name, 'Meeting Bot', 'the Playground did not load .m365agentsplayground.yml');
      await page.locator(PLAYGROUND_EDITOR).first().waitFor({ state: 'visible', timeout: PAGE_TIMEOUT });
    } catch (err) {
      await opts.onLoadFailure?.();
      throw new Error(
        `The Agents Playground page did not come up at ${playground.url}: ${(err as Error).message}\n` +
          `Page errors: ${pageErrors.join(' | ') || 'none'}\nPlayground output:\n${playground.logs()}`,
      );
    }
    // More room for the conversation: the protocol log isn't what we look at.
    const hideLog = page.getByTitle('Hide log panel');
    if (await hideLog.isVisible()) await hideLog.click();

    const started = { bot, playground };
    const tail = (s: string): string => s.split('\n').slice(-25).join('\n');
    return {
      browser,
      page,
      ...started,
      pageErrors,
      outputTail: () => `--- bot output (last lines) ---\n${tail(started.bot.logs())}\n--- Playground output (last lines) ---\n${tail(started.playground.logs())}`,
      close,
    };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/** With UPDATE_SCREENSHOTS=1: the screenshots taken in this run (`taken`) that the docs show, copied there. */
export function copyDocsScreenshots(shotDir: string, docsNames: Record<string, string>, taken: readonly string[]): void {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const docsDir = path.join(REPO_ROOT, 'docs', 'screenshots');
  fs.mkdirSync(docsDir, { recursive: true });
  for (const [from, to] of Object.entries(docsNames)) {
    const src = path.join(shotDir, `${from}.png`);
    if (taken.includes(from) && fs.existsSync(src)) fs.copyFileSync(src, path.join(docsDir, to));
  }
}
