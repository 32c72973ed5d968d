// botbuilder's TeamsSSOTokenExchangeMiddleware, de-duplicating each user's exchanges on their own.
//
// The middleware hands its storage only a key of channel/conversation/exchange id, so the storage cannot tell
// users apart; a middleware per exchange, over a storage bound to the exchanging user, can. Building one costs
// two field assignments, and only signin/tokenExchange invokes need it.
import { TeamsSSOTokenExchangeMiddleware, tokenExchangeOperationName, type Middleware, type TurnContext } from 'botbuilder';
import type { OnceClaims } from '../storage/once-claims';
import { SsoExchangeDedupStorage } from '../storage/sso-exchange-dedup-storage';

export class PerUserSsoTokenExchange implements Middleware {
  constructor(private readonly claims: OnceClaims, private readonly connectionName: string) {}

  onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.name !== tokenExchangeOperationName) return next();
    const storage = new SsoExchangeDedupStorage(this.claims, context.activity.from?.id ?? '');
    return new TeamsSSOTokenExchangeMiddleware(storage, this.connectionName).onTurn(context, next);
  }
}
