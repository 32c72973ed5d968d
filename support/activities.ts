// Builders for inbound activities shaped the way Teams (and Agents Playground)
// post them to /api/messages. Shapes follow the Bot Framework activity schema as Teams fills it
// (Microsoft's Teams bot docs) and real Teams captures; plain JSON, not botbuilder objects, on purpose.
import { createHash, randomUUID } from 'node:crypto';

export type InboundActivity = Record<string, any>;

export interface TeamsUser {
  /** Teams user id ("29:…"). */
  id: string;
  name: string;
  aadObjectId: string;
}

export const TENANT_ID = '8c3f0d4e-1b2a-4c5d-9e6f-7a8b9c0d1e2f';
export const BOT_APP_ID = '3d5f7a9b-2c4e-4f6a-8b0c-1d3e5f7a9b2c';
export const BOT_NAME = 'Meeting Bot';
const TEAM_ID = '19:Xr2KqL7n8vT3bWc9dF4gH1jM5pQ6sZ0y@thread.tacv2';
export const CHANNEL_ID = '19:abc7f3e2d1c04b5a9e8f6d2c1b0a9f8e@thread.tacv2';
const GROUP_CHAT_ID = '19:4f2e8d1c9b3a47e6a5d0c8b7f1e2d3c4@thread.v2';

export const ALICE: TeamsUser = {
  id: '29:1GcS4ZLQ8A9xLalice0KcR7rQbW2mT5vN6uY3pH8jD1fE4sA0iO9eU',
  name: 'Alice Example',
  aadObjectId: '6f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b',
};
export const BOB: TeamsUser = {
  id: '29:1Hd7Ym2Nq9Rb0bob3Tw6Ux1Vz4Ae7Bf0Cg3Dh6Ei9Fj2Gk5Hl8Im1Jn',
  name: 'Bob Sample',
  aadObjectId: '1a2b3c4d-5e6f-4708-9192-a3b4c5d6e7f8',
};

interface CommonOptions {
  serviceUrl: string;
  user?: TeamsUser;
  /** IANA zone sent as localTimezone and in clientInfo; null = client sent none. Default America/New_York. */
  tz?: string | null;
  locale?: string;
  botId?: string;
  botName?: string;
  tenantId?: string;
  /** Activity id (default: generated, Teams-style). */
  id?: string;
  /** When the user acted (default: now). */
  at?: Date;
}

let lastId = 0;
/** Teams message ids are millisecond timestamps; keep them unique and increasing. */
export function newMessageId(): string {
  lastId = Math.max(lastId + 1, Date.now());
  return String(lastId);
}
let invokeSeq = 0;
/** Invoke and card-submit ids look like "f:<digits>". */
function newInvokeId(): string {
  invokeSeq += 1;
  return `f:${Date.now()}${String(invokeSeq).padStart(6, '0')}`;
}

/** 2026-11-28T20:00:00.1230000Z — Teams sends 7 fractional digits. */
export function utcStamp(d: Date): string {
  return `${d.toISOString().slice(0, 23)}0000Z`;
}

// One formatter per zone: building one costs ~0.3 ms, which the benchmark's generator would pay every turn.
const stampFormats = new Map<string, Intl.DateTimeFormat>();
function stampFormat(tz: string): Intl.DateTimeFormat {
  let f = stampFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    stampFormats.set(tz, f);
  }
  return f;
}

// The last second formatted per zone: the benchmark's generator stamps hundreds of activities a second, and
// formatToParts is the costliest step of building one.
const lastSecond = new Map<string, { second: number; date: string; offset: string }>();

