export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  readonly fetchImpl?: typeof fetch;
  /** Called once when the first attempt fails, to say what we are waiting for. */
  readonly onWaiting?: (url: string) => void;
}

/**
 * Resolves when `url` answers 2xx (dev start waits for the issuer's JWKS this way), rejects with a
 * clear message after `timeoutMs`.
 */
export async function waitForUrl(url: string, options: WaitOptions = {}): Promise<void> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let announced = false;
  for (;;) {
    try {
      const res = await fetchImpl(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not up yet.
    }
    if (!announced) {
      announced = true;
      options.onWaiting?.(url);
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${url}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
}
