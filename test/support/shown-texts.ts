// What a user reads in the posts and updates the connector stand-in recorded: each message's text and its card's
// visible texts. Tests that look for an error shown read these, not the activities' JSON, whose ids and links
// (random characters from Graph and the stand-ins) can spell "busy" or "wrong".
import type { RecordedCall } from '../../support/connector-stand-in';
import { cardOf } from '../../support/wire-cards';
import { visibleTexts } from './chinese';

export function shownTexts(calls: readonly RecordedCall[]): string[] {
  return calls.flatMap((c) => {
    const card = cardOf(c);
    return [typeof c.activity?.text === 'string' ? c.activity.text : '', ...(card ? visibleTexts(card) : [])].filter((text) => text !== '');
  });
}
