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
  /** Clients tracked at most (oldest dropped first), so a spoofed-address spray stays bounded. Default 10 000. */
  readonly maxClients?: number;
  readonly now?: () => number;
}

export interface InvalidTokenLimiter {
  /** Milliseconds until this client may try again, or 0 when it is not limited. */
  retryAfterMs(client: string): number;
  recordFailure(client: string): void;
  readonly trackedClients: number;
}

export const invalidTokenLimitDefaults = {
  maxFailures: 100,
  windowMs: 10_000,
  maxClients: 10_000,
} as const;

interface Window {
  start: number;
  failures: number;
}

/** A fixed window per client: cheap, bounded memory, and good enough to blunt a flood. */
export function createInvalidTokenLimiter(
  options: InvalidTokenLimitOptions = {},
): InvalidTokenLimiter {
  const maxFailures = options.maxFailures ?? invalidTokenLimitDefaults.maxFailures;
  const windowMs = options.windowMs ?? invalidTokenLimitDefaults.windowMs;
  const maxClients = options.maxClients ?? invalidTokenLimitDefaults.maxClients;
  const now = options.now ?? Date.now;
  const clients = new Map<string, Window>();

  const current = (client: string): Window | undefined => {
    const w = clients.get(client);
    if (w && now() - w.start >= windowMs) {
      clients.delete(client);
      return undefined;
    }
    return w;
  };

  return {
    retryAfterMs(client) {
      const w = current(client);
      if (!w || w.failures < maxFailures) return 0;
      return Math.max(1, w.start + windowMs - now());
    },
    recordFailure(client) {
      const w = current(client);
      if (w) {
        w.failures += 1;
        return;
      }
      while (clients.size >= maxClients) clients.delete(clients.keys().next().value as string);
      clients.set(client, { start: now(), failures: 1 });
    },
    get trackedClients() {
      return clients.size;
    },
  };
}
