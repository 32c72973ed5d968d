// "Schedule a meeting" from a message's … menu in Microsoft 365 Agents Playground (headless Chromium): the compiled
// bot in sandbox mode, the Playground's own message-extension trigger (… → Action Command → the command id), its
// dialog host and Adaptive Card renderer. A user-visible outcome each time: the dialog holds the form prefilled from
// the message, and after Create the join card appears in that message's thread.
//
// The Playground sends every message-extension invoke with locale "en-US" (its invoke activities hard-code it), so a
// Chinese client can't be played here: a message written in Chinese is, and the zh-CN dialog, answer and join card
// are covered over HTTP (test/e2e/message-extension.e2e.test.ts).
//
// Run alone: npm run build && npx mocha --no-config --timeout 180000 --exit --enable-source-maps
// dist/test/browser/message-extension.browser-test.js. With UPDATE_SCREENSHOTS=1 the dialog's picture is copied to
// docs/screenshots/ for the README.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/bot-process';
import { copyDocsScreenshots, openPlaygroundSession, PLAYGROUND_EDITOR as EDITOR, type PlaygroundSession } from '../../support/playground-session';

const ZONE = 'America/New_York';
const SIMULATED_JOIN_PREFIX = 'https://meeting-bot.sandbox.invalid/';
const SHOT_DIR = path.join(REPO_ROOT, 'test-results', 'browser-extension');
/** test-results name → docs/screenshots name (UPDATE_SCREENSHOTS=1). */
const DOCS_SHOTS: Record<string, string> = {
  '01-extension-dialog': 'message-extension-dialog.png',
  '03-extension-join-card': 'message-extension-join-card.png',
};
const COMMAND_ID = 'scheduleFromMessage';

const REPLY_TIMEOUT = 30_000;
const UI_TIMEOUT = 15_000;

