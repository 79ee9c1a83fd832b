// `pnpm dev` runs this first: the API is useless until the issuer's JWKS answers.
import { loadServiceConfig, waitForIssuer } from '@repo/service-kit/boot';
import { appDir } from './boot';

await waitForIssuer(loadServiceConfig('profile', appDir));
