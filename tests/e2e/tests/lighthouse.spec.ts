import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { loadToolEnv } from '@repo/auth-config';
import { chromiumLaunchArgs } from '@repo/test-harness/chromium';
import { freePort } from '@repo/test-harness/free-port';
import lighthouse, { desktopConfig } from 'lighthouse';
import { expect, signIn, test } from './fixtures';

/** Asserted on home and dashboard; performance is reported only (the machine is shared). */
const minimumScores = { accessibility: 0.95, 'best-practices': 0.95 } as const;

/**
 * Lighthouse's own failures to record Chrome's trace, not findings about the page: on a busy
 * machine Chrome now and then leaves the navigation's start out of the trace (seen in CI:
 * NO_NAVSTART on /dashboard, the same build passing the run before). Such an audit is run once
 * more; any other runtime error, or the same one twice, fails the test.
 */
const traceRecordingErrors = new Set(['NO_NAVSTART', 'NO_TRACING_STARTED', 'NO_RESOURCE_REQUEST']);

test('Lighthouse on home and the signed-in dashboard: accessibility and best practices ≥ 95', async ({
  stack,
}, testInfo) => {
  test.setTimeout(300_000);
  // Lighthouse drives a Chromium over the DevTools port; Debian's, started here with the usual
  // flags. Its default browser context is the signed-in profile the audits run in.
  const port = await freePort();
  const profileDir = mkdtempSync(join(tmpdir(), 'e2e-lighthouse-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: loadToolEnv().chromiumPath,
    args: [...chromiumLaunchArgs, `--remote-debugging-port=${port}`],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, 'alice', stack.webUrl);

    for (const [name, path] of [
      ['home', '/'],
      ['dashboard', '/dashboard'],
    ] as const) {
      const audit = () =>
        lighthouse(
          `${stack.webUrl}${path}`,
          {
            port,
            output: ['html', 'json'],
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility', 'best-practices'],
            // Keep the session cookie: the dashboard audit is of the signed-in page.
            disableStorageReset: true,
          },
          desktopConfig,
        );
      let result = await audit();
      const firstError = result?.lhr.runtimeError?.code;
      if (firstError && traceRecordingErrors.has(firstError)) {
        testInfo.annotations.push({
          type: 'lighthouse',
          description: `${path}: ${firstError} (trace not recorded); audited once more`,
        });
        result = await audit();
      }
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const [html, json] = result.report as string[];
      writeFileSync(testInfo.outputPath(`lighthouse-${name}.html`), html!);
      writeFileSync(testInfo.outputPath(`lighthouse-${name}.json`), json!);
      await testInfo.attach(`lighthouse-${name}.html`, {
        path: testInfo.outputPath(`lighthouse-${name}.html`),
        contentType: 'text/html',
      });
      const { lhr } = result;
      const scores = Object.fromEntries(
        Object.entries(lhr.categories).map(([id, category]) => [id, category.score]),
      );
      const line = `Lighthouse ${name} (${lhr.finalDisplayedUrl}): ${JSON.stringify(scores)}`;
      console.info(line);
      testInfo.annotations.push({ type: 'lighthouse', description: line });
      expect(lhr.runtimeError, `Lighthouse runtime error on ${path}`).toBeUndefined();
      expect(new URL(lhr.finalDisplayedUrl).pathname, 'audited the page asked for').toBe(path);
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => `${a.id}: ${a.title}`);
      for (const [category, minimum] of Object.entries(minimumScores)) {
        expect(
          scores[category],
          `${category} on ${path}; audits not passed: ${failing.join('; ')}`,
        ).toBeGreaterThanOrEqual(minimum);
      }
    }
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
});
