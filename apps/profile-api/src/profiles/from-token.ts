import { claims } from '@repo/auth-config';
import type { VerifiedClaims } from '@repo/service-kit';
import type { ProfileSeed } from './store';

function stringClaim(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, max);
}

/**
 * A new profile's email and name come from the namespaced claims the tenant's Action (or the
 * local IdP) adds to access tokens; without them the display name falls back to the email's local
 * part, then to a neutral word.
 */
export function seedFromClaims(token: VerifiedClaims): ProfileSeed {
  const email = stringClaim(token[claims.email], 320) ?? null;
  const name = stringClaim(token[claims.name], 80);
  return { email, displayName: name ?? email?.split('@')[0] ?? 'User' };
}
