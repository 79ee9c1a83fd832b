import { describe, expect, it } from 'vitest';
import { apiEnvVariables, legacyEnvNames, webEnvVariables } from '../src/index';

describe('v3-era variable names', () => {
  it('lists only names the app they are stale in never reads, each replaced by names it does', () => {
    for (const legacy of legacyEnvNames) {
      for (const app of legacy.staleIn) {
        const reads: readonly string[] = app === 'web' ? webEnvVariables() : apiEnvVariables;
        expect(reads).not.toContain(legacy.name);
        for (const v4 of legacy.replacedBy) expect(reads).toContain(v4);
      }
    }
  });

  it("keeps an API's own AUTH0_AUDIENCE: stale in web only", () => {
    const audience = legacyEnvNames.find((l) => l.name === 'AUTH0_AUDIENCE');
    expect(audience?.staleIn).toEqual(['web']);
    expect(apiEnvVariables).toContain('AUTH0_AUDIENCE');
  });
});
