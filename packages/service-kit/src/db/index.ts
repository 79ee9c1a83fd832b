export type { Database, Orm } from './database';
export { openDatabase } from './open';
export { openPglite } from './pglite';
export { openPostgres, redactDatabaseUrl } from './postgres';
export { migrate } from './migrate';
