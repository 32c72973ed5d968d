// Loopback https stand-in for Microsoft Entra ID's token service (login.microsoftonline.com), as the bot's two MSAL
// clients use it for app-only tokens (client credentials):
//   - botbuilder (msal-node 2): the bot's own token for the Bot Connector and the Bot Framework token service;
//   - @azure/identity (msal-node 3+): DefaultAzureCredential → EnvironmentCredential, a token for Azure Storage.
//
//   GET  /common/discovery/instance?…&authorization_endpoint=…  → instance discovery, which MSAL asks
//        login.microsoftonline.com about any authority host it doesn't know (only there: the address is hard-coded)
//   GET  /{tenant}/v2.0/.well-known/openid-configuration         → the endpoints (on the host the request named)
//   GET  /{tenant}/discovery/v2.0/keys                           → the signing key
//   POST /{tenant}/oauth2/v2.0/token                             → grant_type=client_credentials, client_id and
//        client_secret of a registered app, scope "<resource>/.default" → {token_type, expires_in, ext_expires_in,
//        access_token}: a JWT for that resource (aud) issued as https://sts.windows.net/{tenant}/ (v1 tokens, as
//        Azure Storage gets them; Azurite's --oauth basic checks exactly issuer prefix, audience and lifetime).
//
// The bot reaches it under its real name through ConnectProxy (HTTPS_PROXY), or as https://127.0.0.1:port.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import https from 'node:https';
import { LoopbackServer, readBody } from '../../support/loopback-server';
import { makeSigningKey, signJwt, type SigningKey } from './jwt-stand-in';

export interface EntraRequest {
  method: string;
  /** The Host header: login.microsoftonline.com through the proxy, 127.0.0.1:port directly. */
  host: string;
  path: string;
  at: number;
}

export interface IssuedToken {
  clientId: string;
  tenant: string;
  /** The resource the token is for (the scope without /.default). */
  audience: string;
  accessToken: string;
  at: number;
}

export interface EntraStandInOptions {
  /** Server certificate and key (PEM contents), valid for every host name the stand-in is reached as. */
  cert: string;
  key: string;
  /** Registered apps: client id → client secret. */
  clients: Record<string, string>;
}

export class EntraStandIn {
  readonly requests: EntraRequest[] = [];
  readonly issued: IssuedToken[] = [];
  /** Token requests refused (unknown client, wrong secret, wrong grant), with the reason. */
  readonly refused: Array<{ clientId: string; error: string }> = [];
  private readonly signing: SigningKey = makeSigningKey();
  private server?: LoopbackServer;
  port = 0;

  constructor(private readonly opts: EntraStandInOptions) {}

  async start(): Promise<number> {
    const server = new LoopbackServer(https.createServer({ cert: this.opts.cert, key: this.opts.key }, (req, res) => void this.handle(req, res)));
    this.port = await server.listen();
    this.server = server;
    return this.port;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  /** Tokens issued to `clientId` for `audience`. */
  tokensFor(clientId: string, audience: string): IssuedToken[] {
    return this.issued.filter((t) => t.clientId === clientId && t.audience === audience);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const host = req.headers.host ?? `127.0.0.1:${this.port}`;
    const url = new URL(req.url ?? '/', `https://${host}`);
    this.requests.push({ method: req.method ?? 'GET', host, path: url.pathname, at: Date.now() });
    const origin = `https://${host}`;
    const json = (status: number, payload: unknown): void => {
      const text = JSON.stringify(payload);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
    };

    if (req.method === 'GET' && url.pathname === '/common/discovery/instance') {
      // The authority asked about is trusted as it is (a custom host): no aliases beyond itself.
      const authority = new URL(url.searchParams.get('authorization_endpoint') ?? origin);
      const tenant = authority.pathname.split('/')[1] ?? 'common';
      json(200, {
        tenant_discovery_endpoint: `${authority.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: authority.host, preferred_cache: authority.host, aliases: [authority.host] }],
      });
      return;
    }
    const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (req.method === 'GET' && discovery) {
      const tenant = discovery[1];
      json(200, {
        issuer: `${origin}/${tenant}/v2.0`,
        authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
        end_session_endpoint: `${origin}/${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      });
      return;
    }
    if (req.method === 'GET' && /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(url.pathname)) {
      const jwk = this.signing.publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
      json(200, { keys: [{ kty: jwk.kty, use: 'sig', kid: this.signing.kid, n: jwk.n, e: jwk.e }] });
      return;
    }
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (req.method === 'POST' && token) {
      const tenant = token[1]!;
      const form = new URLSearchParams(body);
      const clientId = form.get('client_id') ?? '';
      const refuse = (status: number, error: string, description: string): void => {
        this.refused.push({ clientId, error: `${error}: ${description}` });
        json(status, { error, error_description: description, error_codes: [status === 401 ? 7000215 : 900144], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() });
      };
      if (form.get('grant_type') !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 'only client_credentials is served here');
      if (!(clientId in this.opts.clients)) return refuse(400, 'unauthorized_client', `application ${clientId} is not registered`);
      if (form.get('client_secret') !== this.opts.clients[clientId]) return refuse(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
      const scope = (form.get('scope') ?? '').split(' ').find((s) => s.endsWith('/.default'));
      if (!scope) return refuse(400, 'invalid_scope', 'a client_credentials request needs one <resource>/.default scope');
      const audience = scope.slice(0, -'/.default'.length);
      const now = Math.floor(Date.now() / 1000);
      const accessToken = signJwt(
        { aud: audience, iss: `https://sts.windows.net/${tenant}/`, iat: now, nbf: now - 60, exp: now + 3600, appid: clientId, tid: tenant, oid: randomUUID(), sub: randomUUID(), idtyp: 'app', ver: '1.0' },
        { key: this.signing.privateKey, defaultKid: this.signing.kid },
      );
      this.issued.push({ clientId, tenant, audience, accessToken, at: Date.now() });
      json(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
      return;
    }
    json(404, { error: 'not_found', error_description: `EntraStandIn does not implement ${req.method} ${url.pathname}` });
  }
}
