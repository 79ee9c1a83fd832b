import { fileURLToPath } from 'node:url';

/** The folder of this service's versioned SQL migrations. */
export const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));
