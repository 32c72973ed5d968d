// Storage for TeamsSSOTokenExchangeMiddleware's de-duplication that works with every store we support.
//
// The middleware writes `{ [key]: { eTag: <exchange id> } }` and expects exactly one writer per exchange id to
// succeed, recognising the others by an "eTag conflict" error. MemoryStorage happens to behave that way, but
// BlobsStorage turns the eTag into If-Match, which fails for the FIRST writer too (the blob doesn't exist yet),
// so every exchange would be dropped as a duplicate and silent SSO would never complete (botbuilder-js#4800).
// Here the write becomes an atomic "create once" claim instead.
//
// The middleware's key is channel/conversation/exchange id — not who is exchanging. In a group chat every member
// sees the same sign-in card (one exchange id), so another member's exchange would make the requester's own count
// as a duplicate and her sign-in would never complete. One storage per exchanging user puts the user in the claim.
import type { Storage, StoreItems } from 'botbuilder';
import type { OnceClaims } from './once-claims';

export class SsoExchangeDedupStorage implements Storage {
  /** @param exchanger the user whose exchange this is (activity.from.id); see PerUserSsoTokenExchange. */
  constructor(private readonly claims: OnceClaims, private readonly exchanger = '') {}

  async read(): Promise<StoreItems> {
    return {};
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const exchangeId = typeof item?.eTag === 'string' ? item.eTag : '';
      if (!(await this.claims.claim(`${key}|${this.exchanger}|${exchangeId}`))) {
        // The wording the middleware recognises as "someone else already handled it".
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
  }

  async delete(): Promise<void> {
    // Claims expire on their own; nothing to delete.
  }
}
