import type { SessionData } from '@auth0/nextjs-auth0/types';
import type { StoredToken, WebSessionStore } from '@repo/session-store';
import { RefreshGrantError, type RefreshedTokens } from './refresh-grant';

/** Which token: an API's audience, and a narrower scope than the app's usual one if asked. */
export interface TokenRequest {
  readonly audience: string;
  /** Space-separated; undefined means the scopes the login asked for (all of that API's). */
  readonly scope?: string;
}

/** The session is gone (logged out, expired, ended by the IdP): the user must sign in again. */
export class SessionGoneError extends Error {
  override readonly name = 'SessionGoneError';
}

/** The IdP answered with a token that is not what was asked for: a configuration error. */
export class UnexpectedTokenError extends Error {
  override readonly name = 'UnexpectedTokenError';
}

export interface TokenBrokerDeps {
  readonly store: WebSessionStore<SessionData>;
  /** One refresh_token grant (refreshGrant with the app's client and token endpoint). */
  readonly refresh: (input: {
    refreshToken: string;
    audience: string;
    scope: string | undefined;
  }) => Promise<RefreshedTokens>;
  /** The audience the login asked for: its token comes with the session. */
  readonly loginAudience: string;
  /** Refresh this long before expiry. */
  readonly leewaySeconds: number;
  /** Another process's refresh holds the lock at most this long. Default 15 s. */
  readonly lockTtlMs?: number;
  readonly nowSeconds?: () => number;
  /** Told about every refresh (the bench and the logs count them). */
  readonly onRefresh?: (event: {
    audience: string;
    scope: string | undefined;
    ms: number;
    outcome: 'ok' | 'error';
  }) => void;
}

export interface TokenBroker {
  /** An access token for the session; fetched on first use, kept until near expiry. */
  accessToken(sessionId: string, request: TokenRequest): Promise<string>;
}

const entryName = (r: TokenRequest) => `access ${r.audience} ${r.scope ?? '*'}`;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function claimsOf(token: string): Record<string, unknown> {
  try {
    return JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The one place that hands out access tokens for a signed-in user: one per audience (and, for the
 * browser-side call, per narrower scope), kept beside the session in the session store until
 * shortly before expiry. A refresh happens once per session and token, whatever the concurrency:
 * in this process (a shared promise) and across web replicas (a short lock in the store; the
 * others wait and read what it saved). The rotated refresh token is saved, compare-and-set, in
 * the same write as the access token, before the lock is released. A returned token whose `aud`
 * is not the one asked for (a misconfigured multi-resource refresh token policy answers with the
 * default audience) or whose scope is broader than asked is refused.
 */
export function createTokenBroker(deps: TokenBrokerDeps): TokenBroker {
  const now = deps.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const lockTtlMs = deps.lockTtlMs ?? 15_000;
  const inFlight = new Map<string, Promise<string>>();
  const fresh = (t: StoredToken | undefined): t is StoredToken =>
    !!t && (t.expiresAt ?? 0) > now() + deps.leewaySeconds;

  /** The token the login left in the session, for the login's audience and scopes only. */
  function loginToken(session: SessionData, request: TokenRequest): StoredToken | undefined {
    const set = session.tokenSet;
    if (request.scope !== undefined || (set.audience ?? deps.loginAudience) !== request.audience)
      return undefined;
    return {
      value: set.accessToken,
      expiresAt: set.expiresAt,
      audience: request.audience,
      scope: set.scope,
    };
  }

  async function current(
    sessionId: string,
    request: TokenRequest,
  ): Promise<{ session: SessionData; tokens: Record<string, StoredToken>; token?: StoredToken }> {
    const [session, tokens] = await Promise.all([
      deps.store.get(sessionId),
      deps.store.readTokens(sessionId),
    ]);
    if (!session || !tokens) throw new SessionGoneError('The session no longer exists.');
    const token = [tokens[entryName(request)], loginToken(session, request)].find(fresh);
    return { session, tokens, token };
  }

  async function refreshed(sessionId: string, request: TokenRequest): Promise<string> {
    const lockName = `${sessionId}|${entryName(request)}`;
    const giveUpAt = Date.now() + lockTtlMs + 5_000;
    for (;;) {
      const lock = await deps.store.tryLock(lockName, lockTtlMs);
      if (lock) {
        try {
          // Another replica may have finished while we waited for the lock.
          const { session, tokens, token } = await current(sessionId, request);
          if (token) return token.value;
          return await refreshNow(sessionId, request, session, tokens);
        } finally {
          await lock.release();
        }
      }
      // Someone else refreshes this token: wait for what it saves.
      await wait(25);
      const { token } = await current(sessionId, request);
      if (token) return token.value;
      if (Date.now() > giveUpAt)
        throw new Error('Timed out waiting for another refresh of this token.');
    }
  }

  async function refreshNow(
    sessionId: string,
    request: TokenRequest,
    session: SessionData,
    tokens: Record<string, StoredToken>,
  ): Promise<string> {
    const previous = tokens.refresh?.value;
    const refreshToken = previous ?? session.tokenSet.refreshToken;
    if (!refreshToken) throw new SessionGoneError('The session has no refresh token.');
    const started = performance.now();
    let result: RefreshedTokens;
    try {
      result = await deps.refresh({
        refreshToken,
        audience: request.audience,
        scope: request.scope,
      });
      deps.onRefresh?.({
        audience: request.audience,
        scope: request.scope,
        ms: performance.now() - started,
        outcome: 'ok',
      });
    } catch (error) {
      deps.onRefresh?.({
        audience: request.audience,
        scope: request.scope,
        ms: performance.now() - started,
        outcome: 'error',
      });
      if (error instanceof RefreshGrantError && error.code === 'invalid_grant') {
        // Expired, revoked, or the IdP forgot it (a reset): the session is over. Deleting it now
        // means no view retries the dead token, and the next one signs in again.
        await deps.store.delete(sessionId);
        throw new SessionGoneError('The sign-in has ended: the refresh token is no longer valid.', {
          cause: error,
        });
      }
      throw error;
    }
    const claims = claimsOf(result.accessToken);
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(request.audience)) {
      throw new UnexpectedTokenError(
        `The IdP answered a token for ${audiences.join(', ')} when ${request.audience} was asked: check that the application may request that API (Auth0: the multi-resource refresh token policy).`,
      );
    }
    if (request.scope !== undefined) {
      const asked = new Set(request.scope.split(' '));
      const extra = String(claims.scope ?? result.scope ?? '')
        .split(' ')
        .filter((s) => s && !asked.has(s));
      if (extra.length > 0)
        throw new UnexpectedTokenError(
          `The IdP answered more than the scope asked for (${extra.join(' ')}).`,
        );
    }
    const saved = await deps.store.writeTokens(
      sessionId,
      {
        [entryName(request)]: {
          value: result.accessToken,
          expiresAt: result.expiresAt,
          audience: request.audience,
          scope: result.scope,
        },
      },
      result.refreshToken ? { previous, next: result.refreshToken } : undefined,
    );
    if (!saved) throw new SessionGoneError('The session ended during the refresh.');
    return result.accessToken;
  }

  return {
    async accessToken(sessionId, request) {
      const { token } = await current(sessionId, request);
      if (token) return token.value;
      const key = `${sessionId}|${entryName(request)}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = refreshed(sessionId, request).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}
