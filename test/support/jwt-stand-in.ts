// Loopback stand-in for the Bot Framework's token issuers, with keys made by the test (node:crypto only):
//
//   GET  /channel/.well-known/openid-configuration   → {issuer, jwks_uri: /channel/keys, …}   (ToBotFromChannelOpenIdMetadataUrl)
//   GET  /channel/keys                               → {keys: [JWK…]} with `endorsements` (channel ids), as the real one
//   GET  /emulator/.well-known/openid-configuration  → same for Emulator/skill tokens       (ToBotFromEmulatorOpenIdMetadataUrl)
//   GET  /emulator/keys
//   POST /{tenant}/oauth2/v2.0/token                  → {token_type:'Bearer', expires_in:3600, access_token} (client credentials)
//   GET  /{tenant}/v2.0/.well-known/openid-configuration → MSAL's endpoint discovery for that authority
//
// Wire facts (botframework-connector 4.23.3, auth/openIdMetadata.js + jwtTokenExtractor.js):
// - the bot fetches the metadata URL, then `jwks_uri`, with node-fetch; keys are cached for 24 h per URL and
//   re-fetched at most once an hour when a token names an unknown `kid`;
// - only RSA keys (n, e) are used; `endorsements`, when present, must contain the activity's channelId;
// - verification: RS256/RS384/RS512 only, `iss` must be ToBotFromChannelTokenIssuer, `aud` the bot's app id,
//   `serviceurl` equal to the activity's serviceUrl, 5 minutes of clock tolerance on exp/nbf.
// - Outbound (bot → connector) tokens come from MSAL's ConfidentialClientApplication with authority =
//   ToChannelFromBotLoginUrl. MSAL first asks login.microsoftonline.com for "instance discovery" about any
//   authority it doesn't know (and requires https), and botbuilder gives no way to pass knownAuthorities: so the
//   token endpoint here is complete but a bot with an app id cannot reach it offline. Tests keep such bots from
//   sending anything outbound (deliveryMode expectReplies puts the replies in the HTTP response instead).
import { createHmac, generateKeyPairSync, randomUUID, sign as cryptoSign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import { LoopbackServer } from '../../support/loopback-server';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key (what an attacker could download). */
  publicPem: string;
}

export interface PublishedKey extends SigningKey {
  /** Channel ids the key may sign for (omitted from the JWK when undefined). */
  endorsements?: string[];
}

export interface JwtRequestRecord {
  method: string;
  path: string;
  at: number;
  body?: string;
}

type JwtAlg = 'RS256' | 'RS384' | 'RS512' | 'HS256' | 'none';

export interface SignOptions {
  /** Default RS256. */
  alg?: JwtAlg;
  /** Private key for RS*, default the first published channel key. */
  key?: KeyObject;
  /** HS256 secret. */
  secret?: string | Buffer;
  /** Header kid; null = no kid. Default the key's published kid. */
  kid?: string | null;
  /** Extra header fields. */
  header?: Record<string, unknown>;
}

/** A fresh 2048-bit RSA key with a random kid. */
export function makeSigningKey(kid: string = randomUUID()): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

const HASH: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

/** A compact JWS, signed by hand (RS*, HS256 or unsigned). */
export function signJwt(payload: Record<string, unknown>, opts: SignOptions & { key?: KeyObject; defaultKid?: string } = {}): string {
  const alg = opts.alg ?? 'RS256';
  const header: Record<string, unknown> = { alg, typ: 'JWT', ...opts.header };
  const kid = opts.kid === undefined ? opts.defaultKid : opts.kid;
  if (kid !== null && kid !== undefined) header.kid = kid;
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  let signature = '';
  if (alg === 'none') signature = '';
  else if (alg === 'HS256') signature = b64url(createHmac('sha256', opts.secret ?? '').update(signingInput).digest());
  else {
    if (!opts.key) throw new Error('signJwt: an RSA private key is required for ' + alg);
    signature = b64url(cryptoSign(HASH[alg], Buffer.from(signingInput), opts.key));
  }
  return `${signingInput}.${signature}`;
}

export class JwtStandIn {
  readonly requests: JwtRequestRecord[] = [];
  /** Keys published at /channel/keys. */
  readonly channelKeys: PublishedKey[];
  /** Keys published at /emulator/keys. */
  readonly emulatorKeys: PublishedKey[];
  /** Issuer the channel keys sign as (ToBotFromChannelTokenIssuer). */
  readonly channelIssuer: string;
  /** Access tokens handed out by the token endpoint. */
  readonly issuedAccessTokens: string[] = [];

