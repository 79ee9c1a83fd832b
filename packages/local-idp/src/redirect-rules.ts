/**
 * Which redirect targets the local IdP accepts. Tests and `pnpm dev` run the web app on any free
 * port, so instead of a fixed list the rule is "a URL on localhost" (http, or https as
 * `next dev --experimental-https` serves), plus the origins named in LOCAL_IDP_WEB_ORIGINS (a
 * LAN name, a local TLS proxy); nothing else, so that `returnTo=https://evil.example` (or
 * `http://localhost@evil.example`) is never an open redirect.
 */
function allowedUrl(value: string, webOrigins: readonly string[]): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const onLocalhost =
    (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === 'localhost';
  if (!onLocalhost && !webOrigins.includes(url.origin)) return undefined;
  if (url.username || url.password || url.hash) return undefined;
  return url;
}

/** `http://localhost:<port>/auth/callback`, the path nextjs-auth0 v4 uses. */
export function isLocalCallback(value: string, webOrigins: readonly string[] = []): boolean {
  const url = allowedUrl(value, webOrigins);
  return url !== undefined && url.pathname === '/auth/callback' && url.search === '';
}

/** Any page of an app on localhost: nextjs-auth0 sends APP_BASE_URL, without a trailing slash. */
export function isLocalPostLogoutTarget(
  value: string,
  webOrigins: readonly string[] = [],
): boolean {
  return allowedUrl(value, webOrigins) !== undefined;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where the IdP may post logout tokens: an http URL on this machine. No browser is involved (the
 * IdP itself makes the request), so 127.0.0.1 is as good as localhost here; another host never
 * is, or a dev tool would send signed tokens across the network. A query is allowed and a
 * fragment is not, as OIDC Back-Channel Logout 1.0 says of `backchannel_logout_uri`.
 */
export function isLocalBackchannelLogoutUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    loopbackHosts.has(url.hostname) &&
    !url.username &&
    !url.password &&
    !url.hash
  );
}
