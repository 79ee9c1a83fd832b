import { randomBytes } from 'node:crypto';
import { loadToolEnv } from '@repo/auth-config';
import pg from 'pg';
import { migrate, openPglite, openPostgres, type Database } from '@repo/service-kit/db';

export interface TestDatabase {
  readonly db: Database;
  /** Closes the database and, on PostgreSQL, drops the test's schema. */
  cleanup(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** The service's migrations folder; applied before the database is handed out. */
  readonly migrationsDir: string;
  /** Overrides DATABASE_URL from the tool env (default: `loadToolEnv().databaseUrl`). */
  readonly databaseUrl?: string | undefined;
}

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or, when
 * DATABASE_URL is set, a schema of its own on that PostgreSQL server so that test files can run in
 * parallel without seeing each other's rows. The schema is dropped by `cleanup()`.
 */
export async function createTestDatabase(options: TestDatabaseOptions): Promise<TestDatabase> {
  const url = 'databaseUrl' in options ? options.databaseUrl : loadToolEnv().databaseUrl;
  if (!url) {
    const db = await openPglite();
    await migrate(db, options.migrationsDir);
    return { db, cleanup: () => db.close() };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const db = await openPostgres({ url, searchPath: schema, poolMax: 4 });
  await migrate(db, options.migrationsDir);
  return {
    db,
    cleanup: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await dropper.end();
      }
    },
  };
}
