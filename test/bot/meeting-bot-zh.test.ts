// The bot for a Chinese reader, through botbuilder's TestAdapter: the client's language decides what the bot says;
// what the bot understands doesn't depend on it.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { OAuthSignIn } from '../../src/auth/oauth-sign-in';
import { SandboxSignIn } from '../../src/auth/sandbox-sign-in';
import { VERBS } from '../../src/teams/card-verbs';
import {
  ALICE,
  BOB,
  cardIn,
  pressButton,
  cardText,
  threadMessage,
  createHarness,
  inputValues,
  joinUrl,
  onlyCard,
  directMessage,
  refreshInvoke,
} from '../support/test-adapter-harness';
import type { TeamsUser } from '../../support/activities';
import { englishLeft, visibleTexts } from '../support/chinese';

const ZH = { locale: 'zh-cn' };
/** A Chinese reader; her name is Chinese too, so any Latin word on her cards is the bot's. */
const LI: TeamsUser = { ...ALICE, name: '李雷' };
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

function noEnglish(card: Record<string, any> | undefined): void {
  assert.ok(card, 'a card');
  const left = visibleTexts(card).flatMap((text) => englishLeft(text).map((word) => `${word} in ${JSON.stringify(text)}`));
  assert.deepEqual(left, []);
}

describe('a Chinese reader (TestAdapter, sandbox sign-in)', () => {
  it('安排 架构讨论 明天下午2点 一小时 creates the meeting and posts a Chinese join card', async () => {
    const h = createHarness(new SandboxSignIn());
    const replies = await h.send(threadMessage('安排 架构讨论 明天下午2点 一小时', LI, ZH));
    assert.equal(h.meetings.calls.length, 1);
    const { input } = h.meetings.calls[0];
    assert.equal(input.subject, '架构讨论');
    assert.equal(new Date(input.startIso).toISOString(), '2026-11-28T19:00:00.000Z', '2 PM in New York, the channel user’s zone');
    assert.equal(new Date(input.endIso).toISOString(), '2026-11-28T20:00:00.000Z');

    const card = cardIn(onlyCard(replies));
    noEnglish(card);
    const text = cardText(card);
    assert.match(text, /会议已安排/);
    assert.match(text, /时间： \| 2026年11月28日周六 下午2:00 – 下午3:00 GMT-5 \(America\/New_York\)/);
    assert.match(text, /组织者： \| 李雷/);
    assert.match(text, /加入/);
  });

  it('needs no space after the command word (安排架构讨论 明天下午2点)', async () => {
    const h = createHarness(new SandboxSignIn());
    joinUrl(onlyCard(await h.send(threadMessage('安排架构讨论 明天下午2点', LI, ZH))));
    assert.equal(h.meetings.calls[0]?.input.subject, '架构讨论');
  });

  it('gets the form in Chinese, and Chinese errors in place', async () => {
    const h = createHarness(new SandboxSignIn());
    const form = onlyCard(await h.send(threadMessage('安排', LI, ZH)));
    noEnglish(cardIn(form));
    assert.match(cardText(cardIn(form)), /安排 Teams 会议[\s\S]*主题[\s\S]*日期[\s\S]*开始时间[\s\S]*时长[\s\S]*30分钟[\s\S]*创建会议[\s\S]*取消/);

    await h.send(pressButton(form, { subject: ' ', date: '2026-11-28', time: '15:00', duration: '2' }, LI, VERBS.create, 'zh-cn'));
    const updated = cardIn(h.adapter.updates.at(-1));
    noEnglish(updated);
    const text = cardText(updated);
    assert.match(text, /请填写会议主题。/);
    assert.match(text, /时长必须是 5 到 1440 之间的整数分钟（24小时），收到的是 2。/);
    assert.equal(inputValues(updated).date, '2026-11-28', 'what was given is kept');
    assert.equal(h.meetings.calls.length, 0);
  });

  it('is asked in Chinese to confirm a guessed time', async () => {
    const h = createHarness(new SandboxSignIn());
    const form = cardIn(onlyCard(await h.send(threadMessage('安排 周会 明天7点', LI, ZH))));
    noEnglish(form);
    assert.match(cardText(form), /我把“7点”理解为 晚上7:00——请核对时间。/);
  });

  it('help, cancel and sign out answer in Chinese; the help card lists the Chinese command words', async () => {
    const h = createHarness(new SandboxSignIn());
    const help = cardIn(onlyCard(await h.send(threadMessage('帮助', LI, ZH))));
    noEnglish(help);
    const text = cardText(help);
    assert.match(text, /我能做什么[\s\S]*安排 <主题> <时间> \[<时长>\][\s\S]*也可以输入：预约、新建会议[\s\S]*我的会议/);
    assert.doesNotMatch(text, /schedule/);

    const unknown = cardIn(onlyCard(await h.send(threadMessage('跳个舞', LI, ZH))));
    assert.match(cardText(unknown), /我没有理解“跳个舞”。/);

    assert.deepEqual((await h.send(threadMessage('取消', LI, ZH))).map((r) => r.text), ['没有需要取消的内容。']);
    await h.send(threadMessage('安排', LI, ZH));
    assert.deepEqual((await h.send(threadMessage('取消', LI, ZH))).map((r) => r.text), ['已取消，没有创建任何会议。']);
    assert.match((await h.send(directMessage('退出登录', LI, ZH)))[0].text ?? '', /^你已退出登录。/);
  });

  it('lists the meetings in Chinese (我的会议)', async () => {
    const h = createHarness(new SandboxSignIn());
    await h.send(threadMessage('安排 架构讨论 明天下午2点 一小时', LI, ZH));
    const list = cardIn(onlyCard(await h.send(threadMessage('我的会议', LI, ZH))));
    noEnglish(list);
    assert.match(cardText(list), /即将举行的会议[\s\S]*架构讨论[\s\S]*2026年11月28日周六/);
  });

  it('someone else pressing their form is told in their own language', async () => {
    const h = createHarness(new SandboxSignIn());
    const form = onlyCard(await h.send(threadMessage('安排', LI, ZH)));
    await h.send(pressButton(form, { subject: 'Hijack', date: '2026-11-28', time: '10:00', duration: '30' }, BOB, VERBS.create, 'zh-cn'));
    assert.match(h.lastInvokeResponse()?.body.value, /^这个表单属于其他人/);
    await h.send(pressButton(form, { subject: 'Hijack', date: '2026-11-28', time: '10:00', duration: '30' }, BOB, VERBS.create, 'en-US'));
    assert.match(h.lastInvokeResponse()?.body.value, /^That form belongs to someone else/);
  });

  it('the shared join card speaks the organizer’s language; each viewer’s own version speaks theirs', async () => {
    const h = createHarness(new SandboxSignIn());
    const shared = onlyCard(await h.send(threadMessage('安排 架构讨论 明天下午2点 一小时', LI, ZH)));
    assert.match(cardText(cardIn(shared)), /会议已安排/);
    await h.send(refreshInvoke(shared, BOB));
    assert.match(cardText(h.lastInvokeResponse()?.body.value), /Meeting scheduled[\s\S]*When: [\s\S]*Sat, Nov 28, 2026, 2:00 PM – 3:00 PM EST/);
  });
});

