// Everything the bot says, in the reader's language: message catalogs (locales/<locale>.json) through i18next.
// i18next because it does what the texts need and little else: plurals by Intl.PluralRules ("1 minute" /
// "2 minutes", one form in Chinese), {{name}} interpolation without HTML escaping (cards place text as TextRuns;
// a text without a plural is filled here from its template, see `render`), fallback to English for a missing text,
// synchronous start from resources in memory, one small dependency. ICU
// MessageFormat (FormatJS) would be the alternative: more expressive selects, but a parser and a heavier runtime for
// texts that need none of it.
import i18next from 'i18next';
import { DateTime } from 'luxon';
import type { Message, MessageKey, MessageParam } from '../meetings/message';
import { CLOCK_STYLE, type Locale } from './locale';
import enUS from './locales/en-US.json';
import zhCN from './locales/zh-CN.json';

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutPlural<K> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** A text of the catalogs (a plural one without its _one/_other suffix). English is the reference catalog. */
export type TextKey = WithoutPlural<keyof typeof enUS>;

/** Fails to compile when the domain can produce a message the catalogs have no text for. */
type Never<T extends never> = T;
/** @public Exported only so that the check compiles (an unused local type would not). */
export type EveryDomainMessageHasAText = Never<Exclude<MessageKey, TextKey>>;

/** Something to say: a domain message or one of the bot's own texts, with its parameters. */
export interface Said {
  key: TextKey;
  params?: Readonly<Record<string, MessageParam>>;
}

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { 'en-US': enUS, 'zh-CN': zhCN };

const engine = i18next.createInstance();
void engine.init({
  resources: Object.fromEntries(Object.entries(CATALOGS).map(([locale, texts]) => [locale, { translation: texts }])),
  lng: 'en-US',
  fallbackLng: 'en-US',
  load: 'currentOnly',
  // Keys are flat ("form.subject"); a "." or ":" in them is not a path.
  keySeparator: false,
  nsSeparator: false,
  // Values are never HTML-escaped (cards show them as TextRuns) and never read as {{…}} or $t(…) themselves:
  // user text such as a subject "{{x}}" stays as typed.
  interpolation: { escapeValue: false, skipOnVariables: true },
  // Resources are in memory: init is synchronous, so the first turn needs no await.
  initAsync: false,
  returnNull: false,
  returnEmptyString: false,
  // No console line at start: logs are JSON.
  showSupportNotice: false,
});

/** Says things in one language: `t('form.subject')`, `t('join.movedFrom', { from, by })`, `t(message)`. */
export interface Translate {
  (key: TextKey, params?: Readonly<Record<string, MessageParam>>): string;
  (said: Said | Message): string;
  readonly locale: Locale;
}

const translators = new Map<Locale, Translate>();

/** The translator for `locale` (one per language, made once). */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (t === undefined) {
    const fn = (keyOrSaid: TextKey | Said | Message, params?: Readonly<Record<string, MessageParam>>): string =>
      typeof keyOrSaid === 'string' ? render(locale, keyOrSaid, params) : say(locale, keyOrSaid);
    t = Object.assign(fn, { locale }) as Translate;
    translators.set(locale, t);
  }
  return t;
}

function say(locale: Locale, said: Said | Message | string): string {
  // Dialog state written before messages became codes holds plain English text: show it as it is.
  if (typeof said === 'string') return said;
  return render(locale, said.key, said.params);
}

/** Where a text is looked for: the reader's language, then English (fallbackLng). */
const LOOKUP_ORDER: Readonly<Record<Locale, readonly string[]>> = { 'en-US': ['en-US'], 'zh-CN': ['zh-CN', 'en-US'] };

// i18next resolves the language and key path on every call (a tenth of a schedule turn's CPU when every label of a
// card goes through it). What it finds for a key is the same every time, so a text's template is looked up once: the
// text itself when it has no parameters, else completed by `fill` as i18next would with these settings. Plurals
// ({count}) still go through i18next, which picks the form.
const templates = new Map<string, string>();

function render(locale: Locale, key: string, params?: Readonly<Record<string, MessageParam>>): string {
  if (params === undefined) return templateOf(locale, key);
  const replace: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) replace[name] = typeof value === 'number' ? value : formatParam(locale, value);
  if (typeof params.count === 'number') {
    // `lngs` hands i18next the lookup order it would otherwise work out (and canonicalise) again on every call.
    return engine.t(key, { lng: locale, lngs: LOOKUP_ORDER[locale], replace, count: params.count }) as string;
  }
  return fill(templateOf(locale, key), replace);
}

