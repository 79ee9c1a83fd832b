import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** The axe impacts that fail a run; moderate and minor ones are attached to the results. */
const blockingImpacts: readonly string[] = ['serious', 'critical'];

/** The widths every page is checked and photographed at: a laptop and a small phone. */
export const viewportWidths = [1280, 360] as const;

/**
 * axe on the page as it is now: WCAG 2.1 A/AA and axe's best practices. Every violation goes to
 * the test's attachments; a serious or critical one fails the test, naming the rule and where.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const path = testInfo.outputPath(`axe-${name}.json`);
  writeFileSync(path, JSON.stringify(results.violations, null, 2));
  await testInfo.attach(`axe-${name}.json`, { path, contentType: 'application/json' });
  const blocking = results.violations.filter((v) => blockingImpacts.includes(v.impact ?? ''));
  expect(
    blocking.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
    `serious or critical axe violations on ${name}`,
  ).toEqual([]);
  return results.violations.length;
}

/**
 * The page at each width: no sideways scrolling, axe clean, and a full-page screenshot in the
 * test results (`<name>-1280.png`, `<name>-360.png`).
 */
export async function checkPageAtEveryWidth(page: Page, testInfo: TestInfo, name: string) {
  for (const width of viewportWidths) {
    await page.setViewportSize({ width, height: 900 });
    // A string: this package is typed for Node, not the DOM.
    const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(scrollWidth, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(width);
    await expectAccessible(page, testInfo, `${name}-${width}`);
    const path = testInfo.outputPath(`${name}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name}-${width}.png`, { path, contentType: 'image/png' });
  }
  await page.setViewportSize({ width: viewportWidths[0], height: 900 });
}

/**
 * Every console error and uncaught exception of a page. `allow` names the few a scenario causes
 * on purpose (a 404 page's own status); `expectNone` fails on any other.
 */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return {
    allow: (pattern: RegExp) => allowed.push(pattern),
    expectNone: () =>
      expect(
        errors.filter((e) => !allowed.some((pattern) => pattern.test(e))),
        'console errors',
      ).toEqual([]),
  };
}