/** Wall-clock time in `tz` with its offset, e.g. 2026-11-28T15:00:00.1230000-05:00. */
export function localStamp(d: Date, tz: string): string {
  const second = Math.floor(d.getTime() / 1000);
  let seen = lastSecond.get(tz);
  if (seen?.second !== second) {
    const parts = stampFormat(tz).formatToParts(d);
    const get = (t: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === t)?.value ?? '';
    seen = { second, date: `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`, offset: get('timeZoneName').replace('GMT', '') || '+00:00' };
    lastSecond.set(tz, seen);
  }
  const ms = String(d.getUTCMilliseconds()).padStart(3, '0');
  return `${seen.date}.${ms}0000${seen.offset}`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function base(opts: CommonOptions, type: string, id: string): InboundActivity {
  const user = opts.user ?? ALICE;
  const at = opts.at ?? new Date();
  const tz = opts.tz === undefined ? 'America/New_York' : opts.tz;
  const locale = opts.locale ?? 'en-US';
  const clientInfo: InboundActivity = { type: 'clientInfo', locale, country: 'US', platform: 'Web' };
  if (tz) clientInfo.timezone = tz;
  const a: InboundActivity = {
    type,
    id,
    timestamp: utcStamp(at),
    channelId: 'msteams',
    serviceUrl: opts.serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: `28:${opts.botId ?? BOT_APP_ID}`, name: opts.botName ?? BOT_NAME },
    entities: [clientInfo],
    locale,
  };
  if (tz) {
    a.localTimestamp = localStamp(at, tz);
    a.localTimezone = tz;
  }
  return a;
}

// ---- conversations -------------------------------------------------------

export function channelConversation(channelId: string, rootMessageId: string, tenantId = TENANT_ID): InboundActivity {
  return { isGroup: true, conversationType: 'channel', tenantId, id: `${channelId};messageid=${rootMessageId}` };
}

function groupChatConversation(chatId = GROUP_CHAT_ID, tenantId = TENANT_ID): InboundActivity {
  return { isGroup: true, conversationType: 'groupChat', tenantId, id: chatId };
}

/** 1:1 chat ids are "a:1…", stable per user and bot. */
export function personalConversation(user: TeamsUser = ALICE, tenantId = TENANT_ID): InboundActivity {
  const h = createHash('sha256').update(user.id).digest('base64url').slice(0, 40);
  return { conversationType: 'personal', tenantId, id: `a:1${h}` };
}

/** Channel id of a channel conversation ("19:x@thread.tacv2;messageid=1" → "19:x@thread.tacv2"). */
function channelOf(conversation: InboundActivity): string | undefined {
  return conversation.conversationType === 'channel' ? String(conversation.id).split(';')[0] : undefined;
}

function mentionParts(text: string, mention: boolean, opts: CommonOptions): {
  text: string;
  entity?: InboundActivity;
  html: string;
} {
  const botName = opts.botName ?? BOT_NAME;
  if (!mention) return { text, html: `<p>${escapeHtml(text)}</p>` };
  const at = `<at>${botName}</at>`;
  return {
    text: `${at} ${text}`,
    entity: { type: 'mention', mentioned: { id: `28:${opts.botId ?? BOT_APP_ID}`, name: botName }, text: at },
    html: `<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${escapeHtml(botName)}</span>&nbsp;${escapeHtml(text)}</p>`,
  };
}

function messageWithText(opts: CommonOptions, text: string, mention: boolean): InboundActivity {
  const a = base(opts, 'message', opts.id ?? newMessageId());
  const m = mentionParts(text, mention, opts);
  a.text = m.text;
  a.textFormat = 'plain';
  a.attachments = [{ contentType: 'text/html', content: m.html }];
  if (m.entity) a.entities = [m.entity, ...(a.entities as InboundActivity[])];
  return a;
}

// ---- messages ------------------------------------------------------------

export interface ChannelMessageOptions extends CommonOptions {
  text: string;
  channelId?: string;
  teamId?: string;
  /** Root post of the thread; omitted = this message starts a new thread (its id is the root). */
  rootMessageId?: string;
  /** Prefix the text with the bot's <at> mention and add the mention entity (default true). */
  mention?: boolean;
  channelName?: string;
  /** 'standard' | 'shared' | 'private' when Teams sends it. */
  channelType?: string;
}

