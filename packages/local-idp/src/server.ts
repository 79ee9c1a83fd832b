import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import { localWebBackchannelLogoutUri, localWebClient } from '@repo/auth-config';
import { reportFailuresToStderr, type LogoutDelivery } from './backchannel';
import { endUserSessions, type EndUserSessionsResult } from './end-sessions';
import { handleInteraction } from './interactions';
import {
  freshSecrets,
  generateSigningKey,
  publicJwk,
  type IdpSecrets,
  type SigningJwk,
} from './keys';
import {
  mintAccessToken,
  mintServiceToken,
  mintUserToken,
  type MintOptions,
  type ServiceTokenOptions,
  type UserTokenOptions,
} from './mint';
import { errorPage } from './pages';
import { createProvider } from './provider';
import { isLocalBackchannelLogoutUri, isLocalPostLogoutTarget } from './redirect-rules';
import { memoryStateStore, type StateStore } from './state-store';
import { handleUserSessions, isUserSessionsPath } from './user-sessions-route';

export interface StartOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  /** Always a loopback address: this IdP must never be reachable from elsewhere. */
  host?: '127.0.0.1' | 'localhost' | '::1';
  /** Keys and cookie keys; fresh ones by default. */
  secrets?: IdpSecrets;
  /** Sessions, grants and tokens; in memory by default. */
  store?: StateStore;
  /** Called when the keys change (rotation), so the CLI can persist them. */
  onSecretsChange?: (secrets: IdpSecrets) => void;
  /** The storage clock (refresh-token reuse window); tests move it forward. */
  now?: () => number;
  /** Called once per answered request (not /healthz): the CLI prints it as an access log. */
  onRequest?: (entry: RequestLogEntry) => void;
  /**
   * Where logout tokens for `local-web` go: an http URL on this machine (tests: a receiver on a
   * free port). Default: the web app's `/auth/backchannel-logout` on its registry port.
   */
  backchannelLogoutUri?: string;
  /**
   * Origins besides localhost where the web app runs (a LAN name, a local TLS proxy): its
   * callback and logout return are accepted there too. Default none.
   */
  webOrigins?: readonly string[];
  /** How long one logout-token delivery may take; default 2500 ms, oidc-provider's own. */
  backchannelLogoutTimeoutMs?: number;
  /**
   * Told about every logout token sent (RP-initiated logout and `endUserSessions`), delivered
   * or not. Default: a failed delivery is printed on stderr.
   */
  onBackchannelLogout?: (delivery: LogoutDelivery) => void;
}

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly ms: number;
}

export interface LocalIdp {
  /** `http://localhost:<port>/`, with the trailing slash, as Auth0's. */
  readonly issuer: string;
  /** `http://localhost:<port>`, what AUTH0_DOMAIN is set to. */
  readonly domain: string;
  readonly jwksUri: string;
  readonly port: number;
  /** Where logout tokens for `local-web` go. */
  readonly backchannelLogoutUri: string;
  mintAccessToken(options: MintOptions): Promise<string>;
  mintUserToken(options: UserTokenOptions): Promise<string>;
  /** A calling API's client-credentials token, without the token endpoint (see mint.ts). */
  mintServiceToken(options: ServiceTokenOptions): Promise<string>;
  jwks(): { keys: ReturnType<typeof publicJwk>[] };
  /**
   * Starts signing with a new key. The old one stays published for `graceSeconds` (default
   * 600), so tokens already issued keep verifying. Returns the new `kid`.
   */
  rotateKeys(options?: { graceSeconds?: number }): Promise<string>;
  /** Ends every grace period now: only the current key stays published. */
  retireOldKeys(): void;
  /**
   * Dev-only, what Auth0 does on `DELETE /api/v2/users/{id}/sessions` or a password change: ends
   * every IdP session of the user, revokes their grants (refresh tokens), and posts one logout
   * token per session to the web client. Failed deliveries are in the result, not thrown.
   * Also `DELETE /api/v2/users/{id}/sessions` on the IdP itself, without a token.
   */
  endUserSessions(sub: string): Promise<EndUserSessionsResult>;
  stop(): Promise<void>;
}

/**
 * Starts the local IdP. Node's http server in front of oidc-provider: it adds the login form,
 * Auth0's /v2/logout, the dev-only DELETE /api/v2/users/{id}/sessions and /healthz, and lets the
 * provider be rebuilt on key rotation.
 */
