import { defineConfig } from '@playwright/test';
import { loadToolEnv } from '@repo/auth-config';
import { chromiumLaunchArgs } from '@repo/test-harness/chromium';

const tools = loadToolEnv();

/**
 * Debian's Chromium, never a downloaded browser. One worker: the scenarios share one stack (a
 * real IdP, two APIs, the production web build), and one of them stops an API on purpose.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: tools.chromiumPath,
      args: [...chromiumLaunchArgs],
    },
  },
});