export function channelMessage(opts: ChannelMessageOptions): InboundActivity {
  const channelId = opts.channelId ?? CHANNEL_ID;
  const teamId = opts.teamId ?? TEAM_ID;
  const tenantId = opts.tenantId ?? TENANT_ID;
  const id = opts.id ?? newMessageId();
  const a = messageWithText({ ...opts, id }, opts.text, opts.mention ?? true);
  a.conversation = channelConversation(channelId, opts.rootMessageId ?? id, tenantId);
  const channel: InboundActivity = { id: channelId };
  if (opts.channelName) channel.name = opts.channelName;
  if (opts.channelType) channel.type = opts.channelType;
  a.channelData = {
    teamsChannelId: channelId,
    teamsTeamId: teamId,
    channel,
    team: { id: teamId },
    tenant: { id: tenantId },
  };
  return a;
}

export interface GroupChatMessageOptions extends CommonOptions {
  text: string;
  chatId?: string;
  mention?: boolean;
}

export function groupChatMessage(opts: GroupChatMessageOptions): InboundActivity {
  const tenantId = opts.tenantId ?? TENANT_ID;
  const a = messageWithText(opts, opts.text, opts.mention ?? true);
  a.conversation = groupChatConversation(opts.chatId ?? GROUP_CHAT_ID, tenantId);
  a.channelData = { tenant: { id: tenantId } };
  return a;
}

export interface PersonalMessageOptions extends CommonOptions {
  text: string;
  mention?: boolean;
}

export function personalMessage(opts: PersonalMessageOptions): InboundActivity {
  const tenantId = opts.tenantId ?? TENANT_ID;
  const a = messageWithText(opts, opts.text, opts.mention ?? false);
  a.conversation = personalConversation(opts.user ?? ALICE, tenantId);
  a.channelData = { tenant: { id: tenantId } };
  return a;
}

export interface EmulatorMessageOptions {
  text: string;
  serviceUrl: string;
  conversationId?: string;
  userId?: string;
  userName?: string;
  tz?: string | null;
  locale?: string;
  id?: string;
}

/** Bot Framework Emulator style: channelId 'emulator', roles, no channelData. */
export function emulatorMessage(opts: EmulatorMessageOptions): InboundActivity {
  const at = new Date();
  const tz = opts.tz === undefined ? 'America/New_York' : opts.tz;
  const a: InboundActivity = {
    type: 'message',
    id: opts.id ?? randomUUID(),
    timestamp: at.toISOString(),
    channelId: 'emulator',
    serviceUrl: opts.serviceUrl,
    from: { id: opts.userId ?? 'b1e4c3f2-6a7d-4e8b-9c0d-emulator-user', name: opts.userName ?? 'User', role: 'user' },
    recipient: { id: 'd9f8e7c6-5b4a-4392-8170-emulator-bot', name: 'Bot', role: 'bot' },
    conversation: { id: opts.conversationId ?? `${randomUUID()}|livechat` },
    text: opts.text,
    textFormat: 'plain',
    locale: opts.locale ?? 'en-US',
    entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }],
  };
  if (tz) {
    a.localTimestamp = localStamp(at, tz);
    a.localTimezone = tz;
  }
  return a;
}

// ---- card submits and invokes --------------------------------------------

export interface CardSubmitOptions extends CommonOptions {
  /** Action.Submit data merged with the card's input values. */
  value: InboundActivity;
  /** Id of the activity that carried the card. */
  replyToId: string;
  /** Conversation of the card (as in the original inbound activity). */
  conversation: InboundActivity;
  teamId?: string;
}

/**
 * Action.Submit click: a message with empty text, `value`, `replyToId`, no
 * mention, and Teams' older channelData shape (no teamsChannelId/teamsTeamId).
 */
