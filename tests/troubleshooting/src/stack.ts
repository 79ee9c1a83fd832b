import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack, type StackOptions } from '@repo/test-harness/stack';

/** The test stack (production build of web, local IdP, every API), logs in a fresh folder. */
export function startScenarioStack(
  name: string,
  options: Omit<StackOptions, 'logDir'> = {},
): Promise<Stack> {
  return startStack({
    logDir: mkdtempSync(join(tmpdir(), `troubleshooting-${name}-`)),
    ...options,
  });
}
