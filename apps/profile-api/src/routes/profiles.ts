import { profileBatchQuerySchema } from '@repo/api-contracts/profile';
import { apis } from '@repo/auth-config';
import { parseInput, requireServiceScope } from '@repo/service-kit';
import type { Router } from 'express';
import type { ProfileStore } from '../profiles/store';
import { toProfileSummary } from '../profiles/to-response';

/**
 * GET /profiles?ids=…: other APIs of the registry, calling as themselves with the service scope
 * (orders-api for its admin list), read several users' names and emails in one call. A user's
 * token is refused (403), an admin's too: no person may list other people's profiles here.
 */
export function profilesRoutes(store: ProfileStore): (router: Router) => void {
  return (router) => {
    router.get(
      '/profiles',
      requireServiceScope(apis.profile.serviceScopes.read),
      async (req, res) => {
        const { ids } = parseInput(profileBatchQuerySchema, req.query, 'query');
        const bySub = new Map((await store.findMany(ids)).map((row) => [row.sub, row]));
        // In the order asked; a sub without a profile is left out, not an error.
        const items = ids.flatMap((sub) => {
          const row = bySub.get(sub);
          return row ? [toProfileSummary(row)] : [];
        });
        res.json({ items });
      },
    );
  };
}
