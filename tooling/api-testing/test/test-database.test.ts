import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadToolEnv } from '@repo/auth-config';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openPostgres, redactDatabaseUrl } from '@repo/service-kit/db';
import { createTestDatabase } from '../src';

const dir = mkdtempSync(join(tmpdir(), 'service-kit-migrations-'));
const good = join(dir, 'good');
mkdirSync(good);
writeFileSync(
  join(good, '0001_create_things.sql'),
  'create table things (id int primary key, name text not null);',
);
writeFileSync(
  join(good, '0002_add_note.sql'),
  'alter table things add column note text;\ninsert into things values (1, $$one$$, null);',
);
const broken = join(dir, 'broken');
mkdirSync(broken);
writeFileSync(join(broken, '0001_ok.sql'), 'create table ok_table (id int);');
writeFileSync(
  join(broken, '0002_fails.sql'),
  'create table half (id int);\nselect * from no_such_table;',
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const databaseUrl = loadToolEnv().databaseUrl;

describe(`migrations on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('uses PostgreSQL exactly when DATABASE_URL is set', async () => {
    const { db, cleanup } = await createTestDatabase({ migrationsDir: good });
    expect(db.kind).toBe(databaseUrl ? 'postgres' : 'pglite');
    await cleanup();
  });

  it('applies pending files in order, once', async () => {
    const { db, cleanup } = await createTestDatabase({ migrationsDir: good });
    try {
      expect(await migrate(db, good)).toEqual([]);
      expect(await db.query('select id, name, note from things')).toEqual([
        { id: 1, name: 'one', note: null },
      ]);
      const versions = await db.query<{ version: string }>(
        'select version from schema_migrations order by version',
      );
      expect(versions.map((v) => v.version)).toEqual(['0001_create_things', '0002_add_note']);
    } finally {
      await cleanup();
    }
  });

  it('leaves nothing half applied when a file fails, and says which', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const { db, cleanup } = await createTestDatabase({ migrationsDir: empty });
    try {
      await expect(migrate(db, broken)).rejects.toThrow(/no_such_table/);
      const versions = await db.query<{ version: string }>('select version from schema_migrations');
      expect(versions.map((v) => v.version)).toEqual(['0001_ok']);
      await expect(db.query('select * from half')).rejects.toThrow();
    } finally {
      await cleanup();
    }
  });

  it('refuses a badly named migration file', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'create.sql'), 'select 1;');
    const { db, cleanup } = await createTestDatabase({ migrationsDir: good });
    try {
      await expect(migrate(db, bad)).rejects.toThrow(/NNNN_description\.sql/);
    } finally {
      await cleanup();
    }
  });
});

describe('PostgreSQL options', () => {
  it('never logs the password of a database URL', () => {
    expect(redactDatabaseUrl('postgres://u:hunter2@db:5432/x?sslmode=require')).not.toContain(
      'hunter2',
    );
  });

  it.runIf(databaseUrl)('cancels a statement that runs past the statement timeout', async () => {
    const db = await openPostgres({ url: databaseUrl!, statementTimeoutMs: 100 });
    try {
      await expect(db.query('select pg_sleep(2)')).rejects.toThrow(/statement timeout/);
      await db.ping();
    } finally {
      await db.close();
    }
  });
});
