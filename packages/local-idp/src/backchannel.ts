import type Provider from 'oidc-provider';
import type { Configuration } from 'oidc-provider';

/** One logout token the IdP tried to deliver, and what came of it. */
export interface LogoutDelivery {
  readonly clientId: string;
  readonly uri: string;
  readonly sub: string;
  readonly sid: string;
  readonly ok: boolean;
  /** Why it failed: the status the receiver answered, a refused connection, the timeout. */
  readonly error?: string;
}

export type ReportDelivery = (delivery: LogoutDelivery) => void;

type Client = InstanceType<Provider['Client']>;

/**
 * oidc-provider's Client model signs and posts the logout token itself (lib/models/client.js,
 * `backchannelLogout`), and its end-session action calls it; the typings do not declare it.
 * Calling the same method for "end all sessions" keeps one token format for both paths.
 */
interface BackchannelClient {
  readonly clientId: string;
  readonly backchannelLogoutUri?: string | undefined;
  backchannelLogout(sub: string, sid: string): Promise<void>;
}

/** oidc-provider's errors name the status; fetch's name the socket error in `cause`. */
export function describeDeliveryError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.code ?? cause?.message;
  return detail ? `${error.message} (${detail})` : error.message;
}

export function deliveryOf(
  client: Pick<BackchannelClient, 'clientId' | 'backchannelLogoutUri'>,
  sub: string,
  sid: string,
  error?: unknown,
): LogoutDelivery {
  const base = { clientId: client.clientId, uri: client.backchannelLogoutUri ?? '', sub, sid };
  return error === undefined
    ? { ...base, ok: true }
    : { ...base, ok: false, error: describeDeliveryError(error) };
}

export function hasBackchannelLogout(client: Client): boolean {
  return Boolean((client as unknown as BackchannelClient).backchannelLogoutUri);
}

/** Posts one logout token and says what happened; a failure is returned, never thrown. */
export async function sendLogoutToken(
  client: Client,
  sub: string,
  sid: string,
): Promise<LogoutDelivery> {
  const c = client as unknown as BackchannelClient;
  try {
    await c.backchannelLogout(sub, sid);
    return deliveryOf(c, sub, sid);
  } catch (error) {
    return deliveryOf(c, sub, sid, error);
  }
}

/**
 * oidc-provider's `fetch` option. It gives every outgoing request a dispatcher that refuses
 * loopback and private addresses (its SSRF guard; docs/README.md, "fetch"), which is right for a
 * real IdP and wrong for this one: its relying party runs on this machine, so the token could
 * never arrive. The guard is dropped for the one URI the IdP posts logout tokens to, which was
 * checked to be loopback http (redirect-rules.ts); every other URL keeps it. The timeout replaces
 * oidc-provider's fixed 2.5 s so that a test can make a hung receiver fail fast.
 */
export function backchannelFetch(
  backchannelLogoutUri: string,
  timeoutMs: number,
): NonNullable<Configuration['fetch']> {
  const target = new URL(backchannelLogoutUri).href;
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== target) return globalThis.fetch(input, init);
    const { dispatcher: _ssrfGuard, ...rest } = (init ?? {}) as RequestInit & {
      dispatcher?: unknown;
    };
    return globalThis.fetch(input, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  };
}

/** Without a reporter of its own, a failed delivery still shows: one line on stderr. */
export const reportFailuresToStderr: ReportDelivery = (d) => {
  if (!d.ok) {
    process.stderr.write(
      `[local-idp] back-channel logout of sid ${d.sid} to ${d.uri} failed: ${d.error}\n`,
    );
  }
};
