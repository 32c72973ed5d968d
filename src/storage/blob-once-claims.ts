// "Create once" claims in Azure Blob storage, shared by every bot instance.
//
// One small blob per key under once/: created with If-None-Match: * (only one creator can win) and changed only
// with If-Match on the eTag that was read (only one of several instances taking over a stale claim can win).
// Its body says what the claim is: {"state":"in-progress","since":<epoch ms>} or {"state":"done","at":<epoch ms>}.
import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import type { StorageAccess } from '../config';
import { containerClient } from './storage-access';
import { ownerIsGone, THIS_PROCESS } from '../process-owner';
import { BlobContainer } from './blob-container';
import type { OnceClaims, TurnClaim } from './once-claims';

interface ClaimBody {
  state: 'in-progress' | 'done';
  since?: number;
  at?: number;
  /** Who is doing the work ("host:pid"), so a process that finds its predecessor's claim can tell it died. */
  owner?: string;
  /** When the owner last said it is still working (epoch ms): a claim whose owner stopped beating is dead. */
  beat?: number;
}

/**
 * While the work runs its owner renews the claim this often, from any machine; a claim not renewed for
 * CLAIM_STALE_MS is presumed dead (its process was killed, or its machine went away) and may be taken over, without
 * waiting out the whole retry window. Most turns end before the first beat.
 */
export const CLAIM_BEAT_MS = 1500;
export const CLAIM_STALE_MS = 3 * CLAIM_BEAT_MS + 500;

const PREFIX = 'once/';

/**
 * How long a claim holds. Teams redelivers within minutes and an SSO exchange id is used within seconds, so a
 * day is plenty; an older claim is overwritten by the next caller with its key. Blobs nobody asks for again are
 * deleted by the storage account's lifecycle rule (README), not by the bot.
 */
const CLAIM_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface BlobOnceClaimsOptions {
  lifetimeMs?: number;
  now?: () => number;
}

export class BlobOnceClaims implements OnceClaims {
  private readonly container: ContainerClient;
  private readonly containerCreation: BlobContainer;
  private readonly lifetimeMs: number;
  private readonly now: () => number;

