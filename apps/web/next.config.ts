import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Headers that do not depend on the request. The Content-Security-Policy does (a nonce per
 * response, and the API origins from the runtime env), so src/proxy.ts sets it.
 */
const staticSecurityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** nextjs-auth0 v3 path → v4 path. The query (returnTo, code, state…) is kept by Next. */
export const legacyAuthRoutes = [
  ['/api/auth/login', '/auth/login'],
  ['/api/auth/logout', '/auth/logout'],
  ['/api/auth/callback', '/auth/callback'],
  ['/api/auth/me', '/auth/profile'],
] as const;

const config: NextConfig = {
  // Docker images copy .next/standalone; tracing from the repo root picks up workspace packages.
  output: 'standalone',
  outputFileTracingRoot: resolve(here, '../..'),
  // Workspace packages ship TypeScript source (no build step).
  transpilePackages: [
    '@repo/auth-config',
    '@repo/api-contracts',
    '@repo/session-store',
    '@repo/telemetry',
  ],
  // A Redis client keeps sockets and timers: load it from node_modules, never bundled twice.
  serverExternalPackages: ['@redis/client'],
  // Turbopack's on-disk dev cache off. With it, about one cold `next dev` in three here (16.4.6)
  // answered every browser's first HMR subscription with a "restart" of the app's chunk list;
  // that bumps the dev server's HMR version, so the page's next subscription is told "HMR hash
  // mismatch" and reloads, and the reloaded page gets the same restart: an endless reload
  // loop on the first page opened (found with `pnpm --filter @repo/bench dev-reload`, which
  // records the HMR messages). Without the cache: 0 loops in 50 cold starts, for a first render
  // of / of 5–17 s (median 6.4 s) instead of 1.3–3 s here. Revisit on a Next.js upgrade with
  // that bench.
  experimental: { turbopackFileSystemCacheForDev: false },
  poweredByHeader: false,
  reactStrictMode: true,
  // The v3 SDK's routes, which older guides and bookmarks still use: a permanent redirect (308,
  // so a POST stays a POST) to v4's, instead of a 404 nobody can explain.
  async redirects() {
    return legacyAuthRoutes.map(([source, destination]) => ({
      source,
      destination,
      permanent: true,
    }));
  },
  async headers() {
    return [{ source: '/:path*', headers: staticSecurityHeaders }];
  },
};

export default config;
