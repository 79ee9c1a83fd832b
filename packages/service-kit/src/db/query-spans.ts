import { SpanKind, type Attributes, type Tracer } from '@opentelemetry/api';
import { attr, inSpan } from '@repo/telemetry';

/** Runs one statement inside a CLIENT span named after it (`SELECT orders`). */
export type TraceQuery = <T>(sql: string, run: () => Promise<T>) => Promise<T>;

/** Where the statements go, for the spans' attributes. */
export interface QueryTarget {
  /** The database name (PostgreSQL); PGlite has none. */
  readonly namespace?: string;
  readonly serverAddress?: string;
  readonly serverPort?: number;
}

const maxQueryText = 1000;

/**
 * The statement as a span may carry it: string literals replaced by `?` (the app's queries pass
 * values as parameters, which are never recorded; a literal is the one way a value could slip
 * into the text), and long migration files cut.
 */
export function sanitizeSql(sql: string): string {
  const text = sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxQueryText ? `${text.slice(0, maxQueryText - 1)}…` : text;
}

/** `SELECT orders` for `select "id" from "orders" where …`: operation and first table. */
export function summarizeSql(sql: string): { operation: string; table: string | undefined } {
  const operation = (/^\s*(\w+)/.exec(sql)?.[1] ?? 'QUERY').toUpperCase();
  const table = /\b(?:from|into|update|join)\s+(?:"?\w+"?\.)?"?(\w+)"?/i.exec(sql)?.[1];
  return { operation, table };
}

/**
 * The same spans for PGlite and PostgreSQL, made where service-kit hands a statement to the
 * driver (PGlite has no auto-instrumentation, and one place for both keeps them alike).
 */
export function querySpans(tracer: Tracer, target: QueryTarget): TraceQuery {
  const base: Attributes = { [attr.dbSystemName]: 'postgresql' };
  if (target.namespace) base[attr.dbNamespace] = target.namespace;
  if (target.serverAddress) base[attr.serverAddress] = target.serverAddress;
  if (target.serverPort) base[attr.serverPort] = target.serverPort;
  return (sql, run) => {
    const { operation, table } = summarizeSql(sql);
    return inSpan(
      tracer,
      table ? `${operation} ${table}` : operation,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          ...base,
          [attr.dbOperationName]: operation,
          [attr.dbQueryText]: sanitizeSql(sql),
        },
      },
      run,
    );
  };
}

/**
 * Replaces `query` and `exec` of one driver object (a PGlite, a transaction, a pg client) by
 * traced ones. Only promise calls are traced: pg's pool runs its own callback-style
 * `client.query` under a traced `pool.query`, which must not make a second span.
 */
export function traceSqlMethods<C extends object>(client: C, traceQuery: TraceQuery): C {
  const methods = client as unknown as Record<string, unknown>;
  for (const name of ['query', 'exec']) {
    const original = methods[name];
    if (typeof original !== 'function') continue;
    const bound = (original as (...args: unknown[]) => unknown).bind(client);
    methods[name] = (...args: unknown[]) => {
      const first = args[0];
      const sql = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
      if (typeof sql !== 'string' || typeof args[args.length - 1] === 'function')
        return bound(...args);
      return traceQuery(sql, () => bound(...args) as Promise<unknown>);
    };
  }
  return client;
}
