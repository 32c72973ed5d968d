// Bench-only "what if" preload: emulates proposed src/ fixes from outside, so their effect can be measured
// before anyone changes the product. Never used for the reported baseline numbers.
//   BENCH_EXPERIMENTS=zone-cache,no-typing,lazy-blobs,dialogs-deep node -r ./dist/bench/experiments.js dist/src/index.js
// zone-cache      memoize luxon IANAZone.isValidZone (it builds a new Intl.DateTimeFormat on every call)
// no-typing       drop typing activities (one connector round trip less per meeting)
// lazy-blobs      don't load botbuilder-azure-blobs / @azure/storage-blob unless Blob storage is configured
// dialogs-deep    load only the botbuilder-dialogs files the bot uses (not the prompts that pull in recognizers-text)
// bare-graph      send Graph calls with bare keep-alive https.request instead of the Graph client (no request
//                 builder, no middleware chain: no retries, no request ids); the bot's own bodies and readers
import https from 'node:https';
import Module from 'node:module';
import path from 'node:path';

const wanted = new Set((process.env.BENCH_EXPERIMENTS ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const req = Module.createRequire(path.join(process.cwd(), 'package.json'));

if (wanted.has('zone-cache')) {
  const { IANAZone } = req('luxon') as typeof import('luxon');
  const original = IANAZone.isValidZone.bind(IANAZone);
  const cache = new Map<string, boolean>();
  IANAZone.isValidZone = (zone: string): boolean => {
    let ok = cache.get(zone);
    if (ok === undefined) {
      ok = original(zone);
      if (cache.size < 1000) cache.set(zone, ok);
    }
    return ok;
  };
}

if (wanted.has('no-typing')) {
  const { TurnContext } = req('botbuilder') as typeof import('botbuilder');
  const original = TurnContext.prototype.sendActivities;
  TurnContext.prototype.sendActivities = function sendActivities(this: InstanceType<typeof TurnContext>, activities) {
    const kept = activities.filter((a) => a.type !== 'typing');
    if (kept.length === 0) return Promise.resolve([]);
    return original.call(this, kept);
  };
}

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const M = Module as unknown as { _load: Loader };
const originalLoad = M._load;
const overrides = new Map<string, () => unknown>();

if (wanted.has('lazy-blobs')) {
  // Stand-ins that load the real module on first use (what a lazy import() in src/ would do).
  const lazy = (name: string, names: string[]): (() => unknown) => () => {
    const out: Record<string, unknown> = {};
    for (const n of names) {
      Object.defineProperty(out, n, { enumerable: true, get: () => (req(name) as Record<string, unknown>)[n] });
    }
    return out;
  };
  overrides.set('botbuilder-azure-blobs', lazy('botbuilder-azure-blobs', ['BlobsStorage', 'BlobsTranscriptStore']));
  overrides.set('@azure/storage-blob', lazy('@azure/storage-blob', ['ContainerClient', 'BlobServiceClient', 'RestError']));
}

if (wanted.has('dialogs-deep')) {
  const files: Record<string, string> = {
    Dialog: 'dialog',
    DialogTurnStatus: 'dialog',
    DialogReason: 'dialog',
    DialogSet: 'dialogSet',
    DialogContext: 'dialogContext',
    ComponentDialog: 'componentDialog',
    WaterfallDialog: 'waterfallDialog',
    WaterfallStepContext: 'waterfallStepContext',
    OAuthPrompt: 'prompts/oauthPrompt',
  };
  let full: Record<string, unknown> | undefined;
  const facade = new Proxy({} as Record<string | symbol, unknown>, {
    get(_t, name) {
      if (name === '__esModule') return true;
      const file = typeof name === 'string' ? files[name] : undefined;
      if (file) return (req(`botbuilder-dialogs/lib/${file}`) as Record<string, unknown>)[name as string];
      full ??= req('botbuilder-dialogs') as Record<string, unknown>;
      return full[name as string];
    },
  });
  overrides.set('botbuilder-dialogs', () => facade);
}

/** The part of GraphCalls (dist/src/meetings/graph-calls.js) that bare-graph replaces. */
interface GraphCallsModule {
  GraphCalls: { prototype: { send: (this: { options: { baseUrl: string } }, call: BareCall, token: string) => Promise<unknown> } };
}
interface BareCall {
  method: string;
  version: string;
  path: string;
  body?: object;
  headers?: Record<string, string>;
  read: (response: unknown, json: () => Promise<unknown>) => Promise<unknown>;
}

function sendBare(agent: https.Agent) {
  return function send(this: { options: { baseUrl: string } }, call: BareCall, token: string): Promise<unknown> {
    const body = call.body ? Buffer.from(JSON.stringify(call.body)) : undefined;
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}`, ...(call.headers ?? {}) };
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': body.length });
    return new Promise((resolve, reject) => {
      const url = `${this.options.baseUrl.replace(/\/$/, '')}/${call.version}${call.path}`;
      const request = https.request(url, { method: call.method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const status = res.statusCode ?? 0;
          const answer = { ok: status >= 200 && status < 300, status, headers: { get: (name: string) => res.headers[name.toLowerCase()] ?? null } };
          call.read(answer, async () => JSON.parse(bytes.toString('utf8')) as unknown).then(resolve, reject);
        });
      });
      request.on('error', reject);
      request.end(body);
    });
  };
}

/** Modules changed after loading: the bot's own, found by the end of the request (whatever build it runs from). */
const patches: Array<{ request: RegExp; patch: (loaded: unknown) => void }> = [];
if (wanted.has('bare-graph')) {
  const agent = new https.Agent({ keepAlive: true, scheduling: 'lifo', timeout: 60_000 });
  patches.push({ request: /(^|\/)graph-calls$/, patch: (loaded) => void ((loaded as GraphCallsModule).GraphCalls.prototype.send = sendBare(agent)) });
}

if (overrides.size > 0 || patches.length > 0) {
  const made = new Map<string, unknown>();
  const patched = new WeakSet<object>();
  M._load = function load(request, parent, isMain) {
    const make = overrides.get(request);
    // Only the bot's own imports (dist/src) are redirected; libraries keep the real modules.
    const from = (parent as { filename?: string } | null)?.filename ?? '';
    if (make && from.includes(`${path.sep}dist${path.sep}src${path.sep}`)) {
      if (!made.has(request)) made.set(request, make());
      return made.get(request);
    }
    const loaded = originalLoad.call(this, request, parent, isMain);
    for (const { request: match, patch } of patches) {
      if (match.test(request) && loaded !== null && typeof loaded === 'object' && !patched.has(loaded)) {
        patch(loaded);
        patched.add(loaded);
      }
    }
    return loaded;
  };
}

if (wanted.size > 0) process.stderr.write(`[bench experiments] ${[...wanted].join(', ')}\n`);
