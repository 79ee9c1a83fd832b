import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { serviceKitTracer } from '../telemetry/tracer';
import type { Database, Orm, SqlRunner } from './database';
import { querySpans, traceSqlMethods, type TraceQuery } from './query-spans';

export interface PostgresOptions {
  /** `postgres://…`; `?sslmode=require|verify-full|no-verify` turns TLS on (parsed by pg). */
  readonly url: string;
  /** Every statement is cancelled by the server after this long. */
  readonly statementTimeoutMs?: number;
  readonly poolMax?: number;
  /** Tables are created and read in this schema (tests: one schema per test file). */
  readonly searchPath?: string;
}

/**
 * The URL without its secrets, for logs: the password of the user part, and every query parameter
 * that can carry one (`?password=`, `sslpassword`, a key or a token), whatever its case.
 */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) {
      if (/pass|secret|token|key/i.test(key)) u.searchParams.set(key, '***');
    }
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

function runnerOf(client: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    // No parameters: pg uses the simple protocol, which runs several statements at once.
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <R extends Record<string, unknown>>(
      sql: string,
      params: readonly unknown[] = [],
    ) => (await client.query<R>(sql, [...params])).rows,
  };
}

/**
 * Every statement in a span, Drizzle's included: the pool Drizzle gets is the traced one, and so
 * is every client it hands out (each is patched once; the pool reuses them).
 */
function traced(pool: pg.Pool, traceQuery: TraceQuery): pg.Pool {
  traceSqlMethods(pool, traceQuery);
  const patched = new WeakSet<pg.PoolClient>();
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  pool.connect = ((...args: unknown[]) => {
    const result = connect(...args);
    if (!(result instanceof Promise)) return result;
    return result.then((client: pg.PoolClient) => {
      if (!patched.has(client)) {
        patched.add(client);
        traceSqlMethods(client, traceQuery);
      }
      return client;
    });
  }) as pg.Pool['connect'];
  return pool;
}

function targetOf(url: string) {
  try {
    const u = new URL(url);
    return {
      namespace: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
      serverAddress: u.hostname || undefined,
      serverPort: Number(u.port || 5432),
    };
  } catch {
    return {};
  }
}

/** PostgreSQL through a `pg` pool, with a statement timeout and TLS when the URL asks for it. */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  if (options.searchPath !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.searchPath)) {
    throw new Error(`Invalid schema name "${options.searchPath}"`);
  }
  const max = options.poolMax ?? 10;
  const pool = new pg.Pool({
    connectionString: options.url,
    max,
    statement_timeout: options.statementTimeoutMs ?? 5000,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => {});
  traced(pool, querySpans(serviceKitTracer(), targetOf(options.url)));
  let closed = false;
  const db: Database = {
    kind: 'postgres',
    location: redactDatabaseUrl(options.url),
    orm: drizzle({ client: pool }) as unknown as Orm,
    ...runnerOf(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(runnerOf(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max,
    }),
  };
  return db;
}
