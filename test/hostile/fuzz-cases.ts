// Generated hostile requests for /api/messages, reproducible from a seed. Every activity's serviceUrl is the
// loopback connector stand-in (or something that is not an http URL at all): nothing here can make the bot call
// any other address.
import zlib from 'node:zlib';
import { VERBS } from '../../src/teams/card-verbs';
import {
  ALICE,
  BOB,
  BOT_APP_ID,
  BOT_NAME,
  cardSubmit,
  channelMessage,
  conversationUpdate,
  groupChatMessage,
  installationUpdate,
  personalMessage,
  tokenExchangeInvoke,
  verifyStateInvoke,
  type InboundActivity,
  type TeamsUser,
} from '../../support/activities';

// ---- seeded PRNG (mulberry32) --------------------------------------------

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Random printable-ish text (may include any BMP char when `anyChar`). */
  text(length: number, anyChar = false): string {
    let out = '';
    for (let i = 0; i < length; i++) out += anyChar ? String.fromCharCode(this.int(1, 0xfffd)) : String.fromCharCode(this.int(32, 126));
    return out;
  }

  bytes(length: number): Buffer {
    const b = Buffer.alloc(length);
    for (let i = 0; i < length; i++) b[i] = this.int(0, 255);
    return b;
  }
}

// ---- cases ----------------------------------------------------------------

/** A status list (any of them), or "anything below 500". */
/** Statuses accepted; null: the connection was reset before an answer could be read. */
type Expectation = Array<number | null> | 'below500';

export interface FuzzCase {
  seq: number;
  category: string;
  note: string;
  /** HTTP via fetch … */
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** … or raw bytes over a TCP socket (malformed HTTP, oversized streams, aborted uploads). */
  raw?: Buffer;
  /** Raw only: destroy the socket right after writing (an aborted upload: no answer expected). */
  abort?: boolean;
  expect: Expectation;
  /** The activity, when the body is one (reply correlation). */
  activity?: InboundActivity;
  /** A message the bot must answer: a reply to it, or an update of the card it came from. */
  wantsReply?: boolean;
  /** deliveryMode expectReplies: the answers come back in the HTTP response. */
  repliesInBody?: boolean;
}

export interface FormInfo {
  /** Action.Submit data of the "Create meeting" button (action, formId, ownerId, …). */
  data: Record<string, unknown>;
  /** Id of the activity carrying the card. */
  cardId: string;
  conversation: InboundActivity;
  owner: TeamsUser;
}

export interface FuzzContext {
  serviceUrl: string;
  sandbox: boolean;
  /** A real form card the bot posted during setup (Alice's, in a channel thread). */
  aliceForm: FormInfo;
}

const FUZZ_USERS: TeamsUser[] = [
  ALICE,
  BOB,
  ...[1, 2, 3, 4, 5].map((n) => ({
    id: `29:1FuzzUser${n}xYz${'q'.repeat(n)}AbCdEfGhIjKlMnOpQrStUvWx`,
    name: `Fuzz User ${n}`,
    aadObjectId: `0000000${n}-0000-4000-8000-00000000000${n}`,
  })),
];

const TIME_ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC', 'Etc/GMT+12', 'Mars/Olympus_Mons', '', '../../etc', 'Europe/London\u0000'];

const WORDS = [
  'tomorrow', 'today', 'next friday', 'friday', 'at', '3pm', '15:00', '25:99', '00:00', '2026-02-30', '2026-12-31', '9999-12-31',
  '1999-01-01', 'for', '45 minutes', '1:30 hours', '1h30', '0 minutes', '-5 minutes', '99999 hours', '1e9 min', 'with',
  '<at>Bob Sample</at>', '&amp;', '&lt;script&gt;', '<script>alert(1)</script>', '**bold**', '[x](https://evil.invalid)', '${7*7}',
  '${$root}', '{{x}}', '\u202eevil', '\u0000', '\ufeff', '\ud83d\ude42', '\u03a9', '\ufdfa', '\n', '\t', 'noon', 'midnight',
  'yesterday', 'in 100 years', 'every day', 'UTC', 'PST', 'Europe/London', 'review', 'sync', 'Design', 'standup', '\\', '"', "'",
  '%s%s%n', '\ud800', '\udc00', 'null', 'undefined', 'NaN', '__proto__', 'constructor', 'schedule', 'help', 'cancel',
];

const COMMANDS = ['help', 'schedule', 'cancel', 'sign out', 'logout', '/help', '?', 'book', 'new', 'stop', 'HELP', 'Schedule', ''];

