// Several bot instances sharing Azure Blob storage (Azurite): a dialog outlives its process and moves between instances.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { ALICE, BOB, cardSubmit, channelMessage, type InboundActivity } from '../../support/activities';
import type { BotProcess } from '../../support/bot-process';
import { cardOf, createDataOf, isForm, isJoin } from '../../support/wire-cards';
import { Rig } from '../support/full-path-rig';
import { recordScenario } from '../support/reliability-log';

const TEST = 'test/scale-out/blob-state.e2e.test.ts';

describe('state in Azure Blob storage (Azurite), several bot instances', function () {
  this.timeout(120_000);
  const rig = new Rig();
  const { connector } = rig.standIns;
  let serviceUrl: string;

  before(async () => {
    await rig.start({}, { instances: 2, blob: { container: 'bot-state' }, sandbox: true });
    serviceUrl = rig.serviceUrl;
  });
  after(() => rig.stop());

  async function post(bot: BotProcess, activity: InboundActivity) {
    const res = await rig.post(activity, bot);
    assert.equal(res.status, 200, `bot answered ${res.status}: ${JSON.stringify(res.body)}\n${bot.logs().slice(-2000)}`);
  }

  it('/healthz reports that the blob store answers', async () => {
    const health = (await (await fetch(`${rig.bot.url}/healthz`)).json()) as any;
    assert.deepEqual(health.storage, { kind: 'blob', ok: true });
  });

  it('a form started on one instance is completed on the other, per user, turn by turn', async () => {
    const [a, b] = rig.bots;
    const tomorrow = DateTime.now().setZone('America/New_York').plus({ days: 1 }).toISODate()!;
    const aliceMsg = channelMessage({ serviceUrl, text: 'schedule Alice planning', user: ALICE });
    await post(a, aliceMsg);
    const aliceForm = await connector.waitFor((c) => isForm(c) && c.conversationId === aliceMsg.conversation.id);
    const bobMsg = channelMessage({ serviceUrl, text: 'schedule Bob planning', user: BOB, rootMessageId: aliceMsg.conversation.id.split('=')[1] });
    await post(b, bobMsg);
    const bobForm = await connector.waitFor((c) => isForm(c) && c.activity?.attachments?.[0]?.content?.actions?.[0]?.data?.ownerId === BOB.id);

    // Invalid on B (state read from blob, error shown in place), then valid on A.
    await post(b, cardSubmit({ serviceUrl, user: ALICE, conversation: aliceMsg.conversation, replyToId: aliceForm.responseId!, value: { ...createDataOf(aliceForm), subject: '', date: tomorrow, time: '10:00', duration: '30' } }));
    await connector.waitFor((c) => c.kind === 'update' && c.activityId === aliceForm.responseId && JSON.stringify(cardOf(c)).includes('ubject'));
    await post(a, cardSubmit({ serviceUrl, user: BOB, conversation: bobMsg.conversation, replyToId: bobForm.responseId!, value: { ...createDataOf(bobForm), subject: 'Bob planning', date: tomorrow, time: '11:00', duration: '45' } }));
    await post(a, cardSubmit({ serviceUrl, user: ALICE, conversation: aliceMsg.conversation, replyToId: aliceForm.responseId!, value: { ...createDataOf(aliceForm), subject: 'Alice planning', date: tomorrow, time: '10:00', duration: '30' } }));

    const aliceJoin = await connector.waitFor((c) => c.kind === 'update' && c.activityId === aliceForm.responseId && isJoin(c));
    const bobJoin = await connector.waitFor((c) => c.kind === 'update' && c.activityId === bobForm.responseId && isJoin(c));
    assert.match(JSON.stringify(cardOf(aliceJoin)), /Alice planning/);
    assert.match(JSON.stringify(cardOf(bobJoin)), /Bob planning/);
    recordScenario({ scenario: 'Two instances on one Blob store, turns alternating, two users in one thread', runs: 1, outcome: 'each form completed on the other instance; users kept apart', test: TEST });
  });

  it('the dialog itself lives in the shared store: started on one instance, cancelled on the other', async () => {
    const [a, b] = rig.bots;
    const msg = channelMessage({ serviceUrl, text: 'schedule To be cancelled', user: BOB });
    await post(a, msg);
    await connector.waitFor((c) => isForm(c) && c.conversationId === msg.conversation.id);
    await post(b, channelMessage({ serviceUrl, text: 'cancel', user: BOB, rootMessageId: msg.conversation.id.split('=')[1] }));
    const reply = await connector.waitFor((c) => c.conversationId === msg.conversation.id && /Cancelled|nothing to cancel/.test(c.activity?.text ?? ''));
    assert.match(reply.activity!.text, /^Cancelled/, 'instance B found the dialog instance A started');
    recordScenario({ scenario: 'Dialog started on instance A, cancelled on instance B', runs: 1, outcome: 'B found and ended the dialog A started', test: TEST });
  });

  it('kill -9 mid-dialog: a new process on the same store completes the submit', async () => {
    const victim = rig.bot;
    const msg = channelMessage({ serviceUrl, text: 'schedule Survives a crash', user: ALICE });
    await post(victim, msg);
    const form = await connector.waitFor((c) => isForm(c) && c.conversationId === msg.conversation.id);
    await victim.kill9();

    const fresh = await rig.restartBot(victim);
    const tomorrow = DateTime.now().setZone('America/New_York').plus({ days: 1 }).toISODate()!;
    const data = createDataOf(form);
    await post(fresh, cardSubmit({ serviceUrl, user: ALICE, conversation: msg.conversation, replyToId: form.responseId!, value: { ...data, subject: 'Survives a crash', date: tomorrow, time: '16:00', duration: '30' } }));
    const join = await connector.waitFor((c) => c.kind === 'update' && c.activityId === form.responseId && isJoin(c));
    assert.match(JSON.stringify(cardOf(join)), /Survives a crash/);
    recordScenario({ scenario: 'kill -9 with a form open, new process on the same Blob store', runs: 1, outcome: "the user's submit created the meeting", test: TEST });
  });
});
