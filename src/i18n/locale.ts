// The languages the bot speaks, and how any language tag maps onto one of them.

export const SUPPORTED_LOCALES = ['en-US', 'zh-CN'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/**
 * How each language writes a clock time, on top of Intl's defaults: Chinese on a 12-hour clock with the part of the
 * day as it is said ("下午3:00", "晚上7:30", "凌晨12:30"), English as Intl has it ("3:00 PM").
 */
export const CLOCK_STYLE: Readonly<Record<Locale, Intl.DateTimeFormatOptions>> = { 'en-US': {}, 'zh-CN': { hourCycle: 'h12', dayPeriod: 'short' } };

/** Whether `tag` is a well-formed BCP 47 language tag ("zh-cn", "en-US", "zh-Hans-SG"). */
export function isLanguageTag(tag: unknown): tag is string {
  if (typeof tag !== 'string' || tag.trim() === '') return false;
  // Every turn asks about its activity's locale, and clients send a handful of them: Intl's check is remembered.
  let valid = tagValidity.get(tag);
  if (valid === undefined) {
    try {
      valid = Intl.getCanonicalLocales(tag.trim()).length === 1;
    } catch {
      valid = false;
    }
    if (tag.length <= 64 && tagValidity.size < 500) tagValidity.set(tag, valid);
  }
  return valid;
}
const tagValidity = new Map<string, boolean>();

/**
 * The supported language for a tag: every Chinese variant (zh, zh-cn, zh-Hans, zh-SG, …) reads Simplified Chinese,
 * everything else English — one of the two is always better than nothing.
 */
export function supportedLocale(tag: string): Locale {
  return /^zh(?:[-_]|$)/i.test(tag.trim()) ? 'zh-CN' : 'en-US';
}

/** Whether a configured default names a language the bot speaks ("fr-FR" would silently become English). */
export function isSpokenLanguage(tag: string): boolean {
  return isLanguageTag(tag) && /^(?:en|zh)(?:[-_]|$)/i.test(tag.trim());
}
