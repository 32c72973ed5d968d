// "Add to my calendar": Outlook on the web's compose deep link, prefilled with the meeting. Undocumented but long
// stable and widely used; it needs no endpoint of ours, so it reveals nothing and can't be abused (see design.md).

export const OUTLOOK_COMPOSE = 'https://outlook.office.com/calendar/0/deeplink/compose';
/** Browsers and Teams' link handling cope with longer URLs, but 2,048 characters is the safe limit everywhere. */
export const MAX_URL_LENGTH = 2048;

export interface CalendarEvent {
  subject: string;
  startIso: string;
  endIso: string;
  /** Description: where to join. Dropped first when the URL would be too long. */
  body: string;
}

/** The deep link; subject and body are cut (never inside a character) so the URL stays within MAX_URL_LENGTH. */
export function outlookCalendarUrl(e: CalendarEvent): string {
  const fixed = `&startdt=${enc(isoUtc(e.startIso))}&enddt=${enc(isoUtc(e.endIso))}&path=%2Fcalendar%2Faction%2Fcompose&rru=addevent`;
  const build = (subject: string, body: string) => `${OUTLOOK_COMPOSE}?subject=${enc(subject)}${fixed}${body === '' ? '' : `&body=${enc(body)}`}`;
  const subject = clean(e.subject);
  const body = clean(e.body);
  let url = build(subject, body);
  if (url.length <= MAX_URL_LENGTH) return url;
  // The join link is on the card anyway: give the room to the subject first.
  url = build(subject, '');
  if (url.length > MAX_URL_LENGTH) return build(fit(subject, (s) => build(s, '').length <= MAX_URL_LENGTH), '');
  return build(subject, fit(body, (b) => build(subject, b).length <= MAX_URL_LENGTH));
}

/** The longest prefix of `text` (whole code points, "…" added when cut) that `fits`. */
function fit(text: string, fits: (candidate: string) => boolean): string {
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(`${chars.slice(0, mid).join('')}…`)) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${chars.slice(0, lo).join('').trimEnd()}…`;
}

/** Control characters and lone surrogates can't be percent-encoded meaningfully: replaced by spaces. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ');
}

function enc(text: string): string {
  return encodeURIComponent(text);
}

/** Graph's times are UTC; Outlook reads an ISO time with Z. */
function isoUtc(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.000Z$/, 'Z') : iso;
}
