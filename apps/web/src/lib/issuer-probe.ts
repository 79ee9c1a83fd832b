/**
 * Whether the issuer answers its discovery document in time. nextjs-auth0 caches discovery, so
 * once the IdP goes down a running app would still send people to it and leave them on the
 * browser's own connection error; a login that starts with this probe can say what is wrong.
 */
export async function issuerReachable(
  issuer: string,
  options: { timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<boolean> {
  const fetchImpl = options.fetchImpl ?? fetch;
  try {
    const res = await fetchImpl(new URL('.well-known/openid-configuration', issuer), {
      signal: AbortSignal.timeout(options.timeoutMs ?? 2_000),
      cache: 'no-store',
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