  private server?: LoopbackServer;
  private port = 0;

  constructor(opts: { channelIssuer?: string; channelEndorsements?: string[] } = {}) {
    this.channelIssuer = opts.channelIssuer ?? 'https://api.botframework.com';
    this.channelKeys = [{ ...makeSigningKey(), endorsements: opts.channelEndorsements ?? ['msteams', 'emulator', 'webchat'] }];
    this.emulatorKeys = [{ ...makeSigningKey() }];
  }

  get url(): string {
    if (!this.port) throw new Error('JwtStandIn not started');
    return `http://127.0.0.1:${this.port}`;
  }

  get channelMetadataUrl(): string {
    return `${this.url}/channel/.well-known/openid-configuration`;
  }

  get emulatorMetadataUrl(): string {
    return `${this.url}/emulator/.well-known/openid-configuration`;
  }

  /** Authority for ToChannelFromBotLoginUrl (MSAL appends /oauth2/v2.0/token after discovery). */
  get loginUrl(): string {
    return `${this.url}/botframework.com`;
  }

  /** The env settings that point a bot's inbound validation (and, as far as possible, outbound auth) here. */
  botSettings(): Record<string, string> {
    return {
      ToBotFromChannelOpenIdMetadataUrl: this.channelMetadataUrl,
      ToBotFromChannelTokenIssuer: this.channelIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: this.emulatorMetadataUrl,
      ToChannelFromBotLoginUrl: this.loginUrl,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: this.url,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: 'false',
    };
  }

  /** Claims the Bot Connector puts in the token it sends with each activity. */
  channelClaims(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return { serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, iss: this.channelIssuer, aud: appId, ...overrides };
  }

  /** A token signed like the channel's (default: the first published channel key, RS256). */
  channelToken(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}, opts: SignOptions = {}): string {
    const key = this.channelKeys[0];
    return signJwt(this.channelClaims(appId, serviceUrl, overrides), { key: opts.key ?? key.privateKey, defaultKid: key.kid, ...opts });
  }

  requestsTo(path: string): JwtRequestRecord[] {
    return this.requests.filter((r) => r.path === path);
  }

  async start(): Promise<string> {
    const server = new LoopbackServer(http.createServer((req, res) => void this.handle(req, res)));
    this.port = await server.listen();
    this.server = server;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await server.close();
    this.port = 0;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString('utf8')));
      req.on('end', () => resolve(data));
      req.on('error', () => resolve(data));
    });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, at: Date.now(), body: body || undefined });
    const json = (status: number, payload: unknown): void => {
      const text = JSON.stringify(payload);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
    };

    const metadata = /^\/(channel|emulator)\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (req.method === 'GET' && metadata) {
      const which = metadata[1];
      json(200, {
        issuer: which === 'channel' ? this.channelIssuer : `${this.url}/emulator`,
        authorization_endpoint: `${this.url}/${which}/authorize`,
        jwks_uri: `${this.url}/${which}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
      return;
    }
    const keys = /^\/(channel|emulator)\/keys$/.exec(url.pathname);
    if (req.method === 'GET' && keys) {
      const list = keys[1] === 'channel' ? this.channelKeys : this.emulatorKeys;
      json(200, { keys: list.map(jwkOf) });
      return;
    }
    const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (req.method === 'GET' && discovery) {
      const tenant = discovery[1];
      json(200, {
        issuer: `${this.url}/${tenant}/v2.0`,
        authorization_endpoint: `${this.url}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${this.url}/${tenant}/oauth2/v2.0/token`,
        end_session_endpoint: `${this.url}/${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${this.url}/channel/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
      });
      return;
    }
    if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname)) {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials' || !form.get('client_id')) {
        json(400, { error: 'invalid_request', error_description: 'client_credentials with client_id expected' });
        return;
      }
      const accessToken = `bot-outbound-${randomUUID()}`;
      this.issuedAccessTokens.push(accessToken);
      json(200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: accessToken });
      return;
    }
    json(404, { error: 'not_found', error_description: `JwtStandIn does not implement ${req.method} ${url.pathname}` });
  }
}

function jwkOf(key: PublishedKey): Record<string, unknown> {
  const jwk = key.publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
  const out: Record<string, unknown> = { kty: jwk.kty, use: 'sig', kid: key.kid, n: jwk.n, e: jwk.e };
  if (key.endorsements) out.endorsements = key.endorsements;
  return out;
}
