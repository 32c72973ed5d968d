// Renders gallery messages with the official Adaptive Cards JavaScript renderer (the `adaptivecards` UMD
// bundle) in headless Chromium, inside a Teams-like light-theme message frame, and reports every problem:
// parse and validation events, renderer errors, page errors and empty renders.
import fs from 'node:fs';
import { launchLocalChromium } from './chromium';
import { ADAPTIVE, OAUTH, type GalleryAttachment, type GalleryMessage } from './card-gallery';

/** Segoe UI where installed (Windows, Teams), then look-alikes; Liberation Sans / DejaVu on a bare Linux box. */
const TEAMS_FONT_STACK =
  "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif";

const FONT_SIZES = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const FONT_WEIGHTS = { lighter: 200, default: 400, bolder: 600 };
const TEAMS_COLORS = {
  default: { default: '#ff252424', subtle: '#bf252424' },
  dark: { default: '#252424', subtle: '#bf252424' },
  light: { default: '#ffffff', subtle: '#fff3f2f1' },
  accent: { default: '#6264a7', subtle: '#8b8cc7' },
  good: { default: '#92c353', subtle: '#e592c353' },
  warning: { default: '#f8d22a', subtle: '#e5f8d22a' },
  attention: { default: '#c4314b', subtle: '#e5c4314b' },
};

/** Microsoft Teams' light-theme HostConfig (as shipped in Agents Playground 0.2.28), with a portable font stack. */
const TEAMS_LIGHT_HOST_CONFIG = {
  choiceSetInputValueSeparator: ',',
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#EEEEEE' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  fontTypes: {
    default: { fontFamily: TEAMS_FONT_STACK, fontSizes: FONT_SIZES, fontWeights: FONT_WEIGHTS },
    monospace: { fontFamily: "'Courier New', Courier, 'Liberation Mono', monospace", fontSizes: FONT_SIZES, fontWeights: FONT_WEIGHTS },
  },
  textStyles: { heading: { fontType: 'default', size: 'large', weight: 'bolder', color: 'default', isSubtle: false } },
  textBlock: { headingLevel: 2 },
  containerStyles: {
    default: { foregroundColors: TEAMS_COLORS, borderColor: '#CCCCCC', backgroundColor: '#ffffff' },
    emphasis: { foregroundColors: TEAMS_COLORS, borderColor: '#666666', backgroundColor: '#fff9f8f7' },
    accent: { foregroundColors: TEAMS_COLORS, borderColor: '#62A8F7', backgroundColor: '#C7DEF9' },
    good: { foregroundColors: TEAMS_COLORS, borderColor: '#69E569', backgroundColor: '#CCFFCC' },
    attention: { foregroundColors: TEAMS_COLORS, borderColor: '#FF764C', backgroundColor: '#FFC5B2' },
    warning: { foregroundColors: TEAMS_COLORS, borderColor: '#FFBC51', backgroundColor: '#FFE2B2' },
  },
  actions: {
    maxActions: 6,
    spacing: 'Default',
    buttonSpacing: 8,
    showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
    preExpandSingleShowCardAction: false,
    actionsOrientation: 'Horizontal',
    actionAlignment: 'Left',
    allowTitleToWrap: true,
  },
  adaptiveCard: { allowCustomStyle: false },
  imageSet: { imageSize: 'Medium', maxImageHeight: 100 },
  factSet: {
    title: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Bolder', wrap: true },
    value: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Default', wrap: true },
    spacing: 16,
  },
};

