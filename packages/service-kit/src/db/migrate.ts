import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database';

export interface MigrationFile {
  readonly version: string;
  readonly path: string;
}

// `0001_create_profiles.sql`: the number orders them, the name says what they do.
const migrationName = /^(\d{4,})_[a-z0-9_-]+\.sql$/;

export async function listMigrations(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  return names.map((name) => {
    if (!migrationName.test(name)) {
      throw new Error(`Migration file "${name}" in ${dir} must be named NNNN_description.sql`);
    }
    return { version: name.replace(/\.sql$/, ''), path: join(dir, name) };
  });
}

/**
 * Applies, in order, every `NNNN_*.sql` file of `dir` not yet recorded in `schema_migrations`.
 * Each file runs in its own transaction with its record, so a failing file leaves nothing half
 * applied. On PostgreSQL an advisory lock makes concurrent starts wait instead of racing.
 * Returns the versions applied now.
 */
export async function migrate(db: Database, dir: string): Promise<string[]> {
  const files = await listMigrations(dir);
  await db.exec(
    `create table if not exists schema_migrations (
       version text primary key,
       applied_at timestamptz not null default now()
     )`,
  );
  const applied: string[] = [];
  for (const file of files) {
    const sql = await readFile(file.path, 'utf8');
    const ran = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') {
        await tx.query(
          `select pg_advisory_xact_lock(hashtext(current_schema() || '.schema_migrations'))`,
        );
      }
      const done = await tx.query('select 1 from schema_migrations where version = $1', [
        file.version,
      ]);
      if (done.length > 0) return false;
      await tx.exec(sql);
      await tx.query('insert into schema_migrations (version) values ($1)', [file.version]);
      return true;
    });
    if (ran) applied.push(file.version);
  }
  return applied;
}
