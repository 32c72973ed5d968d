import { CARD_ENVELOPE, expandCard, richText, run } from './card-template';

const template = {
  ...CARD_ENVELOPE,
  body: [
    richText([run('${title}', { size: 'Large', weight: 'Bolder' })]),
    // The subject is what the user typed: TextRun, so it can't turn into a link or Markdown.
    richText([run('Subject: ', { weight: 'Bolder' }), run('${subject}')], { $when: '${hasSubject}' }),
    richText([run('${detail}', { isSubtle: true })], { $when: '${hasDetail}' }),
  ],
};

/** What a form card is replaced with once it can no longer be used, e.g. "Scheduling cancelled". No actions. */
export function buildClosedCard(d: { title: string; detail?: string; subject?: string }): Record<string, unknown> {
  const subject = d.subject ?? '';
  const detail = d.detail ?? '';
  return expandCard(template, {
    title: d.title,
    subject,
    hasSubject: subject.trim() !== '',
    detail,
    hasDetail: detail !== '',
  });
}
