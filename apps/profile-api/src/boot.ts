import { fileURLToPath } from 'node:url';
import { bootApi } from '@repo/service-kit/boot';

/** The app's folder: its `.env` and `.env.local` are read from here. */
export const appDir = fileURLToPath(new URL('..', import.meta.url));

/** The Profile API's env, logger and database: what server.ts and migrate.ts start from. */
export const boot = () => bootApi('profile', appDir);
