import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** The Drizzle query builder, whichever driver is underneath (PGlite or node-postgres). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Orm = PgDatabase<PgQueryResultHKT, any>;

/** Raw SQL access, for migrations and the rare query the builder cannot express. */
export interface SqlRunner {
  /** Several statements, no parameters (a migration file). */
  exec(sql: string): Promise<void>;
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<R[]>;
}

/** A connection pool's use at one moment: what /metrics reports. */
export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  /** Queries waiting for a connection. */
  readonly waiting: number;
  readonly max: number;
}

/** One service's database: a Drizzle handle plus what the shell needs (readiness, shutdown). */
export interface Database extends SqlRunner {
  readonly kind: 'pglite' | 'postgres';
  /** Where it lives, for logs: `memory`, a folder, or the URL without its password. */
  readonly location: string;
  readonly orm: Orm;
  /** Runs `fn` in one transaction on one connection; rolled back if it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query; /readyz uses it. */
  ping(): Promise<void>;
  /** Idempotent: the second call does nothing. */
  close(): Promise<void>;
  /** The pool's connections now (PostgreSQL); PGlite has one connection and no pool. */
  poolStats?(): PoolStats;
}
