import type { IdpProfile, IssuerUrls } from '@repo/auth-config';
import { bodySummary, get, type HttpDeps } from '../http';
import { fail, pass, type CheckResult } from '../result';

export interface IssuerTarget extends IssuerUrls {
  readonly profile: IdpProfile;
}

/** The issuer's `Date` header and when we asked: the input of the clock check. */
export interface ClockSample {
  readonly issuer: string;
  /** Milliseconds since the epoch, as the issuer's Date header says (second resolution). */
  readonly serverDate: number;
  readonly sentAt: number;
  readonly receivedAt: number;
}

export type IssuerDeps = HttpDeps & { readonly now: () => number };

const unreachableFix = (target: IssuerTarget): string =>
  target.profile === 'local'
    ? 'start the local IdP: `pnpm dev` (or `pnpm --filter @repo/local-idp dev` alone)'
    : 'check AUTH0_DOMAIN (the tenant domain from the Auth0 dashboard, e.g. your-tenant.eu.auth0.com) and that this machine can reach it';

/**
 * Check 2: what the APIs will do at runtime, done once now. Fetch discovery and compare its
 * `issuer` character for character (token verifiers do), then fetch the JWKS the apps derive
 * from AUTH0_DOMAIN and look for a key they can verify RS256 signatures with.
 */
export async function checkIssuer(
  target: IssuerTarget,
  deps: IssuerDeps,
): Promise<{
  results: CheckResult[];
  clock: ClockSample | undefined;
  /** Discovery's `authorization_endpoint`, where web's /auth/login must send the browser. */
  authorizationEndpoint?: string;
}> {
  const discoveryUrl = `${target.issuer}.well-known/openid-configuration`;
  const subject = `discovery ${target.issuer}`;
  const fetched = await get(deps, discoveryUrl);
  if (!fetched.ok) {
    return {
      results: [
        fail('issuer', subject, `${discoveryUrl}: ${fetched.error}`, unreachableFix(target)),
      ],
      clock: undefined,
    };
  }
  const { response } = fetched;
  const date = Date.parse(response.headers.get('date') ?? '');
  const clock = Number.isNaN(date)
    ? undefined
    : {
        issuer: target.issuer,
        serverDate: date,
        sentAt: fetched.sentAt,
        receivedAt: fetched.receivedAt,
      };
  if (response.status !== 200) {
    const said = await bodySummary(response);
    return {
      results: [
        fail(
          'issuer',
          subject,
          `${discoveryUrl} answered ${response.status}${said ? `: ${said}` : ''}`,
          'AUTH0_DOMAIN does not point at an OpenID provider: use the Domain shown in your Auth0 application settings',
        ),
      ],
      clock,
    };
  }
  const discovery = (await response.json().catch(() => undefined)) as
    { issuer?: unknown; authorization_endpoint?: unknown } | undefined;
  const results = [issuerMatch(target, subject, discovery?.issuer)];
  results.push(await checkJwks(target, deps));
  const endpoint = discovery?.authorization_endpoint;
  return {
    results,
    clock,
    ...(typeof endpoint === 'string' ? { authorizationEndpoint: endpoint } : {}),
  };
}

function issuerMatch(target: IssuerTarget, subject: string, said: unknown): CheckResult {
  if (said === target.issuer)
    return pass('issuer', subject, `discovery names the issuer the apps expect`);
  if (typeof said !== 'string') {
    return fail(
      'issuer',
      subject,
      'discovery has no "issuer"',
      'AUTH0_DOMAIN does not point at an OpenID provider',
    );
  }
  const slashOnly = said.replace(/\/+$/, '') === target.issuer.replace(/\/+$/, '');
  const detail = `discovery says issuer "${said}", the apps expect "${target.issuer}"`;
  if (slashOnly) {
    return fail(
      'issuer',
      subject,
      `${detail} (trailing slash): every token would fail the exact "iss" comparison`,
      `make the IdP's issuer end with "/" as Auth0's does ("${target.issuer}"); AUTH0_DOMAIN itself takes no slash`,
    );
  }
  let domain = said;
  try {
    domain = new URL(said).origin;
  } catch {
    // Not a URL: quote it as is.
  }
  return fail(
    'issuer',
    subject,
    `${detail}: every token would fail the exact "iss" comparison`,
    `set AUTH0_DOMAIN=${domain} in every app (a custom domain and the tenant domain are different issuers)`,
  );
}

interface Jwk {
  kty?: string;
  alg?: string;
  use?: string;
  kid?: string;
}

async function checkJwks(target: IssuerTarget, deps: IssuerDeps): Promise<CheckResult> {
  const subject = `JWKS ${target.jwksUri}`;
  const fetched = await get(deps, target.jwksUri);
  if (!fetched.ok) return fail('issuer', subject, fetched.error, unreachableFix(target));
  if (fetched.response.status !== 200) {
    return fail(
      'issuer',
      subject,
      `answered ${fetched.response.status}`,
      'the APIs fetch signing keys from <issuer>.well-known/jwks.json: AUTH0_DOMAIN must be the IdP itself',
    );
  }
  const body = (await fetched.response.json().catch(() => undefined)) as
    { keys?: unknown } | undefined;
  const keys: Jwk[] = Array.isArray(body?.keys) ? (body.keys as Jwk[]) : [];
  const rs256 = keys.filter(
    (k) => k.kty === 'RSA' && (k.alg === undefined || k.alg === 'RS256') && k.use !== 'enc',
  );
  if (rs256.length > 0)
    return pass(
      'issuer',
      subject,
      `${rs256.length} RS256 signing key${rs256.length === 1 ? '' : 's'}`,
    );
  const found = keys.map((k) => `${k.kty ?? '?'}/${k.alg ?? '?'}`).join(', ') || 'no keys';
  return fail(
    'issuer',
    subject,
    `no RS256 signing key (found: ${found}); the APIs accept RS256 tokens only`,
    "in Auth0 set the API's Signing Algorithm to RS256 (Applications > APIs > Settings); HS256 tokens cannot be verified with a JWKS",
  );
}
