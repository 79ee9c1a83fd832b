import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { problemSchema, type Problem } from '@repo/api-contracts/problem';
import {
  apis,
  loadToolEnv,
  localUsers,
  permissionsOf,
  type ApiEnv,
  type LocalUsername,
} from '@repo/auth-config';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { problemContentType, type Logger } from '@repo/service-kit';
import { migrate, openDatabase, type Database } from '@repo/service-kit/db';
import {
  createTestDatabase,
  testApiConfig,
  type TestDatabase,
  type TestIdp,
} from '@repo/api-testing';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../src/app';
import type { Catalog } from '../../src/catalog';
import { migrationsDir } from '../../src/db/migrations-dir';
import type { OrderStore } from '../../src/orders/store';
import { startProfileStub, type ProfileStub } from './profile-stub';

export { testWebOrigin as webOrigin } from '@repo/api-testing';
export const { read, write, admin } = apis.orders.scopes;

export type Idp = TestIdp &
  Pick<LocalIdp, 'stop' | 'mintServiceToken'> & {
    /** `POST /oauth/token` requests the IdP answered so far (its access log). */
    tokenRequests(): number;
  };

/** The IdP whose tokens the app trusts: the local IdP, one per test file, on a free port. */
export async function startIdp(): Promise<Idp> {
  const log: string[] = [];
  const idp = await startLocalIdp({ port: 0, onRequest: (r) => log.push(`${r.method} ${r.path}`) });
  return Object.assign(idp, {
    tokenRequests: () => log.filter((line) => line === 'POST /oauth/token').length,
  });
}

/** orders-api's env against this IdP, calling profile-api (a stub on a free port) at `profileUrl`. */
export function configFor(idp: TestIdp, profileUrl: string): ApiEnv<'orders'> {
  return testApiConfig('orders', idp.issuer, { PROFILE_API_URL: profileUrl });
}

/** PGlite in memory, or a fresh schema on DATABASE_URL (test:pg); migrated, never seeded. */
export function openTestDb(): Promise<TestDatabase> {
  return createTestDatabase({ migrationsDir });
}

/** Filled in by `beforeAll`: read its fields inside tests and hooks, not at import time. */
export interface IdpHarness {
  idp: Idp;
  /** profile-api as orders-api calls it; `config` points at it. */
  profile: ProfileStub;
  config: ApiEnv<'orders'>;
}

export interface Harness extends IdpHarness {
  testDb: TestDatabase;
  app: Express;
}

type AppExtras = Parameters<typeof appFor>[2];

/** One local IdP for this test file, started before its tests and stopped after them. */
export function useIdp(): IdpHarness {
  const harness = {} as IdpHarness;
  beforeAll(async () => {
    harness.idp = await startIdp();
    harness.profile = await startProfileStub(harness.idp);
    harness.config = configFor(harness.idp, harness.profile.url);
  });
  afterAll(async () => {
    await harness.profile?.stop();
    await harness.idp?.stop();
  });
  return harness;
}

/**
 * `useIdp()` plus a fresh test database and the app over it; `extras` may wrap the store or the
 * catalog (e.g. to count calls).
 */
export function useHarness(extras?: (db: Database) => AppExtras): Harness {
  const harness = useIdp() as Harness;
  beforeAll(async () => {
    harness.testDb = await openTestDb();
    harness.app = appFor(harness.config, harness.testDb.db, extras?.(harness.testDb.db));
  });
  afterAll(async () => {
    await harness.testDb?.cleanup();
  });
  return harness;
}

/**
 * A database that can be closed and opened again, as a restart does: a PGlite folder, or on
 * DATABASE_URL a schema of its own reopened through a new pool. `start()` opens and migrates,
 * like server.ts; it returns the versions it applied.
 */
export async function restartableDatabase(): Promise<{
  start(): Promise<{ db: Database; applied: string[] }>;
  cleanup(): Promise<void>;
}> {
  const url = loadToolEnv().databaseUrl;
  let open: () => Promise<Database>;
  let cleanup: () => Promise<void>;
  if (url) {
    // A schema of its own, left empty (no migrations to apply), so that the first start migrates.
    const noMigrations = mkdtempSync(join(tmpdir(), 'orders-api-no-migrations-'));
    const testDb = await createTestDatabase({ migrationsDir: noMigrations });
    rmSync(noMigrations, { recursive: true });
    const [row] = await testDb.db.query<{ schema: string }>('select current_schema() as schema');
    await testDb.db.close();
    open = () => openDatabase({ databaseUrl: url, searchPath: row!.schema });
    cleanup = testDb.cleanup;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'orders-api-restart-'));
    open = () => openDatabase({ databaseUrl: undefined, pgliteDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  return {
    start: async () => {
      const db = await open();
      return { db, applied: await migrate(db, migrationsDir) };
    },
    cleanup,
  };
}

/** `target` with every method call counted: a refused request must never reach one. */
export function counting<T extends object>(target: T): { value: T; calls: () => number } {
  let calls = 0;
  const value = new Proxy(target, {
    get(t, key, receiver) {
      const member: unknown = Reflect.get(t, key, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        calls += 1;
        return member.apply(t, args);
      };
    },
  });
  return { value, calls: () => calls };
}

export function appFor(
  config: ApiEnv<'orders'>,
  db: Database,
  extra: { logger?: Logger; orders?: OrderStore; catalog?: Catalog } = {},
): Express {
  return buildApp(config, { db, ...extra });
}

export const userOf = (username: LocalUsername) => localUsers.find((u) => u.username === username)!;

/** A token like the IdP gives a local user for the Orders API: their permissions as scopes. */
export function userToken(idp: TestIdp, username: LocalUsername, scope?: string): Promise<string> {
  const user = userOf(username);
  return idp.mintAccessToken({
    sub: user.sub,
    audience: apis.orders.audience,
    scope: scope ?? permissionsOf(user, 'orders').join(' '),
  });
}

/** A token for a made-up user: a test that counts rows uses a `sub` no other test writes for. */
export function subjectToken(
  idp: TestIdp,
  sub: string,
  scopes: readonly string[] = [read, write],
): Promise<string> {
  return idp.mintAccessToken({ sub, audience: apis.orders.audience, scope: scopes.join(' ') });
}

export const bearer = (token: string) => `Bearer ${token}`;

/** How many orders `sub` has in the database, whatever the API says. */
export async function orderCount(db: Database, sub: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from orders where sub = $1',
    [sub],
  );
  return row!.n;
}

/** A valid create request for the built-in catalog. */
export const sampleOrder = {
  items: [
    { sku: 'TEE-BLK-M', quantity: 2 },
    { sku: 'MUG-WHT', quantity: 1 },
  ],
};

/** POST /orders as `auth`, with an Idempotency-Key when given. */
export function postOrder(app: Express, auth: string, body: unknown = sampleOrder, key?: string) {
  const req = request(app).post('/orders').set('Authorization', auth);
  return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body as object);
}

/** Asserts an RFC 9457 problem+json answer with this status, and returns its body. */
export function expectProblem(res: Response, status: number): Problem {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toContain(problemContentType);
  const problem = problemSchema.parse(res.body);
  expect(problem.status).toBe(status);
  return problem;
}