describe('an English reader typing Chinese', () => {
  it('is understood, and answered in English', async () => {
    const h = createHarness(new SandboxSignIn());
    const card = cardIn(onlyCard(await h.send(threadMessage('安排 架构讨论 明天下午2点 一小时', ALICE, { locale: 'en-US' }))));
    assert.equal(h.meetings.calls[0]?.input.subject, '架构讨论');
    assert.equal(new Date(h.meetings.calls[0].input.startIso).toISOString(), '2026-11-28T19:00:00.000Z');
    assert.match(cardText(card), /Meeting scheduled[\s\S]*架构讨论[\s\S]*When: [\s\S]*Sat, Nov 28, 2026, 2:00 PM – 3:00 PM EST \(America\/New_York\)/);
    assert.doesNotMatch(cardText(card), /会议已安排|时间：/);
  });
});

describe('DEFAULT_LOCALE', () => {
  /** An activity whose client said nothing about its language. */
  function withoutLanguage(activity: Partial<Activity>): Partial<Activity> {
    const { locale: _locale, ...rest } = activity;
    return { ...rest, entities: (activity.entities ?? []).map((e) => (e.type === 'clientInfo' ? { ...e, locale: undefined } : e)) };
  }

  it('is the language when the activity names none', async () => {
    const zh = createHarness(new SandboxSignIn(), { defaultLocale: 'zh-CN' });
    assert.match(cardText(cardIn(onlyCard(await zh.send(withoutLanguage(threadMessage('help')))))), /我能做什么/);
    const en = createHarness(new SandboxSignIn());
    assert.match(cardText(cardIn(onlyCard(await en.send(withoutLanguage(threadMessage('help')))))), /What I can do/);
  });

  it("never overrides the client's own language", async () => {
    const h = createHarness(new SandboxSignIn(), { defaultLocale: 'zh-CN' });
    assert.match(cardText(cardIn(onlyCard(await h.send(threadMessage('help', ALICE, { locale: 'en-US' }))))), /What I can do/);
  });
});

describe('a Chinese reader signing in (TestAdapter, OAuthPrompt)', () => {
  it('gets the sign-in card and its prompt in Chinese', async () => {
    const h = createHarness(new OAuthSignIn('GraphConnection'));
    const replies = await h.send(directMessage('安排 架构讨论 明天下午2点', LI, ZH));
    const oauth = replies.find((r) => r.attachments?.some((a) => a.contentType === OAUTH_CARD));
    assert.ok(oauth, 'an OAuthCard is sent');
    assert.match(oauth!.text ?? '', /^要以你的身份创建会议，需要你先登录。如果 Teams 没有自动为你登录，请点击 \*\*登录\*\*。$/);
    const content = oauth!.attachments!.find((a) => a.contentType === OAUTH_CARD)!.content as { text?: string; buttons?: { title?: string }[] };
    assert.equal(content.text, '请登录，以便我以你的身份创建会议。');
    assert.equal(content.buttons?.[0]?.title, '登录');
  });

  it('an English reader of the same bot still gets the English card', async () => {
    const h = createHarness(new OAuthSignIn('GraphConnection'));
    const replies = await h.send(directMessage('schedule Sync tomorrow 10am'));
    const oauth = replies.find((r) => r.attachments?.some((a) => a.contentType === OAUTH_CARD));
    const content = oauth!.attachments!.find((a) => a.contentType === OAUTH_CARD)!.content as { text?: string; buttons?: { title?: string }[] };
    assert.equal(content.text, 'Sign in so I can create the meeting as you.');
    assert.equal(content.buttons?.[0]?.title, 'Sign in');
  });
});
