import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { adaptiveCard, richText, run, type AdaptiveCard, type CardElement } from './card-elements';

/** What a form card is replaced with once it can no longer be used, e.g. "Scheduling cancelled". No actions. */
export function buildClosedCard(d: { title: string; detail?: string; subject?: string; locale?: Locale }): AdaptiveCard {
  const t = translator(d.locale ?? 'en-US');
  const body: CardElement[] = [richText([run(d.title, { size: 'Large', weight: 'Bolder' })])];
  // The subject is what the user typed: TextRun, so it can't turn into a link or Markdown.
  if (d.subject !== undefined && d.subject.trim() !== '') body.push(richText([run(t('common.labelled', { label: t('form.subject') }), { weight: 'Bolder' }), run(d.subject)]));
  if (d.detail) body.push(richText([run(d.detail, { isSubtle: true })]));
  return adaptiveCard(body);
}
