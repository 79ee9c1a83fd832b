import { apis } from '@repo/auth-config';
import { cache } from 'react';
import { grantsScope } from './token-claims';
import { accessTokenFor } from './tokens/web-broker';
import { webEnv } from './web-env';

/**
 * Whether the signed-in user's orders token carries the admin scope: the admin pages' guard and
 * the header's Admin link. No token (signed out, session ended) means no.
 */
export const isOrdersAdmin = cache(async (): Promise<boolean> => {
  try {
    const token = await accessTokenFor({ audience: webEnv().apis.orders.audience });
    return grantsScope(token, apis.orders.scopes.admin);
  } catch {
    return false;
  }
});
