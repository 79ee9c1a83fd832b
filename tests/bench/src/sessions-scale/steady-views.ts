import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiNames } from '@repo/auth-config';
import { signIn, tokenEndpointCalls } from '@repo/test-harness/sign-in';
import { startStack } from '@repo/test-harness/stack';
import { filledCards } from '../dashboard/filled-cards';
import { launchChromium } from '../dashboard/browser';

export interface SteadyViews {
  readonly apis: number;
  readonly sessionStore: 'redis' | 'embedded';
  /** The session cookie(s) as the browser sends them: `name=value` bytes, and how many. */
  readonly cookieBytes: number;
  readonly cookieCount: number;
  readonly views: number;
  /** Token-endpoint calls in the IdP's access log over the steady views. */
  readonly tokenCalls: number;
  readonly statuses: readonly number[];
  /** Cards on the last view, and how many showed their data (no error inside). */
  readonly cards: number;
  readonly cardsFilled: number;
}

/**
 * (issue 17) On the stack of this checkout (every API its registry has, the production build of
 * web): alice signs in, one view fetches each audience's token, then `views` steady views are
 * counted. Runs inside a clone with generated APIs as well as in this repo.
 */
export async function measureSteadyViews(options: {
  readonly chromiumPath: string;
  readonly views: number;
}): Promise<SteadyViews> {
  const stack = await startStack({ logDir: mkdtempSync(join(tmpdir(), 'bench-sessions-')) });
  const browser = await launchChromium(options.chromiumPath);
  try {
    const page = await browser.newPage();
    await signIn(page, 'alice', stack.webUrl);
    await page.goto(`${stack.webUrl}/dashboard`, { waitUntil: 'load' });
    const before = tokenEndpointCalls(stack.readLog('local-idp'));
    const statuses: number[] = [];
    for (let i = 0; i < options.views; i++) {
      const response = await page.goto(`${stack.webUrl}/dashboard`, { waitUntil: 'load' });
      statuses.push(response?.status() ?? 0);
    }
    const tokenCalls = tokenEndpointCalls(stack.readLog('local-idp')) - before;
    const { cards, filled: cardsFilled } = await filledCards(page);
    const sessionCookies = (await page.context().cookies(stack.webUrl)).filter((c) =>
      c.name.startsWith('__session'),
    );
    return {
      apis: apiNames.length,
      sessionStore: stack.sessionStore,
      cookieBytes: sessionCookies.reduce((n, c) => n + c.name.length + 1 + c.value.length, 0),
      cookieCount: sessionCookies.length,
      views: options.views,
      tokenCalls,
      statuses,
      cards,
      cardsFilled,
    };
  } finally {
    await browser.close();
    await stack.stopAll();
  }
}