function templateOf(locale: Locale, key: string): string {
  const cacheKey = `${locale}\u0000${key}`;
  let template = templates.get(cacheKey);
  if (template === undefined) {
    template = engine.t(key, { lng: locale, skipInterpolation: true }) as string;
    templates.set(cacheKey, template);
  }
  return template;
}

/**
 * {{name}} replaced by its value, in one pass: a value is never read for {{…}} itself (skipOnVariables) nor escaped
 * (escapeValue: false), and a name without a value stays as written — i18next's interpolation with our settings.
 */
function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

function formatParam(locale: Locale, p: Exclude<MessageParam, number>): string {
  if (typeof p === 'string') return p;
  if ('key' in p) return say(locale, p);
  if ('minutes' in p) return formatDuration(p.minutes, locale);
  if ('date' in p) return formatDay(p.date, p.withYear === true, locale);
  if ('time' in p) return formatClock(p.time, locale);
  if ('month' in p) return formatMonth(p.month, locale);
  return formatZoneName(p.zoneNameAt, p.zone, locale);
}

/** "45 minutes", "1 hour", "1 hour 30 minutes", "2 hours 1 minute"; "45分钟", "1小时30分钟". */
const durations = new Map<string, string>();
export function formatDuration(minutes: number, locale: Locale): string {
  const cacheKey = `${locale}\u0000${minutes}`;
  let text = durations.get(cacheKey);
  if (text === undefined) {
    text = durationText(minutes, locale);
    // Bounded: durations are a handful of values; odd ones (fractions) are not worth remembering forever.
    if (durations.size < 1000) durations.set(cacheKey, text);
  }
  return text;
}

function durationText(minutes: number, locale: Locale): string {
  const t = translator(locale);
  // Odd values (fractions, negatives) are shown as given rather than rounded away.
  if (!Number.isInteger(minutes) || minutes < 60) return t('duration.minutes', { count: minutes });
  const hours = t('duration.hours', { count: Math.floor(minutes / 60) });
  const rest = minutes % 60;
  return rest === 0 ? hours : t('duration.hoursMinutes', { hours, minutes: t('duration.minutes', { count: rest }) });
}

// English keeps the exact wording the bot has always used (luxon's formats); other languages use Intl's own
// way of writing the same fields. Dates and times here are wall-clock values, formatted as if in UTC.
const intlFormats = new Map<string, Intl.DateTimeFormat>();
function intl(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let f = intlFormats.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locale, options);
    intlFormats.set(key, f);
  }
  return f;
}

function formatDay(isoDate: string, withYear: boolean, locale: Locale): string {
  const day = DateTime.fromISO(isoDate, { zone: 'utc', locale: 'en-US' });
  if (!day.isValid) return isoDate;
  if (locale === 'en-US') return day.toFormat(withYear ? 'ccc, LLL d, yyyy' : 'ccc, LLL d');
  return intl(locale, { timeZone: 'UTC', weekday: 'short', month: 'long', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}) }).format(day.toMillis());
}

function formatClock(hhmm: string, locale: Locale): string {
  const time = DateTime.fromFormat(hhmm, 'HH:mm', { zone: 'utc', locale: 'en-US' });
  if (!time.isValid) return hhmm;
  if (locale === 'en-US') return time.toFormat('h:mm a');
  return intl(locale, { timeZone: 'UTC', hour: 'numeric', minute: '2-digit', ...CLOCK_STYLE[locale] }).format(time.toMillis());
}

function formatMonth(yyyyMm: string, locale: Locale): string {
  const month = DateTime.fromFormat(yyyyMm, 'yyyy-MM', { zone: 'utc', locale: 'en-US' });
  if (!month.isValid) return yyyyMm;
  if (locale === 'en-US') return month.toFormat('LLLL yyyy');
  return intl(locale, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(month.toMillis());
}

function formatZoneName(at: number, zone: string, locale: Locale): string {
  const instant = DateTime.fromMillis(at, { zone, locale: 'en-US' });
  if (!instant.isValid) return zone;
  if (locale === 'en-US') return instant.toFormat('ZZZZ');
  const parts = intl(locale, { timeZone: zone, timeZoneName: 'short' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}