  constructor(access: StorageAccess, containerName: string, options: BlobOnceClaimsOptions = {}) {
    this.lifetimeMs = options.lifetimeMs ?? CLAIM_LIFETIME_MS;
    this.now = options.now ?? Date.now;
    // A claim gates every message: the SDK's default retries (4 tries, 4 s apart and growing) would outlast the
    // turn; a few quick tries are enough, and the next turn tries again anyway.
    this.container = containerClient(access, containerName, {
      retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000, tryTimeoutInMs: 5000 },
    });
    this.containerCreation = new BlobContainer(this.container);
  }

  /** How often the container was found deleted while running and created again (reported by /healthz). */
  get containerRecreations(): number {
    return this.containerCreation.recreations;
  }

  claim(key: string): Promise<boolean> {
    return this.containerCreation.within(() => this.claimIn(key));
  }

  begin(key: string, retryAfterMs: number): Promise<TurnClaim> {
    return this.containerCreation.within(() => this.beginIn(key, retryAfterMs));
  }

  private async claimIn(key: string): Promise<boolean> {
    const blob = this.blob(key);
    const body: ClaimBody = { state: 'done', at: this.now() };
    if ((await this.create(blob, body)) !== undefined) return true;
    const existing = await this.read(blob);
    if (!existing) return (await this.create(blob, body)) !== undefined;
    // Past its lifetime: the claim is overwritten, and the caller wins unless another one just did.
    return this.expired(existing.body) && (await this.replace(blob, existing.etag, body)) !== undefined;
  }

  private async beginIn(key: string, retryAfterMs: number): Promise<TurnClaim> {
    const blob = this.blob(key);
    // Twice at most: a claim released (deleted) between our create and our read is simply created again.
    for (let round = 0; round < 2; round++) {
      const created = await this.create(blob, { state: 'in-progress', since: this.now(), owner: THIS_PROCESS });
      if (created) return this.started(blob, created, false);

      const existing = await this.read(blob);
      if (!existing) continue;
      const { body, etag } = existing;
      if (this.expired(body)) {
        const renewed = await this.replace(blob, etag, { state: 'in-progress', since: this.now(), owner: THIS_PROCESS });
        if (renewed) return this.started(blob, renewed, false);
        continue;
      }
      if (body.state !== 'in-progress') return { state: 'done' };
      const since = body.since ?? 0;
      const beating = this.now() - (body.beat ?? since) < CLAIM_STALE_MS;
      if (this.now() - since < retryAfterMs && beating && !ownerIsGone(body.owner)) return { state: 'in-progress', since };
      // The first attempt never finished (its process died): take over, unless another instance just did.
      const taken = await this.replace(blob, etag, { state: 'in-progress', since: this.now(), owner: THIS_PROCESS });
      return taken ? this.started(blob, taken, true) : { state: 'in-progress', since };
    }
    return { state: 'in-progress', since: this.now() };
  }

  /**
   * Deletes the claims past their lifetime. The storage account's lifecycle rule does this once a day where the
   * operator added it; without either, every message would leave a blob behind for good. A claim is deleted only if
   * it is unchanged since it was listed (If-Match), so one renewed meanwhile stays. At most `max` per call; returns
   * how many were deleted.
   */
  async sweep(max = 5000): Promise<number> {
    return this.containerCreation.within(async () => {
      const cutoff = this.now() - this.lifetimeMs;
      let deleted = 0;
      for await (const blob of this.container.listBlobsFlat({ prefix: PREFIX })) {
        if (deleted >= max) break;
        if ((blob.properties.lastModified?.getTime() ?? Number.POSITIVE_INFINITY) > cutoff) continue;
        try {
          await this.container.getBlockBlobClient(blob.name).delete({ conditions: { ifMatch: blob.properties.etag } });
          deleted++;
        } catch (err) {
          if (!isLostRace(err) && statusOf(err) !== 404) throw err;
        }
      }
      return deleted;
    });
  }

  /** The container exists and a read answers (a blob that never exists: 404 is an answer). */
  async answers(signal?: AbortSignal): Promise<boolean> {
    await this.containerCreation.exists(signal);
    await this.container.getBlockBlobClient(`${PREFIX}healthz-probe`).exists({ abortSignal: signal });
    return true;
  }

  private expired(body: ClaimBody): boolean {
    return this.now() - (body.state === 'done' ? body.at ?? 0 : body.since ?? 0) >= this.lifetimeMs;
  }

  private started(blob: BlockBlobClient, etag: string, takenOver: boolean): TurnClaim {
    const since = this.now();
    let current: string | undefined = etag;
    // One write at a time on this claim: a beat in flight is awaited before the claim is finished or released.
    let writing: Promise<unknown> = Promise.resolve();
    const beats = setInterval(() => {
      writing = writing.then(async () => {
        if (current === undefined) return;
        // Taken over meanwhile (undefined): that attempt owns the claim now, and this one stops beating.
        current = await this.replace(blob, current, { state: 'in-progress', since, owner: THIS_PROCESS, beat: this.now() }).catch(() => current);
        if (current === undefined) clearInterval(beats);
      });
    }, CLAIM_BEAT_MS);
    beats.unref();
    const last = async (): Promise<string | undefined> => {
      clearInterval(beats);
      await writing;
      return current;
    };
    return {
      state: 'started',
      takenOver,
      // If-Match: when a later attempt took over meanwhile, that one finishes (or releases) the claim.
      finish: async () => {
        const mine = await last();
        if (mine !== undefined) await this.replace(blob, mine, { state: 'done', at: this.now() });
      },
      release: async () => {
        const mine = await last();
        if (mine === undefined) return;
        try {
          await blob.delete({ conditions: { ifMatch: mine } });
        } catch (err) {
          if (!isLostRace(err) && statusOf(err) !== 404) throw err;
        }
      },
    };
  }

  private blob(key: string): BlockBlobClient {
    return this.container.getBlockBlobClient(`${PREFIX}${Buffer.from(key).toString('base64url')}`);
  }

  /** Creates the blob; its eTag, or undefined when it already exists. */
  private async create(blob: BlockBlobClient, body: ClaimBody): Promise<string | undefined> {
    const text = JSON.stringify(body);
    try {
      const res = await blob.upload(text, Buffer.byteLength(text), { conditions: { ifNoneMatch: '*' } });
      return res.etag ?? '';
    } catch (err) {
      if (isLostRace(err)) return undefined;
      throw err;
    }
  }

  /** Overwrites the blob if it still has this eTag; the new eTag, or undefined when it changed (or is gone). */
  private async replace(blob: BlockBlobClient, etag: string, body: ClaimBody): Promise<string | undefined> {
    const text = JSON.stringify(body);
    try {
      const res = await blob.upload(text, Buffer.byteLength(text), { conditions: { ifMatch: etag } });
      return res.etag ?? '';
    } catch (err) {
      if (isLostRace(err) || statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /** The claim's body and eTag; undefined when the blob is gone. A body that isn't ours counts as done. */
  private async read(blob: BlockBlobClient): Promise<{ body: ClaimBody; etag: string; lastModified: number } | undefined> {
    let buffer: Buffer;
    let etag: string;
    let lastModified: number;
    try {
      const res = await blob.download();
      buffer = await streamToBuffer(res.readableStreamBody);
      etag = res.etag ?? '';
      lastModified = res.lastModified?.getTime() ?? 0;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
    let body: ClaimBody = { state: 'done', at: lastModified };
    try {
      const parsed = JSON.parse(buffer.toString('utf8')) as Partial<ClaimBody>;
      if (parsed && parsed.state === 'in-progress' && typeof parsed.since === 'number') {
        body = { state: 'in-progress', since: parsed.since, ...(typeof parsed.owner === 'string' ? { owner: parsed.owner.slice(0, 300) } : {}) };
      }
      else if (parsed && parsed.state === 'done') body = { state: 'done', at: typeof parsed.at === 'number' ? parsed.at : lastModified };
    } catch {
      // Claims written before claims had a body ("1"): done.
    }
    return { body, etag, lastModified };
  }

}

function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}

/** 409 (the blob exists) or 412 (its eTag changed): another writer was first. */
function isLostRace(err: unknown): boolean {
  const status = statusOf(err);
  return status === 409 || status === 412;
}

async function streamToBuffer(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
