import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { SUPPORTED_LOCALES, supportedLocale } from '../../src/i18n/locale';
import i18next from 'i18next';
import { CATALOGS, translator, type TextKey } from '../../src/i18n/translate';
import { HELP_COMMANDS } from '../../src/cards/help-card';
import { parseSchedule } from '../../src/meetings/parse-schedule';
import { validateDraft } from '../../src/meetings/validate-draft';
import { clientLocaleOf, localeOf } from '../../src/teams/activity-context';
import { readTurn } from '../../src/teams/turn';
import { parseCommand } from '../../src/teams/commands';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL, '');
const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  const english = CATALOGS['en-US'];

  for (const locale of SUPPORTED_LOCALES) {
    const catalog = CATALOGS[locale];

    it(`${locale} has a text for every key English has, and no other`, () => {
      const keys = (c: Record<string, string>) => [...new Set(Object.keys(c).map(baseKey))].sort();
      assert.deepEqual(keys(catalog), keys(english));
    });

    it(`${locale} has exactly the plural forms its language needs (Intl.PluralRules)`, () => {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.sort();
      const plurals = new Set(Object.keys(english).filter((k) => PLURAL.test(k)).map(baseKey));
      for (const key of plurals) {
        const forms = Object.keys(catalog).filter((k) => baseKey(k) === key && PLURAL.test(k)).map((k) => PLURAL.exec(k)![1]).sort();
        assert.deepEqual(forms, needed, key);
      }
    });

    it(`${locale} uses the same interpolation variables as English in every text`, () => {
      const byBase = (c: Record<string, string>) => {
        const out = new Map<string, string[]>();
        for (const [k, v] of Object.entries(c)) out.set(baseKey(k), [...new Set([...(out.get(baseKey(k)) ?? []), ...variables(v)])].sort());
        return out;
      };
      const theirs = byBase(catalog);
      for (const [key, vars] of byBase(english)) assert.deepEqual(theirs.get(key), vars, key);
    });

    it(`${locale}: every text with values reads as i18next itself would write it`, () => {
      // The translator keeps each text's template and fills it itself; i18next with the same settings is the reference.
      const reference = i18next.createInstance();
      void reference.init({
        resources: { [locale]: { translation: catalog }, 'en-US': { translation: english } },
        lng: locale,
        fallbackLng: 'en-US',
        keySeparator: false,
        nsSeparator: false,
        interpolation: { escapeValue: false, skipOnVariables: true },
        initAsync: false,
        showSupportNotice: false,
      });
      const t = translator(locale);
      let checked = 0;
      for (const [key, text] of Object.entries(catalog)) {
        const names = variables(text);
        if (PLURAL.test(key) || names.length === 0) continue;
        // Values that must not be escaped or read as replacement patterns.
        const params = Object.fromEntries(names.map((name) => [name, `<${name}> & $& $1 {{x}}`]));
        assert.equal(t(key as TextKey, params), reference.t(key, { replace: params }), key);
        checked++;
      }
      assert.ok(checked > 20, `only ${checked} texts with values`);
    });

    it(`${locale} has no empty text and nothing i18next would read as nesting`, () => {
      for (const [key, text] of Object.entries(catalog)) {
        assert.notEqual(text.trim(), '', key);
        assert.doesNotMatch(text, /\$t\(/, key);
      }
    });
  }

  it('places user text as it is: no HTML escaping, no {{…}} or $t(…) read inside values', () => {
    const t = translator('zh-CN');
    assert.equal(t('help.didNotUnderstand', { text: '<b>x</b> & {{subject}} $t(form.subject)' }), '我没有理解“<b>x</b> & {{subject}} $t(form.subject)”。');
    assert.equal(translator('en-US')('form.for', { name: 'Tom & Jerry' }), 'For Tom & Jerry');
  });

  it("keeps a value that looks like another of the text's variables as it is", () => {
    // i18next itself would fill the {{by}} inside the first value and leave the real one empty-handed.
    assert.equal(translator('en-US')('join.movedFrom', { from: '{{by}}', by: 'Ann' }), 'Moved from {{by}} by Ann');
    assert.equal(translator('zh-CN')('join.movedFrom', { from: '{{by}}', by: '安' }), translator('zh-CN')('join.movedFrom', { from: 'X', by: '安' }).replace('X', '{{by}}'));
  });

  it('formats dates, times and durations in the reader\'s language, English exactly as before', () => {
    const en = translator('en-US');
    const zh = translator('zh-CN');
    const parsed = parseSchedule('Standup Thursday at 7', { now: new Date('2026-11-26T15:00:00Z'), timeZone: 'America/New_York' });
    assert.equal(en(parsed.ambiguities.time!), 'I read "at 7" as 7:00 PM — check the time.');
    assert.equal(zh(parsed.ambiguities.time!), '我把“at 7”理解为 晚上7:00——请核对时间。');
    const bad = validateDraft({ subject: '', date: '2026-02-30', time: '09:00', durationMinutes: 2 }, { now: new Date('2026-01-01T00:00:00Z'), timeZone: 'Asia/Shanghai' });
    assert.ok(!bad.ok);
    assert.equal(en(bad.errors.date!), "2026-02-30 isn't a real date: February 2026 has 28 days.");
    assert.equal(zh(bad.errors.date!), '2026-02-30 不是有效日期：2026年2月只有 28 天。');
    assert.equal(zh(bad.errors.duration!), '时长必须是 5 到 1440 之间的整数分钟（24小时），收到的是 2。');
  });
});

