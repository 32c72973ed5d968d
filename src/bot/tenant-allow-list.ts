// Optional ALLOWED_TENANTS: activities from other Microsoft 365 tenants are refused before any work is done.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/translate';
import { localeOf } from '../teams/activity-context';
import { tenantOf } from '../teams/tenant';

export class TenantAllowList implements Middleware {
  private readonly allowed: Set<string>;

  constructor(tenants: string[], private readonly defaultLocale: Locale = 'en-US') {
    this.allowed = new Set(tenants.map((t) => t.toLowerCase()));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const tenant = tenantOf(context.activity);
    if (tenant && this.allowed.has(tenant)) return next();
    // The bot's own proactive turn (a reminder) carries no channelData; it only continues a conversation an allowed
    // tenant started. An inbound event of that name does nothing in MeetingBot.
    if (context.activity.type === ActivityTypes.Event && context.activity.name === 'ContinueConversation') return next();
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(translator(localeOf(context.activity, this.defaultLocale))('reply.tenantRefused'));
    } else if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
    }
  }
}
