import { hash } from 'node:crypto';

/** What a successful verification left on the request, kept for the token's remaining life. */
export interface VerifiedToken {
  readonly payload: Readonly<Record<string, unknown>>;
  readonly header: Readonly<Record<string, unknown>>;
}

export interface TokenCacheOptions {
  /** Entries kept at most; the least recently used one goes first. Default 10 000. */
  readonly maxEntries?: number;
  /**
   * No entry outlives this, whatever the token's `exp`: it bounds how long a token keeps passing
   * after its signing key is pulled from the JWKS by another path than ours. Default 5 min.
   */
  readonly maxTtlMs?: number;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  readonly now?: () => number;
}

export interface TokenCache {
  /**
   * The verified result for this token, or undefined (unknown, expired, evicted, or verified
   * under another `binding`: a cache shared by verifiers of several audiences never lets a
   * token verified for one pass for another). `key` is `tokenKey(token)` when the caller has it
   * already: a verifier that misses hashes the token once for both `get` and `set`.
   */
  get(token: string, binding?: string, key?: string): VerifiedToken | undefined;
  /** Remembers a VALID token until min(exp, now + maxTtl). Never call it for a failure. */
  set(token: string, verified: VerifiedToken, binding?: string, key?: string): void;
  /** Forgets every token signed with one of these key ids (the key left the JWKS). */
  evictKids(kids: ReadonlySet<string>): number;
  clear(): void;
  readonly size: number;
}

/** One cached token, and its neighbours in the recency list that runs from `oldest` to `newest`. */
interface Entry {
  readonly key: string;
  readonly verified: VerifiedToken;
  readonly expiresAt: number;
  readonly kid: string | undefined;
  /** The verifier's issuer and audience: the entry is valid for it only. */
  readonly binding: string;
  older: Entry | undefined;
  newer: Entry | undefined;
}

export const defaultTokenCacheTtlMs = 5 * 60_000;
export const defaultTokenCacheEntries = 10_000;

/**
 * Keyed by SHA-256 of the token, never the token: a heap dump or a debug print of the cache holds
 * no usable credential. SHA-256 of a ~1 kB JWT costs microseconds, an RSA verify ~100× more.
 */
export function tokenKey(token: string): string {
  // The one-shot crypto.hash (Node 20.12+) skips the Hash object: ~0.8 µs instead of ~1.2 µs.
  return hash('sha256', token, 'base64url');
}

/** Freezes an object and everything in it (claims and headers are JSON: no cycles). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * A bounded LRU of verified tokens: a Map for lookup and a doubly linked list for recency, so a
 * hit, an insert and an eviction each cost O(1). (Evicting a Map's first key instead, as this did
 * before, costs O(deleted entries): V8 leaves a hole per deletion at the front of the Map's
 * table until it rehashes, and `keys().next()` walks them all; at 10 000 entries that was about
 * 10 µs per cold token, tests/bench/README.md.)
 */
export function createTokenCache(options: TokenCacheOptions = {}): TokenCache {
  const maxEntries = options.maxEntries ?? defaultTokenCacheEntries;
  const maxTtlMs = options.maxTtlMs ?? defaultTokenCacheTtlMs;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let oldest: Entry | undefined;
  let newest: Entry | undefined;

  const unlink = (entry: Entry): void => {
    if (entry.older) entry.older.newer = entry.newer;
    else oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else newest = entry.older;
    entry.older = entry.newer = undefined;
  };
  const append = (entry: Entry): void => {
    entry.older = newest;
    if (newest) newest.newer = entry;
    else oldest = entry;
    newest = entry;
  };
  const remove = (entry: Entry): void => {
    unlink(entry);
    entries.delete(entry.key);
  };

  return {
    get(token, binding = '', key = tokenKey(token)) {
      const entry = entries.get(key);
      if (!entry || entry.binding !== binding) return undefined;
      if (entry.expiresAt <= now()) {
        remove(entry);
        return undefined;
      }
      if (entry !== newest) {
        unlink(entry);
        append(entry);
      }
      return entry.verified;
    },
    set(token, verified, binding = '', key = tokenKey(token)) {
      if (maxEntries <= 0 || maxTtlMs <= 0) return;
      const exp = verified.payload.exp;
      // A token without a numeric exp is never cached: we could not bound its life by the token.
      if (typeof exp !== 'number') return;
      const expiresAt = Math.min(exp * 1000, now() + maxTtlMs);
      if (expiresAt <= now()) return;
      const known = entries.get(key);
      if (known) remove(known);
      while (entries.size >= maxEntries && oldest) remove(oldest);
      const kid = typeof verified.header.kid === 'string' ? verified.header.kid : undefined;
      const entry: Entry = {
        key,
        // Handlers share the cached claims: frozen, so one request cannot change another's.
        verified: Object.freeze({
          payload: deepFreeze(verified.payload),
          header: deepFreeze(verified.header),
        }),
        expiresAt,
        kid,
        binding,
        older: undefined,
        newer: undefined,
      };
      entries.set(key, entry);
      append(entry);
    },
    evictKids(kids) {
      let removed = 0;
      for (const entry of entries.values()) {
        if (entry.kid !== undefined && kids.has(entry.kid)) {
          remove(entry);
          removed += 1;
        }
      }
      return removed;
    },
    clear() {
      entries.clear();
      oldest = newest = undefined;
    },
    get size() {
      return entries.size;
    },
  };
}