const KNOWN_UNHANDLED_INVOKES = [
  'config/fetch', 'config/submit', 'fileConsent/invoke', 'actionableMessage/executeAction', 'composeExtension/query',
  'composeExtension/queryLink', 'composeExtension/anonymousQueryLink', 'composeExtension/selectItem', 'composeExtension/submitAction',
  'composeExtension/fetchTask', 'composeExtension/querySettingUrl', 'composeExtension/setting', 'composeExtension/onCardButtonClicked',
  'task/fetch', 'task/submit', 'tab/fetch', 'tab/submit', 'adaptiveCard/action', 'application/search', 'signin/failure', 'healthCheck',
  'handoff/action', 'message/submitAction',
];

const LIFECYCLE_TYPES = ['typing', 'endOfConversation', 'messageUpdate', 'messageDelete', 'event', 'handoff', 'trace', 'contactRelationUpdate', 'deleteUserData', 'suggestion', 'command', 'messageReaction'];

const TEAMS_EVENT_TYPES = ['channelCreated', 'channelDeleted', 'channelRenamed', 'teamArchived', 'teamDeleted', 'teamHardDeleted', 'channelRestored', 'teamRenamed', 'teamRestored', 'teamUnarchived', 'teamMemberAdded', 'teamMemberRemoved', 'editMessage', 'softDeleteMessage', 'undeleteMessage', 'bogus'];

/** Values of the wrong type (or pathological values of the right one) for any field. */
function hostileValue(rng: Rng): unknown {
  switch (rng.int(0, 21)) {
    case 0: return null;
    case 1: return 0;
    case 2: return -1;
    case 3: return 3.14;
    case 4: return 1e308;
    case 5: return true;
    case 6: return false;
    case 7: return '';
    case 8: return ' ';
    case 9: return '\u0000';
    case 10: return rng.pick(WORDS);
    case 11: return 'x'.repeat(rng.int(300, 6000));
    case 12: return [];
    case 13: return [null];
    case 14: return [1, 'a', {}, [], null];
    case 15: return {};
    case 16: return { id: 5, type: [], text: {} };
    case 17: return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    case 18: return new Array(rng.int(2, 40)).fill({ type: 'mention' });
    case 19: return rng.text(rng.int(1, 80), true);
    case 20: return 'http://';
    default: return -0;
  }
}

/** Every path (up to depth 3) of an activity, for mutation. */
function paths(value: unknown, prefix: string[] = [], depth = 0, out: string[][] = []): string[][] {
  if (depth >= 3 || value === null || typeof value !== 'object') return out;
  for (const key of Object.keys(value as object)) {
    const p = [...prefix, key];
    out.push(p);
    paths((value as Record<string, unknown>)[key], p, depth + 1, out);
  }
  return out;
}

