// Headless Debian Chromium driven by playwright-core, kept strictly on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's `chromium` package; CHROMIUM_PATH overrides it. Never a downloaded browser. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface LocalBrowser {
  context: BrowserContext;
  /** Every non-local request the page tried to make (all of them were aborted). */
  blocked: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** IANA zone the page runs in (Date, Intl). */
  timezoneId?: string;
  locale?: string;
  deviceScaleFactor?: number;
}

/**
 * Launches Chromium with a fresh profile, no network beyond loopback (DNS resolution of anything else
 * fails, and every non-local request is aborted), and fails with a message that says what to do.
 */
export async function launchLocalChromium(opts: LaunchOptions = {}): Promise<LocalBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's browser with \`apt-get install -y chromium\` ` +
        '(or set CHROMIUM_PATH to a Chromium binary). Never `npx playwright install`: it downloads a browser.',
    );
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-bot-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      timeout: 60_000,
      viewport: opts.viewport ?? { width: 1280, height: 860 },
      deviceScaleFactor: opts.deviceScaleFactor ?? 1,
      timezoneId: opts.timezoneId,
      locale: opts.locale ?? 'en-US',
      // playwright adds --headless and its own user-data-dir handling; these are the rest of the house flags.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
    });
  } catch (err) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`Chromium at ${CHROMIUM_PATH} did not start: ${(err as Error).message}`);
  }

  const blocked: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    let local = false;
    try {
      const u = new URL(url);
      local = LOCAL_HOSTS.has(u.hostname) && ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol);
    } catch {
      local = false;
    }
    if (local) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });

  return {
    context,
    blocked,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
