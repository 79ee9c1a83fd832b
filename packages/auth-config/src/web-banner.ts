import { localUserPassword, localUsers } from './local-profile';
import { services } from './registry';
import type { WebEnv } from './env/web';

/** The port web listens on: APP_BASE_URL's, or the registry's web port. */
export function webPort(env: Pick<WebEnv, 'appBaseUrl'>): number {
  return Number(new URL(env.appBaseUrl).port) || services.web.port;
}

/**
 * What `pnpm dev` prints for web: where to go and, with the local IdP, who to log in as. One
 * text for web's own `scripts/next.ts` and for the dev runner, which starts `next dev` itself.
 */
export function webBanner(env: Pick<WebEnv, 'appBaseUrl' | 'profile'>): string {
  const lines = [`[web] open ${env.appBaseUrl}`];
  if (env.profile === 'local') {
    const users = localUsers.map((u) => `${u.email} (${u.role})`).join(', ');
    lines.push(`[web] local IdP logins, password "${localUserPassword}": ${users}`);
  }
  return lines.join('\n');
}