function setPath(target: Record<string, any>, path: string[], value: unknown, remove: boolean): void {
  let node: any = target;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = node[key];
  }
  if (node === null || typeof node !== 'object') return;
  const last = path[path.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function generateCases(rng: Rng, ctx: FuzzContext, scale = 1): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const n = (count: number): number => Math.max(1, Math.round(count * scale));
  const { serviceUrl } = ctx;
  const user = (): TeamsUser => rng.pick(FUZZ_USERS);
  const json = { 'Content-Type': 'application/json; charset=utf-8' };

  const add = (c: Omit<FuzzCase, 'seq' | 'method' | 'path' | 'headers'> & Partial<Pick<FuzzCase, 'method' | 'path' | 'headers'>>): void => {
    cases.push({ method: 'POST', path: '/api/messages', headers: { ...json }, ...c, seq: cases.length });
  };
  const addActivity = (category: string, note: string, activity: InboundActivity, expect: Expectation, extra: Partial<FuzzCase> = {}): void => {
    add({ category, note, body: JSON.stringify(activity), activity, expect, ...extra });
  };
  const raw = (category: string, note: string, bytes: Buffer, expect: Expectation, extra: Partial<FuzzCase> = {}): void => {
    add({ category, note, raw: bytes, expect, ...extra });
  };
  const rawRequest = (headers: string[], body: Buffer | string = ''): Buffer =>
    Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]);

  /** A valid Teams activity of a random kind, from a random user. */
  const randomActivity = (): InboundActivity => {
    const u = user();
    switch (rng.int(0, 7)) {
      case 0: return channelMessage({ serviceUrl, user: u, text: `${rng.pick(COMMANDS)} ${randomDetails(rng)}` });
      case 1: return personalMessage({ serviceUrl, user: u, text: rng.pick(COMMANDS) });
      case 2: return groupChatMessage({ serviceUrl, user: u, text: `schedule ${randomDetails(rng)}` });
      case 3: return cardSubmit({ serviceUrl, user: u, conversation: ctx.aliceForm.conversation, replyToId: ctx.aliceForm.cardId, value: { ...ctx.aliceForm.data, subject: 'x', date: '2026-12-01', time: '10:00', duration: '30' } });
      case 4: return verifyStateInvoke({ serviceUrl, user: u, state: String(rng.int(100000, 999999)) });
      case 5: return tokenExchangeInvoke({ serviceUrl, user: u, exchangeId: rng.text(8), connectionName: 'GraphConnection', token: rng.text(20) });
      case 6: return conversationUpdate({ serviceUrl, user: u, scope: rng.pick(['team', 'groupChat', 'personal'] as const) });
      default: return installationUpdate({ serviceUrl, user: u, action: rng.pick(['add', 'remove'] as const) });
    }
  };

  // ---- transport -----------------------------------------------------------

  for (let i = 0; i < n(40); i++) {
    const variants: Array<[string, string | Buffer]> = [
      ['random bytes', rng.bytes(rng.int(1, 2000))],
      ['random printable text', rng.text(rng.int(1, 500))],
      ['truncated activity JSON', JSON.stringify(randomActivity()).slice(0, rng.int(1, 200))],
      ['activity JSON with trailing garbage', JSON.stringify(randomActivity()) + rng.pick(['}', ']', 'x', ',', '{}'])],
      ['single-quoted pseudo-JSON', "{'type':'message','text':'help'}"],
      ['UTF-8 BOM before the JSON', '\ufeff' + JSON.stringify(randomActivity())],
      ['NaN and comments', '{"type":"message", /* c */ "n": NaN}'],
      ['invalid UTF-8 inside a string', Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')])],
    ];
    const [note, body] = rng.pick(variants);
    add({ category: 'transport: not JSON', note, body, expect: [400] });
  }
  for (const body of ['', ' ', '\r\n', '\t \n']) add({ category: 'transport: empty body', note: JSON.stringify(body), body, expect: [400] });
  add({ category: 'transport: empty body', note: 'no body, Content-Length 0', expect: [400] });

  // Only JSON is read at all (restify would stream multipart files into the temp directory, past the size cap).
  for (const contentType of ['text/plain', 'application/xml', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json', 'text/csv', 'application/json-patch']) {
    add({ category: 'transport: content type', note: contentType, headers: { 'Content-Type': contentType }, body: JSON.stringify(randomActivity()), expect: [415] });
  }
  add({ category: 'transport: content type', note: 'no Content-Type', headers: {}, body: JSON.stringify(randomActivity()), expect: [415] });
  add({ category: 'transport: content type', note: 'form-urlencoded fields', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `type=message&text=help&channelId=msteams&serviceUrl=${encodeURIComponent(serviceUrl)}&conversation[id]=c&from[id]=u`, expect: [415] });
  add({ category: 'transport: content type', note: 'form-urlencoded garbage', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '%%%&&&==[[]]', expect: [415] });
  for (const contentType of ['application/json; charset=utf-16', 'APPLICATION/JSON', 'application/vnd.api+json', 'application/json;charset=utf-8']) {
    add({ category: 'transport: content type', note: `${contentType} (a JSON type)`, headers: { 'Content-Type': contentType }, body: JSON.stringify(randomActivity()), expect: 'below500' });
  }
  for (let i = 0; i < n(3); i++) {
    // A multipart "upload" of a few MB, chunked (no Content-Length to refuse it by).
    const head = rawRequest(['POST /api/messages HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: multipart/form-data; boundary=XX', 'Transfer-Encoding: chunked', 'Connection: close']);
    const part = Buffer.from(`--XX\r\nContent-Disposition: form-data; name="file"; filename="f${i}.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'A'.repeat((i + 1) * 1024 * 1024)}\r\n--XX--\r\n`);
    const chunked = Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n0\r\n\r\n')]);
    // Refused (415) before the upload is read. The server then closes the connection while the client is still
    // sending, and TCP may reset it before the client reads the answer (RFC 9112 §9.6 describes this): a reset
    // counts too; the process staying up and answering afterwards is checked for the whole run.
    raw('transport: content type', `multipart file upload, ${i + 1} MB, chunked`, Buffer.concat([head, chunked]), [415, null]);
  }

  for (const size of [256 * 1024 + 1, 300 * 1024, 700 * 1024, 2 * 1024 * 1024].slice(0, Math.max(2, n(4)))) {
    const activity = personalMessage({ serviceUrl, user: user(), text: 'x'.repeat(size) });
    add({ category: 'transport: oversized', note: `${size} bytes of activity`, body: JSON.stringify(activity), expect: [413] });
  }
  const bigChunks = Buffer.alloc(300 * 1024, 'a');
  raw('transport: oversized', '300 KB chunked, no Content-Length', rawRequest(['POST /api/messages HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'Transfer-Encoding: chunked', 'Connection: close'], `${bigChunks.length.toString(16)}\r\n${bigChunks}\r\n0\r\n\r\n`), [413]);
  raw('transport: oversized', 'Content-Length says 10 MB (body never sent)', rawRequest(['POST /api/messages HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', `Content-Length: ${10 * 1024 * 1024}`, 'Connection: close'], '{"type":'), [413], { abort: false });

  const validBody = (): string => JSON.stringify(personalMessage({ serviceUrl, user: user(), text: 'help' }));
  const encodings: Array<[string, () => string | Buffer]> = [
    ['gzip', () => rng.text(rng.int(1, 300))],
    ['gzip', () => rng.bytes(rng.int(1, 300))],
    ['gzip', () => zlib.gzipSync(validBody())],
    ['gzip', () => zlib.gzipSync(validBody()).subarray(0, 20)],
    ['GZIP', () => 'not gzip'],
    [' gzip ', () => 'not gzip'],
    ['deflate', () => 'not deflate'],
    ['deflate', () => zlib.deflateSync(validBody())],
    ['br', () => 'not brotli'],
    ['compress', () => 'x'],
    ['x-unknown', () => validBody()],
    ['gzip, identity', () => validBody()],
    ['identity, gzip', () => 'not gzip'],
  ];
  for (let i = 0; i < n(26); i++) {
    const [encoding, body] = encodings[i % encodings.length];
    add({ category: 'transport: Content-Encoding', note: `${encoding.trim()} (${i < encodings.length ? 'as listed' : 'again'})`, headers: { ...json, 'Content-Encoding': encoding }, body: body(), expect: [415] });
  }

  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) add({ category: 'transport: method or path', note: `${method} /api/messages`, method, body: method === 'GET' ? undefined : validBody(), expect: [405] });
  for (const path of ['/api/message', '/api/messages/extra', '/API/MESSAGES', '/', '/%', '/api/messages/..%2f..%2fhealthz', '/healthz?x=' + 'a'.repeat(3000)]) {
    add({ category: 'transport: method or path', note: `POST ${path.slice(0, 40)}`, path, body: validBody(), expect: 'below500' });
  }

  raw('transport: malformed HTTP', 'garbage request line', Buffer.from('GARBAGE\r\n\r\n'), [400]);
  raw('transport: malformed HTTP', 'invalid header name', rawRequest(['POST /api/messages HTTP/1.1', 'Host: 127.0.0.1', 'Bad Header: x', 'Connection: close']), [400]);
  raw('transport: malformed HTTP', '40 KB header', rawRequest(['POST /api/messages HTTP/1.1', 'Host: 127.0.0.1', `X-Big: ${'a'.repeat(40 * 1024)}`, 'Connection: close']), [431]);
  raw('transport: malformed HTTP', 'Content-Length not a number', rawRequest(['POST /api/messages HTTP/1.1', 'Host: 127.0.0.1', 'Content-Length: abc', 'Connection: close'], '{}'), [400]);
  raw('transport: malformed HTTP', 'Content-Length and chunked together', rawRequest(['POST /api/messages HTTP/1.1', 'Host: 127.0.0.1', 'Content-Length: 2', 'Transfer-Encoding: chunked', 'Connection: close'], '2\r\n{}\r\n0\r\n\r\n'), [400]);
  raw('transport: malformed HTTP', 'bad chunk size', rawRequest(['POST /api/messages HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'Transfer-Encoding: chunked', 'Connection: close'], 'zz\r\n{}\r\n0\r\n\r\n'), [400]);
  raw('transport: malformed HTTP', 'Transfer-Encoding gzip (not chunked)', rawRequest(['POST /api/messages HTTP/1.1', 'Host: 127.0.0.1', 'Transfer-Encoding: gzip', 'Connection: close'], 'xx'), [400]);
  for (let i = 0; i < n(4); i++) {
    const body = validBody();
    raw('transport: aborted upload', `${i + 1}: Content-Length ${body.length + 500}, ${Math.floor(body.length / 2)} bytes sent, socket destroyed`, rawRequest(['POST /api/messages HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', `Content-Length: ${body.length + 500}`], body.slice(0, Math.floor(body.length / 2))), [], { abort: true });
  }

  // ---- structure -----------------------------------------------------------

  for (const body of ['null', 'true', '42', '-1e999', '"message"', '[]', '[{"type":"message"}]', '{}', '{"type":""}', '{"type":null}', '{"type":5}', '{"type":{}}']) {
    add({ category: 'structure: not an activity', note: body, body, expect: [400] });
  }
  for (let i = 0; i < n(12); i++) add({ category: 'structure: not an activity', note: 'random JSON value', body: JSON.stringify(hostileValue(rng)), expect: [400] });

  const required: Array<[string, (a: InboundActivity) => void]> = [
    ['no conversation', (a) => delete a.conversation],
    ['no from', (a) => delete a.from],
    ['no serviceUrl', (a) => delete a.serviceUrl],
    ['no channelId', (a) => delete a.channelId],
    ['no type', (a) => delete a.type],
    ['conversation without id', (a) => delete a.conversation.id],
    ['from without id', (a) => delete a.from.id],
    ['empty conversation id', (a) => (a.conversation.id = '')],
    ['serviceUrl not a URL', (a) => (a.serviceUrl = rng.pick(['not a url', 'ftp://127.0.0.1/', 'javascript:alert(1)', 'file:///etc/passwd', '//127.0.0.1', 'http://']))],
    ['conversation is a string', (a) => (a.conversation = 'a:1')],
  ];
  for (let i = 0; i < n(40); i++) {
    const [note, mutate] = required[i % required.length];
    const activity = clone(randomActivity());
    mutate(activity);
    addActivity('structure: missing required field', note, activity, [400]);
  }

  for (let i = 0; i < n(300); i++) {
    const activity = clone(randomActivity());
    const all = paths(activity);
    const changes: string[] = [];
    for (let k = rng.int(1, 3); k > 0 && all.length > 0; k--) {
      const p = rng.pick(all);
      const remove = rng.chance(0.2);
      let value = hostileValue(rng);
      // serviceUrl only ever becomes a non-URL (never another address).
      if (p[0] === 'serviceUrl' && typeof value === 'string') value = `not a url ${value.slice(0, 20)}`;
      setPath(activity, p, value, remove);
      changes.push(`${p.join('.')}${remove ? ' deleted' : ` = ${describe(value)}`}`);
    }
    if (typeof activity.serviceUrl === 'string' && activity.serviceUrl !== serviceUrl && /^https?:/i.test(activity.serviceUrl)) activity.serviceUrl = serviceUrl;
    addActivity('structure: wrong types', changes.join('; '), activity, 'below500');
  }

  // ---- semantics -------------------------------------------------------------

  for (let i = 0; i < n(40); i++) {
    const activity = personalMessage({ serviceUrl, user: user(), text: 'help' });
    activity.type = rng.pick(['foo', 'Message', 'MESSAGE', 'invoke ', 'message\u0000', 'conversationupdate', rng.text(rng.int(1, 30)), '__proto__', 'constructor']);
    addActivity('semantics: unknown activity type', activity.type, activity, 'below500');
  }

  for (let i = 0; i < n(40); i++) {
    const activity = personalMessage({ serviceUrl, user: user(), text: '' });
    activity.type = 'invoke';
    activity.name = rng.pick(['x/y', ' ', 'signin/verifystate', 'SIGNIN/VERIFYSTATE', 'adaptiveCard/action ', 'composeExtension', 'a'.repeat(200), rng.text(rng.int(1, 40)), 'task/fetch/extra', '../signin/verifyState']);
    activity.value = rng.chance(0.5) ? {} : { data: hostileValue(rng), action: { type: 'Action.Execute', verb: rng.text(5) } };
    delete activity.text;
    addActivity('semantics: unknown invoke name', activity.name, activity, [400]);
  }
  for (let i = 0; i < n(60); i++) {
    const activity = personalMessage({ serviceUrl, user: user(), text: '' });
    activity.type = 'invoke';
    activity.name = rng.pick(KNOWN_UNHANDLED_INVOKES);
    delete activity.text;
    const value: Record<string, unknown> = {};
    for (const key of ['action', 'commandId', 'parameters', 'queryText', 'kind', 'botMessagePreviewAction', 'data', 'state', 'url', 'context']) {
      if (rng.chance(0.4)) value[key] = hostileValue(rng);
    }
    if (activity.name === 'adaptiveCard/action') value.action = { type: rng.pick(['Action.Execute', 'Action.Submit', 'x', 5]), verb: rng.pick(['refresh', 'create', 5, null]), data: hostileValue(rng) };
    if (activity.name === 'fileConsent/invoke') value.action = rng.pick(['accept', 'decline', 'x', 5, null]);
    if (activity.name === 'composeExtension/submitAction') value.botMessagePreviewAction = rng.pick(['edit', 'send', 'x', undefined]);
    activity.value = value;
    if (rng.chance(0.1)) delete activity.name; // Teams' legacy card action invoke has no name
    addActivity('semantics: invoke the bot does not handle', String(activity.name ?? '(no name)'), activity, 'below500');
  }
  for (let i = 0; i < n(40); i++) {
    const u = user();
    const activity = rng.chance(0.5)
      ? verifyStateInvoke({ serviceUrl, user: u, state: rng.pick([String(rng.int(0, 999999)).padStart(6, '0'), '', rng.text(rng.int(1, 300)), '\u0000', '${7*7}']) })
      : tokenExchangeInvoke({ serviceUrl, user: u, exchangeId: rng.text(rng.int(0, 40)), connectionName: rng.pick(['GraphConnection', '', 'Other', rng.text(10)]), token: rng.pick(['', 'eyJhbGciOiJub25lIn0.e30.', rng.text(rng.int(1, 2000))]) });
    addActivity('semantics: sign-in invoke with forged values', activity.name, activity, 'below500');
  }

  for (let i = 0; i < n(150); i++) {
    const u = user();
    const command = rng.pick(COMMANDS);
    const text = `${command} ${randomDetails(rng)}`.slice(0, 4000);
    const builder = rng.int(0, 2);
    const activity = withTimeZone(
      builder === 0 ? channelMessage({ serviceUrl, user: u, text })
        : builder === 1 ? personalMessage({ serviceUrl, user: u, text, locale: rng.pick(['en-US', 'de-DE', 'xx', 'ar-SA', 'zh-Hans']) })
          : groupChatMessage({ serviceUrl, user: u, text }),
      rng.pick(TIME_ZONES),
    );
    addActivity('semantics: message text', `${JSON.stringify(text.slice(0, 50))}${text.length > 50 ? '…' : ''}`, activity, [200], { wantsReply: true });
  }

  for (const size of [5_000, 20_000, 27_990, 28_001, 60_000, 120_000, 200_000, 250_000].slice(0, Math.max(3, n(8)))) {
    let text = 'schedule ';
    while (text.length < size) text += rng.pick(WORDS) + ' ';
    // The text travels twice (text + the HTML attachment) and escapes grow it: stay under the 256 KB cap.
    const u = user();
    text = text.slice(0, size);
    let activity = personalMessage({ serviceUrl, user: u, text });
    while (text.length > 0 && Buffer.byteLength(JSON.stringify(activity)) > 250 * 1024) {
      text = text.slice(0, Math.floor(text.length * 0.9));
      activity = personalMessage({ serviceUrl, user: u, text });
    }
    addActivity('semantics: huge text (within the body cap)', `${activity.text.length} chars`, activity, [200], { wantsReply: true });
  }

  const mentionVariants: Array<[string, (u: TeamsUser) => InboundActivity]> = [
    ['entity text not in the message', (u) => withMention(channelMessage({ serviceUrl, user: u, text: 'help' }), '<at>Somebody Else</at>')],
    ['entity for the bot, message mentions someone else', (u) => withMention(channelMessage({ serviceUrl, user: u, text: '<at>Bob Sample</at> schedule sync tomorrow 3pm', mention: false }))],
    ['mention of another id with the bot name', (u) => withMention(channelMessage({ serviceUrl, user: u, text: 'help' }), undefined, '28:someone-else')],
    ['no entity, <at> tag in text', (u) => channelMessage({ serviceUrl, user: u, text: `<at>${BOT_NAME}</at> schedule Retro friday 4pm`, mention: false })],
    ['two bot mentions', (u) => withMention(channelMessage({ serviceUrl, user: u, text: `help <at>${BOT_NAME}</at>` }))],
    ['mention in the middle', (u) => channelMessage({ serviceUrl, user: u, text: `schedule <at>${BOT_NAME}</at> sync tomorrow`, mention: false })],
    ['entity text empty', (u) => withMention(channelMessage({ serviceUrl, user: u, text: 'help' }), '')],
    ['entity text is the whole message', (u) => withMention(channelMessage({ serviceUrl, user: u, text: 'schedule x tomorrow' }), 'schedule x tomorrow')],
    ['entity text is one letter', (u) => withMention(channelMessage({ serviceUrl, user: u, text: 'schedule review tomorrow' }), 'e')],
    ['entity text is a regex', (u) => withMention(channelMessage({ serviceUrl, user: u, text: 'help .*' }), '.*')],
    ['unclosed <at>', (u) => channelMessage({ serviceUrl, user: u, text: `<at>${BOT_NAME} help`, mention: false })],
    ['nested <at>', (u) => channelMessage({ serviceUrl, user: u, text: `<at><at>${BOT_NAME}</at></at> help`, mention: false })],
    ['100 mention entities', (u) => {
      const a = channelMessage({ serviceUrl, user: u, text: 'help' });
      a.entities = [...a.entities, ...Array.from({ length: 100 }, (_, k) => ({ type: 'mention', mentioned: { id: `29:m${k}`, name: `M${k}` }, text: `<at>M${k}</at>` }))];
      return a;
    }],
  ];
  for (let i = 0; i < n(60); i++) {
    const [note, make] = mentionVariants[i % mentionVariants.length];
    addActivity('semantics: mention entities vs text', note, make(user()), [200], { wantsReply: true });
  }

  const form = ctx.aliceForm;
  const submitVariants: Array<[string, () => InboundActivity]> = [
    ["Bob submits Alice's form", () => cardSubmit({ serviceUrl, user: BOB, conversation: form.conversation, replyToId: form.cardId, value: { ...form.data, subject: 'Hijack', date: '2026-12-01', time: '10:00', duration: '30' } })],
    ["someone forges ownerId = themselves on Alice's card", () => {
      const u = rng.pick(FUZZ_USERS.slice(2));
      return cardSubmit({ serviceUrl, user: u, conversation: form.conversation, replyToId: form.cardId, value: { ...form.data, ownerId: u.id, subject: 'Forged', date: '2026-12-01', time: '10:00', duration: '30' } });
    }],
    ['stale form (unknown formId), own ownerId', () => {
      const u = user();
      return cardSubmit({ serviceUrl, user: u, conversation: form.conversation, replyToId: String(rng.int(1, 1e9)), value: { action: VERBS.create, formId: `stale-${rng.int(1, 1e6)}`, ownerId: u.id, subject: 'Stale', date: '2026-12-02', time: '11:00', duration: '45' } });
    }],
    ['unknown action', () => cardSubmit({ serviceUrl, user: user(), conversation: form.conversation, replyToId: form.cardId, value: { ...form.data, action: rng.pick(['meeting.delete', 'meeting.create ', '', 'MEETING.CREATE', rng.text(10)]) } })],
    ['action missing', () => cardSubmit({ serviceUrl, user: user(), conversation: form.conversation, replyToId: form.cardId, value: { formId: form.data.formId, ownerId: form.data.ownerId } })],
    ['cancel of a foreign form', () => cardSubmit({ serviceUrl, user: BOB, conversation: form.conversation, replyToId: form.cardId, value: { ...form.data, action: VERBS.cancelForm } })],
    ['fields of the wrong type', () => {
      const u = user();
      return cardSubmit({ serviceUrl, user: u, conversation: form.conversation, replyToId: form.cardId, value: { ...form.data, ownerId: u.id, formId: `wrong-types-${rng.int(1, 1e6)}`, subject: hostileValue(rng), date: hostileValue(rng), time: hostileValue(rng), duration: hostileValue(rng), timeZone: hostileValue(rng) } });
    }],
    ['impossible values', () => {
      const u = user();
      return cardSubmit({ serviceUrl, user: u, conversation: form.conversation, replyToId: form.cardId, value: { ...form.data, ownerId: u.id, formId: `impossible-${rng.int(1, 1e6)}`, subject: rng.pick(['', ' ', '\u0000', '${7*7}']), date: rng.pick(['2026-02-30', '9999-99-99', '0000-01-01', '2026-13-01', 'tomorrow']), time: rng.pick(['25:61', '-1:00', '12:00 PM', '']), duration: rng.pick(['-5', '0', '1e9', '0x10', '999999', '1.5', ' ']) } });
    }],
    ['huge subject', () => {
      const u = user();
      return cardSubmit({ serviceUrl, user: u, conversation: form.conversation, replyToId: form.cardId, value: { ...form.data, ownerId: u.id, formId: `huge-${rng.int(1, 1e6)}`, subject: rng.pick(WORDS).repeat(rng.int(100, 5000)).slice(0, 100_000), date: '2026-12-03', time: '09:00', duration: '30' } });
    }],
    ['no replyToId', () => {
      const a = cardSubmit({ serviceUrl, user: ALICE, conversation: form.conversation, replyToId: form.cardId, value: { ...form.data, subject: 'No reply id', date: '2026-12-04', time: '09:00', duration: '30' } });
      delete a.replyToId;
      return a;
    }],
    ['value with __proto__ and constructor keys', () => {
      const a = cardSubmit({ serviceUrl, user: user(), conversation: form.conversation, replyToId: form.cardId, value: {} });
      a.value = JSON.parse(`{"__proto__":{"action":"meeting.create","formId":"p","ownerId":"${ALICE.id}"},"constructor":{"prototype":{"x":1}},"action":"meeting.create"}`);
      return a;
    }],
    ['submit with text too', () => {
      const a = cardSubmit({ serviceUrl, user: user(), conversation: form.conversation, replyToId: form.cardId, value: { ...form.data } });
      a.text = 'schedule something else';
      return a;
    }],
  ];
  for (let i = 0; i < n(120); i++) {
    const [note, make] = submitVariants[i % submitVariants.length];
    addActivity('semantics: forged card submit', note, make(), [200], { wantsReply: true });
  }

  for (let i = 0; i < n(80); i++) {
    const u = user();
    let activity: InboundActivity;
    const kind = rng.int(0, 3);
    if (kind === 0) {
      activity = conversationUpdate({
        serviceUrl,
        user: u,
        scope: rng.pick(['team', 'groupChat', 'personal'] as const),
        membersAdded: rng.chance(0.5) ? [{ id: `28:${BOT_APP_ID}` }, { id: u.id, name: u.name }] : Array.from({ length: rng.int(0, 30) }, (_, k) => ({ id: `29:member-${k}`, name: rng.text(5) })),
        membersRemoved: rng.chance(0.3) ? [{ id: rng.pick([`28:${BOT_APP_ID}`, u.id]) }] : undefined,
      });
      if (rng.chance(0.5)) activity.channelData = { ...activity.channelData, eventType: rng.pick(TEAMS_EVENT_TYPES), channel: rng.chance(0.5) ? { id: rng.text(10) } : hostileValue(rng) };
    } else if (kind === 1) {
      activity = installationUpdate({ serviceUrl, user: u, scope: rng.pick(['team', 'groupChat', 'personal'] as const) });
      activity.action = rng.pick(['add', 'remove', 'add-upgrade', 'remove-upgrade', 'x', '']);
    } else {
      activity = personalMessage({ serviceUrl, user: u, text: 'help' });
      activity.type = rng.pick(LIFECYCLE_TYPES);
      if (activity.type !== 'message') delete activity.text;
      if (activity.type === 'messageReaction') activity.reactionsAdded = [{ type: rng.pick(['like', 'heart', '', rng.text(5)]) }];
      if (activity.type === 'event') {
        activity.name = rng.pick(['application/vnd.microsoft.meetingStart', 'application/vnd.microsoft.meetingEnd', 'application/vnd.microsoft.readReceipt', 'application/vnd.microsoft.meetingParticipantJoin', 'tokens/response', 'x']);
        activity.value = hostileValue(rng);
      }
      if (activity.type === 'messageUpdate' || activity.type === 'messageDelete') activity.channelData = { ...activity.channelData, eventType: rng.pick(TEAMS_EVENT_TYPES) };
    }
    addActivity('semantics: lifecycle activities', `${activity.type}${activity.name ? ' ' + activity.name : ''}${activity.action ? ' ' + activity.action : ''}`, activity, 'below500');
  }

  for (let i = 0; i < n(20); i++) {
    const activity = personalMessage({ serviceUrl, user: user(), text: rng.pick(['help', 'schedule Sync tomorrow 3pm', 'schedule', 'cancel', rng.text(20)]) });
    activity.deliveryMode = 'expectReplies';
    addActivity('semantics: deliveryMode expectReplies', activity.text, activity, [200], { repliesInBody: true });
  }
  for (let i = 0; i < n(10); i++) {
    const activity = personalMessage({ serviceUrl, user: user(), text: 'help' });
    activity.deliveryMode = rng.pick(['notification', 'ephemeral', 'normal', 'x', '']);
    addActivity('semantics: deliveryMode other', activity.deliveryMode, activity, [200], { wantsReply: true });
  }

  for (let i = 0; i < n(20); i++) {
    const activity = personalMessage({ serviceUrl, user: user(), text: 'help' });
    const authorization = rng.pick(['Bearer garbage', 'Bearer ', 'Basic Ym90OnNlY3JldA==', 'Bearer a.b.c', `Bearer ${'x'.repeat(rng.int(10, 4000))}`, 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.']);
    add({ category: 'semantics: Authorization header garbage', note: authorization.slice(0, 30), headers: { ...json, Authorization: authorization }, body: JSON.stringify(activity), activity, expect: [200], wantsReply: true });
  }

  return cases;
}

/** Messages seen before: sent again with the same id (Teams redelivery), they must not be answered twice. */
export function duplicateCases(rng: Rng, previous: FuzzCase[], count: number, startSeq: number): FuzzCase[] {
  const candidates = previous.filter((c) => c.wantsReply && c.activity && c.category === 'semantics: message text');
  const out: FuzzCase[] = [];
  for (let i = 0; i < count && candidates.length > 0; i++) {
    const original = rng.pick(candidates);
    out.push({ ...original, seq: startSeq + i, category: 'semantics: redelivered message (same id)', note: `again: ${original.note}`, wantsReply: false, expect: [200] });
  }
  return out;
}

function randomDetails(rng: Rng): string {
  const parts: string[] = [];
  for (let k = rng.int(0, 12); k > 0; k--) parts.push(rng.pick(WORDS));
  return parts.join(rng.pick([' ', '  ', '', '\u00a0']));
}

/** The client's time zone as sent (the builders only accept real ones): localTimezone and clientInfo; '' = none. */
function withTimeZone(activity: InboundActivity, tz: string): InboundActivity {
  for (const e of activity.entities as InboundActivity[]) if (e.type === 'clientInfo') e.timezone = tz || undefined;
  activity.localTimezone = tz || undefined;
  if (!tz) delete activity.localTimestamp;
  return activity;
}

/** Replaces the activity's mention entities with one (default: the bot, as Teams sends it). */
function withMention(activity: InboundActivity, entityText?: string, mentionedId?: string): InboundActivity {
  const entities = (activity.entities as InboundActivity[]).filter((e) => e.type !== 'mention');
  const mention = { type: 'mention', mentioned: { id: mentionedId ?? `28:${BOT_APP_ID}`, name: BOT_NAME }, text: entityText ?? `<at>${BOT_NAME}</at>` };
  activity.entities = [mention, ...entities];
  return activity;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…(${text.length})` : text;
}
