// Contract self-test: the stand-ins must speak what the REAL clients speak.
// Token service ← botframework-connector UserTokenClientImpl (via
// ConfigurationBotFrameworkAuthentication); Graph ← @microsoft/microsoft-graph-client
// in a child process trusting our CA; connector ← CloudAdapter's ConnectorClient.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  TurnContext,
  teamsGetChannelId,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import { ClaimsIdentity, ConnectorClient, UserTokenClient } from 'botframework-connector';
import {
  ALICE,
  BOB,
  BOT_APP_ID,
  CHANNEL_ID,
  cardSubmit,
  channelMessage,
  emulatorMessage,
  groupChatMessage,
  personalMessage,
  tokenExchangeInvoke,
  verifyStateInvoke,
} from '../../support/activities';
import { postActivity, startBot } from '../../support/bot-process';
import { MAX, PRIYA, SAM, memberRecord } from '../support/people';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { GraphStandIn, normaliseGraphDateTime } from '../../support/graph-stand-in';
import { makeTestCa, type TestCa } from '../../support/tls';
import { TokenServiceStandIn } from '../../support/token-service-stand-in';
import type { GraphCall, GraphCallResult } from './graph-client-child';

const run = promisify(execFile);
const CONNECTION = 'GraphConnection';
// OAuthPrompt passes `undefined` for "no magic code" although the typing says string.
const NO_CODE = undefined as unknown as string;