export function cardSubmit(opts: CardSubmitOptions): InboundActivity {
  const tenantId = opts.tenantId ?? TENANT_ID;
  const a = base(opts, 'message', opts.id ?? newInvokeId());
  a.text = '';
  a.value = opts.value;
  a.replyToId = opts.replyToId;
  a.conversation = opts.conversation;
  const channelId = channelOf(opts.conversation);
  a.channelData = channelId
    ? {
        channel: { id: channelId },
        team: { id: opts.teamId ?? TEAM_ID },
        tenant: { id: tenantId },
        source: { name: 'message' },
        legacy: { replyToId: opts.replyToId },
      }
    : { tenant: { id: tenantId }, source: { name: 'message' }, legacy: { replyToId: opts.replyToId } };
  return a;
}

interface InvokeOptions extends CommonOptions {
  /** Default: the user's personal chat. */
  conversation?: InboundActivity;
  teamId?: string;
}

function invoke(opts: InvokeOptions, name: string, value: unknown): InboundActivity {
  const tenantId = opts.tenantId ?? TENANT_ID;
  const a = base(opts, 'invoke', opts.id ?? newInvokeId());
  a.name = name;
  a.value = value;
  a.conversation = opts.conversation ?? personalConversation(opts.user ?? ALICE, tenantId);
  const channelId = channelOf(a.conversation as InboundActivity);
  a.channelData = channelId
    ? { channel: { id: channelId }, team: { id: opts.teamId ?? TEAM_ID }, tenant: { id: tenantId }, source: { name: 'message' } }
    : { tenant: { id: tenantId }, source: { name: 'message' } };
  return a;
}

export interface TokenExchangeInvokeOptions extends InvokeOptions {
  /** tokenExchangeResource.id from the OAuthCard. */
  exchangeId: string;
  connectionName: string;
  /** The Teams SSO token (an AAD token for api://botid-…). */
  token: string;
}

/** Silent SSO attempt: invoke signin/tokenExchange {id, connectionName, token}. */
export function tokenExchangeInvoke(opts: TokenExchangeInvokeOptions): InboundActivity {
  return invoke(opts, 'signin/tokenExchange', { id: opts.exchangeId, connectionName: opts.connectionName, token: opts.token });
}

export interface VerifyStateInvokeOptions extends InvokeOptions {
  /** The magic code the sign-in page produced. */
  state: string;
}

/** Sign-in button completed: invoke signin/verifyState {state}. */
export function verifyStateInvoke(opts: VerifyStateInvokeOptions): InboundActivity {
  return invoke(opts, 'signin/verifyState', { state: opts.state });
}

export interface CardActionInvokeOptions extends InvokeOptions {
  verb: string;
  /** The button's data merged with the card's input values. */
  data: Record<string, unknown>;
  /** Id of the activity that carried the card. */
  replyToId: string;
  /** Teams re-sends a press after silent SSO with the user's SSO token here. */
  authentication?: { id?: string; connectionName?: string; token: string };
  /** Teams re-sends a press after the sign-in link with the magic code here. */
  state?: string;
  trigger?: 'manual' | 'automatic';
}

/** Action.Execute press (Universal Actions): invoke adaptiveCard/action {action: {type, verb, data}, trigger}. */
export function cardActionInvoke(opts: CardActionInvokeOptions): InboundActivity {
  const value: InboundActivity = { action: { type: 'Action.Execute', id: randomUUID(), verb: opts.verb, data: opts.data }, trigger: opts.trigger ?? 'manual' };
  if (opts.authentication) value.authentication = opts.authentication;
  if (opts.state !== undefined) value.state = opts.state;
  const a = invoke(opts, 'adaptiveCard/action', value);
  a.replyToId = opts.replyToId;
  return a;
}

export interface CardPressOptions extends CommonOptions {
  /** The Adaptive Card content the button is on. */
  card: any;
  verb: string;
  /** Input values the user entered (merged into the button's data, as clients do). */
  inputs?: Record<string, unknown>;
  replyToId: string;
  conversation: InboundActivity;
  teamId?: string;
}

/**
 * A press of the card's button with `verb`, the way the client sends it: an adaptiveCard/action invoke for
 * Action.Execute (Teams), a message submit for Action.Submit (Emulator, older cards).
 */
