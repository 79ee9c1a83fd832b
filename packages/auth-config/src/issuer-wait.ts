import type { IssuerUrls } from './issuer';

export interface IssuerWaitOptions {
  /** Who is waiting, for the messages: `web`, `orders-api`. */
  readonly app: string;
  /** Default 120 s: a tenant, or the local IdP that `pnpm dev` starts beside the app. */
  readonly timeoutMs?: number;
  /** How often a progress line is printed while waiting. Default 5 s. */
  readonly progressEveryMs?: number;
  readonly intervalMs?: number;
  readonly fetchImpl?: typeof fetch;
  readonly log?: (message: string) => void;
}

/** The issuer did not answer in time: the message names the variable and the command to run. */
export class IssuerUnreachableError extends Error {
  override readonly name = 'IssuerUnreachableError';
}

/**
 * Resolves once the issuer's JWKS answers 2xx: an app that starts before its IdP is useless, and
 * `pnpm dev` starts them side by side. Prints what it waits for, then progress every few seconds,
 * and on timeout rejects with one line naming AUTH0_DOMAIN and `pnpm auth:doctor` (no stack).
 */
export async function waitForIssuer(
  urls: Pick<IssuerUrls, 'issuer' | 'jwksUri'>,
  options: IssuerWaitOptions,
): Promise<void> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const log = options.log ?? ((m: string) => console.warn(m));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const progressEveryMs = options.progressEveryMs ?? 5_000;
  const started = Date.now();
  let lastError: string;
  let nextProgress = 0;
  for (;;) {
    try {
      const res = await fetchImpl(urls.jwksUri, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.ok) {
        if (nextProgress > 0) log(`[${options.app}] the issuer answers; starting.`);
        return;
      }
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      lastError = cause?.code ?? (error as Error).name;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) {
      throw new IssuerUnreachableError(
        `[${options.app}] the issuer ${urls.issuer} did not answer within ${Math.round(timeoutMs / 1000)} s (${lastError}). ` +
          'Check AUTH0_DOMAIN, or start the local IdP (pnpm dev); `pnpm auth:doctor` checks the whole configuration.',
      );
    }
    if (waited >= nextProgress) {
      log(
        `[${options.app}] waiting for the issuer's keys at ${urls.jwksUri} (${lastError}, ${Math.round(waited / 1000)} s) …`,
      );
      nextProgress = waited + progressEveryMs;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