describe('test support stand-ins (contract with the real clients)', function () {
  this.timeout(60_000);
  let tmp: string;
  let ca: TestCa;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'standins-'));
    ca = await makeTestCa(path.join(tmp, 'pki'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  describe('TokenServiceStandIn ← UserTokenClientImpl', () => {
    let svc: TokenServiceStandIn;
    let client: UserTokenClient;

    beforeEach(async () => {
      svc = new TokenServiceStandIn({ connectionName: CONNECTION });
      const oauthUrl = await svc.start();
      // Auth off (empty app id), but an app-id claim so getSignInResource's zod check passes.
      const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', OAuthUrl: oauthUrl });
      client = await auth.createUserTokenClient(new ClaimsIdentity([{ type: 'aud', value: BOT_APP_ID }], true));
    });
    afterEach(async () => {
      await svc.stop();
    });

    it('GetToken: 404 → undefined (no throw); setToken → TokenResponse; query names as sent', async () => {
      assert.equal(await client.getUserToken(ALICE.id, CONNECTION, 'msteams', NO_CODE), undefined);
      svc.setToken(ALICE.id, 'graph-token-alice');
      const t = await client.getUserToken(ALICE.id, CONNECTION, 'msteams', NO_CODE);
      assert.equal(t?.token, 'graph-token-alice');
      assert.equal(t?.connectionName, CONNECTION);
      assert.equal(t?.channelId, 'msteams');
      assert.ok(t?.expiration);
      const r = svc.requests[1]!;
      assert.equal(r.method, 'GET');
      assert.equal(r.path, '/api/usertoken/GetToken');
      assert.deepEqual(r.query, { userId: ALICE.id, connectionName: CONNECTION, channelId: 'msteams' });
      assert.equal(r.headers.authorization, undefined, 'auth off: no bearer token');
      assert.match(String(r.headers['user-agent']), /botframework-token/);
      // Tokens are per user.
      assert.equal(await client.getUserToken(BOB.id, CONNECTION, 'msteams', NO_CODE), undefined);
    });

    it('magic code: GetToken&code stores the token once; wrong code → undefined', async () => {
      svc.issueMagicCode(ALICE.id, '123456', 'magic-token');
      assert.equal(await client.getUserToken(ALICE.id, CONNECTION, 'msteams', '000000'), undefined);
      assert.equal((await client.getUserToken(ALICE.id, CONNECTION, 'msteams', '123456'))?.token, 'magic-token');
      assert.equal(svc.requests.at(-1)!.query.code, '123456');
      assert.equal((await client.getUserToken(ALICE.id, CONNECTION, 'msteams', NO_CODE))?.token, 'magic-token');
      assert.equal(svc.tokenOf(ALICE.id), 'magic-token');
    });

    it('exchange: allowed SSO token → TokenResponse; unknown → 400 body returned WITHOUT throwing (no token → 412 path)', async () => {
      svc.allowExchange('sso-alice', ALICE.id, 'exchanged-token');
      const ok = await client.exchangeToken(ALICE.id, CONNECTION, 'msteams', { token: 'sso-alice' });
      assert.equal(ok.token, 'exchanged-token');
      const r = svc.requestsTo('/api/usertoken/exchange')[0]!;
      assert.equal(r.method, 'POST');
      assert.deepEqual(r.query, { userId: ALICE.id, connectionName: CONNECTION, channelId: 'msteams' });
      assert.deepEqual(r.body, { token: 'sso-alice' });
      assert.match(String(r.headers['content-type']), /application\/json/);
      assert.equal((await client.getUserToken(ALICE.id, CONNECTION, 'msteams', NO_CODE))?.token, 'exchanged-token');

      // Someone else's SSO token, or an unknown one: the client resolves with the error body.
      const bad = (await client.exchangeToken(BOB.id, CONNECTION, 'msteams', { token: 'sso-alice' })) as unknown as {
        token?: string;
        error?: { code: string };
      };
      assert.equal(bad.token, undefined);
      assert.equal(bad.error?.code, 'InvalidTokenExchange');
      assert.equal(svc.requestsTo('/api/usertoken/exchange').at(-1)!.status, 400);
    });

    it('GetSignInResource: decodes the state, returns signInLink + tokenExchangeResource', async () => {
      const activity = personalMessage({ text: 'hi', serviceUrl: 'http://127.0.0.1:9/' }) as unknown as Activity;
      // OAuthPrompt passes finalRedirect undefined: only `state` goes on the wire.
      const res = await client.getSignInResource(CONNECTION, activity, undefined as unknown as string);
      assert.match(res.signInLink ?? '', /^http:\/\/127\.0\.0\.1:\d+\/api\/oauth\/signin\?signin=/);
      assert.equal(res.tokenExchangeResource?.uri, `api://botid-${BOT_APP_ID}`);
      assert.ok(res.tokenExchangeResource?.id);
      const signIn = svc.signIns[0]!;
      assert.equal(signIn.state.connectionName, CONNECTION);
      assert.equal(signIn.state.msAppId, BOT_APP_ID);
      assert.equal(signIn.state.conversation?.user?.id, ALICE.id);
      assert.equal(signIn.state.conversation?.conversation?.id, activity.conversation.id);
      const r = svc.requestsTo('/api/botsignin/GetSignInResource')[0]!;
      assert.deepEqual(Object.keys(r.query), ['state']);
      // The link serves a page showing the pending magic code (sign-in button flow).
      svc.issueMagicCode(ALICE.id, '654321', 'tok');
      const page = await (await fetch(res.signInLink!)).text();
      assert.match(page, /654321/);
    });

    it('SignOut (DELETE), GetTokenStatus, GetAadTokens', async () => {
      svc.setToken(ALICE.id, 'tok');
      const status = await client.getTokenStatus(ALICE.id, 'msteams', undefined as unknown as string);
      assert.equal(status[0]?.hasToken, true);
      const aad = await client.getAadTokens(ALICE.id, CONNECTION, ['https://graph.microsoft.com'], 'msteams');
      assert.equal(aad['https://graph.microsoft.com']?.token, 'tok');
      await client.signOutUser(ALICE.id, CONNECTION, 'msteams');
      const r = svc.requestsTo('/api/usertoken/SignOut')[0]!;
      assert.equal(r.method, 'DELETE');
      assert.deepEqual(r.query, { userId: ALICE.id, connectionName: CONNECTION, channelId: 'msteams' });
      assert.equal(await client.getUserToken(ALICE.id, CONNECTION, 'msteams', NO_CODE), undefined);
      assert.equal(svc.requestsTo('/api/usertoken/GetTokenStatus')[0]!.method, 'GET');
      assert.equal(svc.requestsTo('/api/usertoken/GetAadTokens')[0]!.method, 'POST');
      assert.deepEqual(svc.requestsTo('/api/usertoken/GetAadTokens')[0]!.body, { resourceUrls: ['https://graph.microsoft.com'] });
    });

    it('wrong connection name → 400 → client throws', async () => {
      await assert.rejects(client.getUserToken(ALICE.id, 'Other', 'msteams', NO_CODE), /Other/);
    });

    it('a token per connection: a second connection holds its own token, signs in and out on its own', async () => {
      await svc.stop();
      svc = new TokenServiceStandIn({ connectionName: CONNECTION, moreConnections: ['CalendarConnection'] });
      const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', OAuthUrl: await svc.start() });
      client = await auth.createUserTokenClient(new ClaimsIdentity([{ type: 'aud', value: BOT_APP_ID }], true));
      svc.setToken(ALICE.id, 'meetings-token');
      assert.equal(await client.getUserToken(ALICE.id, 'CalendarConnection', 'msteams', NO_CODE), undefined, 'no calendar token yet');
      svc.issueMagicCode(ALICE.id, '246810', 'calendar-token', 'CalendarConnection');
      assert.equal((await client.getUserToken(ALICE.id, CONNECTION, 'msteams', '246810'))?.token, 'meetings-token', 'a code is redeemed on its own connection only');
      assert.equal((await client.getUserToken(ALICE.id, 'CalendarConnection', 'msteams', '246810'))?.token, 'calendar-token');
      const resource = await client.getSignInResource('CalendarConnection', personalMessage({ text: 'hi', serviceUrl: 'http://127.0.0.1:9/' }) as unknown as Activity, undefined as unknown as string);
      assert.ok(resource.signInLink);
      assert.equal(svc.signIns.at(-1)!.state.connectionName, 'CalendarConnection');
      const status = await client.getTokenStatus(ALICE.id, 'msteams', undefined as unknown as string);
      assert.deepEqual(status.map((s) => [s.connectionName, s.hasToken]), [[CONNECTION, true], ['CalendarConnection', true]]);
      await client.signOutUser(ALICE.id, 'CalendarConnection', 'msteams');
      assert.equal(svc.tokenOf(ALICE.id, 'CalendarConnection'), undefined);
      assert.equal(svc.tokenOf(ALICE.id), 'meetings-token', 'signing out of one connection leaves the other');
    });

    it('failAll(503) and down(): the client throws (after its own retries)', async () => {
      svc.failAll(503);
      const t0 = Date.now();
      await assert.rejects(client.getUserToken(ALICE.id, CONNECTION, 'msteams', NO_CODE));
      const failedCalls = svc.requests.length;
      const ms503 = Date.now() - t0;
      svc.recover();
      await svc.down();
      const t1 = Date.now();
      await assert.rejects(client.getUserToken(ALICE.id, CONNECTION, 'msteams', NO_CODE), /ECONNREFUSED/);
      const msDown = Date.now() - t1;
      await svc.up();
      svc.setToken(ALICE.id, 'back');
      assert.equal((await client.getUserToken(ALICE.id, CONNECTION, 'msteams', NO_CODE))?.token, 'back');
      console.log(`      token client: 503 → ${failedCalls} attempts in ${ms503} ms; refused → rejected in ${msDown} ms`);
    });
  });

  describe('GraphStandIn ← @microsoft/microsoft-graph-client (child process, NODE_EXTRA_CA_CERTS)', () => {
    let graph: GraphStandIn;
    const tokens: Record<string, string> = { 'graph-token-alice': ALICE.aadObjectId, 'graph-token-bob': BOB.aadObjectId };

    beforeEach(async () => {
      graph = new GraphStandIn({
        cert: ca.cert,
        key: ca.key,
        tokenOwner: (t) => tokens[t],
        users: { [ALICE.aadObjectId]: { displayName: ALICE.name, upn: 'alice@contoso.com' }, [BOB.aadObjectId]: { displayName: BOB.name, upn: 'bob@contoso.com' } },
      });
      await graph.start();
    });
    afterEach(async () => {
      await graph.stop();
    });

    async function runGraph(calls: GraphCall[]): Promise<Record<string, GraphCallResult>> {
      const child = path.join(__dirname, 'graph-client-child.js');
      const { stdout } = await run(process.execPath, [child, JSON.stringify({ baseUrl: graph.baseUrl, calls })], {
        env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: ca.caPem },
        timeout: 30_000,
      });
      const out: Record<string, GraphCallResult> = {};
      for (const line of stdout.split('\n').filter(Boolean)) {
        const r = JSON.parse(line) as GraphCallResult;
        out[r.name] = r;
      }
      return out;
    }

    const body = {
      externalId: 'req-1',
      subject: 'Planning',
      startDateTime: '2026-11-28T15:00:00-05:00',
      endDateTime: '2026-11-28T16:00:00-05:00',
      chatInfo: { threadId: CHANNEL_ID },
    };

    it('createOrGet: 201 then 200 with the same meeting; token in Authorization; Graph-shaped JSON', async () => {
      const r = await runGraph([
        { name: 'first', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body },
        { name: 'again', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body },
        { name: 'bob', token: 'graph-token-bob', method: 'post', path: '/me/onlineMeetings/createOrGet', body },
      ]);
      assert.equal(r.first!.status, 201, JSON.stringify(r.first));
      assert.equal(r.again!.status, 200);
      assert.equal(r.bob!.status, 201, 'idempotency is per user');
      const m = r.first!.body as Record<string, any>;
      assert.equal((r.again!.body as Record<string, any>).joinWebUrl, m.joinWebUrl);
      assert.equal((r.again!.body as Record<string, any>).id, m.id);
      assert.equal(m['@odata.context'], 'https://graph.microsoft.com/beta/$metadata#onlineMeeting');
      assert.equal(m.startDateTime, '2026-11-28T20:00:00.0000000Z');
      assert.equal(m.endDateTime, '2026-11-28T21:00:00.0000000Z');
      assert.equal(m.externalId, 'req-1');
      assert.equal(m.subject, 'Planning');
      assert.equal(m.chatInfo.threadId, CHANNEL_ID);
      assert.match(m.joinWebUrl, /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3a.+%40thread\.tacv2\/\d+\?context=%7b%22Tid%22%3a%22/);
      assert.equal(m.participants.organizer.identity.user.id, ALICE.aadObjectId);
      assert.equal(m.participants.organizer.identity.user.displayName, ALICE.name);
      assert.equal(m.participants.organizer.role, 'presenter');
      assert.ok(m.audioConferencing.conferenceId && m.audioConferencing.dialinUrl);
      assert.match(r.first!.headers!['content-type']!, /^application\/json/);
      assert.ok(r.first!.headers!['request-id']);
      const reqs = graph.meetingRequests();
      assert.equal(reqs.length, 3);
      assert.equal(reqs[0]!.authorization, 'Bearer graph-token-alice');
      assert.equal(reqs[0]!.path, '/beta/me/onlineMeetings/createOrGet');
      assert.equal(r.first!.headers!['client-request-id'], reqs[0]!.headers['client-request-id'], 'echoes the SDK client-request-id');
      assert.match(String(reqs[0]!.headers.sdkversion), /graph-js/);
      assert.deepEqual(reqs[0]!.body, body);
      assert.equal(graph.meetingFor(ALICE.aadObjectId, 'req-1')!.hits, 2);
      assert.equal(graph.meetings.size, 2);
    });

    it('evolvable enums: a member after unknownFutureValue needs Prefer: include-unknown-enum-members (400 without it), and answers hide it without the header', async () => {
      const invited = { ...body, externalId: 'evolvable', participants: { attendees: [{ identity: { user: { id: BOB.aadObjectId } }, role: 'attendee' }] }, lobbyBypassSettings: { scope: 'invited' } };
      const prefer = { Prefer: 'include-unknown-enum-members' };
      const r = await runGraph([
        { name: 'without', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body: invited },
        { name: 'producer', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body: { ...invited, lobbyBypassSettings: { scope: 'organization' }, participants: { attendees: [{ identity: { user: { id: BOB.aadObjectId } }, role: 'producer' }] } } },
        { name: 'with', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body: invited, headers: prefer },
        { name: 'again', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body: { ...invited, lobbyBypassSettings: { scope: 'organization' } } },
        { name: 'organization', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body: { ...body, externalId: 'plain', lobbyBypassSettings: { scope: 'organization' } } },
      ]);
      assert.equal(r.without!.status, 400);
      assert.match(JSON.stringify(r.without!.body), /invited.*Prefer: include-unknown-enum-members/);
      assert.equal(r.producer!.status, 400, 'onlineMeetingRole producer is evolvable too');
      assert.equal(r.with!.status, 201);
      assert.equal((r.with!.body as any).lobbyBypassSettings.scope, 'invited', 'asked for: shown');
      assert.equal(r.again!.status, 200, 'the same meeting, asked for without the header');
      assert.equal((r.again!.body as any).lobbyBypassSettings.scope, 'unknownFutureValue', 'not asked for: hidden');
      assert.equal(r.organization!.status, 201, 'members before unknownFutureValue need no header');
    });

    it('errors surface as GraphError with Graph codes; 429 + Retry-After is retried by the client; reset → statusCode -1', async () => {
      graph.failNext({ status: 429, retryAfter: 0, times: 2, match: (q) => q.body?.externalId === 'retry-me' });
      graph.failNext({ resetConnection: true, afterCreate: true, match: (q) => q.body?.externalId === 'lost' });
      const r = await runGraph([
        { name: 'badToken', token: 'nope', method: 'post', path: '/me/onlineMeetings/createOrGet', body, raw: false },
        { name: 'noExternalId', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body: { subject: 'x' }, raw: false },
        { name: 'endBeforeStart', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', raw: false,
          body: { ...body, externalId: 'e', endDateTime: '2026-11-28T14:00:00-05:00' } },
        { name: 'naive', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', raw: false,
          body: { ...body, externalId: 'n', startDateTime: '2026-11-28T15:00:00', endDateTime: '2026-11-28T16:00:00' } },
        { name: 'retry', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body: { ...body, externalId: 'retry-me' } },
        { name: 'lost', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body: { ...body, externalId: 'lost' }, raw: false },
        { name: 'lostAgain', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body: { ...body, externalId: 'lost' } },
        { name: 'httpNoToken', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body, customHosts: ['localhost'], raw: false },
      ]);
      assert.equal(r.badToken!.error?.statusCode, 401);
      assert.equal(r.badToken!.error?.code, 'InvalidAuthenticationToken');
      assert.ok(r.badToken!.error?.requestId, 'innerError request-id is mapped to GraphError.requestId');
      assert.equal(r.noExternalId!.error?.statusCode, 400);
      assert.equal(r.noExternalId!.error?.code, 'BadRequest');
      assert.equal(r.endBeforeStart!.error?.statusCode, 400);
      assert.equal(r.naive!.error?.statusCode, 400);
      assert.equal(r.retry!.status, 201, JSON.stringify(r.retry));
      const retried = graph.requests.filter((q) => q.body?.externalId === 'retry-me');
      assert.equal(retried.length, 3);
      assert.equal(retried[1]!.headers['retry-attempt'], '1');
      assert.equal(r.lost!.error?.statusCode, -1, 'a dropped connection is not retried');
      assert.equal(r.lostAgain!.status, 200, 'the lost create did happen');
      // Host not in customHosts: the client calls without a token → 401 from the stand-in.
      assert.equal(r.httpNoToken!.error?.statusCode, 401);
      assert.equal(graph.requests.at(-1)!.authorization, undefined);
    });

    it('v1.0 POST /me/onlineMeetings, GET/PATCH/DELETE by id', async () => {
      const r = await runGraph([
        { name: 'create', version: 'v1.0', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings',
          body: { subject: 'S', startDateTime: '2026-01-05T09:00:00.1234567+01:00', endDateTime: '2026-01-05T10:00:00Z' } },
      ]);
      assert.equal(r.create!.status, 201);
      const m = r.create!.body as Record<string, any>;
      assert.equal(m.startDateTime, '2026-01-05T08:00:00.1234567Z');
      assert.match(m['@odata.context'], /v1\.0\/\$metadata#users\('.+'\)\/onlineMeetings\/\$entity$/);
      assert.match(m.chatInfo.threadId, /^19:meeting_.+@thread\.v2$/);
      assert.match(m.joinWebUrl, /meetup-join\/19%3ameeting_.+%40thread\.v2\/0\?context=/);
      const id = encodeURIComponent(m.id as string);
      const r2 = await runGraph([
        { name: 'get', version: 'v1.0', token: 'graph-token-alice', method: 'get', path: `/me/onlineMeetings/${id}` },
        { name: 'getBob', version: 'v1.0', token: 'graph-token-bob', method: 'get', path: `/me/onlineMeetings/${id}` },
        { name: 'patch', version: 'v1.0', token: 'graph-token-alice', method: 'patch', path: `/me/onlineMeetings/${id}`,
          body: { startDateTime: '2026-01-06T09:00:00Z', endDateTime: '2026-01-06T09:30:00Z' } },
        { name: 'delete', version: 'v1.0', token: 'graph-token-alice', method: 'delete', path: `/me/onlineMeetings/${id}` },
      ]);
      assert.equal(r2.get!.status, 200);
      assert.equal(r2.getBob!.status, 404);
      assert.equal((r2.patch!.body as Record<string, any>).endDateTime, '2026-01-06T09:30:00.0000000Z');
      assert.equal(r2.delete!.status, 204);
      assert.equal(graph.meetings.size, 0);
    });

    it('forgetAll: the same externalId and transactionId make new items again, as on an empty tenant', async () => {
      const ev = { subject: 'S', start: { dateTime: '2026-11-28T15:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-11-28T16:00:00', timeZone: 'UTC' }, transactionId: 't-1' };
      const calls: GraphCall[] = [
        { name: 'meeting', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body },
        { name: 'event', version: 'v1.0', token: 'graph-token-alice', method: 'post', path: '/me/events', body: ev },
      ];
      const before = await runGraph(calls);
      graph.forgetAll();
      assert.equal(graph.requests.length, 0);
      const after = await runGraph(calls);
      assert.equal(after.meeting!.status, 201, 'created again, not found');
      assert.notEqual((after.meeting!.body as any).id, (before.meeting!.body as any).id);
      assert.notEqual((after.event!.body as any).id, (before.event!.body as any).id);
      assert.equal(graph.meetings.size + graph.events.size, 2);
    });

    describe('Outlook events (v1.0 /me/events)', () => {
      const event = {
        subject: 'Design review',
        body: { contentType: 'html', content: '<p>Join: <a href="https://teams.example/join">link</a></p>' },
        start: { dateTime: '2026-11-28T15:00:00', timeZone: 'Eastern Standard Time' },
        end: { dateTime: '2026-11-28T15:45:00', timeZone: 'Eastern Standard Time' },
        location: { displayName: 'Microsoft Teams meeting' },
        attendees: [{ emailAddress: { address: 'bob@contoso.com', name: 'Bob' }, type: 'required' }],
        isOnlineMeeting: false,
        transactionId: 'meeting-bot-event-1',
      };
      const v1 = (name: string, method: GraphCall['method'], path: string, body?: unknown, extra: Partial<GraphCall> = {}): GraphCall =>
        ({ name, version: 'v1.0', token: 'graph-token-alice', method, path, body, ...extra });

      it('POST creates the event (201, times in UTC, organizer, attendees); the same transactionId again returns it and makes no second one', async () => {
        const r = await runGraph([v1('first', 'post', '/me/events', event), v1('retry', 'post', '/me/events', event), v1('other', 'post', '/me/events', { ...event, transactionId: 'meeting-bot-event-2' })]);
        assert.equal(r.first!.status, 201, JSON.stringify(r.first!.body));
        const created = r.first!.body as Record<string, any>;
        assert.match(created['@odata.context'], /v1\.0\/\$metadata#users\('.+'\)\/events\/\$entity$/);
        assert.deepEqual(created.start, { dateTime: '2026-11-28T20:00:00.0000000', timeZone: 'UTC' }, 'read in Eastern time, answered in UTC');
        assert.deepEqual(created.end, { dateTime: '2026-11-28T20:45:00.0000000', timeZone: 'UTC' });
        assert.equal(created.originalStartTimeZone, 'Eastern Standard Time');
        assert.equal(created.transactionId, 'meeting-bot-event-1');
        assert.equal(created.isOrganizer, true);
        assert.equal(created.isOnlineMeeting, false);
        assert.deepEqual(created.organizer, { emailAddress: { name: ALICE.name, address: 'alice@contoso.com' } });
        assert.deepEqual(created.attendees, [{ type: 'required', status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress: { name: 'Bob', address: 'bob@contoso.com' } }]);
        assert.equal(created.location.displayName, 'Microsoft Teams meeting');
        assert.match(created.body.content, /<a href="https:\/\/teams\.example\/join">link<\/a>/);
        assert.equal(r.retry!.status, 201);
        assert.equal((r.retry!.body as any).id, created.id, 'the retry gets the event the first POST made');
        assert.notEqual((r.other!.body as any).id, created.id);
        assert.equal(graph.eventsOf(ALICE.aadObjectId).length, 2, 'two transactionIds, two events: the retry made none');
        assert.equal(graph.eventsOf(ALICE.aadObjectId).find((e) => e.event.id === created.id)!.posts, 2);
      });

      it('PATCH updates time, subject and attendees (200, the event); cancel answers 202 Accepted with no body and keeps the comment; the event then is gone', async () => {
        const r = await runGraph([v1('create', 'post', '/me/events', event)]);
        const id = encodeURIComponent((r.create!.body as any).id);
        const r2 = await runGraph([
          v1('patch', 'patch', `/me/events/${id}`, {
            subject: 'Design review (moved)',
            start: { dateTime: '2026-11-29T09:30:00', timeZone: 'China Standard Time' },
            end: { dateTime: '2026-11-29T10:00:00', timeZone: 'Asia/Shanghai' },
            attendees: [{ emailAddress: { address: 'carol@contoso.com' }, type: 'Required' }],
          }),
          v1('get', 'get', `/me/events/${id}`),
          v1('cancel', 'post', `/me/events/${id}/cancel`, { Comment: 'Cancelled in Teams' }),
          v1('again', 'post', `/me/events/${id}/cancel`, { comment: 'twice' }, { raw: false }),
          v1('getGone', 'get', `/me/events/${id}`, undefined, { raw: false }),
        ]);
        assert.equal(r2.patch!.status, 200, JSON.stringify(r2.patch!.body));
        const patched = r2.patch!.body as Record<string, any>;
        assert.equal(patched.subject, 'Design review (moved)');
        assert.deepEqual(patched.start, { dateTime: '2026-11-29T01:30:00.0000000', timeZone: 'UTC' });
        assert.deepEqual(patched.attendees.map((a: any) => [a.type, a.emailAddress.address]), [['required', 'carol@contoso.com']], 'the list sent replaces the attendees');
        assert.equal((r2.get!.body as any).subject, 'Design review (moved)');
        assert.equal(r2.cancel!.status, 202);
        assert.equal(r2.cancel!.body, undefined, 'no body');
        const stored = graph.eventsOf(ALICE.aadObjectId)[0]!;
        assert.deepEqual(stored.cancelled, { comment: 'Cancelled in Teams' });
        assert.equal(r2.again!.error?.statusCode, 404);
        assert.equal(r2.again!.error?.code, 'ErrorItemNotFound');
        assert.equal(r2.getGone!.error?.statusCode, 404);
      });

      it('an attendee who is a user gets a copy: they can\'t cancel it (400, organizer only); another user can\'t see the organizer\'s event (404)', async () => {
        const r = await runGraph([v1('create', 'post', '/me/events', { ...event, attendees: [{ emailAddress: { address: 'alice@contoso.com', name: 'Alice' }, type: 'required' }] }, { token: 'graph-token-bob' })]);
        assert.equal(r.create!.status, 201);
        const copy = [...graph.events.values()].find((e) => e.ownerId === ALICE.aadObjectId)!;
        assert.equal(copy.event.isOrganizer, false);
        const r2 = await runGraph([
          v1('cancelCopy', 'post', `/me/events/${encodeURIComponent(copy.event.id)}/cancel`, { comment: 'no' }, { raw: false }),
          v1('peek', 'get', `/me/events/${encodeURIComponent((r.create!.body as any).id)}`, undefined, { raw: false }),
          v1('organizer', 'post', `/me/events/${encodeURIComponent((r.create!.body as any).id)}/cancel`, {}, { token: 'graph-token-bob' }),
        ]);
        assert.equal(r2.cancelCopy!.error?.statusCode, 400);
        assert.match(r2.cancelCopy!.error!.message, /You need to be an organizer to cancel a meeting/);
        assert.equal(r2.peek!.error?.statusCode, 404);
        assert.equal(r2.organizer!.status, 202);
        assert.equal(copy.event.isCancelled, true, "the attendee's copy follows the cancellation");
      });

      it('refuses what Graph refuses: unknown or misspelled properties, wrong shapes and enum values, zones Graph does not know, an offset in dateTime (400)', async () => {
        const bad: [string, Record<string, unknown>, RegExp][] = [
          ['misspelled', { ...event, attendee: event.attendees }, /property 'attendee' does not exist on type 'microsoft\.graph\.event'/],
          ['unknown nested', { ...event, body: { ...event.body, format: 'html' } }, /'format' does not exist on type 'microsoft\.graph\.itemBody'/],
          ['enum', { ...event, attendees: [{ emailAddress: { address: 'bob@contoso.com' }, type: 'mandatory' }] }, /microsoft\.graph\.attendeeType/],
          ['shape', { ...event, start: '2026-11-28T15:00:00Z' }, /dateTimeTimeZone/],
          ['zone', { ...event, start: { dateTime: '2026-11-28T15:00:00', timeZone: 'America/Toronto' } }, /TimeZone value is not supported: 'America\/Toronto'/],
          ['offset', { ...event, start: { dateTime: '2026-11-28T15:00:00-05:00', timeZone: 'UTC' } }, /without an offset/],
          ['boolean', { ...event, isOnlineMeeting: 'false' }, /Edm\.Boolean/],
          ['address', { ...event, attendees: [{ emailAddress: { address: 'Bob Jones' }, type: 'required' }] }, /not valid/],
        ];
        const r = await runGraph(bad.map(([name, body]) => v1(name, 'post', '/me/events', body, { raw: false })));
        for (const [name, , message] of bad) {
          assert.equal(r[name]!.error?.statusCode, 400, name);
          assert.match(r[name]!.error!.message, message, name);
        }
        assert.equal(graph.events.size, 0);
      });

      it('a token without Calendars.ReadWrite → 403 ErrorAccessDenied; a user without a mailbox → 404 MailboxNotEnabledForRESTAPI', async () => {
        await graph.stop();
        graph = new GraphStandIn({
          cert: ca.cert,
          key: ca.key,
          tokenOwner: (t) => tokens[t],
          tokenScopes: (t) => (t === 'graph-token-alice' ? ['OnlineMeetings.ReadWrite', 'User.Read'] : undefined),
        });
        await graph.start();
        graph.withoutMailbox(BOB.aadObjectId);
        const r = await runGraph([
          v1('noScope', 'post', '/me/events', event, { raw: false }),
          v1('noMailbox', 'post', '/me/events', event, { token: 'graph-token-bob', raw: false }),
          { name: 'meetingStillWorks', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body },
        ]);
        assert.equal(r.noScope!.error?.statusCode, 403);
        assert.equal(r.noScope!.error?.code, 'ErrorAccessDenied');
        assert.equal(r.noMailbox!.error?.statusCode, 404);
        assert.equal(r.noMailbox!.error?.code, 'MailboxNotEnabledForRESTAPI');
        assert.equal(r.meetingStillWorks!.status, 201, 'online meetings need no calendar permission');
        assert.equal(graph.events.size, 0);
      });
    });

    it('hang: the request stays open until stop()', async () => {
      graph.failNext({ hang: true });
      const child = run(process.execPath, [
        path.join(__dirname, 'graph-client-child.js'),
        JSON.stringify({ baseUrl: graph.baseUrl, calls: [{ name: 'h', token: 'graph-token-alice', method: 'post', path: '/me/onlineMeetings/createOrGet', body, raw: false }] }),
      ], { env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: ca.caPem } });
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(graph.requests.length, 1);
      assert.equal(graph.requests[0]!.fault, 'hang');
      assert.equal(graph.requests[0]!.status, undefined);
      await graph.stop();
      const { stdout } = await child;
      assert.equal((JSON.parse(stdout) as GraphCallResult).error?.statusCode, -1);
    });

    it('normaliseGraphDateTime', () => {
      assert.deepEqual(normaliseGraphDateTime('2026-03-29T01:30+01:00'), { ok: true, value: '2026-03-29T00:30:00.0000000Z' });
      assert.equal(normaliseGraphDateTime('2026-03-29T01:30:00').ok, false);
      assert.deepEqual(normaliseGraphDateTime('2026-03-29T01:30:00', 'utc'), { ok: true, value: '2026-03-29T01:30:00.0000000Z' });
      assert.equal(normaliseGraphDateTime('tomorrow').ok, false);
      assert.equal(normaliseGraphDateTime('2026-02-30T10:00:00Z').ok, false);
      assert.deepEqual(normaliseGraphDateTime('2028-02-29T10:00:00.123456789Z'), { ok: true, value: '2028-02-29T10:00:00.1234567Z' });
    });
  });

  describe('ConnectorStandIn ← CloudAdapter / ConnectorClient', () => {
    let connector: ConnectorStandIn;
    let adapter: CloudAdapter;

    beforeEach(async () => {
      connector = new ConnectorStandIn();
      await connector.start();
      adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '' }));
    });
    afterEach(async () => {
      await connector.stop();
    });

    function refFor(activity: Record<string, unknown>): Partial<ConversationReference> {
      return TurnContext.getConversationReference(activity as Partial<Activity>);
    }

    it('send, reply (thread id percent-encoded), update, delete', async () => {
      const inbound = channelMessage({ text: 'schedule', serviceUrl: connector.serviceUrl });
      let sentId = '';
      let turnActivityId = '';
      // TurnContext.sendActivity always copies the reference's activityId into replyToId
      // (a proactive turn's is a random uuid), so botbuilder replies; sendToConversation
      // is only reached through the ConnectorClient itself.
      await adapter.continueConversationAsync('', refFor(inbound), async (ctx) => {
        const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
        const sent = await client.conversations.sendToConversation(ctx.activity.conversation.id, {
          type: 'message',
          text: 'plain send',
          conversation: ctx.activity.conversation,
        } as Activity);
        sentId = sent.id;
        turnActivityId = ctx.activity.id ?? '';
        // An explicit replyToId is overwritten by the turn's activity id.
        await ctx.sendActivity({ type: 'message', text: 'threaded', replyToId: inbound.id as string });
        await ctx.updateActivity({ type: 'message', id: sentId, text: 'edited', conversation: ctx.activity.conversation });
        await ctx.deleteActivity(sentId);
      });
      const [send, reply, update, del] = connector.calls;
      const convId = inbound.conversation.id as string;
      assert.equal(send!.kind, 'send');
      assert.equal(send!.path, `/v3/conversations/${encodeURIComponent(convId)}/activities`);
      assert.equal(send!.conversationId, convId);
      assert.equal(send!.activity!.text, 'plain send');
      assert.equal(send!.headers.authorization, undefined);
      assert.equal(reply!.kind, 'reply');
      assert.equal(reply!.activityId, turnActivityId);
      assert.equal(reply!.headers['x-ms-conversation-id'], convId);
      assert.equal(update!.kind, 'update');
      assert.equal(update!.activityId, sentId);
      assert.equal(update!.activity!.text, 'edited');
      assert.equal(del!.kind, 'delete');
      assert.deepEqual(connector.activities().map((a) => a.text), ['plain send', 'threaded', 'edited']);
    });

    it('a proactive sendActivity is a reply to the continuation activity\'s random id', async () => {
      const inbound = channelMessage({ text: 'schedule', serviceUrl: connector.serviceUrl });
      await adapter.continueConversationAsync('', refFor(inbound), async (ctx) => {
        await ctx.sendActivity('proactive');
      });
      const [call] = connector.calls;
      assert.equal(call!.kind, 'reply');
      assert.match(call!.activityId!, /^[0-9a-f-]{36}$/);
    });

    it('pagedmembers: TeamsInfo.getPagedMembers reads it a page at a time (continuationToken), in a group chat and for a channel\'s team', async () => {
      connector.members = [memberRecord(SAM), memberRecord(PRIYA), memberRecord(MAX)];
      const group = groupChatMessage({ text: 'x', serviceUrl: connector.serviceUrl });
      const pages: { ids: string[]; token?: string }[] = [];
      await adapter.continueConversationAsync('', refFor(group), async (ctx) => {
        let token: string | undefined;
        do {
          const page = await TeamsInfo.getPagedMembers(ctx, 2, token);
          pages.push({ ids: page.members.map((m) => m.id), token: page.continuationToken });
          if (pages.length === 1) assert.equal(page.members[0]!.name, SAM.name);
          token = page.continuationToken;
        } while (token);
      });
      assert.deepEqual(pages.map((p) => p.ids), [[SAM.id, PRIYA.id], [MAX.id]]);
      assert.equal(typeof pages[0]!.token, 'string');
      assert.equal(pages[1]!.token, undefined, 'no token on the last page');
      const calls = connector.calls.filter((c) => c.kind === 'pagedMembers');
      assert.deepEqual(calls.map((c) => c.query), [{ pageSize: '2' }, { pageSize: '2', continuationToken: pages[0]!.token }]);
      assert.equal(calls[0]!.conversationId, group.conversation.id);

      // In a channel, TeamsInfo asks the team (channelData.team.id), not the thread.
      const inChannel = channelMessage({ text: 'x', serviceUrl: connector.serviceUrl });
      await adapter.continueConversationAsync('', { ...refFor(inChannel) }, async (ctx) => {
        ctx.activity.channelData = inChannel.channelData;
        assert.equal((await TeamsInfo.getPagedMembers(ctx, 100)).members.length, 3);
      });
      assert.equal(connector.calls.filter((c) => c.kind === 'pagedMembers').at(-1)!.conversationId, inChannel.channelData.team.id);
      const bad = await fetch(`${connector.serviceUrl}v3/conversations/x/pagedmembers?continuationToken=nonsense`);
      assert.equal(bad.status, 400);
    });

    it('waitFor, cards(), failNext', async () => {
      const inbound = personalMessage({ text: 'hi', serviceUrl: connector.serviceUrl });
      const waiting = connector.waitFor((c) => c.status === 200 && c.activity?.attachments?.length > 0, 5000);
      connector.failNext({ status: 503, times: 1 });
      await adapter.continueConversationAsync('', refFor(inbound), async (ctx) => {
        await ctx.sendActivity({
          type: 'message',
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5' } }],
        });
      });
      const hit = await waiting;
      assert.equal(hit.status, 200);
      assert.equal(connector.calls[0]!.status, 503, 'first attempt failed, connector client retried');
      assert.equal(connector.calls[0]!.kind, 'reply');
      assert.equal(connector.cards('application/vnd.microsoft.card.adaptive').length, 1);
      assert.equal(connector.cards('application/vnd.microsoft.card.adaptive')[0]!.activityId, hit.responseId);
      await assert.rejects(connector.waitFor((c) => c.kind === 'delete', 200), /timed out[\s\S]*#1 POST/);
    });
  });

  describe('activities builders ← botbuilder helpers', () => {
    it('channel message: mention removable, channel id readable, thread conversation id', () => {
      const a = channelMessage({ text: 'schedule sync tomorrow 3pm', serviceUrl: 'http://x/', tz: 'Europe/Berlin' });
      assert.equal(TurnContext.removeRecipientMention(a as unknown as Partial<Activity>), 'schedule sync tomorrow 3pm');
      assert.equal(teamsGetChannelId(a as unknown as Activity), CHANNEL_ID);
      assert.equal(a.conversation.id, `${CHANNEL_ID};messageid=${a.id as string}`);
      assert.equal(a.localTimezone, 'Europe/Berlin');
      assert.match(a.localTimestamp as string, /[+-]0[12]:00$/);
      const reply = channelMessage({ text: 'x', serviceUrl: 'http://x/', rootMessageId: '1700000000000' });
      assert.equal(reply.conversation.id, `${CHANNEL_ID};messageid=1700000000000`);
      assert.notEqual(reply.id, '1700000000000');
    });
    it('card submit keeps the older channelData shape; invokes have names and values', () => {
      const msg = channelMessage({ text: 'x', serviceUrl: 'http://x/' });
      const s = cardSubmit({ value: { action: 'confirm' }, replyToId: '123', conversation: msg.conversation, serviceUrl: 'http://x/' });
      assert.equal(s.text, '');
      assert.equal(s.channelData.teamsChannelId, undefined);
      assert.equal(teamsGetChannelId(s as unknown as Activity), CHANNEL_ID);
      const x = tokenExchangeInvoke({ exchangeId: 'e', connectionName: CONNECTION, token: 't', serviceUrl: 'http://x/' });
      assert.deepEqual([x.type, x.name, x.value], ['invoke', 'signin/tokenExchange', { id: 'e', connectionName: CONNECTION, token: 't' }]);
      assert.equal(verifyStateInvoke({ state: '1', serviceUrl: 'http://x/' }).name, 'signin/verifyState');
      assert.equal(emulatorMessage({ text: 'x', serviceUrl: 'http://x/' }).channelData, undefined);
    });
  });

  describe('startBot', () => {
    async function fakeBot(source: string): Promise<string> {
      const dir = await mkdtemp(path.join(tmp, 'bot-'));
      await mkdir(path.join(dir, 'dist', 'src'), { recursive: true });
      await writeFile(path.join(dir, 'dist', 'src', 'index.js'), source);
      return dir;
    }

    it('clean env, waits for /healthz, posts activities, stops with SIGTERM', async () => {
      process.env.SHOULD_NOT_LEAK = 'secret';
      const cwd = await fakeBot(`
        const http = require('node:http');
        const srv = http.createServer((req, res) => {
          if (req.url === '/healthz') return res.end('ok');
          let b = ''; req.on('data', c => b += c); req.on('end', () => {
            res.setHeader('Content-Type', 'application/json');
            res.end(JSON.stringify({ env: Object.keys(process.env).sort(), got: JSON.parse(b) }));
          });
        });
        setTimeout(() => srv.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening')), 300);
        process.on('SIGTERM', () => { console.log('bye'); srv.close(() => process.exit(0)); });
      `);
      try {
        const bot = await startBot({ MicrosoftAppId: '' }, { cwd });
        const res = await postActivity(bot.messagesUrl, { type: 'message', text: 'x' });
        assert.equal(res.status, 200);
        const { env, got } = res.body as { env: string[]; got: { text: string } };
        assert.equal(got.text, 'x');
        assert.ok(!env.includes('SHOULD_NOT_LEAK'));
        assert.ok(env.includes('PORT') && env.includes('APP_ENV') && env.includes('MicrosoftAppId'));
        await bot.stop();
        assert.equal(await bot.exited, 0);
        assert.match(bot.logs(), /listening[\s\S]*bye/);
      } finally {
        delete process.env.SHOULD_NOT_LEAK;
      }
    });

    it('rejects with the output when the bot dies', async () => {
      const cwd = await fakeBot(`console.error('boom: missing config'); process.exit(3);`);
      await assert.rejects(startBot({}, { cwd }), /exited \(code 3\)[\s\S]*boom: missing config/);
    });

    it('kill9', async () => {
      const cwd = await fakeBot(`
        require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
        process.on('SIGTERM', () => {});`);
      const bot = await startBot({}, { cwd });
      await bot.kill9();
      assert.equal(await bot.exited, null);
    });
  });
});