export function cardPress(opts: CardPressOptions): InboundActivity {
  const actions: any[] = [...(opts.card?.actions ?? []), ...(opts.card?.body ?? []).flatMap((e: any) => e?.actions ?? [])];
  const action = actions.find((a) => (a.verb ?? a.data?.action) === opts.verb);
  if (!action) throw new Error(`no ${opts.verb} button on card: ${JSON.stringify(opts.card)}`);
  const data = { ...action.data, ...(opts.inputs ?? {}) };
  return action.type === 'Action.Execute'
    ? cardActionInvoke({ ...opts, verb: opts.verb, data })
    : cardSubmit({ ...opts, value: data });
}

// ---- lifecycle events ----------------------------------------------------

export interface ConversationUpdateOptions extends CommonOptions {
  membersAdded?: Array<{ id: string; aadObjectId?: string; name?: string }>;
  membersRemoved?: Array<{ id: string; aadObjectId?: string; name?: string }>;
  scope?: 'team' | 'groupChat' | 'personal';
  teamId?: string;
  teamName?: string;
}

/** Default: the bot itself was added to a team (conversation = General channel = team id). */
export function conversationUpdate(opts: ConversationUpdateOptions): InboundActivity {
  const tenantId = opts.tenantId ?? TENANT_ID;
  const scope = opts.scope ?? 'team';
  const teamId = opts.teamId ?? TEAM_ID;
  const a = base({ ...opts, tz: opts.tz ?? null }, 'conversationUpdate', opts.id ?? newInvokeId());
  delete a.entities;
  const removed = (opts.membersRemoved?.length ?? 0) > 0;
  if (!removed || opts.membersAdded) a.membersAdded = opts.membersAdded ?? [{ id: `28:${opts.botId ?? BOT_APP_ID}` }];
  if (removed) a.membersRemoved = opts.membersRemoved;
  if (scope === 'team') {
    a.conversation = { isGroup: true, conversationType: 'channel', tenantId, id: teamId };
    a.channelData = {
      team: { aadGroupId: '0e9f8d7c-6b5a-4493-8271-605f4e3d2c1b', name: opts.teamName ?? 'Contoso', id: teamId },
      eventType: removed ? 'teamMemberRemoved' : 'teamMemberAdded',
      tenant: { id: tenantId },
    };
  } else if (scope === 'groupChat') {
    a.conversation = groupChatConversation(GROUP_CHAT_ID, tenantId);
    a.channelData = { tenant: { id: tenantId } };
  } else {
    a.conversation = personalConversation(opts.user ?? ALICE, tenantId);
    a.channelData = { tenant: { id: tenantId } };
  }
  return a;
}

export interface InstallationUpdateOptions extends CommonOptions {
  action?: 'add' | 'remove';
  scope?: 'team' | 'groupChat' | 'personal';
  teamId?: string;
}

export function installationUpdate(opts: InstallationUpdateOptions): InboundActivity {
  const tenantId = opts.tenantId ?? TENANT_ID;
  const scope = opts.scope ?? 'personal';
  const teamId = opts.teamId ?? TEAM_ID;
  const a = base({ ...opts, tz: opts.tz ?? null }, 'installationUpdate', opts.id ?? newInvokeId());
  delete a.entities;
  a.action = opts.action ?? 'add';
  if (scope === 'team') {
    a.conversation = { isGroup: true, conversationType: 'channel', tenantId, id: teamId };
    a.channelData = { settings: { selectedChannel: { id: teamId } }, team: { id: teamId }, tenant: { id: tenantId }, source: null };
  } else if (scope === 'groupChat') {
    a.conversation = groupChatConversation(GROUP_CHAT_ID, tenantId);
    a.channelData = { tenant: { id: tenantId }, source: null };
  } else {
    a.conversation = personalConversation(opts.user ?? ALICE, tenantId);
    a.channelData = { tenant: { id: tenantId }, source: null };
  }
  return a;
}

// ---- message extension (action command) ----------------------------------

