import { SpanKind, type Tracer } from '@opentelemetry/api';
import { attr, inSpan } from '@repo/telemetry';
import { importJWK, type JWK } from 'jose';
import { serviceKitTracer } from '../telemetry/tracer';

type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

/** Every JWKS fetch and its outcome, for logs, metrics and tests. */
export type KeySetEvent =
  | {
      readonly type: 'fetched';
      readonly reason: FetchReason;
      readonly kids: readonly string[];
      readonly ms: number;
    }
  | {
      readonly type: 'fetch-failed';
      readonly reason: FetchReason;
      readonly error: string;
      readonly ms: number;
    }
  | { readonly type: 'keys-removed'; readonly kids: readonly string[] };

export type FetchReason = 'initial' | 'refresh' | 'unknown-kid';

export interface KeySetOptions {
  /** From auth-config (`config.auth0.jwksUri`): no discovery, ever. */
  readonly jwksUri: string;
  /** The only algorithm accepted; keys that declare another one are ignored. */
  readonly algorithm?: 'RS256';
  /** A fetch (connect + headers + body) is abandoned after this long. Default 3 s. */
  readonly timeoutMs?: number;
  /**
   * After this long the set is refreshed in the background while the current one keeps serving
   * (a failure keeps it: the last good set outlives any IdP outage). Default 10 min.
   */
  readonly refreshIntervalMs?: number;
  /**
   * At most one fetch per cooldown for an unknown `kid`, and between retries of a failed
   * refresh: a storm of made-up kids, or a down IdP, costs one request per cooldown. Default 30 s.
   */
  readonly cooldownMs?: number;
  /** A larger answer is refused unread (a JWKS of a few keys is a few kB). Default 64 KiB. */
  readonly maxBytes?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly onEvent?: (event: KeySetEvent) => void;
  /** Each fetch is a CLIENT span (no trace context is sent to the IdP). */
  readonly tracer?: Tracer;
}

export interface KeySet {
  /**
   * The key for this token header. Resolves undefined when no key has that kid even after the
   * refetch the cooldown allows (the token is invalid); rejects with KeySetUnavailableError only
   * when no key set was ever fetched and the fetch fails (we cannot tell valid from invalid).
   */
  keyFor(header: { kid?: string; alg?: string }): Promise<VerifyKey | undefined>;
  /** Fetches now unless a fetch is in flight (dev start, readiness, tests). */
  refresh(): Promise<void>;
  readonly kids: readonly string[];
  /** Fetches attempted so far, failed ones included. */
  readonly fetchCount: number;
  /** When the current set was fetched (ms since epoch), or undefined before the first success. */
  readonly fetchedAt: number | undefined;
}

export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';
}

export const keySetDefaults = {
  timeoutMs: 3000,
  refreshIntervalMs: 10 * 60_000,
  cooldownMs: 30_000,
  maxBytes: 64 * 1024,
} as const;

interface Loaded {
  readonly keys: ReadonlyMap<string, VerifyKey>;
  readonly fetchedAt: number;
}

