import { SignJWT, importJWK } from 'jose';
import {
  apis,
  callsOf,
  localClientGrant,
  localServiceClient,
  localUsers,
  permissionsOf,
  type ApiName,
  type LocalUsername,
} from '@repo/auth-config';
import type { SigningJwk } from './keys';
import { auth0AccessTokenClaims } from './token-claims';

/** What a test can ask for; the shape matches service-kit's `TestIdp.mintAccessToken`. */
export interface MintOptions {
  sub: string;
  audience: string;
  scope?: string;
  permissions?: string[];
  /** Seconds from now; negative for an already expired token. Default: one hour. */
  expiresIn?: number;
  /** Seconds from now before which the token is not valid. */
  notBefore?: number;
  /** Override the issuer, e.g. to prove a verifier rejects a foreign one. */
  issuer?: string;
  /** Override the header's kid, e.g. to prove an unknown key is rejected. */
  kid?: string;
  clientId?: string;
  claims?: Record<string, unknown>;
}

/**
 * Signs an access token with the IdP's current key, shaped like the ones its token endpoint
 * issues (and like Auth0's), without a browser or a grant. Anything the caller sets wins, so a
 * test can build a token that is wrong in exactly one way.
 */
export async function mintAccessToken(
  key: SigningJwk,
  issuer: string,
  o: MintOptions,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const clientId = o.clientId ?? 'local-web';
  const shaped = auth0AccessTokenClaims({
    sub: o.sub,
    clientId,
    audience: o.audience,
    scope: o.scope,
  });
  const jwt = new SignJWT({
    ...shaped,
    ...(o.permissions ? { permissions: o.permissions } : {}),
    ...(o.scope !== undefined ? { scope: o.scope } : {}),
    ...(o.claims ?? {}),
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: o.kid ?? key.kid })
    .setIssuer(o.issuer ?? issuer)
    .setAudience(o.audience)
    .setSubject(o.sub)
    .setIssuedAt(now)
    .setJti(crypto.randomUUID())
    .setExpirationTime(now + (o.expiresIn ?? 3600));
  if (o.notBefore !== undefined) jwt.setNotBefore(now + o.notBefore);
  return jwt.sign(await importJWK(key, 'RS256'));
}

export interface UserTokenOptions {
  user: LocalUsername;
  api: ApiName;
  /** Space-separated; default: all of the user's permissions on that API. */
  scope?: string;
  expiresIn?: number;
}

/** A seeded user's token for one API, as `pnpm auth:token` prints it. */
export function mintUserToken(
  key: SigningJwk,
  issuer: string,
  o: UserTokenOptions,
): Promise<string> {
  const user = localUsers.find((u) => u.username === o.user);
  if (!user) throw new Error(`Unknown local user "${o.user}"`);
  return mintAccessToken(key, issuer, {
    sub: user.sub,
    audience: apis[o.api].audience,
    scope: o.scope ?? permissionsOf(user, o.api).join(' '),
    ...(o.expiresIn !== undefined ? { expiresIn: o.expiresIn } : {}),
  });
}

export interface ServiceTokenOptions {
  /** The calling API (registry name): the token is its M2M client's, `local-<service>`. */
  caller: ApiName;
  api: ApiName;
  /**
   * Space-separated; default: what the caller's client grant gives on that API (its `calls`).
   * Set it to build a token the grant would never give (a test of the callee's refusal).
   */
  scope?: string;
  expiresIn?: number;
}

/**
 * A client-credentials token of one calling API's M2M client, shaped as the token endpoint (and
 * Auth0) issues it: `sub` `<client_id>@clients`, `azp`, `gty: client-credentials`, no user
 * claims. What `pnpm auth:token --service <caller> --api <api>` prints.
 */
export function mintServiceToken(
  key: SigningJwk,
  issuer: string,
  o: ServiceTokenOptions,
): Promise<string> {
  const { clientId } = localServiceClient(o.caller);
  const granted = localClientGrant(clientId, o.api);
  if (o.scope === undefined && !granted) {
    const callees = callsOf(o.caller).map((c) => c.callee);
    throw new Error(
      `${apis[o.caller].serviceName} declares no call to ${o.api} in the registry (it calls: ${callees.join(', ') || 'nothing'})`,
    );
  }
  return mintAccessToken(key, issuer, {
    sub: `${clientId}@clients`,
    clientId,
    audience: apis[o.api].audience,
    scope: o.scope ?? granted!.join(' '),
    claims: { gty: 'client-credentials' },
    ...(o.expiresIn !== undefined ? { expiresIn: o.expiresIn } : {}),
  });
}
