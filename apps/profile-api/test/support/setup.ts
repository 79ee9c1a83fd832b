import {
  apis,
  claims,
  localUsers,
  permissionsOf,
  type ApiEnv,
  type LocalUsername,
} from '@repo/auth-config';
import {
  createTestDatabase,
  testApiConfig,
  type TestDatabase,
  type TestIdp,
} from '@repo/api-testing';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import type { Database } from '@repo/service-kit/db';
import type { Logger } from '@repo/service-kit';
import { buildApp } from '../../src/app';
import { migrationsDir } from '../../src/db/migrations-dir';
import { createProfileStore, type ProfileStore } from '../../src/profiles/store';

export { testWebOrigin as webOrigin } from '@repo/api-testing';

export interface Harness {
  readonly idp: TestIdp & Pick<LocalIdp, 'stop' | 'mintServiceToken'>;
  readonly config: ApiEnv<'profile'>;
  readonly testDb: TestDatabase;
}

/** The local IdP, whose tokens the app trusts; one per test file, on a free port. */
export async function startIdp(): Promise<Harness['idp']> {
  return startLocalIdp({ port: 0 });
}

export function configFor(idp: TestIdp): ApiEnv<'profile'> {
  return testApiConfig('profile', idp.issuer);
}

export function openTestDb(): Promise<TestDatabase> {
  return createTestDatabase({ migrationsDir });
}

/** The real store, counting every call: a refused request must never reach one. */
export function countingStore(db: Database): { store: ProfileStore; calls: () => number } {
  const real = createProfileStore(db.orm);
  let calls = 0;
  return {
    calls: () => calls,
    store: {
      getOrCreate: (...args) => {
        calls += 1;
        return real.getOrCreate(...args);
      },
      update: (...args) => {
        calls += 1;
        return real.update(...args);
      },
      findMany: (...args) => {
        calls += 1;
        return real.findMany(...args);
      },
    },
  };
}

export function appFor(
  config: ApiEnv<'profile'>,
  db: Database,
  extra: { logger?: Logger; profiles?: ProfileStore } = {},
) {
  return buildApp(config, { db, ...extra });
}

/**
 * A token like the IdP gives a local user for the Profile API: their permissions as scopes, and
 * the namespaced email/name claims the tenant's Action adds.
 */
export function userToken(idp: TestIdp, username: LocalUsername, scope?: string): Promise<string> {
  const user = localUsers.find((u) => u.username === username)!;
  return idp.mintAccessToken({
    sub: user.sub,
    audience: apis.profile.audience,
    scope: scope ?? permissionsOf(user, 'profile').join(' '),
    claims: { [claims.email]: user.email, [claims.name]: user.name },
  });
}

/** orders-api's client-credentials token for this API, as the IdP issues it (its registry grant). */
export function serviceToken(idp: Harness['idp'], scope?: string): Promise<string> {
  return idp.mintServiceToken({
    caller: 'orders',
    api: 'profile',
    ...(scope !== undefined ? { scope } : {}),
  });
}

export const bearer = (token: string) => `Bearer ${token}`;
