import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Database, Orm, SqlRunner } from './database';

function runnerOf(client: PGlite | Transaction): SqlRunner {
  return {
    exec: async (sql) => {
      await client.exec(sql);
    },
    query: async <R extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) =>
      (await client.query<R>(sql, [...params])).rows,
  };
}

/**
 * PGlite (Postgres in WASM): in memory when `dataDir` is undefined (tests), else on disk in that
 * folder (dev: `.data/<service>/`). Single connection, so no pool and no locks are needed.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  let closed = false;
  const base = runnerOf(client);
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    orm: drizzle({ client }) as unknown as Orm,
    ...base,
    transaction: (fn) => client.transaction((tx) => fn(runnerOf(tx))),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}
