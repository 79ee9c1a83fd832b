// `pnpm dev` runs this first: the API is useless until the issuer's JWKS answers.
import { waitForUrl } from '@repo/service-kit';
import { loadConfig } from './config';

const config = loadConfig();
await waitForUrl(config.auth0.jwksUri, {
  timeoutMs: 120_000,
  onWaiting: (url) => console.warn(`[${config.serviceName}] waiting for the issuer's JWKS at ${url} …`),
});