/** The conversation a message extension's invoke comes from: the channel (no ;messageid) or the group chat. */
export function messageExtensionConversation(kind: 'channel' | 'groupChat', tenantId = TENANT_ID): InboundActivity {
  return kind === 'channel' ? { isGroup: true, conversationType: 'channel', tenantId, id: CHANNEL_ID } : groupChatConversation(GROUP_CHAT_ID, tenantId);
}

export interface SourceMessageOptions {
  /** The message's id (default: a new one); `replyToId` its thread's root when it is a reply. */
  id?: string;
  replyToId?: string;
  author: TeamsUser;
  /** The body's HTML; each `@Name` of `mentions` becomes `<at id="n">Name</at>`. */
  html: string;
  mentions?: TeamsUser[];
  /** A channel or tag mention ("everyone"). */
  groupMention?: string;
}

/**
 * messagePayload as Teams sends it with an action started from a message's … menu: people are named by their Entra
 * object id (`from.user`, `mentions[].mentioned.user`), the body is HTML.
 */
export function messagePayload(opts: SourceMessageOptions): InboundActivity {
  const id = opts.id ?? newMessageId();
  let content = opts.html;
  const mentions: InboundActivity[] = [];
  (opts.mentions ?? []).forEach((p, i) => {
    content = content.replace(`@${p.name}`, `<at id="${i}">${escapeHtml(p.name)}</at>`);
    mentions.push({ id: i, mentionText: p.name, mentioned: { user: { id: p.aadObjectId, displayName: p.name, userIdentityType: 'aadUser' } } });
  });
  if (opts.groupMention) {
    const i = mentions.length;
    content = content.replace(`@${opts.groupMention}`, `<at id="${i}">${escapeHtml(opts.groupMention)}</at>`);
    mentions.push({ id: i, mentionText: opts.groupMention, mentioned: { conversation: { id: CHANNEL_ID, displayName: opts.groupMention, conversationIdentityType: 'channel' } } });
  }
  const payload: InboundActivity = {
    id,
    replyToId: opts.replyToId ?? null,
    messageType: 'message',
    createdDateTime: new Date().toISOString(),
    deleted: false,
    importance: 'normal',
    locale: 'en-us',
    linkToMessage: `https://teams.microsoft.com/l/message/${encodeURIComponent(CHANNEL_ID)}/${id}`,
    from: { user: { id: opts.author.aadObjectId, displayName: opts.author.name, userIdentityType: 'aadUser' } },
    body: { contentType: 'html', content: `<p>${content}</p>` },
    attachments: [],
    mentions,
    reactions: [],
  };
  return payload;
}

export interface MessageActionOptions extends InvokeOptions {
  commandId?: string;
  commandContext?: 'message' | 'compose' | 'commandbox';
  /** From messagePayload(); absent for compose / command box. */
  message?: InboundActivity;
  /** The magic code Teams re-sends the invoke with after the sign-in link. */
  state?: string;
}

function messageActionValue(opts: MessageActionOptions): InboundActivity {
  const value: InboundActivity = {
    commandId: opts.commandId ?? 'scheduleFromMessage',
    commandContext: opts.commandContext ?? (opts.message ? 'message' : 'compose'),
    requestContext: { type: 'messageext' },
    context: { theme: 'default' },
  };
  if (opts.message) value.messagePayload = opts.message;
  if (opts.state !== undefined) value.state = opts.state;
  return value;
}

/** The action opened: invoke composeExtension/fetchTask. */
export function messageActionFetchTask(opts: MessageActionOptions): InboundActivity {
  return invoke(opts, 'composeExtension/fetchTask', messageActionValue(opts));
}

/** The dialog's Action.Submit: invoke composeExtension/submitAction with the button's data merged with the inputs. */
export function messageActionSubmit(opts: MessageActionOptions & { data: Record<string, unknown> }): InboundActivity {
  return invoke(opts, 'composeExtension/submitAction', { ...messageActionValue(opts), data: opts.data });
}