describe('localeOf: the language a turn answers in', () => {
  const activity = (locale?: unknown, clientInfoLocale?: unknown): Partial<Activity> => ({
    locale: locale as string,
    entities: clientInfoLocale === undefined ? [] : [{ type: 'clientInfo', locale: clientInfoLocale }],
  });

  it('maps every Chinese tag to zh-CN and everything else to en-US', () => {
    for (const tag of ['zh-cn', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'zh-SG', 'zh', 'ZH-CN']) assert.equal(localeOf(activity(tag), 'en-US'), 'zh-CN', tag);
    for (const tag of ['en-US', 'en-us', 'en-GB', 'fr-FR', 'de', 'ja-JP']) assert.equal(localeOf(activity(tag), 'zh-CN'), 'en-US', tag);
    assert.equal(supportedLocale('zhx'), 'en-US', 'a language merely starting with "zh" is not Chinese');
  });

  it("takes the activity's locale first, then clientInfo's, then the default", () => {
    assert.equal(localeOf(activity('en-US', 'zh-cn'), 'en-US'), 'en-US');
    assert.equal(localeOf(activity(undefined, 'zh-cn'), 'en-US'), 'zh-CN');
    assert.equal(localeOf(activity(), 'zh-CN'), 'zh-CN');
    assert.equal(localeOf({}, 'en-US'), 'en-US');
  });

  it('skips malformed tags rather than trusting them', () => {
    assert.equal(localeOf(activity('not a tag!', 'zh-cn'), 'en-US'), 'zh-CN');
    assert.equal(localeOf(activity(42, { x: 1 }), 'zh-CN'), 'zh-CN');
    assert.equal(localeOf(activity(''), 'zh-CN'), 'zh-CN');
  });

  it('keeps the client\'s own tag for the parser (how "11/10" is read depends on en-GB vs en-US), read the same way', () => {
    assert.equal(clientLocaleOf(activity('en-GB', 'zh-cn')), 'en-GB');
    assert.equal(clientLocaleOf(activity(undefined, 'fr-FR')), 'fr-FR');
    assert.equal(clientLocaleOf(activity('not a tag!')), undefined);
    assert.equal(readTurn(activity('en-GB'), { locale: 'zh-CN', timeZone: 'UTC' }).clientLocale, 'en-GB');
  });
});

describe('help examples', () => {
  for (const locale of SUPPORTED_LOCALES) {
    it(`${locale}: every example on the help card is a command the bot reads completely`, () => {
      const t = translator(locale);
      const now = new Date('2026-11-26T15:00:00Z');
      for (const example of HELP_COMMANDS.flatMap((c) => c.examples)) {
        const command = parseCommand(t(example.text));
        assert.equal(command.kind, 'schedule', t(example.text));
        if (command.kind !== 'schedule' || command.details === '') continue;
        const parsed = parseSchedule(command.details, { now, timeZone: 'Asia/Shanghai' });
        assert.deepEqual(parsed.ambiguities, {}, t(example.text));
        assert.ok(validateDraft(parsed.draft, { now, timeZone: 'Asia/Shanghai' }).ok, `${t(example.text)} → ${JSON.stringify(parsed.draft)}`);
      }
    });
  }
});
