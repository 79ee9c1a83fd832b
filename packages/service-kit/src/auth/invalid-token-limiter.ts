/**
 * Counts failed token verifications per client and, past a threshold, refuses that client's
 * unverified tokens before any signature check: an RSA verify costs about a whole request, so a
 * flood of garbage tokens would otherwise buy an attacker our CPU at our expense.
 */
export interface InvalidTokenLimitOptions {
  /**
   * Failures allowed per client per window; the next unverified token gets 429. Default 100: a
   * real client gets one 401 and fetches a new token, so only a flood (or a broken client) gets
   * near it, while a test suite's auth matrix from one address stays well below it.
   */
  readonly maxFailures?: number;
  /** The counting window. Default 10 s: a flooding client costs at most 10 verifications a second. */
  readonly windowMs?: number;
  /** Clients tracked at most (oldest idle one dropped first), so a spoofed-address spray stays bounded. Default 10 000. */
  readonly maxClients?: number;
  readonly now?: () => number;
}

export interface InvalidTokenLimiter {
  /**
   * Asks to verify one token of this client. 0 (synchronously, the common case) or a promise of
   * 0: go ahead, then call `settle` exactly once. Otherwise the milliseconds until this client
   * may try again: refuse the token unverified. While the client's verifications in flight could
   * still reach the threshold, the request waits for them, so that concurrent tokens are limited
   * exactly as the same tokens one after another would be.
   */
  acquire(client: string): number | Promise<number>;
  /** Reports how a verification `acquire` allowed ended. */
  settle(client: string, failed: boolean): void;
  readonly trackedClients: number;
}

export const invalidTokenLimitDefaults = {
  maxFailures: 100,
  windowMs: 10_000,
  maxClients: 10_000,
} as const;

interface ClientState {
  windowStart: number;
  failures: number;
  /** Verifications allowed and not settled yet: each may still become a failure. */
  pending: number;
  waiters: (() => void)[];
}

/** A fixed window per client: cheap, bounded memory, and good enough to blunt a flood. */
export function createInvalidTokenLimiter(
  options: InvalidTokenLimitOptions = {},
): InvalidTokenLimiter {
  const maxFailures = options.maxFailures ?? invalidTokenLimitDefaults.maxFailures;
  const windowMs = options.windowMs ?? invalidTokenLimitDefaults.windowMs;
  const maxClients = options.maxClients ?? invalidTokenLimitDefaults.maxClients;
  const now = options.now ?? Date.now;
  const clients = new Map<string, ClientState>();

  const stateOf = (client: string): ClientState => {
    let state = clients.get(client);
    if (!state) {
      if (clients.size >= maxClients) evictIdle();
      state = { windowStart: now(), failures: 0, pending: 0, waiters: [] };
      clients.set(client, state);
    } else if (now() - state.windowStart >= windowMs) {
      state.windowStart = now();
      state.failures = 0;
    }
    return state;
  };

  /** The oldest clients with nothing in flight go first; a busy one is never forgotten. */
  const evictIdle = () => {
    for (const [key, state] of clients) {
      if (clients.size < maxClients) return;
      if (state.pending === 0) clients.delete(key);
    }
  };

  const tryAcquire = (client: string): number | undefined => {
    const state = stateOf(client);
    if (state.failures >= maxFailures) return Math.max(1, state.windowStart + windowMs - now());
    if (state.failures + state.pending < maxFailures) {
      state.pending += 1;
      return 0;
    }
    return undefined; // the verifications in flight decide: wait for one of them
  };

  const acquireLater = async (client: string): Promise<number> => {
    for (;;) {
      await new Promise<void>((resolve) => stateOf(client).waiters.push(resolve));
      const result = tryAcquire(client);
      if (result !== undefined) return result;
    }
  };

  return {
    acquire(client) {
      return tryAcquire(client) ?? acquireLater(client);
    },
    settle(client, failed) {
      const state = clients.get(client);
      if (!state) return;
      state.pending = Math.max(0, state.pending - 1);
      if (failed) {
        if (now() - state.windowStart >= windowMs) {
          state.windowStart = now();
          state.failures = 0;
        }
        state.failures += 1;
      }
      // Everyone waiting re-checks: past the threshold they are all refused at once.
      const waiters = state.waiters.splice(0);
      for (const wake of waiters) wake();
    },
    get trackedClients() {
      return clients.size;
    },
  };
}
