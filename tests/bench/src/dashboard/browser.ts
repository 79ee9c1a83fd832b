import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchArgs } from '@repo/test-harness/chromium';

/** Debian's Chromium (CHROMIUM_PATH) with the harness's flags; the caller closes it. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...chromiumLaunchArgs] });
}
