// botbuilder's TeamsSSOTokenExchangeMiddleware, de-duplicating each user's exchanges on their own, within a deadline.
//
// The middleware hands its storage only a key of channel/conversation/exchange id, so the storage cannot tell
// users apart; a middleware per exchange, over a storage bound to the exchanging user, can. Building one costs
// two field assignments, and only signin/tokenExchange invokes need it.
//
// The middleware asks the token service (and the claims store) with no deadline of its own: a hung token service
// would hold the invoke and its socket for good. Once it hasn't handed the turn on within the token service's share
// of the turn, Teams is answered 412, which tells it to show the sign-in button instead; the rest of the turn, once
// reached, has its own deadlines.
import { ActivityTypes, StatusCodes, TeamsSSOTokenExchangeMiddleware, tokenExchangeOperationName, type Middleware, type TurnContext } from 'botbuilder';
import { untilAborted } from '../abort';
import type { OnceClaims } from '../storage/once-claims';
import { SsoExchangeDedupStorage } from '../storage/sso-exchange-dedup-storage';
import { TOKEN_SERVICE_BUDGET_MS } from '../teams/turn';

export class PerUserSsoTokenExchange implements Middleware {
  constructor(
    private readonly claims: OnceClaims,
    private readonly connectionName: string,
    private readonly onLate: (err: unknown) => void = () => undefined,
    private readonly budgetMs = TOKEN_SERVICE_BUDGET_MS,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.name !== tokenExchangeOperationName) return next();
    const storage = new SsoExchangeDedupStorage(this.claims, context.activity.from?.id ?? '');
    let late = false;
    let handOn!: () => void;
    const handedOn = new Promise<void>((resolve) => (handOn = resolve));
    const exchange = new TeamsSSOTokenExchangeMiddleware(storage, this.connectionName).onTurn(context, async () => {
      if (late) return;
      handOn();
      await next();
    });
    try {
      await untilAborted(Promise.race([exchange, handedOn]), AbortSignal.timeout(this.budgetMs));
    } catch (err) {
      if ((err as Error)?.name !== 'TimeoutError') throw err;
      late = true;
      // What the exchange does when it finally ends belongs to a turn that is over.
      exchange.catch(() => undefined);
      this.onLate(err);
      const value = context.activity.value as { id?: unknown } | undefined;
      const body = { id: typeof value?.id === 'string' ? value.id : undefined, connectionName: this.connectionName, failureDetail: 'The token service did not answer in time. Proceed with regular login.' };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: StatusCodes.PRECONDITION_FAILED, body } });
      return;
    }
    // Handed on: the rest of the turn runs inside the exchange's call to next.
    await exchange;
  }
}
