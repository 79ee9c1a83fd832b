import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { loadToolEnv } from '@repo/auth-config';
import { startTracing, type Tracing } from '@repo/telemetry';
import { eq } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@repo/service-kit/db';
import { createTestDatabase, type TestDatabase } from '../src';

const things = pgTable('things', { id: integer('id').primaryKey(), name: text('name').notNull() });
const dir = mkdtempSync(join(tmpdir(), 'db-spans-'));
writeFileSync(
  join(dir, '0001_create_things.sql'),
  'create table things (id int primary key, name text not null);',
);

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let test: TestDatabase;
let db: Database;

beforeAll(async () => {
  tracing = startTracing(
    {
      serviceName: 'db-spans',
      resourceAttributes: {},
      metrics: undefined,
      traces: {
        url: 'http://unused.invalid/v1/traces',
        protocol: 'http/protobuf',
        sampler: 'always_on',
        ratio: 1,
        scheduleDelayMs: 10,
        propagators: ['tracecontext'],
      },
    },
    { exporter },
  );
  test = await createTestDatabase({ migrationsDir: dir });
  db = test.db;
});
afterAll(async () => {
  await test.cleanup();
  await tracing.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const databaseUrl = loadToolEnv().databaseUrl;

describe(`database spans on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('makes one span per statement, raw or Drizzle, in a transaction too, under the caller’s span; values never in them', async () => {
    await tracing.forceFlush();
    exporter.reset();
    const secretName = 'value-that-must-not-be-recorded';
    const parent = trace.getTracer('test').startSpan('handler');
    await context.with(trace.setSpan(context.active(), parent), async () => {
      await db.transaction(async (tx) => {
        await tx.query('insert into things (id, name) values ($1, $2)', [1, secretName]);
      });
      await db.query('select name from things where id = $1', [1]);
      await db.orm.select().from(things).where(eq(things.id, 1));
      await db.orm.insert(things).values({ id: 2, name: secretName });
    });
    parent.end();
    await tracing.forceFlush();

    const spans = exporter.getFinishedSpans().filter((s) => s.name !== 'handler');
    const names = spans.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['INSERT things', 'SELECT things']));
    expect(names.filter((n) => n === 'SELECT things')).toHaveLength(2);
    expect(names.filter((n) => n === 'INSERT things')).toHaveLength(2);
    for (const span of spans) {
      expect(span.parentSpanContext?.spanId, span.name).toBe(parent.spanContext().spanId);
      expect(span.attributes['db.system.name']).toBe('postgresql');
    }
    const orm = spans.find((s) => String(s.attributes['db.query.text']).includes('"things"'));
    expect(orm?.attributes['db.query.text']).toMatch(/^select "id", "name" from "things" where/);
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain(secretName);
  });

  it('reports the pool’s connections on PostgreSQL, and no pool on PGlite', async () => {
    const stats = db.poolStats?.();
    if (db.kind === 'pglite') expect(stats).toBeUndefined();
    else expect(stats).toMatchObject({ max: 4, waiting: 0 });
  });
});
