import { request as httpRequest } from 'node:http';

/** What one request of a load run ended with: an HTTP status, or the network error's code. */
export type Outcome = { readonly status: number } | { readonly error: string };

export function errorCode(error: unknown): string {
  const e = error as {
    code?: string;
    cause?: { code?: string; message?: string };
    message?: string;
    name?: string;
  };
  return e.cause?.code ?? e.code ?? e.name ?? e.cause?.message ?? e.message ?? String(error);
}

/**
 * Runs `workers` concurrent loops calling `once` until `done()` says stop; each loop awaits its
 * request before sending the next (closed-loop load, like autocannon -p 1).
 */
export async function runLoad<T>(options: {
  workers: number;
  /** Asked before each request; a worker stops at its first `true`. */
  done: (worker: number, iteration: number) => boolean;
  once: (worker: number, iteration: number) => Promise<T>;
}): Promise<T[]> {
  const results: T[] = [];
  await Promise.all(
    Array.from({ length: options.workers }, async (_, worker) => {
      for (let i = 0; !options.done(worker, i); i++) results.push(await options.once(worker, i));
    }),
  );
  return results;
}

/** A deadline `ms` from now, as a `done` predicate. */
export function forMs(ms: number): () => boolean {
  const end = performance.now() + ms;
  return () => performance.now() >= end;
}

/** Counts outcomes by status or error code, e.g. { "200": 512, "ECONNRESET": 1 }. */
export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = 'status' in o ? String(o.status) : o.error;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * GET with a bearer token. `from`, a loopback source address (127.0.0.2, …), makes the request
 * another client to the API, as its per-client limits see them.
 */
export function getStatus(url: string, token: string, from?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest(
      url,
      { localAddress: from, headers: { authorization: `Bearer ${token}` }, timeout: 10_000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ error: errorCode(error) }));
    req.end();
  });
}
