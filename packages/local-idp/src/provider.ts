import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import Provider, { errors, type Configuration } from 'oidc-provider';
import {
  apiByAudience,
  callerNames,
  localClientGrant,
  localServiceClient,
  localWebClient,
  refreshTokenReuseWindowSeconds,
  scopesOf,
  services,
  tokenLifetimes,
} from '@repo/auth-config';
import { userBySub, userClaims } from './accounts';
import { createAdapterClass } from './adapter';
import { rewriteAuthorizeParams, rewriteTokenParams } from './auth0-params';
import { backchannelFetch, deliveryOf, type ReportDelivery } from './backchannel';
import type { IdpSecrets } from './keys';
import { loggedOutPage, logoutPage, errorPage } from './pages';
import { isLocalCallback, isLocalPostLogoutTarget } from './redirect-rules';
import type { StateStore } from './state-store';
import { auth0AccessTokenClaims } from './token-claims';

export interface ProviderOptions {
  issuer: string;
  secrets: IdpSecrets;
  store: StateStore;
  now?: (() => number) | undefined;
  /** Where logout tokens for the web client go (checked: http on this machine). */
  backchannelLogoutUri: string;
  /** Origins besides localhost where the web app may run (LOCAL_IDP_WEB_ORIGINS). */
  webOrigins: readonly string[];
  /** How long one logout-token delivery may take. */
  backchannelLogoutTimeoutMs: number;
  /** Told about each logout token the end-session endpoint sends, delivered or not. */
  reportBackchannelLogout: ReportDelivery;
}

/** Auth0's endpoint paths, so an Auth0 SDK pointed at this IdP finds what it expects. */
const routes = {
  authorization: '/authorize',
  token: '/oauth/token',
  userinfo: '/userinfo',
  revocation: '/oauth/revoke',
  end_session: '/oidc/logout',
  jwks: '/.well-known/jwks.json',
} as const;

function clients(backchannelLogoutUri: string): Configuration['clients'] {
  const webOrigin = `http://localhost:${services.web.port}`;
  return [
    {
      client_id: localWebClient.clientId,
      client_secret: localWebClient.clientSecret,
      // The registered defaults; any localhost port is accepted too (see redirect-rules.ts).
      redirect_uris: [`${webOrigin}/auth/callback`],
      post_logout_redirect_uris: [webOrigin],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      // nextjs-auth0 v4 and openid-client v6 both authenticate with client_secret_post.
      token_endpoint_auth_method: 'client_secret_post',
      // OIDC Back-Channel Logout: a logout token goes here whenever a session of this client
      // ends. "Session required" puts `sid` in the ID token and the logout token, so the web app
      // can end exactly the session the IdP ended (another browser of the same user stays in).
      backchannel_logout_uri: backchannelLogoutUri,
      backchannel_logout_session_required: true,
    },
    // One M2M client per API that calls others (registry `calls`), as in the tenant: it gets
    // client-credentials tokens for exactly the APIs and service scopes its caller declares.
    ...callerNames().map((caller) => {
      const { clientId, clientSecret } = localServiceClient(caller);
      return {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post' as const,
      };
    }),
  ];
}

function configuration(options: ProviderOptions): Configuration {
  const signingKid = options.secrets.keys[0]!.kid;
  return {
    adapter: createAdapterClass({
      store: options.store,
      refreshTokenReuseWindowSeconds,
      ...(options.now ? { now: options.now } : {}),
    }),
    clients: clients(options.backchannelLogoutUri),
    routes,
    fetch: backchannelFetch(options.backchannelLogoutUri, options.backchannelLogoutTimeoutMs),
    jwks: { keys: options.secrets.keys },
    cookies: { keys: options.secrets.cookieKeys },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'nickname', 'updated_at'],
      email: ['email', 'email_verified'],
    },
    // nextjs-auth0 builds the user from the ID token, as it gets it from Auth0: with the claims.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      const user = userBySub(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        claims: async () => ({ ...userClaims(user) }) as { sub: string },
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: tokenLifetimes.accessTokenSeconds,
      ClientCredentials: tokenLifetimes.accessTokenSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: tokenLifetimes.refreshTokenIdleSeconds,
      Grant: tokenLifetimes.refreshTokenIdleSeconds,
      RefreshToken: tokenLifetimes.refreshTokenIdleSeconds,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // A client may revoke only its own tokens (what nextjs-auth0 does on logout).
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      // The end-session endpoint posts a logout token to every client of the session it ends
      // (with logout=yes, which the logout page sends) and revokes their grants.
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        // The code exchange names no audience; its token is for the one the login asked for,
        // which rewriteAuthorizeParams put first.
        defaultResource: async (_ctx, _client, oneOf) => (oneOf ? oneOf[0] : undefined) as string,
        useGrantedResource: () => true,
        getResourceServerInfo: async (_ctx, resource, client) => {
          const api = apiByAudience(resource);
          if (!api) throw new errors.InvalidTarget(`Service not found: ${resource}`);
          // What this client may ever get there: a service client its client grant (the token
          // route refused it already when it has none), anyone else the API's user scopes. So
          // a service scope never reaches a user's token, whatever is asked for.
          const grant = localClientGrant(client.clientId, api);
          return {
            scope: (grant ?? scopesOf(api)).join(' '),
            audience: resource,
            accessTokenTTL: tokenLifetimes.accessTokenSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256', kid: signingKid } },
          };
        },
      },
    },
    formats: {
      customizers: {
        // Auth0's access-token shape: azp, permissions, namespaced user claims, and no client_id.
        async jwt(_ctx, token, jwt) {
          const t = token as unknown as {
            accountId?: string;
            clientId: string;
            scope?: string;
            resourceServer?: { audience?: string };
          };
          Object.assign(
            jwt.payload,
            auth0AccessTokenClaims({
              sub: t.accountId,
              clientId: t.clientId,
              audience: t.resourceServer?.audience ?? '',
              scope: t.scope,
            }),
          );
          delete jwt.payload.client_id;
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage('Sign-in error', `${out.error}: ${out.error_description ?? ''}`);
    },
  };
}