/** Teams-like chrome around the rendered cards: chat background, bot avatar and name, message bubble, inputs, buttons. */
const PAGE_CSS = `
  html, body { margin: 0; background: #f5f5f5; font-family: ${TEAMS_FONT_STACK}; color: #242424; }
  #gallery { padding: 8px; }
  .msg { display: flex; gap: 10px; padding: 16px 20px 18px 16px; width: 620px; background: #f5f5f5; box-sizing: border-box; }
  .avatar { flex: 0 0 32px; width: 32px; height: 32px; border-radius: 50%; background: #e8d4f4; color: #6b2a8c;
            font: 600 12px/32px ${TEAMS_FONT_STACK}; text-align: center; }
  .body { flex: 1 1 auto; min-width: 0; }
  .meta { font-size: 12px; color: #616161; margin: 0 0 4px 2px; }
  .meta b { color: #424242; font-weight: 600; margin-right: 8px; }
  .bubble { background: #fff; border-radius: 6px; padding: 10px 14px; font-size: 14px; line-height: 20px;
            box-shadow: 0 1px 2px rgba(0,0,0,.12); margin-bottom: 6px; }
  .bubble p { margin: 0; }
  .card { background: #fff; border: 1px solid #e0e0e0; border-radius: 6px; overflow: hidden; margin-bottom: 6px;
          box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  .ac-adaptiveCard p { margin: 0; }
  .ac-input-container { margin-top: 4px; }
  .ac-input { font: 14px ${TEAMS_FONT_STACK}; color: #242424; box-sizing: border-box; }
  .ac-textInput, .ac-dateInput, .ac-timeInput, .ac-numberInput, select.ac-input {
    width: 100%; height: 32px; border: 1px solid #d1d1d1; border-bottom-color: #616161; border-radius: 4px;
    padding: 0 10px; background: #fff; }
  .ac-input.ac-input-validation-failed { border-color: #c4314b; }
  .ac-pushButton { font: 600 14px ${TEAMS_FONT_STACK}; min-height: 32px; padding: 0 12px; border-radius: 4px;
                   border: 1px solid #d1d1d1; background: #fff; color: #242424; cursor: pointer; overflow: hidden;
                   text-overflow: ellipsis; white-space: nowrap; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
  .ac-pushButton.style-destructive { background: #fff; color: #c4314b; border-color: #c4314b; }
`;

export interface RenderedMessage {
  name: string;
  /** Parse/validation events, renderer and page errors, empty renders. Empty = clean. */
  problems: string[];
  /** The rendered message's text, as a reader sees it. */
  text: string;
  /** Values shown in the inputs (text, date, time, selected choice), in document order. */
  inputValues: string[];
  width: number;
  height: number;
  png?: Buffer;
}

const BUNDLE = require.resolve('adaptivecards/dist/adaptivecards.min.js');

/**
 * Renders each message (cards with the real renderer, Teams HostConfig) and returns what went wrong.
 * With `screenshots`, each message frame is captured as a PNG.
 */
export async function renderGallery(messages: GalleryMessage[], opts: { screenshots?: boolean } = {}): Promise<RenderedMessage[]> {
  if (!fs.existsSync(BUNDLE)) throw new Error(`Adaptive Cards bundle not found at ${BUNDLE} (npm ci?)`);
  const browser = await launchLocalChromium({ viewport: { width: 700, height: 900 }, deviceScaleFactor: 1 });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const pageProblems: string[] = [];
    page.on('pageerror', (err) => pageProblems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') pageProblems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${PAGE_CSS}</style></head><body><div id="gallery"></div></body></html>`);
    await page.addScriptTag({ path: BUNDLE });
    const loaded = await page.evaluate(() => typeof (window as unknown as { AdaptiveCards?: unknown }).AdaptiveCards === 'object');
    if (!loaded) throw new Error('the adaptivecards bundle did not define window.AdaptiveCards');

    const results: RenderedMessage[] = [];
    for (const [index, message] of messages.entries()) {
      pageProblems.length = 0;
      const cards = message.attachments.map(displayCard);
      const out = await page.evaluate(renderInPage, { index, text: message.text ?? null, cards, hostConfig: TEAMS_LIGHT_HOST_CONFIG });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const frame = page.locator(`#msg-${index}`);
      const box = await frame.boundingBox();
      const problems = [...out.problems, ...pageProblems];
      const text = await frame.innerText();
      for (const [i, card] of out.cards.entries()) {
        if (card.height < 24 || card.text.trim() === '') problems.push(`card ${i + 1} rendered empty (${card.height}px high, text ${JSON.stringify(card.text)})`);
      }
      if (message.attachments.length === 0 && !message.text) problems.push('message has neither text nor cards');
      const png = opts.screenshots ? await frame.screenshot({ animations: 'disabled' }) : undefined;
      const inputValues = out.cards.flatMap((c) => c.inputValues);
      results.push({ name: message.name, problems, text, inputValues, width: box?.width ?? 0, height: box?.height ?? 0, png });
    }
    return results;
  } finally {
    await browser.close();
  }
}

