// activityShapeProblem: what Teams, the Emulator and the Playground send passes; each malformed field is named in a
// short problem (the 400's body). In process, one rule at a time on a real Teams channel message or invoke.
import assert from 'node:assert/strict';
import { activityShapeProblem, isOverlongMessage, MAX_MESSAGE_CHARS } from '../../src/http/activity-shape';
import { cardActionInvoke, channelMessage, conversationUpdate, emulatorMessage, tokenExchangeInvoke, verifyStateInvoke } from '../../support/activities';

const serviceUrl = 'https://smba.trafficmanager.net/amer/';
const json = <T>(v: T): any => JSON.parse(JSON.stringify(v));
const message = () => json(channelMessage({ serviceUrl, text: 'schedule Design review tomorrow 3pm', tz: 'America/New_York' }));
const invoke = () => json(cardActionInvoke({ serviceUrl, verb: 'create', data: {}, replyToId: '1796590898680' }));

describe('activityShapeProblem', () => {
  it('passes what the channels send', () => {
    for (const activity of [
      message(),
      invoke(),
      json(verifyStateInvoke({ serviceUrl, state: '123456' })),
      json(tokenExchangeInvoke({ serviceUrl, exchangeId: 'x', connectionName: 'c', token: 't' })),
      json(conversationUpdate({ serviceUrl, scope: 'team' })),
      json(emulatorMessage({ serviceUrl: 'http://127.0.0.1:9/', text: 'help' })),
    ]) {
      assert.equal(activityShapeProblem(activity), undefined, JSON.stringify(activity).slice(0, 120));
    }
  });

  it('takes null like an absent optional field', () => {
    const activity = { ...message(), replyToId: null, locale: null, timestamp: null, entities: null, channelData: null, recipient: null };
    activity.from = { ...activity.from, name: null, isGroup: null };
    assert.equal(activityShapeProblem(activity), undefined);
  });

  // The problem names the field first, then what is wrong with it: "activity.conversation.id must be a …".
  const cases: Array<[string, (a: any) => unknown, string]> = [
    ['a body that is not an object', () => [1], 'body must be a JSON activity object'],
    ['no type', (a) => ({ ...a, type: undefined }), 'activity.type is required'],
    ['an empty type', (a) => ({ ...a, type: '' }), 'activity.type must be a non-empty string'],
    ['a text that is not a string', (a) => ({ ...a, text: 5 }), 'activity.text must be a string'],
    ['an overlong locale', (a) => ({ ...a, locale: 'x'.repeat(300) }), 'activity.locale is too long'],
    ['an id with a control character', (a) => ({ ...a, id: 'a\u0000b' }), 'activity.id must be printable ASCII'],
    ['an overlong replyToId', (a) => ({ ...a, replyToId: '1'.repeat(600) }), 'activity.replyToId is too long'],
    ['a channelId with a lone surrogate', (a) => ({ ...a, channelId: 'ms\ud800' }), 'activity.channelId must be printable ASCII'],
    ['no channelId', (a) => ({ ...a, channelId: undefined }), 'activity.channelId is required'],
    ['a timestamp that is no date', (a) => ({ ...a, timestamp: 'yesterday-ish' }), 'activity.timestamp must be an ISO 8601 date'],
    ['no serviceUrl', (a) => ({ ...a, serviceUrl: '' }), 'activity.serviceUrl is required'],
    ['a serviceUrl that is no http URL', (a) => ({ ...a, serviceUrl: 'ftp://x' }), 'activity.serviceUrl must be an absolute http(s) URL'],
    ['no conversation', (a) => ({ ...a, conversation: undefined }), 'activity.conversation is required'],
    ['a conversation id that is a number', (a) => ({ ...a, conversation: { id: 42 } }), 'activity.conversation.id must be a non-empty string'],
    ['an empty from.id', (a) => ({ ...a, from: { id: '' } }), 'activity.from.id must be a non-empty string'],
    ['a recipient that is an array', (a) => ({ ...a, recipient: [] }), 'activity.recipient must be an object'],
    ['a from.name that is an object', (a) => ({ ...a, from: { ...a.from, name: {} } }), 'activity.from.name must be a string'],
    // Replies carry the conversation back, and the connector refuses any other conversation type.
    ['a conversation.conversationType Teams never sends', (a) => ({ ...a, conversation: { ...a.conversation, conversationType: 'meeting' } }), 'activity.conversation.conversationType must be personal, groupChat or channel'],
    ['a null conversation.conversationType', (a) => ({ ...a, conversation: { ...a.conversation, conversationType: null } }), 'activity.conversation.conversationType must be personal, groupChat or channel'],
    ['a conversation.isGroup that is a string', (a) => ({ ...a, conversation: { ...a.conversation, isGroup: 'yes' } }), 'activity.conversation.isGroup must be a boolean'],
    ['channelData that is a string', (a) => ({ ...a, channelData: 'x' }), 'activity.channelData must be an object'],
    ['entities that are an object', (a) => ({ ...a, entities: {} }), 'activity.entities must be an array'],
    ['an entity that is a number', (a) => ({ ...a, entities: [a.entities[0], 7] }), 'activity.entities[1] must be an object'],
    ['an entity without a type', (a) => ({ ...a, entities: [{}] }), 'activity.entities[0].type is required'],
    ['a mention without mentioned', (a) => ({ ...a, entities: [{ type: 'Mention' }] }), 'activity.entities[0].mentioned is required'],
    ['a mention whose mentioned.id is a number', (a) => ({ ...a, entities: [{ type: 'mention', mentioned: { id: 5 } }] }), 'activity.entities[0].mentioned.id must be a string'],
    ['an attachment whose contentType is a number', (a) => ({ ...a, attachments: [{ contentType: 1 }] }), 'activity.attachments[0].contentType must be a string'],
    ['a member added without an id', (a) => ({ ...a, membersAdded: [{}] }), 'activity.membersAdded[0].id is required'],
    ['a reaction whose type is a number', (a) => ({ ...a, reactionsAdded: [{ type: 1 }] }), 'activity.reactionsAdded[0].type must be a string'],
  ];
  for (const [name, change, problem] of cases) {
    it(`names ${name}`, () => {
      const found = activityShapeProblem(change(message()));
      const field = problem.split(' ')[0]!;
      // (Or a part of it: "mentioned" has no id.)
      const namesField = field.startsWith('activity.') && (found?.startsWith(`${field} `) || found?.startsWith(`${field}.`));
      assert.ok(found === problem || namesField, `${found} (expected ${problem})`);
    });
  }

  it('invokes: an object value, and what the names it checks need of it', () => {
    assert.equal(activityShapeProblem({ ...invoke(), value: 'x' }), 'invoke value must be an object');
    assert.equal(activityShapeProblem({ ...invoke(), value: { action: 5 } }), 'adaptiveCard/action value.action must be an object');
    assert.equal(activityShapeProblem({ ...invoke(), name: 'signin/verifyState', value: { state: 5 } }), 'signin/verifyState value.state must be a string');
    assert.equal(activityShapeProblem({ ...invoke(), name: 'signin/tokenExchange', value: { token: [] } }), 'signin/tokenExchange value.token must be a string');
    assert.equal(activityShapeProblem({ ...invoke(), name: 'something/else', value: {} }), undefined);
    assert.equal(activityShapeProblem({ ...invoke(), value: {} }), 'adaptiveCard/action value.action is required');
  });

  it('an invoke named like a property every object has is just a name nobody handles', () => {
    // These once reached the prototype instead of the table of names and threw (a 500).
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      assert.equal(activityShapeProblem({ ...invoke(), name, value: {} }), undefined, name);
    }
  });

  it('isOverlongMessage: only a message whose text is past the limit', () => {
    assert.equal(isOverlongMessage({ type: 'message', text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) }), true);
    assert.equal(isOverlongMessage({ type: 'message', text: 'x'.repeat(MAX_MESSAGE_CHARS) }), false);
    assert.equal(isOverlongMessage({ type: 'invoke', text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) }), false);
  });
});
