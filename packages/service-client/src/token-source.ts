import type { ClientCredentials } from '@repo/auth-config';
import { requestToken, TokenRequestError } from './token-request';

export interface TokenSourceOptions {
  /** This API's own M2M application and the token endpoint (`config.clientCredentials`). */
  readonly credentials: ClientCredentials;
  readonly fetch?: typeof fetch;
  /** The clock deciding when a cached token is old; tests move it. */
  readonly now?: () => number;
  /** One token request, body included (default 5 s). */
  readonly timeoutMs?: number;
  /**
   * A background refresh starts this long before `exp` (default 5 min, at most a quarter of the
   * token's lifetime): requests keep using the current token meanwhile, so none waits on it.
   */
  readonly refreshAheadMs?: number;
  /**
   * A token is never handed out closer than this to `exp` (default 30 s, at most a tenth of its
   * lifetime): it must still be valid when the callee checks it, clock skew included.
   */
  readonly expiryMarginMs?: number;
  /**
   * After a failed request, further ones for that audience fail at once for this long (default
   * 1 s): an IdP outage costs one request per second per audience, not one per call.
   */
  readonly failureCooldownMs?: number;
  /** Told about each token request: a log line, a metric. */
  readonly onEvent?: (event: TokenEvent) => void;
}

export type TokenEvent =
  | {
      readonly type: 'issued';
      readonly audience: string;
      readonly expiresInSeconds: number;
      readonly ms: number;
      /** A refresh ahead of expiry, while the previous token was still in use. */
      readonly background: boolean;
    }
  | {
      readonly type: 'failed';
      readonly audience: string;
      readonly reason: TokenRequestError['reason'];
      readonly message: string;
      readonly background: boolean;
    };

/**
 * Client-credentials tokens of this service, one per audience and scope set, for the whole
 * process. Auth0 counts every issued M2M token against a monthly quota and a request costs
 * 100–300 ms, so a token is fetched once and reused until shortly before it expires.
 */
export interface TokenSource {
  /** A token for `audience` with `scopes`: cached, and one request however many callers wait. */
  get(audience: string, scopes: readonly string[]): Promise<string>;
  /**
   * Forgets `token` if it is still the cached one: the callee refused it (401), so the next
   * `get` asks the IdP again (a rotated key, a revoked grant).
   */
  invalidate(audience: string, scopes: readonly string[], token: string): void;
  /** Token requests sent so far, failed ones included. */
  readonly requests: number;
}

interface Cached {
  readonly token: string;
  /** After this, a background refresh is due. */
  readonly refreshFrom: number;
  /** After this, the token is not handed out any more. */
  readonly usableUntil: number;
}

interface Slot {
  cached?: Cached;
  inFlight?: Promise<string>;
  /** The last failure, answered again until the cooldown passes. */
  failed?: { readonly at: number; readonly error: TokenRequestError };
}

const tokenSourceDefaults = {
  timeoutMs: 5_000,
  refreshAheadMs: 5 * 60_000,
  expiryMarginMs: 30_000,
  failureCooldownMs: 1_000,
} as const;

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const settings = { ...tokenSourceDefaults, ...withoutUndefined(options) };
  const fetchFn = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const slots = new Map<string, Slot>();
  let requests = 0;

  const keyOf = (audience: string, scopes: readonly string[]) =>
    `${audience} ${[...scopes].sort().join(' ')}`;

  function fetchInto(slot: Slot, audience: string, scopes: readonly string[]): Promise<string> {
    const background = slot.cached !== undefined;
    const sentAt = now();
    requests += 1;
    const request = requestToken({
      credentials: options.credentials,
      audience,
      scopes,
      fetch: fetchFn,
      timeoutMs: settings.timeoutMs,
    }).then(
      (issued) => {
        const lifetimeMs = issued.expiresInSeconds * 1000;
        // From when it was asked for: the IdP's clock started before our answer arrived.
        const expiresAt = sentAt + lifetimeMs;
        slot.cached = {
          token: issued.accessToken,
          refreshFrom: expiresAt - Math.min(settings.refreshAheadMs, lifetimeMs / 4),
          usableUntil: expiresAt - Math.min(settings.expiryMarginMs, lifetimeMs / 10),
        };
        slot.failed = undefined;
        options.onEvent?.({
          type: 'issued',
          audience,
          expiresInSeconds: issued.expiresInSeconds,
          ms: now() - sentAt,
          background,
        });
        return issued.accessToken;
      },
      (error: unknown) => {
        const failure =
          error instanceof TokenRequestError
            ? error
            : new TokenRequestError('unreachable', String(error));
        slot.failed = { at: now(), error: failure };
        options.onEvent?.({
          type: 'failed',
          audience,
          reason: failure.reason,
          message: failure.message,
          background,
        });
        throw failure;
      },
    );
    slot.inFlight = request.finally(() => {
      slot.inFlight = undefined;
    });
    return slot.inFlight;
  }

  const coolingDown = (slot: Slot) =>
    slot.failed !== undefined && now() - slot.failed.at < settings.failureCooldownMs;

  return {
    async get(audience, scopes) {
      const key = keyOf(audience, scopes);
      let slot = slots.get(key);
      if (!slot) slots.set(key, (slot = {}));
      const at = now();
      const { cached } = slot;
      if (cached && at < cached.usableUntil) {
        if (at >= cached.refreshFrom && !slot.inFlight && !coolingDown(slot)) {
          // Ahead of expiry: callers keep the current token; a failure is retried later.
          fetchInto(slot, audience, scopes).catch(() => {});
        }
        return cached.token;
      }
      if (slot.inFlight) return slot.inFlight;
      if (coolingDown(slot)) throw slot.failed!.error;
      return fetchInto(slot, audience, scopes);
    },
    invalidate(audience, scopes, token) {
      const slot = slots.get(keyOf(audience, scopes));
      if (slot?.cached?.token === token) slot.cached = undefined;
    },
    get requests() {
      return requests;
    },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
