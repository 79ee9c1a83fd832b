import { mkdirSync } from 'node:fs';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { serviceKitTracer } from '../telemetry/tracer';
import type { Database, Orm, SqlRunner } from './database';
import { querySpans, traceSqlMethods, type TraceQuery } from './query-spans';

function runnerOf(client: PGlite | Transaction): SqlRunner {
  return {
    exec: async (sql) => {
      await client.exec(sql);
    },
    query: async <R extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[] = [],
    ) => (await client.query<R>(sql, [...params])).rows,
  };
}

/**
 * PGlite is the dev and test database, a devDependency: production images are built with
 * `pnpm deploy --prod` and carry none of it, so it is loaded only when asked for, and its absence
 * says what to do instead of failing on an import at start-up.
 */
async function loadPglite() {
  try {
    const [{ PGlite }, { drizzle }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
    ]);
    return { PGlite, drizzle };
  } catch (cause) {
    throw new Error(
      'DATABASE_URL is not set, and PGlite (the development database) is not installed in this build. ' +
        'Set DATABASE_URL=postgres://user:password@host:5432/dbname.',
      { cause },
    );
  }
}

/**
 * Every statement in a span, Drizzle's included: the client Drizzle gets is the traced one, and
 * so is each transaction's.
 */
function traced(client: PGlite, traceQuery: TraceQuery): PGlite {
  traceSqlMethods(client, traceQuery);
  const transaction = client.transaction.bind(client);
  client.transaction = (fn) => transaction((tx) => fn(traceSqlMethods(tx, traceQuery)));
  return client;
}

/**
 * PGlite (Postgres in WASM): in memory when `dataDir` is undefined (tests), else on disk in that
 * folder (dev: `.data/<service>/`). Single connection, so no pool and no locks are needed.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  const { PGlite, drizzle } = await loadPglite();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = traced(
    dataDir ? new PGlite(dataDir) : new PGlite(),
    querySpans(serviceKitTracer(), {}),
  );
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