/** The body as text, or an error as soon as it passes `maxBytes` (declared or streamed). */
async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new Error(`JWKS of ${declared} bytes is over the ${maxBytes}-byte cap`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new Error(`JWKS is over the ${maxBytes}-byte cap`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * The issuer's signing keys, fetched from the configured JWKS URL and kept as the last good set.
 * Unlike jose's remote set (and so express-oauth2-jwt-bearer), a stale set is never dropped: an
 * IdP outage costs nothing while the keys in use stay the same.
 */
export function createKeySet(options: KeySetOptions): KeySet {
  const alg = options.algorithm ?? 'RS256';
  const timeoutMs = options.timeoutMs ?? keySetDefaults.timeoutMs;
  const refreshIntervalMs = options.refreshIntervalMs ?? keySetDefaults.refreshIntervalMs;
  const cooldownMs = options.cooldownMs ?? keySetDefaults.cooldownMs;
  const maxBytes = options.maxBytes ?? keySetDefaults.maxBytes;
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const emit = options.onEvent ?? (() => {});
  const tracer = options.tracer ?? serviceKitTracer();

  let loaded: Loaded | undefined;
  let inFlight: Promise<void> | undefined;
  let fetchCount = 0;
  let lastUnknownKidFetch = -Infinity;
  let lastFailedFetch = -Infinity;

  async function download(reason: FetchReason): Promise<Map<string, VerifyKey>> {
    return inSpan(
      tracer,
      'JWKS fetch',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [attr.httpRequestMethod]: 'GET',
          [attr.urlFull]: options.jwksUri,
          'auth.jwks.reason': reason,
        },
      },
      async (span) => {
        const keys = await downloadKeys((status) =>
          span.setAttribute(attr.httpResponseStatusCode, status),
        );
        span.setAttribute('auth.jwks.keys', keys.size);
        return keys;
      },
    );
  }

  async function downloadKeys(onStatus: (status: number) => void): Promise<Map<string, VerifyKey>> {
    // One signal for the whole exchange, body included: a server that sends headers and then
    // stalls must not hold the fetch past the timeout.
    const signal = AbortSignal.timeout(timeoutMs);
    const res = await fetchImpl(options.jwksUri, {
      signal,
      headers: { accept: 'application/json' },
    });
    onStatus(res.status);
    if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
    const body = JSON.parse(await readCapped(res, maxBytes)) as { keys?: unknown };
    if (!Array.isArray(body.keys)) throw new Error('JWKS has no "keys" array');
    const keys = new Map<string, VerifyKey>();
    for (const jwk of body.keys as JWK[]) {
      if (typeof jwk.kid !== 'string' || jwk.kty !== 'RSA') continue;
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      if (jwk.alg !== undefined && jwk.alg !== alg) continue;
      try {
        keys.set(jwk.kid, await importJWK({ kty: jwk.kty, n: jwk.n, e: jwk.e }, alg));
      } catch {
        // One malformed key must not cost the others: skip it, as a client of any JWKS would.
      }
    }
    // An empty set is an IdP mistake, not a rotation: keep serving the last good one.
    if (keys.size === 0) throw new Error('JWKS has no usable RS256 signing key');
    return keys;
  }

  function fetchOnce(reason: FetchReason): Promise<void> {
    inFlight ??= (async () => {
      fetchCount += 1;
      const started = now();
      if (reason === 'unknown-kid') lastUnknownKidFetch = started;
      try {
        const keys = await download(reason);
        const previous = loaded;
        loaded = { keys, fetchedAt: now() };
        emit({ type: 'fetched', reason, kids: [...keys.keys()], ms: now() - started });
        const removed = previous ? [...previous.keys.keys()].filter((kid) => !keys.has(kid)) : [];
        if (removed.length > 0) emit({ type: 'keys-removed', kids: removed });
      } catch (error) {
        lastFailedFetch = now();
        emit({ type: 'fetch-failed', reason, error: errorText(error), ms: now() - started });
        throw error;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  function refreshInBackground(): void {
    if (inFlight || !loaded) return;
    const t = now();
    if (t - loaded.fetchedAt < refreshIntervalMs || t - lastFailedFetch < cooldownMs) return;
    // Stale-while-revalidate: this request is served by the current set; a failure is an event.
    fetchOnce('refresh').catch(() => {});
  }

  function lookup(kid: string | undefined): VerifyKey | undefined {
    if (!loaded) return undefined;
    if (kid !== undefined) return loaded.keys.get(kid);
    // No kid: unambiguous only when the issuer publishes a single key.
    return loaded.keys.size === 1 ? loaded.keys.values().next().value : undefined;
  }

  return {
    async keyFor(header) {
      if (header.alg !== alg) return undefined;
      if (!loaded) {
        // Before the first good set, a down IdP is retried at most once a second, not per request.
        if (!inFlight && now() - lastFailedFetch < Math.min(cooldownMs, 1000)) {
          throw new KeySetUnavailableError(
            "The issuer's signing keys could not be fetched; retrying shortly.",
          );
        }
        try {
          await (inFlight ?? fetchOnce('initial'));
        } catch (error) {
          throw new KeySetUnavailableError(
            `The issuer's signing keys could not be fetched (${errorText(error)}).`,
          );
        }
      }
      const known = lookup(header.kid);
      if (known) {
        refreshInBackground();
        return known;
      }
      // A kid we do not know: perhaps a rotation, perhaps garbage. One refetch per cooldown.
      if (inFlight) {
        await inFlight.catch(() => {});
      } else if (now() - lastUnknownKidFetch >= cooldownMs) {
        await fetchOnce('unknown-kid').catch(() => {});
      }
      return lookup(header.kid);
    },
    async refresh() {
      await (inFlight ?? fetchOnce(loaded ? 'refresh' : 'initial'));
    },
    get kids() {
      return loaded ? [...loaded.keys.keys()] : [];
    },
    get fetchCount() {
      return fetchCount;
    },
    get fetchedAt() {
      return loaded?.fetchedAt;
    },
  };
}
