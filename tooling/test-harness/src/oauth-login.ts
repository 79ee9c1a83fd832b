import { createHash, randomBytes } from 'node:crypto';
import { localUserPassword } from '@repo/auth-config';

export interface LoginInput {
  /** `http://localhost:<port>/`, with the slash. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the IdP sends the code; never requested (the flow stops there). */
  readonly redirectUri: string;
  readonly username: string;
  readonly audience: string;
  readonly scope: string;
}

export interface LoginTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly idToken: string;
  readonly expiresIn: number;
  readonly scope: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

/**
 * A real authorization-code + PKCE login through the local IdP's own login form, over HTTP and
 * without a browser: what a relying party gets, for tests that need a genuine refresh token.
 * Cookies are kept per flow; Auth0's `audience` parameter selects the API.
 */
export async function loginOverHttp(input: LoginInput): Promise<LoginTokens> {
  const cookies = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  };
  const verifier = b64url(randomBytes(32));
  const authorize = new URL('authorize', input.issuer);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: input.scope,
    audience: input.audience,
    state: b64url(randomBytes(12)),
    nonce: b64url(randomBytes(12)),
    code_challenge: b64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }).toString();

  let next = authorize.href;
  let init: RequestInit = {};
  let credentials: { login: string; password: string } | undefined = {
    login: input.username,
    password: localUserPassword,
  };
  for (let hop = 0; hop < 20; hop++) {
    if (next.startsWith(input.redirectUri)) {
      const code = new URL(next).searchParams.get('code');
      if (!code) throw new Error(`the IdP came back without a code: ${next}`);
      const res = await fetch(new URL('oauth/token', input.issuer), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: input.redirectUri,
          client_id: input.clientId,
          client_secret: input.clientSecret,
          code_verifier: verifier,
        }),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`code exchange failed: ${JSON.stringify(json)}`);
      return {
        accessToken: String(json.access_token),
        refreshToken: String(json.refresh_token),
        idToken: String(json.id_token),
        expiresIn: Number(json.expires_in),
        scope: String(json.scope),
      };
    }
    const res = await send(next, init);
    init = {};
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      next = new URL(location, next).href;
      continue;
    }
    const html = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action || !credentials)
      throw new Error(`unexpected answer at ${next}: ${res.status} ${html.slice(0, 300)}`);
    next = new URL(action.replace(/&amp;/g, '&'), next).href;
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(credentials).toString(),
    };
    credentials = undefined;
  }
  throw new Error('too many redirects during the login');
}
