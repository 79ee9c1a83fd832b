import { chromium, type Browser, type Page } from '@playwright/test';
import { loadToolEnv } from '@repo/auth-config';
import { chromiumLaunchArgs } from '@repo/test-harness/chromium';

/** Debian's Chromium with the repo's flags, plus a scenario's own (a host mapping, say). */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: loadToolEnv().chromiumPath,
    args: [...chromiumLaunchArgs, ...extraArgs],
  });
}

/** Counts the requests a page makes to one path, from now on: redirect loops show up here. */
export function countRequests(page: Page, pathname: string): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === pathname) count += 1;
  });
  return () => count;
}

/** The local IdP's form, as a person fills it. */
export async function fillIdpLogin(page: Page, user: string, password: string): Promise<void> {
  await page.getByLabel(/email or username/i).fill(`${user}@example.com`);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /continue/i }).click();
}