/**
 * What is drawn for an attachment: Adaptive Cards as they are; an OAuthCard as Teams draws it (its text and a
 * "Sign in" button), expressed as an Adaptive Card so the same renderer and checks apply.
 */
function displayCard(att: GalleryAttachment): { label: string; json: Record<string, unknown> } {
  if (att.contentType === ADAPTIVE) return { label: 'Adaptive Card', json: att.content };
  if (att.contentType === OAUTH) {
    const c = att.content as { text?: string; buttons?: { title?: string; value?: string }[] };
    const button = c.buttons?.[0];
    return {
      label: 'OAuthCard (drawn as Teams shows it)',
      json: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: c.text ?? '', wrap: true }],
        actions: [{ type: 'Action.OpenUrl', title: button?.title ?? 'Sign in', url: button?.value ?? 'https://token.botframework.com/' }],
      },
    };
  }
  throw new Error(`no way to draw an attachment of type ${att.contentType}`);
}

interface InPageArgs {
  index: number;
  text: string | null;
  cards: { label: string; json: Record<string, unknown> }[];
  hostConfig: unknown;
}

/** Runs in the page (serialized by playwright: self-contained, no closures over Node values). */
function renderInPage(args: InPageArgs): { problems: string[]; cards: { height: number; text: string; inputValues: string[] }[] } {
  type AC = typeof import('adaptivecards');
  const AC = (window as unknown as { AdaptiveCards: AC }).AdaptiveCards;
  const problems: string[] = [];
  const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  // Teams' Markdown subset as far as this bot uses it: **bold**, _italic_, line breaks.
  const markdown = (s: string) =>
    escapeHtml(s)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1<em>$2</em>')
      .split(/\n{2,}/)
      .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
      .join('');
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };

  const msg = document.createElement('div');
  msg.className = 'msg';
  msg.id = `msg-${args.index}`;
  msg.innerHTML = '<div class="avatar">MB</div><div class="body"><div class="meta"><b>Meeting Bot</b>9:01 AM</div></div>';
  const body = msg.querySelector('.body') as HTMLElement;
  document.getElementById('gallery')!.appendChild(msg);

  if (args.text) {
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.innerHTML = markdown(args.text);
    body.appendChild(bubble);
  }

  const cards: { height: number; text: string; inputValues: string[] }[] = [];
  for (const [i, { label, json }] of args.cards.entries()) {
    const where = `${label} ${i + 1}`;
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(args.hostConfig);
    card.onExecuteAction = () => undefined;
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    try {
      card.parse(json, context);
    } catch (err) {
      problems.push(`${where}: parse threw ${(err as Error).message}`);
      continue;
    }
    for (let e = 0; e < context.eventCount; e++) {
      const ev = context.getEventAt(e);
      problems.push(`${where}: parse ${AC.ValidationEvent[ev.event]}: ${ev.message}`);
    }
    for (const ev of card.validateProperties().validationEvents) {
      problems.push(`${where}: validate ${AC.ValidationEvent[ev.event]}: ${ev.message}`);
    }
    let element: HTMLElement | undefined;
    try {
      element = card.render();
    } catch (err) {
      problems.push(`${where}: render threw ${(err as Error).message}`);
    }
    if (!element) {
      problems.push(`${where}: render() returned nothing`);
      continue;
    }
    const host = document.createElement('div');
    host.className = 'card';
    host.appendChild(element);
    body.appendChild(host);
    const inputValues = Array.from(host.querySelectorAll('input, select, textarea')).map((el) =>
      el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.text ?? '') : (el as HTMLInputElement).value,
    );
    cards.push({ height: host.getBoundingClientRect().height, text: host.innerText, inputValues });
  }
  return { problems, cards };
}
