import type { WebEnv } from '@repo/auth-config';
import { webApp } from '../apps';
import { pass, skip, warn, type CheckResult } from '../result';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * web marks its cookies Secure exactly when APP_BASE_URL is https. Plain http is fine on this
 * machine (browsers treat localhost as a secure context); anywhere else the session cookie
 * crosses the network in clear text and browsers may refuse it: sign-in then seems to work but
 * the session does not stick.
 */
export function checkCookieScheme(web: WebEnv | undefined): CheckResult {
  const subject = 'web session cookie';
  if (!web) return skip('sessions', subject, 'needs a valid web env (see the env rows above)');
  const url = new URL(web.appBaseUrl);
  if (url.protocol === 'https:')
    return pass('sessions', subject, `Secure, as APP_BASE_URL ${web.appBaseUrl} is https`);
  if (loopback.has(url.hostname))
    return pass('sessions', subject, `not Secure: fine on this machine (${web.appBaseUrl})`);
  const https = new URL(web.appBaseUrl);
  https.protocol = 'https:';
  https.port = '';
  return warn(
    'sessions',
    subject,
    `cannot be Secure: APP_BASE_URL ${web.appBaseUrl} is http on ${url.hostname}, not this machine, so the cookie travels in clear text and browsers may drop it`,
    `serve web over https and set APP_BASE_URL to that URL (e.g. ${https.href.replace(/\/$/, '')}) in ${webApp.folder}/.env.local`,
  );
}
