import { profileUpdateSchema } from '@repo/api-contracts/profile';
import { apis } from '@repo/auth-config';
import { claimsOf, parseInput, requireScope } from '@repo/service-kit';
import type { Router } from 'express';
import { seedFromClaims } from '../profiles/from-token';
import type { ProfileStore } from '../profiles/store';
import { toProfile } from '../profiles/to-response';

const { read, write } = apis.profile.scopes;

/** GET /me and PATCH /me: the caller's own profile, keyed by the token's `sub`. */
export function meRoutes(store: ProfileStore): (router: Router) => void {
  return (router) => {
    router.get('/me', requireScope(read), async (req, res) => {
      const token = claimsOf(req);
      const row = await store.getOrCreate(token.sub, seedFromClaims(token));
      res.json(toProfile(row));
    });

    router.patch('/me', requireScope(write), async (req, res) => {
      const token = claimsOf(req);
      const changes = parseInput(profileUpdateSchema, req.body);
      const row = await store.update(token.sub, seedFromClaims(token), changes);
      res.json(toProfile(row));
    });
  };
}
