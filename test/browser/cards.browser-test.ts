// Every card the bot sends, rendered by the real Adaptive Cards renderer (Teams light HostConfig) in
// headless Chromium: no parse or validation events, no renderer or page errors, nothing rendered empty.
// Run with `npm run test:browser`. `npm run cards` draws the same messages into docs/cards/.
import assert from 'node:assert/strict';
import { buildCardGallery, type GalleryMessage } from '../../support/card-gallery';
import { renderGallery, type RenderedMessage } from '../../support/card-render';

describe('Cards rendered with the Adaptive Cards renderer in Chromium (Teams light theme)', function () {
  this.timeout(120_000);

  let gallery: GalleryMessage[];
  let rendered: Map<string, RenderedMessage>;

  before(async function () {
    gallery = await buildCardGallery();
    // A card the checks must reject, so a silent checker can't pass everything.
    const broken: GalleryMessage = {
      name: 'control-broken',
      title: 'control',
      when: 'never',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }, { type: 'NoSuchElement', text: 'x' }] },
        },
      ],
    };
    const results = await renderGallery([...gallery, broken]);
    rendered = new Map(results.map((r) => [r.name, r]));
  });

  it('covers every kind of message the bot sends', function () {
    const names = gallery.map((m) => m.name);
    for (const required of [
      'form-empty',
      'form-errors',
      'form-confirm-time',
      'join-card',
      'join-card-simulated',
      'help-card',
      'welcome-card',
      'closed-card',
      'join-card-organizer',
      'change-form',
      'join-card-moved',
      'cancel-confirm',
      'meeting-cancelled',
      'meetings-list',
      'sign-in-prompt',
      'confirm-details',
      'join-card-attendees',
      'reminder',
      'error-forbidden',
      'text-cancelled',
      'text-not-your-form',
    ]) {
      assert.ok(names.includes(required), `gallery lacks ${required}`);
    }
    assert.equal(new Set(names).size, names.length, 'gallery names must be unique (they are file names)');
  });

  it('renders every message without parse/validation events, renderer or page errors, or empty cards', function () {
    const failures = gallery
      .map((m) => rendered.get(m.name)!)
      .filter((r) => r.problems.length > 0 || r.height < 40)
      .map((r) => `${r.name} (${Math.round(r.height)}px): ${r.problems.join('; ') || 'too small'}`);
    assert.deepEqual(failures, []);
  });

  it('the checks do catch a broken card (control)', function () {
    const control = rendered.get('control-broken')!;
    assert.ok(control.problems.some((p) => /validate|parse/.test(p)), `no problem reported for the broken card: ${JSON.stringify(control.problems)}`);
  });

  it('shows what people need to read and press', function () {
    const text = (name: string) => rendered.get(name)!.text;
    assert.match(text('form-empty'), /Schedule a Teams meeting[\s\S]*Subject[\s\S]*Date[\s\S]*Start time[\s\S]*Duration[\s\S]*Create meeting[\s\S]*Cancel/);
    assert.match(text('form-errors'), /Please give the meeting a subject\./);
    assert.match(text('form-errors'), /Teams is busy right now/);
    assert.match(text('form-confirm-time'), /I read "at 7" as 7:00 PM/);
    assert.match(text('join-card'), /Meeting scheduled[\s\S]*Design review[\s\S]*When: Sat, Nov 28, 2026, 3:00 PM – 3:45 PM EST \(America\/New_York\)[\s\S]*Join/);
    assert.match(text('join-card'), /Toll-free: \+1 866-555-0134/);
    assert.match(text('join-card-simulated'), /Sandbox: this is a simulated meeting/);
    assert.doesNotMatch(text('join-card'), /Sandbox/);
    assert.match(text('help-card'), /What I can do[\s\S]*schedule <subject> <when> \[for <duration>\]/);
    assert.match(text('welcome-card'), /Hi! I'm Meeting Bot/);
    assert.match(text('closed-card'), /Scheduling cancelled[\s\S]*Budget sync/);
    assert.match(text('join-card-attendees'), /Add to my calendar[\s\S]*Attendees:[\s\S]*Megan Bowen[\s\S]*Priya Patel[\s\S]*I couldn't add Sam[\s\S]*reminder here 10 minutes before/);
    assert.match(text('reminder'), /Design review starts in 10 minutes[\s\S]*Megan Bowen[\s\S]*Join/);
    assert.match(text('confirm-details'), /Design review[\s\S]*3:00 PM – 3:45 PM[\s\S]*Create meeting[\s\S]*Change details[\s\S]*Cancel/);
    assert.doesNotMatch(text('confirm-details'), /Sign in/);
    assert.match(text('join-card-organizer'), /Join[\s\S]*Change[\s\S]*Cancel meeting/);
    assert.match(text('change-form'), /Change the meeting[\s\S]*Save changes[\s\S]*Back/);
    assert.match(text('join-card-moved'), /Meeting updated[\s\S]*4:30 PM – 5:15 PM[\s\S]*Moved from Sat, Nov 28, 2026, 3:00 PM EST by/);
    assert.match(text('cancel-confirm'), /Cancel Design review for everyone\?[\s\S]*Cancel meeting[\s\S]*Keep it/);
    assert.match(text('meeting-cancelled'), /Meeting cancelled[\s\S]*Cancelled by/);
    assert.doesNotMatch(text('meeting-cancelled'), /Join/);
    assert.match(text('meetings-list'), /Upcoming meetings[\s\S]*Design review[\s\S]*Join[\s\S]*Budget sync[\s\S]*Join/);
    assert.match(text('sign-in-prompt'), /Press Sign in if Teams doesn't do it for you[\s\S]*Sign in/);
    assert.match(text('confirm-details'), /Design review[\s\S]*Create meeting[\s\S]*Change details/);
    // The same messages in Chinese.
    assert.match(text('form-empty-zh-CN'), /安排 Teams 会议[\s\S]*主题[\s\S]*日期[\s\S]*开始时间[\s\S]*时长[\s\S]*创建会议[\s\S]*取消/);
    assert.match(text('join-card-zh-CN'), /会议已安排[\s\S]*架构讨论[\s\S]*时间：2026年11月28日周六 下午3:00 – 下午3:45 GMT-5 \(America\/New_York\)[\s\S]*加入/);
    assert.match(text('form-confirm-time-zh-CN'), /我把“7点”理解为 晚上7:00——请核对时间。/);
    assert.match(text('sign-in-prompt-zh-CN'), /如果 Teams 没有自动为你登录[\s\S]*登录/);
    assert.match(text('text-not-your-form-zh-CN'), /这个表单属于其他人/);
    assert.match(text('error-forbidden'), /Your account isn't allowed to create Teams meetings/);
    // The details are kept: the form comes back filled in.
    assert.deepEqual(rendered.get('error-forbidden')!.inputValues, ['Design review', '2026-11-28', '15:00', '45 minutes']);
    assert.deepEqual(rendered.get('form-empty')!.inputValues, ['', '', '', '30 minutes']);
    assert.match(text('text-cancelled'), /Cancelled\. Nothing was created\./);
    assert.match(text('text-not-your-form'), /That form belongs to someone else/);
  });
});
