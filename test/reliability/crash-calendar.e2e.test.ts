// kill -9 while the bot waits for Graph on the Outlook event's behalf (real bot processes on one Blob store, full
// path, a calendar OAuth connection): between the online meeting and its event, and between a change of the meeting
// and the event's update. The next press (or the organizer's card refresh) settles it, and there is one event, showing
// whichever version of the meeting holds.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { VERBS } from '../../src/teams/card-verbs';
import { ALICE, cardActionInvoke, channelMessage, type InboundActivity } from '../../support/activities';
import { postActivity } from '../../support/bot-process';
import { cardOf, isJoin } from '../../support/wire-cards';
import { findByType } from '../support/adaptive-cards';
import { CALENDAR_CONNECTION, Rig } from '../support/full-path-rig';
import { SAM, memberRecord, mentioning } from '../support/people';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isEventPost = (r: { method: string; path: string }) => r.method === 'POST' && /\/me\/events\/?$/i.test(r.path);

describe('kill -9 between the meeting and its Outlook event (Blob store, real bot processes)', function () {
  this.timeout(150_000);
  const rig = new Rig();

  before(async () => {
    await rig.start({ CALENDAR_CONNECTION_NAME: CALENDAR_CONNECTION }, { blob: { container: 'crash-calendar' }, graph: { tokens: { 'calendar-token-alice': ALICE.aadObjectId } } });
    rig.connector.members = [memberRecord(SAM)];
    rig.tokens.setToken(ALICE.id, 'calendar-token-alice', CALENDAR_CONNECTION);
  });
  after(() => rig.stop());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log('--- bot log ---\n' + rig.bot.logs().split('\n').slice(-40).join('\n'));
  });

  /** Waits until Graph has seen one more request matching `match` than `before`. */
  async function untilGraphSees(match: (r: { method: string; path: string }) => boolean, before: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (rig.graph.requests.filter(match).length === before) {
      assert.ok(Date.now() < deadline, 'the request reached Graph');
      await sleep(20);
    }
  }

  it('killed while Graph makes the event (its answer never comes): pressing Create again makes the join card, one meeting and one event', async () => {
    // Not signed in yet: the channel gets the compact card with Create.
    rig.tokens.forget(ALICE.id);
    const message = mentioning(channelMessage({ serviceUrl: rig.serviceUrl, text: 'schedule Crash between meeting and event tomorrow at 9am with @Sam Jones', user: ALICE, tz: 'America/New_York' }), [SAM]);
    assert.equal((await rig.post(message)).status, 200);
    const compact = await rig.connector.waitFor((c) => c.conversationId === message.conversation.id && Boolean(cardOf(c)?.actions?.some((a: any) => a.verb === VERBS.create)));
    const create = cardOf(compact).actions.find((a: any) => a.verb === VERBS.create);
    const press = () => cardActionInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: message.conversation, replyToId: compact.responseId!, verb: VERBS.create, data: create.data });
    rig.tokens.setToken(ALICE.id, 'graph-token-alice');

    const posts = rig.graph.requests.filter(isEventPost).length;
    rig.graph.failNext({ hang: true, afterCreate: true, match: isEventPost });
    const pending = postActivity(rig.bot.messagesUrl, press()).catch(() => undefined);
    await untilGraphSees(isEventPost, posts);
    await rig.bot.kill9();
    await pending;
    rig.graph.clearFaults();
    assert.equal(rig.meetingsOf(ALICE).filter((m) => m.meeting.subject === 'Crash between meeting and event').length, 1, 'the meeting was made before the crash');
    assert.equal(rig.graph.eventsOf(ALICE.aadObjectId).filter((e) => e.event.subject === 'Crash between meeting and event').length, 1, 'and Graph made the event');
    await rig.restartBot();

    // The organizer presses Create again (the compact card still shows it).
    const again = await rig.post(press());
    assert.equal(again.status, 200, JSON.stringify(again.body));
    const joined = await rig.connector.waitFor((c) => c.kind === 'update' && c.activityId === compact.responseId && isJoin(c), 15_000);
    assert.match(JSON.stringify(cardOf(joined)), /Outlook invitations sent to Sam Jones\./);
    assert.equal(rig.meetingsOf(ALICE).filter((m) => m.meeting.subject === 'Crash between meeting and event').length, 1, 'one meeting (createOrGet)');
    const events = rig.graph.eventsOf(ALICE.aadObjectId).filter((e) => e.event.subject === 'Crash between meeting and event');
    assert.equal(events.length, 1, 'one event (the same transactionId)');
    assert.equal(events[0]!.posts, 2, 'asked for twice, made once');
  });

  for (const graphApplies of [true, false]) {
    it(`killed while a Save waits for Graph (${graphApplies ? 'the meeting moved, its answer lost' : 'the meeting not moved'}): the organizer's refresh brings the event to the time that holds`, async () => {
      rig.tokens.setToken(ALICE.id, 'graph-token-alice');
      const subject = `Crash mid-save ${graphApplies ? 'applied' : 'not applied'}`;
      const message = mentioning(rig.message(`schedule ${subject} tomorrow at 2pm with @Sam Jones`), [SAM]);
      assert.equal((await rig.post(message)).status, 200);
      const posted = await rig.connector.waitFor((c) => c.conversationId === message.conversation.id && isJoin(c));
      const recordId = cardOf(posted).refresh.action.data.recordId;
      const invoke = (verb: string, data: Record<string, unknown>) => cardActionInvoke({ serviceUrl: rig.serviceUrl, user: ALICE, conversation: message.conversation as InboundActivity, replyToId: posted.responseId!, verb, data });
      const event = rig.graph.eventsOf(ALICE.aadObjectId).find((e) => e.event.subject === subject)!;
      assert.ok(event, 'the event was made with the meeting');
      const startOf = () => Date.parse(`${event.event.start.dateTime.slice(0, 19)}Z`);
      const original = startOf();

      const form = ((await rig.post(invoke(VERBS.change, { recordId }))).body as any).value;
      const save = form.actions.find((a: any) => a.verb === VERBS.saveChange).data;
      const date = String(findByType(form, 'Input.Date')[0]!.value);
      const isMeetingPatch = (r: { method: string; path: string }) => r.method === 'PATCH' && /onlineMeetings/i.test(r.path);
      const patches = rig.graph.requests.filter(isMeetingPatch).length;
      rig.graph.failNext({ hang: true, afterCreate: graphApplies, match: isMeetingPatch });
      const pending = postActivity(rig.bot.messagesUrl, invoke(VERBS.saveChange, { ...save, subject, date, time: '15:00', duration: '30' })).catch(() => undefined);
      await untilGraphSees(isMeetingPatch, patches);
      await rig.bot.kill9();
      await pending;
      rig.graph.clearFaults();
      assert.equal(startOf(), original, 'the event never heard of the change');
      await rig.restartBot();

      // The organizer's client refreshes the card: Graph is asked, and the event follows what holds.
      const seen = JSON.stringify(((await rig.post(invoke(VERBS.refresh, { recordId }))).body as any).value);
      const moved = DateTime.fromMillis(original, { zone: 'UTC' }).setZone('America/New_York').set({ hour: 15 }).toMillis();
      assert.equal(startOf(), graphApplies ? moved : original, graphApplies ? 'the event moved with the meeting' : 'the event stays where the meeting is');
      assert.equal(rig.graph.eventsOf(ALICE.aadObjectId).filter((e) => e.event.subject === subject).length, 1, 'still one event');
      assert.match(seen, /Outlook invitations sent to Sam Jones\./);
      assert.doesNotMatch(seen, /weren't updated/);
      if (!graphApplies) assert.match(seen, /didn't reach Teams/);
    });
  }
});
