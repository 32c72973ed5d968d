// Micro-benchmark of the activity shape check, which runs on every request to /api/messages: typical Teams
// activities (a channel message with a mention, a card button's invoke) and two malformed ones.
//   node dist/bench/activity-shape.js [path of another build of activity-shape.js …]
// Prints ns per check (median of 7 runs of 200,000 checks each) for this build and any other given.
import path from 'node:path';
import { cardActionInvoke, channelMessage } from '../support/activities';

type Check = (body: unknown) => string | undefined;

const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const message = JSON.parse(JSON.stringify(channelMessage({ serviceUrl: SERVICE_URL, text: 'schedule Design review tomorrow 3pm for 45 min', tz: 'America/New_York' })));
const invoke = JSON.parse(JSON.stringify(cardActionInvoke({ serviceUrl: SERVICE_URL, verb: 'create', data: { subject: 'Design review', date: '2026-11-28', time: '15:00', duration: '45' }, replyToId: '1796590898680' })));
const CASES: Array<[string, unknown]> = [
  ['Teams channel message', message],
  ['Teams card invoke (adaptiveCard/action)', invoke],
  ['malformed: conversation.id a number', { ...message, conversation: { id: 42 } }],
  ['malformed: entities[1] not an object', { ...message, entities: [message.entities[0], 7] }],
];

function nsPerCheck(check: Check, body: unknown, n: number): number {
  const started = process.hrtime.bigint();
  let problems = 0;
  for (let i = 0; i < n; i++) if (check(body)) problems++;
  const ns = Number(process.hrtime.bigint() - started) / n;
  if (problems !== 0 && problems !== n) throw new Error('unstable answer');
  return ns;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const builds = [path.resolve(__dirname, '../src/http/activity-shape.js'), ...process.argv.slice(2).map((p) => path.resolve(p))];
for (const build of builds) {
  const check = (require(build) as { activityShapeProblem: Check }).activityShapeProblem;
  console.log(build);
  for (const [name, body] of CASES) {
    nsPerCheck(check, body, 50_000); // warm-up
    const runs = Array.from({ length: 7 }, () => nsPerCheck(check, body, 200_000));
    console.log(`  ${name.padEnd(42)} ${median(runs).toFixed(0).padStart(6)} ns   → ${JSON.stringify(check(body) ?? 'ok')}`);
  }
}