export async function startLocalIdp(options: StartOptions = {}): Promise<LocalIdp> {
  const backchannelLogoutUri = options.backchannelLogoutUri ?? localWebBackchannelLogoutUri;
  if (!isLocalBackchannelLogoutUri(backchannelLogoutUri)) {
    throw new Error(
      `backchannelLogoutUri "${backchannelLogoutUri}" is not an http URL on this machine; the local IdP posts logout tokens only to localhost`,
    );
  }
  const webOrigins = options.webOrigins ?? [];
  let secrets = options.secrets ?? (await freshSecrets());
  const store = options.store ?? memoryStateStore();
  const now = options.now ?? Date.now;
  const reportBackchannelLogout = options.onBackchannelLogout ?? reportFailuresToStderr;
  const retireTimers = new Set<NodeJS.Timeout>();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // nextjs-auth0 refuses IP literals as the issuer host, so the issuer says localhost.
  const domain = `http://localhost:${port}`;
  const issuer = `${domain}/`;

  const build = () =>
    createProvider({
      issuer,
      secrets,
      store,
      now: options.now,
      backchannelLogoutUri,
      webOrigins,
      backchannelLogoutTimeoutMs: options.backchannelLogoutTimeoutMs ?? 2500,
      reportBackchannelLogout,
    });
  let provider: Provider = build();
  let callback = provider.callback();
  const rebuild = (next: IdpSecrets) => {
    secrets = next;
    provider = build();
    callback = provider.callback();
    options.onSecretsChange?.(secrets);
  };
  // The provider of the moment: a key rotation replaces it, the store stays.
  const endSessions = (sub: string) =>
    endUserSessions({ provider, store, now, report: reportBackchannelLogout }, sub);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const onRequest = options.onRequest;
    if (onRequest) {
      const started = performance.now();
      // The path only: query strings carry codes and state, which do not belong in a log.
      const path = (req.url ?? '/').split('?')[0]!;
      if (path !== '/healthz') {
        res.once('finish', () =>
          onRequest({
            method: req.method ?? 'GET',
            path,
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
          }),
        );
      }
    }
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
      res.end(errorPage('Local IdP error', error instanceof Error ? error.message : String(error)));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (url.pathname.startsWith('/interaction/')) {
      await handleInteraction(provider, req, res, url.pathname, webOrigins);
    } else if (url.pathname === '/v2/logout') {
      v2Logout(url, res);
    } else if (isUserSessionsPath(url.pathname)) {
      await handleUserSessions(req, res, url.pathname, endSessions);
    } else {
      callback(req, res);
    }
  }

  /**
   * Auth0's logout: `returnTo` must be an allowed logout URL (here: localhost, any port), or
   * the request is refused rather than redirected anywhere. It ends the session through the
   * standard end-session endpoint.
   */
  function v2Logout(url: URL, res: ServerResponse): void {
    const returnTo = url.searchParams.get('returnTo');
    if (returnTo !== null && !isLocalPostLogoutTarget(returnTo, webOrigins)) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        errorPage(
          'Logout refused',
          `returnTo "${returnTo}" is not an allowed logout URL (only localhost and LOCAL_IDP_WEB_ORIGINS are).`,
        ),
      );
      return;
    }
    const target = new URL('/oidc/logout', issuer);
    if (returnTo !== null) {
      target.searchParams.set(
        'client_id',
        url.searchParams.get('client_id') ?? localWebClient.clientId,
      );
      target.searchParams.set('post_logout_redirect_uri', returnTo);
    }
    res.writeHead(302, { location: target.href }).end();
  }

  const current = (): SigningJwk => secrets.keys[0]!;
  return {
    issuer,
    domain,
    jwksUri: `${issuer}.well-known/jwks.json`,
    port,
    backchannelLogoutUri,
    mintAccessToken: (o) => mintAccessToken(current(), issuer, o),
    mintUserToken: (o) => mintUserToken(current(), issuer, o),
    mintServiceToken: (o) => mintServiceToken(current(), issuer, o),
    jwks: () => ({ keys: secrets.keys.map(publicJwk) }),
    async rotateKeys({ graceSeconds = 600 } = {}) {
      const fresh = await generateSigningKey();
      const retiring = secrets.keys.map((k) => k.kid);
      rebuild({ ...secrets, keys: [fresh, ...secrets.keys] });
      const timer = setTimeout(() => {
        retireTimers.delete(timer);
        rebuild({ ...secrets, keys: secrets.keys.filter((k) => !retiring.includes(k.kid)) });
      }, graceSeconds * 1000);
      timer.unref();
      retireTimers.add(timer);
      return fresh.kid;
    },
    retireOldKeys() {
      for (const t of retireTimers) clearTimeout(t);
      retireTimers.clear();
      rebuild({ ...secrets, keys: [current()] });
    },
    endUserSessions: endSessions,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of retireTimers) clearTimeout(t);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