describe('Schedule a meeting from a message in Microsoft 365 Agents Playground (headless Chromium)', function () {
  this.timeout(180_000);

  let session: PlaygroundSession | undefined;
  let page: Page;
  let pageErrors: string[] = [];
  const shots: string[] = [];

  before(async function () {
    this.timeout(240_000);
    fs.mkdirSync(SHOT_DIR, { recursive: true });
    for (const f of fs.readdirSync(SHOT_DIR)) if (f.endsWith('.png')) fs.rmSync(path.join(SHOT_DIR, f));
    session = await openPlaygroundSession({ zone: ZONE, uiTimeoutMs: UI_TIMEOUT, workDirPrefix: 'meeting-bot-playground-me-' });
    ({ page, pageErrors } = session);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const safe = this.currentTest.title.replace(/[^\w-]+/g, '-').slice(0, 60);
    await page?.screenshot({ path: path.join(SHOT_DIR, `FAILED-${safe}.png`) }).catch(() => undefined);
    console.log(`\n${session?.outputTail() ?? ''}`);
  });

  after(async function () {
    this.timeout(30_000);
    await session?.close();
    copyDocsScreenshots(SHOT_DIR, DOCS_SHOTS, shots);
  });

  // ---------------------------------------------------------------------------------------------

  async function shot(name: string, target: Locator | Page = page): Promise<void> {
    await target.screenshot({ path: path.join(SHOT_DIR, `${name}.png`), animations: 'disabled' });
    shots.push(name);
  }

  async function openConversation(name: string): Promise<void> {
    await page.getByRole('treeitem', { name, exact: true }).click();
    await page.locator(EDITOR).first().waitFor({ state: 'visible' });
  }

  /**
   * The message's … menu → Action Command → the command id → Create: what a Teams user does by picking "Schedule a
   * meeting" under the message's More actions. Resolves with the dialog once the bot's form is in it.
   */
  async function openExtensionOn(message: Locator): Promise<Locator> {
    await message.hover();
    await message.getByRole('button', { name: 'Show more information' }).first().click();
    await page.getByRole('menuitem', { name: 'Action Command' }).click();
    const options = page.getByRole('dialog', { name: 'Command ID option dialog' });
    await options.getByPlaceholder('Input command id or leave blanks').fill(COMMAND_ID);
    await options.getByRole('button', { name: 'Create', exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ has: page.locator('.ac-adaptiveCard') });
    await dialog.locator('.ac-adaptiveCard').filter({ hasText: 'Create meeting' }).waitFor({ state: 'visible', timeout: REPLY_TIMEOUT });
    return dialog;
  }

  /** Create in the dialog: the dialog then says the meeting is scheduled, and its own close ends it. */
  async function createFrom(dialog: Locator, subject: string, shotName?: string): Promise<void> {
    await dialog.getByRole('button', { name: 'Create meeting' }).click();
    const notice = dialog.locator('.ac-adaptiveCard').filter({ hasText: 'Meeting scheduled' });
    await notice.waitFor({ state: 'visible', timeout: REPLY_TIMEOUT });
    assert.match(await notice.innerText(), new RegExp(subject), 'the answer names the meeting');
    if (shotName) await shot(shotName, dialog);
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** The join card: subject, the day and time in the user's zone, and a Join link to the simulated meeting. */
  async function expectJoinCard(scope: Locator | Page, subject: string, when: RegExp): Promise<Locator> {
    const card = scope.locator('.ac-adaptiveCard').filter({ hasText: 'Meeting scheduled' }).filter({ hasText: subject });
    await card.waitFor({ state: 'visible', timeout: REPLY_TIMEOUT });
    const text = await card.innerText();
    assert.match(text, /When: .*\(America\/New_York\)/, `join card not in the user's zone:\n${text}`);
    assert.match(text, when, `join card not at the time the message said:\n${text}`);
    const join = card.locator('button[role="link"]').filter({ hasText: 'Join' });
    assert.ok(((await join.getAttribute('title')) ?? '').startsWith(SIMULATED_JOIN_PREFIX), 'Join points at the simulated meeting');
    return card;
  }

  function tomorrowLabel(): RegExp {
    const day = DateTime.now().setZone(ZONE).plus({ days: 1 });
    // The test could straddle midnight: the next day is fine too.
    return new RegExp(`(${day.toFormat('ccc, LLL d')}|${day.plus({ days: 1 }).toFormat('ccc, LLL d')})`);
  }

  /** A channel post without a mention: Teams (and the Playground) don't send it to the bot; it is just a message. */
  async function post(text: string): Promise<Locator> {
    await page.locator(EDITOR).first().click();
    await page.keyboard.type(text);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const thread = page.getByRole('group').filter({ hasText: text });
    await thread.first().waitFor({ state: 'visible' });
    return thread.first();
  }

  // ---------------------------------------------------------------------------------------------

  it('channel post → … → Schedule: the dialog holds the form prefilled from the post; Create → the join card in that post\'s thread', async function () {
    await openConversation('Contoso - General');
    const thread = await post('Launch plan review tomorrow 3pm for 45 min');
    const dialog = await openExtensionOn(thread);
    const form = dialog.locator('.ac-adaptiveCard');
    assert.equal(await form.getByRole('textbox', { name: 'Subject' }).inputValue(), 'Launch plan review', 'the subject from the message');
    assert.equal(await form.getByRole('combobox', { name: /Start time/ }).inputValue(), '3:00 PM');
    assert.equal(await form.getByRole('combobox', { name: /Duration/ }).inputValue(), '45 minutes');
    assert.match(await dialog.innerText(), /Schedule a meeting/, "the dialog's title");
    await shot('01-extension-dialog', dialog);

    await createFrom(dialog, 'Launch plan review', '02-extension-scheduled');
    const card = await expectJoinCard(thread, 'Launch plan review', /3:00 PM – 3:45 PM/);
    assert.match(await card.innerText(), tomorrowLabel());
    await shot('03-extension-join-card', thread);
  });

  it('personal chat: a message written in Chinese in an English client → the form reads its day and time → the join card in the chat', async function () {
    await openConversation('Personal Chat');
    const text = '明天下午2点 讨论预算';
    await page.locator(EDITOR).last().click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    // Not a command: the bot answers with its help; the … is on the message itself (the innermost block holding both).
    const message = page.getByText(text, { exact: true }).last().locator('xpath=ancestor::*[.//button[@aria-label="Show more information"]][1]');
    await message.waitFor({ state: 'visible' });
    const dialog = await openExtensionOn(message);
    const form = dialog.locator('.ac-adaptiveCard');
    assert.equal(await form.getByRole('textbox', { name: 'Subject' }).inputValue(), '讨论预算');
    assert.equal(await form.getByRole('combobox', { name: /Start time/ }).inputValue(), '2:00 PM');
    await createFrom(dialog, '讨论预算');
    // No length in the message: the form's default, half an hour.
    await expectJoinCard(page, '讨论预算', /2:00 PM – 2:30 PM/);
  });

  it('the page threw no errors', function () {
    assert.deepEqual(pageErrors, []);
  });
});
