import { apis } from '@repo/auth-config';

/**
 * orders-api's environment for (h): production defaults (NODE_ENV=production, PostgreSQL), the
 * bench's local IdP as the issuer (USE_LOCAL_IDP=true is the one switch production accepts for
 * it), request logs at info. Without a DATABASE_URL it runs outside production on PGlite, and
 * the results say so.
 */
export function ordersApiEnv(options: {
  readonly path: string;
  readonly idpDomain: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
}): { env: NodeJS.ProcessEnv; production: boolean } {
  const production = options.databaseUrl !== undefined;
  return {
    production,
    env: {
      PATH: options.path,
      NODE_ENV: production ? 'production' : 'development',
      USE_LOCAL_IDP: 'true',
      AUTH0_DOMAIN: options.idpDomain,
      AUTH0_AUDIENCE: apis.orders.audience,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // GET /catalog never calls profile-api; production only insists on knowing where it is.
      PROFILE_API_URL: 'http://127.0.0.1:9',
      // Production requires the browser origins; the web app's local one, as the E2E stack runs.
      CORS_ALLOWED_ORIGINS: 'http://localhost:3000',
      ...(production ? { DATABASE_URL: options.databaseUrl } : { DATA_DIR: options.dataDir }),
    },
  };
}
