// What one reply costs the bot in CPU, by way of sending it: botbuilder's ConnectorClient (the operation's serializer
// and the @azure/core-rest-pipeline pipeline every CloudAdapter reply goes through), the same client's pipeline with
// the JSON made by hand (ConnectorClient.sendRequest), and one keep-alive http POST of JSON.stringify(activity).
// One process, a loopback server answering {"id": …} like the Bot Connector; the server's own CPU is included and the
// same in every row, so compare the differences.
//   node dist/bench/reply-cost.js [--calls 3000] [--rounds 3]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { Activity } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { adaptiveCardAttachment } from '../src/cards/attachment';
import { buildJoinCard } from '../src/cards/join-card';

const JOIN_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjA5ZDk5ZDYtYzM3Yi00YjE1LWE2ZTEtNWM0ZmQ4YjMyZjFh%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%7d';
const CONVERSATION = { id: '19:abc@thread.tacv2;messageid=123', conversationType: 'channel', tenantId: 'tenant', isGroup: true, name: '' };
const REPLY_TO = '123';

function replies(serviceUrl: string): Record<string, Partial<Activity>> {
  const base: Partial<Activity> = {
    type: 'message',
    from: { id: '28:bot', name: 'Meeting Bot' },
    recipient: { id: '29:user', name: 'Ada' },
    conversation: CONVERSATION,
    replyToId: REPLY_TO,
    serviceUrl,
    channelId: 'msteams',
    locale: 'en-US',
  };
  const card = buildJoinCard({
    meeting: { subject: 'Design review', startIso: '2026-11-28T20:00:00Z', endIso: '2026-11-28T20:45:00Z', joinWebUrl: JOIN_URL },
    timeZone: 'America/New_York',
    organizerName: 'Ada',
  });
  return { 'echo text': { ...base, text: 'echo: hello there' }, 'join card': { ...base, attachments: [adaptiveCardAttachment(card)] } };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const get = (name: string, dflt: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const calls = get('--calls', 3000);
  const rounds = get('--rounds', 3);
  let next = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ id: `a${++next}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const path = `v3/conversations/${encodeURIComponent(CONVERSATION.id)}/activities/${REPLY_TO}`;
  const client = new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl });
  const agent = new http.Agent({ keepAlive: true });

  const ways: Record<string, (activity: Partial<Activity>) => Promise<unknown>> = {
    'ConnectorClient.conversations.replyToActivity': (activity) => client.conversations.replyToActivity(CONVERSATION.id, REPLY_TO, activity),
    'ConnectorClient.sendRequest (its pipeline, JSON by hand)': async (activity) => {
      const request = createPipelineRequest({
        url: serviceUrl + path,
        method: 'POST',
        allowInsecureConnection: true,
        body: JSON.stringify(activity),
        headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8' }),
      });
      const response = await client.sendRequest(request);
      return JSON.parse(response.bodyAsText ?? '{}');
    },
    'one keep-alive http POST': (activity) =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify(activity);
        const request = http.request(serviceUrl + path, { method: 'POST', agent, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
        });
        request.on('error', reject);
        request.end(body);
      }),
  };

  const results = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (const [way, send] of Object.entries(ways)) {
      for (const [kind, activity] of Object.entries(replies(serviceUrl))) {
        for (let i = 0; i < 300; i++) await send(activity); // warm-up
        const before = process.cpuUsage();
        for (let i = 0; i < calls; i++) await send(activity);
        const used = process.cpuUsage(before);
        const key = `| ${way} | ${kind} |`;
        results.set(key, [...(results.get(key) ?? []), (used.user + used.system) / calls / 1000]);
      }
    }
  }
  console.log(`${calls} calls per row and round, ${rounds} rounds, node ${process.version}: median CPU ms per reply (min–max)\n`);
  console.log('| Way | Reply | CPU ms per reply |');
  console.log('|---|---|---|');
  for (const [key, values] of results) {
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`${key} ${median.toFixed(3)} (${sorted[0]!.toFixed(3)}–${sorted.at(-1)!.toFixed(3)}) |`);
  }
  agent.destroy();
  server.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
