import type { Page } from '@playwright/test';
import { signIn, tokenEndpointCalls } from '@repo/test-harness/sign-in';
import { startStack, type StackOptions } from '@repo/test-harness/stack';
import { median } from '../stats';
import { startDelayProxy, type DelayProxy } from './delay-proxy';
import { launchChromium } from './browser';

export interface DashboardSettings {
  readonly chromiumPath: string;
  readonly logDir: string;
  /** Extra delay per API call, in ms. */
  readonly delays: readonly number[];
  /** Timed views per delay, after one untimed view. */
  readonly views: number;
  log(line: string): void;
}

export interface DelayPoint {
  readonly delayMs: number;
  /** Median time from the document request to its last byte (Navigation Timing). */
  readonly medianMs: number;
  readonly viewsMs: readonly number[];
  /** Median gap between the two API calls' arrivals at their proxies. */
  readonly medianStartGapMs: number;
}

export interface DashboardResults {
  /** False when the web app's API calls did not go through the proxies (see `note`). */
  readonly proxied: boolean;
  readonly points: readonly DelayPoint[];
  /** (e) token-endpoint calls seen in the IdP's access log over all steady-state views. */
  readonly tokenCalls: number;
  readonly steadyViews: number;
  readonly note?: string;
}

/** One dashboard load; its time from request to the last byte of the (streamed) document. */
async function timedView(page: Page, webUrl: string): Promise<number> {
  const response = await page.goto(`${webUrl}/dashboard`, { waitUntil: 'load' });
  if (response?.status() !== 200) throw new Error(`dashboard answered ${response?.status()}`);
  // Inside the cards only: Next's route announcer is an empty role=alert of its own.
  const errors = page.locator('section').getByRole('alert');
  if ((await errors.count()) > 0)
    throw new Error(`dashboard shows an error: ${await errors.first().innerText()}`);
  return page.evaluate(() => {
    // Runs in the page; typed by hand because this package has no DOM types.
    type NavigationTiming = { responseEnd: number; requestStart: number };
    const timing = performance as unknown as { getEntriesByType(type: string): NavigationTiming[] };
    const nav = timing.getEntriesByType('navigation')[0]!;
    return nav.responseEnd - nav.requestStart;
  });
}

/**
 * (d) and (e) on the real stack (local IdP, both APIs, production build of web) with a
 * delaying proxy in front of each API, Alice logged in through the browser.
 */
export async function dashboardCases(settings: DashboardSettings): Promise<DashboardResults> {
  const proxies: Record<'orders' | 'profile', DelayProxy> = {
    orders: await startDelayProxy(),
    profile: await startDelayProxy(),
  };
  const options: StackOptions = {
    logDir: settings.logDir,
    webApiUrls: { orders: proxies.orders.url, profile: proxies.profile.url },
  };
  settings.log('(d)(e) starting the stack (local IdP, both APIs, web production build)');
  const stack = await startStack(options);
  proxies.orders.target = stack.apiUrls.orders;
  proxies.profile.target = stack.apiUrls.profile;
  const browser = await launchChromium(settings.chromiumPath);
  try {
    const page = await browser.newPage();
    await signIn(page, 'alice', stack.webUrl);
    // The first view after login fetches the second audience's token; steady state starts after it.
    await timedView(page, stack.webUrl);
    const proxied = proxies.orders.forwarded > 0 && proxies.profile.forwarded > 0;
    const delays = proxied ? settings.delays : [0];
    const tokensBefore = tokenEndpointCalls(stack.readLog('local-idp'));
    let steadyViews = 0;
    const points: DelayPoint[] = [];
    for (const delayMs of delays) {
      proxies.orders.delayMs = delayMs;
      proxies.profile.delayMs = delayMs;
      await timedView(page, stack.webUrl);
      steadyViews += 1;
      const viewsMs: number[] = [];
      const gaps: number[] = [];
      for (let i = 0; i < settings.views; i++) {
        viewsMs.push(await timedView(page, stack.webUrl));
        gaps.push(Math.abs(proxies.orders.lastArrival - proxies.profile.lastArrival));
        steadyViews += 1;
      }
      const point = { delayMs, medianMs: median(viewsMs), viewsMs, medianStartGapMs: median(gaps) };
      settings.log(
        `  D=${delayMs} ms: median ${point.medianMs.toFixed(0)} ms (${viewsMs.map((v) => v.toFixed(0)).join(', ')})`,
      );
      points.push(point);
    }
    const tokenCalls = tokenEndpointCalls(stack.readLog('local-idp')) - tokensBefore;
    return {
      proxied,
      points,
      tokenCalls,
      steadyViews,
      note: proxied
        ? undefined
        : 'The web app did not call the APIs through the delaying proxies, so only D = 0 was measured.',
    };
  } finally {
    await browser.close();
    await stack.stopAll();
    await Promise.all([proxies.orders.stop(), proxies.profile.stop()]);
  }
}