/** The client id of `Authorization: Basic` (client_secret_basic), when a client sends one. */
function basicClientId(header: string): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decodeURIComponent(decoded.slice(0, colon)) : undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req.iterator({ destroyOnReturn: false })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Hands the rewritten body to oidc-provider as if it were still unread. Setting `req.body`
 * instead works too, but oidc-provider then warns on stderr ("already parsed request body
 * detected") on every start of the local IdP, which is noise a user would chase.
 */
function replayBody(req: IncomingMessage, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  const replay = Readable.from([bytes]);
  req.headers['content-length'] = String(bytes.length);
  Object.defineProperty(req, 'readable', { configurable: true, get: () => replay.readable });
  req.iterator = replay.iterator.bind(replay);
}

/**
 * An oidc-provider instance speaking Auth0's dialect. Built again when the keys rotate (its key
 * set is fixed at construction); state lives in the shared store, so nobody is logged out.
 */
export function createProvider(options: ProviderOptions): Provider {
  const provider = new Provider(options.issuer, configuration(options));
  provider.proxy = false;

  // The end-session endpoint catches a failed delivery and only emits it: logout still succeeds.
  // These listeners turn both outcomes into the same report `endUserSessions` gives.
  provider.on('backchannel.success', (_ctx, client, accountId, sid) =>
    options.reportBackchannelLogout(deliveryOf(client, accountId, sid)),
  );
  provider.on('backchannel.error', (_ctx, error, client, accountId, sid) =>
    options.reportBackchannelLogout(deliveryOf(client, accountId, sid, error)),
  );

  // Any localhost port, so tests and `pnpm dev` can run the web app anywhere; never another host.
  const { Client } = provider;
  const redirectUriAllowed = Client.prototype.redirectUriAllowed;
  const postLogoutAllowed = Client.prototype.postLogoutRedirectUriAllowed;
  Client.prototype.redirectUriAllowed = function (this: InstanceType<typeof Client>, uri: string) {
    return this.clientId === localWebClient.clientId
      ? isLocalCallback(uri, options.webOrigins)
      : redirectUriAllowed.call(this, uri);
  };
  Client.prototype.postLogoutRedirectUriAllowed = function (
    this: InstanceType<typeof Client>,
    uri: string,
  ) {
    return this.clientId === localWebClient.clientId
      ? isLocalPostLogoutTarget(uri, options.webOrigins)
      : postLogoutAllowed.call(this, uri);
  };

  provider.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === routes.authorization) {
      ctx.querystring = rewriteAuthorizeParams(new URLSearchParams(ctx.querystring)).toString();
    } else if (
      ctx.method === 'POST' &&
      ctx.path === routes.token &&
      ctx.is('application/x-www-form-urlencoded')
    ) {
      const rewrite = await rewriteTokenParams(new URLSearchParams(await readBody(ctx.req)), {
        basicClientId: basicClientId(ctx.get('authorization')),
        refreshTokenOwner: async (value) => {
          const found = value
            ? await provider.RefreshToken.find(value, { ignoreExpiration: true })
            : undefined;
          return found?.accountId ? userBySub(found.accountId) : undefined;
        },
      });
      if (!rewrite.ok) {
        ctx.status = rewrite.status;
        ctx.set('cache-control', 'no-store');
        ctx.body = { error: rewrite.error, error_description: rewrite.description };
        return;
      }
      replayBody(ctx.req, rewrite.params.toString());
    }
    await next();
  });
  return provider;
}
