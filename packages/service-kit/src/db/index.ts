export type { Database, Orm, SqlRunner } from './database';
export { openDatabase, type OpenDatabaseOptions } from './open';
export { openPglite } from './pglite';
export { openPostgres, redactDatabaseUrl, type PostgresOptions } from './postgres';
export { migrate, listMigrations, type MigrationFile } from './migrate';
