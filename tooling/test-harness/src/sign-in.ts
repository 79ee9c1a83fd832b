import type { Page } from 'playwright-core';
import { localUserPassword } from '@repo/auth-config';

/** Through the app's login link and the local IdP's form, as a person would. */
export async function signIn(page: Page, user: string, webUrl: string): Promise<void> {
  await page.goto(`${webUrl}/`);
  await page
    .getByRole('link', { name: /log ?in|sign ?in/i })
    .first()
    .click();
  await page.getByLabel(/email or username/i).fill(`${user}@example.com`);
  await page.getByLabel(/password/i).fill(localUserPassword);
  await page.getByRole('button', { name: /continue/i }).click();
  // Back from the IdP: the callback has set the session and redirected to the page asked for.
  await page.waitForURL((url) => url.origin === webUrl && !url.pathname.startsWith('/auth/'));
}

/** Token-endpoint calls in the local IdP's access log (`[local-idp] POST /oauth/token …`). */
export function tokenEndpointCalls(idpLog: string): number {
  return idpLog.match(/\[local-idp\] POST \/oauth\/token /g)?.length ?? 0;
}
